"""The App end to end over HTTP: signed deliveries into the real server and queue, GitHubForge's calls
answered by the HTTP-level fake GitHub. The handlers' decisions are tested over FakeForge
(`test_app_proposals.py`, `test_app_commands.py`, ...); these two prove the wiring holds together."""

from __future__ import annotations

import payloads
import yaml
from http_harness import AppHarness

from agentmend import markers
from agentmend.store import changes, installations

TARGETS = {"prompts/system.md", "agent/tools.yaml", "agent/routing.yaml"}


def test_installing_on_a_repo_with_exports_opens_one_labelled_pr_per_failure_cause(
    app_harness: AppHarness, support_agent_files: dict[str, bytes]
) -> None:
    fake = app_harness.fake
    repo = fake.add_repo("acme/support-bot", support_agent_files)
    assert app_harness.deliver("installation", payloads.installation_created(fake, repo)).status_code == 202
    assert app_harness.run_jobs() == 1
    prs = repo.open_pulls()
    assert len(prs) == 5  # the generator planted five failure causes
    causes = set()
    main = repo.refs["heads/main"]
    base_files = repo.files_at(main)
    for pr in prs:
        assert pr["head"].startswith("agentmend/") and pr["labels"] == ["agentmend"]
        assert pr["title"].startswith("agentmend: ")
        cause = markers.parse_cause(pr["body"])
        assert cause is not None, pr["body"][:300]
        causes.add(cause[0])
        assert "### Numbers" in pr["body"] and "```mermaid" in pr["body"]
        assert repo.branch_commits(pr["head"])[1] == main  # one commit over the default head
        branch_files = repo.files_at(pr["head"])
        changed = {p for p in branch_files if branch_files[p] != base_files.get(p)}
        assert changed and changed <= TARGETS
        for path in changed & {"agent/tools.yaml", "agent/routing.yaml"}:
            yaml.safe_load(branch_files[path])  # still valid YAML
    assert len(causes) == 5
    opened = changes.open_changes(app_harness.engine, "acme/support-bot")
    assert {c.number for c in opened} == {pr["number"] for pr in prs}
    assert installations.last_analyzed(app_harness.engine, "acme/support-bot") == main
    assert fake.tokens_issued == 1


def test_a_secondary_rate_limit_is_waited_out_and_the_job_completes(
    app_harness: AppHarness, support_agent_files: dict[str, bytes], sleeps: list[float]
) -> None:
    fake = app_harness.fake
    repo = fake.add_repo("acme/support-bot", support_agent_files)
    fake.fail(
        "POST",
        r"/pulls$",
        403,
        headers={"Retry-After": "30"},
        body={"message": "You have exceeded a secondary rate limit. Please wait a few minutes."},
    )
    app_harness.deliver("installation", payloads.installation_created(fake, repo))
    app_harness.run_jobs()
    assert sleeps == [30.0]
    assert len(repo.open_pulls()) == 5
    assert fake.count("POST", r"/pulls$") == 6  # the refused call was repeated once, nothing more
