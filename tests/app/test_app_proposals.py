"""Installs, pushes and closed PRs through the App's handlers: which PRs agentmend opens, refreshes, closes
and remembers (over a recording fake forge; the same path over HTTP is `test_app_end_to_end.py`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import events
import yaml
from fake_forge import Closed, Commented, FakeRepo, Opened, Pull, Pushed
from generator import generate
from handler_harness import Handlers

from agentmend import markers
from agentmend.app.proposals import analyze_and_propose
from agentmend.store import changes, installations

REPO = "acme/support-bot"
TARGETS = {"prompts/system.md", "agent/tools.yaml", "agent/routing.yaml"}


def _first(repo: FakeRepo) -> Pull:
    return repo.open_pulls()[0]


def _touch_config(repo: FakeRepo) -> dict[str, object]:
    """A push that edits the config: the next analysis runs on a new head with the same exports."""
    before = repo.refs["main"]
    after = repo.commit({".github/agentmend.yml": repo.files_at("main")[".github/agentmend.yml"] + b"#\n"})
    return events.push(repo, before, after, modified=[".github/agentmend.yml"])


def test_installing_on_a_repo_with_exports_opens_one_labelled_pr_per_failure_cause(
    handlers: Handlers, support_agent_files: dict[str, bytes]
) -> None:
    repo = handlers.add_repo(REPO, support_agent_files)
    handlers.deliver("installation", events.installation_created(repo))
    prs = repo.open_pulls()
    assert len(prs) == 5  # the generator planted five failure causes
    main = repo.refs["main"]
    causes = set()
    for pr in prs:
        assert pr.branch.startswith("agentmend/") and pr.labels == ("agentmend",)
        assert pr.title.startswith("agentmend: ") and "### Numbers" in pr.body and "```mermaid" in pr.body
        cause = markers.parse_cause(pr.body)
        assert cause is not None, pr.body[:300]
        causes.add(cause[0])
        assert repo.first_parents(repo.refs[pr.branch])[1] == main  # one commit over the default head
        branch, base = repo.files_at(pr.branch), repo.files_at("main")
        changed = {p for p in branch if branch[p] != base.get(p)}
        assert changed and changed <= TARGETS
        for path in changed & {"agent/tools.yaml", "agent/routing.yaml"}:
            yaml.safe_load(branch[path])  # still valid YAML
    assert len(causes) == 5
    assert [type(w) for w in repo.writes] == [Pushed, Opened] * 5
    assert {c.number for c in changes.open_changes(handlers.engine, REPO)} == {p.number for p in prs}
    assert installations.last_analyzed(handlers.engine, REPO) == main


def test_max_open_prs_is_respected(handlers: Handlers, support_agent_files: dict[str, bytes]) -> None:
    files = dict(support_agent_files)
    files[".github/agentmend.yml"] = files[".github/agentmend.yml"].replace(
        b"max_open_prs: 10", b"max_open_prs: 2"
    )
    repo = handlers.add_repo(REPO, files)
    handlers.deliver("installation_repositories", events.repositories_added(repo))
    assert len(repo.open_pulls()) == 2


def test_a_repo_without_config_is_skipped_quietly(handlers: Handlers) -> None:
    repo = handlers.add_repo("acme/website", {"index.html": b"<h1>hi</h1>\n"})
    handlers.deliver("installation", events.installation_created(repo))
    assert repo.writes == [] and repo.pulls == {}


def test_an_invalid_config_is_reported_as_a_failed_check_on_the_head(handlers: Handlers) -> None:
    repo = handlers.add_repo("acme/bot", {".github/agentmend.yml": b"version: 1\nexports: []\n"})
    handlers.deliver("installation", events.installation_created(repo))
    run = repo.checks[(repo.refs["main"], "agentmend config")]
    assert run.conclusion == "failure" and "agentmend.yml" in run.title and "exports" in run.summary
    assert repo.pulls == {}


def test_a_second_identical_push_opens_no_pr_and_writes_no_commit(
    handlers: Handlers, installed: FakeRepo, support_agent_files: dict[str, bytes]
) -> None:
    repo = installed
    before = repo.refs["main"]
    new_export = "exports/openai/conversations-2026-10-22.jsonl"
    after = repo.commit({new_export: support_agent_files["exports/openai/conversations-2026-10-15.jsonl"]})
    push = events.push(repo, before, after, added=[new_export])
    handlers.deliver("push", push)
    heads = {p.number: repo.refs[p.branch] for p in repo.open_pulls()}
    writes = list(repo.writes)

    handlers.deliver("push", push)  # the same push again, e.g. from a second webhook
    assert repo.writes == writes

    # even when the head is analyzed again (as if the app forgot it was done), every PR is up to date
    config = handlers.config(REPO)
    assert config is not None
    analyze_and_propose(handlers.ctx, handlers.forge(REPO), config, force=True)
    assert repo.writes == writes
    assert {p.number: repo.refs[p.branch] for p in repo.open_pulls()} == heads


def test_a_push_that_touches_no_export_does_not_analyze(handlers: Handlers, installed: FakeRepo) -> None:
    repo = installed
    analyzed = installations.last_analyzed(handlers.engine, REPO)
    before = repo.refs["main"]
    after = repo.commit({"README.md": "# Lumen support bot\n"})
    handlers.deliver("push", events.push(repo, before, after, modified=["README.md"]))
    assert repo.writes == []
    assert installations.last_analyzed(handlers.engine, REPO) == analyzed != after


def test_a_push_without_commit_lists_or_default_branch_fields_is_still_analyzed(
    handlers: Handlers, installed: FakeRepo, support_agent_files: dict[str, bytes]
) -> None:
    repo = installed
    before = repo.refs["main"]
    new_export = "exports/csv/turns-2026-10-22.csv"
    after = repo.commit({new_export: support_agent_files["exports/csv/turns-2026-10-15.csv"]})
    payload = events.push(repo, before, after, with_commits=False)
    del payload["repository"]["default_branch"], payload["repository"]["master_branch"]
    handlers.deliver("push", payload)
    assert installations.last_analyzed(handlers.engine, REPO) == after


def test_closing_a_pr_unmerged_cools_its_cause_down(
    handlers: Handlers, installed: FakeRepo, support_agent_files: dict[str, bytes]
) -> None:
    repo = installed
    pr = _first(repo)
    pr.state = "closed"  # a reviewer closes it
    handlers.deliver("pull_request", events.pull_request_closed(repo, pr.number))
    (cool,) = changes.history(handlers.engine, REPO).cooldowns.values()
    assert not cool.permanent and cool.size > 0
    row = changes.find(handlers.engine, REPO, branch=pr.branch)
    assert row is not None and row.state == "closed" and row.cause_id == cool.cause_id

    # new exports with the same numbers: the other PRs are refreshed, the rejected cause stays closed
    handlers.deliver("push", _touch_config(repo))
    assert len(repo.open_pulls()) == 4 and len(repo.pulls) == 5
    assert all(p.branch != pr.branch for p in repo.open_pulls())
    assert not repo.written(Opened)


def test_a_merge_is_recorded_for_the_metric_watch(handlers: Handlers, installed: FakeRepo) -> None:
    repo = installed
    pr = _first(repo)
    merge_sha = repo.merge_pull(pr.number, merged_by="carol")
    handlers.deliver("pull_request", events.pull_request_closed(repo, pr.number))
    row = changes.find(handlers.engine, REPO, branch=pr.branch)
    assert row is not None and row.state == "merged"
    assert (row.merge_sha, row.merged_by) == (merge_sha, "carol") and row.merged_at is not None
    watch = repo.app_comment(pr.number, "watch")
    assert watch is not None and "agentmend watch" in watch.body
    assert repo.checks[(merge_sha, "agentmend/watch")].conclusion is None  # in progress


def test_an_open_pr_whose_cause_is_gone_is_closed_with_a_reason(
    handlers: Handlers, installed: FakeRepo
) -> None:
    repo = installed
    repo.commit(
        {"prompts/system.md": "Old proposal.\n"}, branch="agentmend/vanished-cause", author=repo.bot_login
    )
    old = repo.open_pull(
        "agentmend/vanished-cause", title="old", body="old", user=repo.bot_login, user_type="Bot"
    )
    changes.save(handlers.engine, REPO, "agentmend/vanished-cause", cause_id="c-vanished", number=old.number,
                 state="open")  # fmt: skip
    handlers.deliver("push", _touch_config(repo))
    assert repo.pulls[old.number].state == "closed" and Closed(old.number) in repo.writes
    (said,) = [w for w in repo.written(Commented) if w.number == old.number]
    assert "no longer finds this failure cause" in said.body
    assert len(repo.open_pulls()) == 5  # the live causes' PRs stay open
    row = changes.find(handlers.engine, REPO, branch="agentmend/vanished-cause")
    assert row is not None and row.state == "closed"


def test_a_merged_cause_is_not_proposed_again_when_more_exports_arrive(
    handlers: Handlers, installed: FakeRepo, tmp_path: Path
) -> None:
    repo = installed
    [pr] = [p for p in repo.open_pulls() if "export" in p.title.lower() or "csv" in p.title.lower()]
    repo.merge_pull(pr.number, merged_by="carol")
    handlers.deliver("pull_request", events.pull_request_closed(repo, pr.number))

    # the exports are cumulative: the old CSV-export failures stay, the new week has none
    root = tmp_path / "after"
    generate(root, seed=8, conversations=120, start=date(2026, 10, 22), days=7, id_prefix="n",
             cause_rates={"csv_export_refused": 0.0})  # fmt: skip
    new = {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    before = repo.refs["main"]
    head = repo.commit(new, message="nightly export")
    handlers.deliver("push", events.push(repo, before, head, added=sorted(new)))
    assert installations.last_analyzed(handlers.engine, REPO) == head
    assert [p.number for p in repo.pulls.values() if p.branch == pr.branch] == [pr.number]
    assert not repo.written(Opened)
    assert len(repo.open_pulls()) == 4  # the other causes' PRs stay open
