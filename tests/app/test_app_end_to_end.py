"""The app end to end: signed deliveries in, pull requests and comments out, against the fake GitHub."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import payloads
import pytest
import yaml
from conftest import AppHarness, Installed, restore_installed
from fake_github import FakeRepo
from generator import generate
from sqlalchemy.orm import Session

from agentmend.store import changes, installations
from agentmend.store.tables import AppRepoRow, ChangeRow, CooldownRow

TARGETS = {"prompts/system.md", "agent/tools.yaml", "agent/routing.yaml"}
MARKER = re.compile(r"<!-- agentmend:cause=([^;]+);run=")


@pytest.fixture
def installed(app_harness: AppHarness, installed_snapshot: Installed) -> FakeRepo:
    """acme/support-bot with the example agent, right after the app was installed and its first job ran.

    The install runs once per session; each test starts from a copy of GitHub and of the app's database.
    """
    restore_installed(app_harness, installed_snapshot)
    return app_harness.fake.repos["acme/support-bot"]


def _pr(repo: FakeRepo) -> dict:  # type: ignore[type-arg]
    return min(repo.open_pulls(), key=lambda p: p["number"])


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
        match = MARKER.search(pr["body"])
        assert match is not None, pr["body"][:300]
        causes.add(match.group(1))
        assert "### Numbers" in pr["body"] and "```mermaid" in pr["body"]
        assert repo.branch_commits(pr["head"])[1] == main  # one commit over the default head
        branch_files = repo.files_at(pr["head"])
        changed = {p for p in branch_files if branch_files[p] != base_files.get(p)}
        assert changed and changed <= TARGETS
        for path in changed & {"agent/tools.yaml", "agent/routing.yaml"}:
            yaml.safe_load(branch_files[path])  # still valid YAML
    assert len(causes) == 5
    with Session(app_harness.engine) as s:
        rows = s.query(ChangeRow).filter_by(repo="acme/support-bot", state="open").all()
        assert {r.number for r in rows} == {pr["number"] for pr in prs}
        assert s.get(AppRepoRow, "acme/support-bot").last_head_sha == main  # type: ignore[union-attr]
    assert fake.tokens_issued == 1


def test_max_open_prs_is_respected(app_harness: AppHarness, support_agent_files: dict[str, bytes]) -> None:
    files = dict(support_agent_files)
    files[".github/agentmend.yml"] = files[".github/agentmend.yml"].replace(
        b"max_open_prs: 10", b"max_open_prs: 2"
    )
    repo = app_harness.fake.add_repo("acme/support-bot", files)
    app_harness.deliver("installation_repositories", payloads.repositories_added(app_harness.fake, repo))
    app_harness.run_jobs()
    assert len(repo.open_pulls()) == 2


def test_a_second_identical_push_opens_no_pr_and_writes_no_commit(
    app_harness: AppHarness, installed: FakeRepo, support_agent_files: dict[str, bytes]
) -> None:
    repo, fake = installed, app_harness.fake
    before = repo.refs["heads/main"]
    new_export = "exports/openai/conversations-2026-10-22.jsonl"
    after = repo.commit_files(
        {new_export: support_agent_files["exports/openai/conversations-2026-10-15.jsonl"]}
    )
    push = payloads.push(fake, repo, before, after, added=[new_export])
    app_harness.deliver("push", push)
    app_harness.run_jobs()
    prs = {p["number"]: repo.refs[f"heads/{p['head']}"] for p in repo.open_pulls()}
    writes, commits = len(fake.writes), len(repo.commits)

    app_harness.deliver("push", push)  # the same push again, e.g. from a second webhook
    app_harness.run_jobs()
    assert len(fake.writes) == writes and len(repo.commits) == commits

    # even after forgetting that this head was done, a re-run finds every PR up to date
    with Session(app_harness.engine) as s, s.begin():
        s.get(AppRepoRow, "acme/support-bot").last_head_sha = None  # type: ignore[union-attr]
    app_harness.deliver("push", push)
    app_harness.run_jobs()
    assert len(fake.writes) == writes and len(repo.commits) == commits
    assert {p["number"]: repo.refs[f"heads/{p['head']}"] for p in repo.open_pulls()} == prs


def test_a_push_that_touches_no_export_does_not_analyze(app_harness: AppHarness, installed: FakeRepo) -> None:
    repo, fake = installed, app_harness.fake
    before = repo.refs["heads/main"]
    after = repo.commit_files({"README.md": "# Lumen support bot\n"})
    app_harness.deliver("push", payloads.push(fake, repo, before, after, modified=["README.md"]))
    app_harness.run_jobs()
    assert fake.writes == []
    reads = fake.endpoints()
    assert sum(reads.values()) <= 5 and not any("/pulls" in e for e in reads)  # it read the config, no more


def test_regenerate_from_a_writer_force_pushes_and_edits_one_status_comment(
    app_harness: AppHarness, installed: FakeRepo
) -> None:
    repo, fake = installed, app_harness.fake
    repo.permissions["alice"] = "write"
    pr = _pr(repo)
    old_head = repo.refs[f"heads/{pr['head']}"]
    payload = payloads.issue_comment_created(
        fake, repo, pr["number"], "@agentmend regenerate shorter please", "alice"
    )
    app_harness.deliver("issue_comment", payload)
    app_harness.run_jobs()

    new_head = repo.refs[f"heads/{pr['head']}"]
    assert new_head != old_head and old_head not in repo.branch_commits(pr["head"])  # force-pushed
    assert repo.branch_commits(pr["head"])[1] == repo.refs["heads/main"]
    assert b"shorter please" in b"".join(repo.files_at(pr["head"]).values())
    assert (
        "@alice" in repo.pulls[pr["number"]]["body"] and "shorter please" in repo.pulls[pr["number"]]["body"]
    )
    assert [r["content"] for r in repo.reactions if r["comment_id"] == payload["comment"]["id"]] == ["eyes"]
    status = [c for c in repo.comments_on(pr["number"]) if "<!-- agentmend:status -->" in c["body"]]
    assert len(status) == 1 and "regenerate" in status[0]["body"] and "✅" in status[0]["body"]
    assert len(repo.open_pulls()) == 5

    app_harness.deliver(
        "issue_comment",
        payloads.issue_comment_created(fake, repo, pr["number"], "/agentmend explain", "alice"),
    )
    app_harness.run_jobs()
    status = [c for c in repo.comments_on(pr["number"]) if "<!-- agentmend:status -->" in c["body"]]
    assert len(status) == 1 and "Evidence for" in status[0]["body"] and "Lift" in status[0]["body"]


def test_the_same_command_from_a_read_only_user_is_politely_refused(
    app_harness: AppHarness, installed: FakeRepo
) -> None:
    repo, fake = installed, app_harness.fake
    repo.permissions["bob"] = "read"
    pr = _pr(repo)
    head = repo.refs[f"heads/{pr['head']}"]
    writes = len(fake.writes)
    payload = payloads.issue_comment_created(
        fake, repo, pr["number"], "@agentmend regenerate shorter please", "bob"
    )
    app_harness.deliver("issue_comment", payload)
    app_harness.run_jobs()
    assert repo.refs[f"heads/{pr['head']}"] == head
    (status,) = [c for c in repo.comments_on(pr["number"]) if "<!-- agentmend:status -->" in c["body"]]
    assert "Sorry @bob" in status["body"] and "write access" in status["body"]
    assert [c.path.rsplit("/", 1)[-1] for c in fake.writes[writes:]] == ["reactions", "comments"]


def test_comments_from_bots_and_plain_comments_are_ignored(
    app_harness: AppHarness, installed: FakeRepo
) -> None:
    repo, fake = installed, app_harness.fake
    pr = _pr(repo)
    calls = len(fake.calls)
    app_harness.deliver(
        "issue_comment",
        payloads.issue_comment_created(
            fake, repo, pr["number"], "@agentmend regenerate", "renovate[bot]", user_type="Bot"
        ),
    )
    app_harness.deliver(
        "issue_comment", payloads.issue_comment_created(fake, repo, pr["number"], "LGTM!", "alice")
    )
    app_harness.run_jobs()
    assert len(fake.calls) == calls


def test_an_unknown_command_gets_the_help_text(app_harness: AppHarness, installed: FakeRepo) -> None:
    repo, fake = installed, app_harness.fake
    repo.permissions["alice"] = "admin"
    pr = _pr(repo)
    app_harness.deliver(
        "issue_comment", payloads.issue_comment_created(fake, repo, pr["number"], "@agentmend dance", "alice")
    )
    app_harness.run_jobs()
    (status,) = [c for c in repo.comments_on(pr["number"]) if "<!-- agentmend:status -->" in c["body"]]
    assert "`dance` is not a command" in status["body"] and "regenerate" in status["body"]


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


def test_closing_a_pr_unmerged_cools_its_cause_down(
    app_harness: AppHarness, installed: FakeRepo, support_agent_files: dict[str, bytes]
) -> None:
    repo, fake = installed, app_harness.fake
    pr = _pr(repo)
    repo.pulls[pr["number"]]["state"] = "closed"
    app_harness.deliver("pull_request", payloads.pull_request_closed(fake, repo, pr["number"], merged=False))
    app_harness.run_jobs()
    with Session(app_harness.engine) as s:
        (cool,) = s.query(CooldownRow).all()
        assert cool.permanent == 0 and cool.size > 0
        assert s.get(ChangeRow, ("acme/support-bot", pr["head"])).state == "closed"  # type: ignore[union-attr]

    # new exports with the same numbers: the other PRs are refreshed, the rejected cause stays closed
    before = repo.refs["heads/main"]
    after = repo.commit_files(
        {".github/agentmend.yml": support_agent_files[".github/agentmend.yml"] + b"\n# hi\n"}
    )
    app_harness.deliver("push", payloads.push(fake, repo, before, after, modified=[".github/agentmend.yml"]))
    app_harness.run_jobs()
    assert len(repo.open_pulls()) == 4 and len(repo.pulls) == 5
    assert all(p["head"] != pr["head"] for p in repo.open_pulls())


def test_ignore_closes_the_pr_and_suppresses_the_cause_for_good(
    app_harness: AppHarness, installed: FakeRepo
) -> None:
    repo, fake = installed, app_harness.fake
    repo.permissions["alice"] = "maintain"
    pr = _pr(repo)
    app_harness.deliver(
        "issue_comment",
        payloads.issue_comment_created(fake, repo, pr["number"], "@agentmend ignore", "alice"),
    )
    app_harness.run_jobs()
    assert repo.pulls[pr["number"]]["state"] == "closed"
    # GitHub then sends the pull_request closed event for our own close: it must not downgrade the ignore
    app_harness.deliver("pull_request", payloads.pull_request_closed(fake, repo, pr["number"], merged=False))
    app_harness.run_jobs()
    with Session(app_harness.engine) as s:
        cause = s.get(ChangeRow, ("acme/support-bot", pr["head"])).cause_id  # type: ignore[union-attr]
        assert s.get(CooldownRow, ("acme/support-bot", cause)).permanent == 1  # type: ignore[union-attr]


def test_a_merge_is_recorded_for_the_metric_watch(app_harness: AppHarness, installed: FakeRepo) -> None:
    repo, fake = installed, app_harness.fake
    pr = _pr(repo)
    merge_sha = fake.merge_pull(repo, pr["number"], merged_by="carol")
    app_harness.deliver("pull_request", payloads.pull_request_closed(fake, repo, pr["number"], merged=True))
    app_harness.run_jobs()
    row = changes.find(app_harness.engine, "acme/support-bot", branch=pr["head"])
    assert row is not None and row.state == "merged"
    assert (row.merge_sha, row.merged_by) == (merge_sha, "carol") and row.merged_at is not None


def test_a_push_without_commit_lists_or_default_branch_fields_is_still_analyzed(
    app_harness: AppHarness, installed: FakeRepo, support_agent_files: dict[str, bytes]
) -> None:
    repo, fake = installed, app_harness.fake
    before = repo.refs["heads/main"]
    new_export = "exports/csv/turns-2026-10-22.csv"
    after = repo.commit_files({new_export: support_agent_files["exports/csv/turns-2026-10-15.csv"]})
    payload = payloads.push(fake, repo, before, after, with_commits=False)
    del payload["repository"]["default_branch"], payload["repository"]["master_branch"]
    assert app_harness.deliver("push", payload).status_code == 202
    app_harness.run_jobs()
    assert installations.last_analyzed(app_harness.engine, "acme/support-bot") == after


def test_an_open_pr_whose_cause_is_gone_is_closed_with_a_reason(
    app_harness: AppHarness, installed: FakeRepo
) -> None:
    repo, fake = installed, app_harness.fake
    repo.refs["heads/agentmend/vanished-cause"] = repo.refs["heads/main"]
    repo.commit_files({"prompts/system.md": "Old proposal.\n"}, branch="agentmend/vanished-cause")
    number = max(repo.pulls) + 1
    repo.pulls[number] = {
        **_pr(repo),
        "number": number,
        "id": 1,
        "head": "agentmend/vanished-cause",
        "title": "old",
        "body": "old",
    }
    changes.save(app_harness.engine, "acme/support-bot", "agentmend/vanished-cause",
                      cause_id="c-vanished", number=number, state="open")  # fmt: skip
    before = repo.refs["heads/main"]
    after = repo.commit_files(
        {".github/agentmend.yml": repo.files_at("main")[".github/agentmend.yml"] + b"#\n"}
    )
    app_harness.deliver("push", payloads.push(fake, repo, before, after, modified=[".github/agentmend.yml"]))
    app_harness.run_jobs()
    assert repo.pulls[number]["state"] == "closed"
    assert "no longer finds this failure cause" in repo.comments_on(number)[-1]["body"]
    assert len(repo.open_pulls()) == 5  # the live causes' PRs stay open


def test_a_merged_cause_is_not_proposed_again_when_more_exports_arrive(
    app_harness: AppHarness, installed: FakeRepo, tmp_path: Path
) -> None:
    repo, fake = installed, app_harness.fake
    [pr] = [p for p in repo.open_pulls() if "export" in p["title"].lower() or "csv" in p["title"].lower()]
    fake.merge_pull(repo, pr["number"], merged_by="carol")
    app_harness.deliver("pull_request", payloads.pull_request_closed(fake, repo, pr["number"], merged=True))
    app_harness.run_jobs()

    # the exports are cumulative: the old CSV-export failures stay, the new week has none
    root = tmp_path / "after"
    generate(root, seed=8, conversations=120, start=date(2026, 10, 22), days=7, id_prefix="n",
             cause_rates={"csv_export_refused": 0.0})  # fmt: skip
    new = {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    before = repo.refs["heads/main"]
    head = repo.commit_files(new, message="nightly export")
    app_harness.deliver("push", payloads.push(fake, repo, before, head, added=sorted(new)))
    app_harness.run_jobs()
    assert installations.last_analyzed(app_harness.engine, "acme/support-bot") == head
    assert [p["number"] for p in repo.pulls.values() if p["head"] == pr["head"]] == [pr["number"]]
    assert len(repo.open_pulls()) == 4  # the other causes' PRs stay open
