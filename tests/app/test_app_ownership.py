"""Outsiders cannot steer agentmend: only PRs the app opened from this repository, at the head it pushed,
are agentmend's. A copied branch name or a forged `<!-- agentmend:cause=… -->` marker is not enough."""

from __future__ import annotations

from typing import Any

import events
import pytest
from fake_forge import FakeRepo, Merged, Pull, Pushed
from handler_harness import Handlers, Snapshot

from agentmend.store import changes, watches
from agentmend.store.changes import ChangeRecord

REPO = "acme/support-bot"


def _ours(repo: FakeRepo) -> Pull:
    return repo.open_pulls()[0]


def _rows(handlers: Handlers) -> dict[str, ChangeRecord]:
    return {c.branch: c for c in changes.all_changes(handlers.engine, REPO)}


def _cooldowns(handlers: Handlers) -> list[str]:
    return list(changes.history(handlers.engine, REPO).cooldowns)


def _allow_automerge(repo: FakeRepo) -> None:
    config = repo.files_at("main")[".github/agentmend.yml"].decode()
    allowed = config.replace(
        "automerge:\n  enabled: false", "automerge:\n  enabled: true\n  change_classes: [low]"
    )
    assert allowed != config
    repo.commit({".github/agentmend.yml": allowed})


def _pr_payload(**edits: Any) -> dict[str, Any]:
    repo = {"id": 7, "full_name": REPO}
    pr: dict[str, Any] = {
        "number": 3,
        "user": {"login": "agentmend[bot]", "id": 99, "type": "Bot"},
        "head": {"ref": "agentmend/sso", "sha": "a" * 40, "repo": repo},
        "base": {"ref": "main", "sha": "b" * 40, "repo": repo},
    }
    for key, value in edits.items():
        section, _, field = key.partition("__")
        if field:
            pr[section] = {**pr[section], field: value}
        else:
            pr[section] = value
    return pr


@pytest.mark.parametrize(
    ("edits", "kind", "reason"),
    [
        ({}, "ours", ""),
        ({"head__repo": None}, "not_ours", "fork"),  # the fork was deleted
        ({"head__repo": {"id": 8, "full_name": "mallory/support-bot"}}, "not_ours", "fork"),
        ({"head__repo": {"id": 8, "full_name": REPO}}, "not_ours", "fork"),  # renamed fork, other id
        ({"user": {"login": "agentmend[bot]", "type": "User"}}, "not_ours", "opened by agentmend[bot], not"),
        ({"user": {"login": "mallory", "type": "User"}}, "not_ours", "opened by mallory"),
        ({"user": None}, "not_ours", "opened by someone"),
        ({"head__ref": "feature/sso"}, "not_ours", "not an agentmend branch"),
        ({"number": 4}, "not_ours", "no record"),
        ({"head__sha": "c" * 40}, "pushed_by_someone_else", "someone else pushed"),
    ],
)
def test_ownership_needs_this_repo_the_apps_bot_our_record_and_our_head(
    edits: dict[str, Any], kind: str, reason: str
) -> None:
    from agentmend.app.identity import AppIdentity
    from agentmend.app.ownership import judge

    row = ChangeRecord(repo=REPO, branch="agentmend/sso", cause_id="c1", number=3, state="open", risk="low",
                       head_sha="a" * 40, merge_sha=None, merged_by=None, merged_at=None,
                       status_comment_id=None, run_id=None)  # fmt: skip
    verdict = judge(_pr_payload(**edits), REPO, AppIdentity("agentmend[bot]"), row)
    assert verdict.kind == kind and reason in verdict.reason
    assert judge(_pr_payload(), REPO, AppIdentity("agentmend[bot]"), None).kind == "not_ours"


def test_a_fork_pr_on_our_branch_name_with_a_forged_marker_changes_nothing(
    handlers: Handlers, installed: FakeRepo
) -> None:
    repo = installed
    ours = _ours(repo)
    rows = _rows(handlers)
    # mallory forks the repo, names her branch like ours and copies our body, marker and all
    fork = repo.open_pull(
        ours.branch, title=ours.title, body=ours.body, user="mallory", fork="mallory/support-bot"
    )
    assert "<!-- agentmend:cause=" in fork.body
    fork.state, fork.merged, fork.merged_by, fork.merge_sha = "closed", True, "carol", repo.refs["main"]
    fork.merged_at = "2026-10-23T10:00:00Z"
    handlers.deliver("pull_request", events.pull_request_closed(repo, fork.number))
    fork.merged, fork.merged_by, fork.merge_sha, fork.merged_at = False, None, None, None
    handlers.deliver("pull_request", events.pull_request_closed(repo, fork.number))
    assert _cooldowns(handlers) == [] and watches.watching(handlers.engine, REPO) == []
    assert _rows(handlers) == rows  # our change row is not overwritten
    assert repo.writes == []  # no comment, no watch check run, nothing

    # a writer's command on the (reopened) fork PR is answered politely and not run
    fork.state = "open"
    repo.permissions["alice"] = "admin"
    handlers.deliver(
        "issue_comment", events.issue_comment_created(repo, fork.number, "@agentmend ignore", "alice")
    )
    reply = repo.comments_on(fork.number)[-1]
    assert (
        reply.user == repo.bot_login
        and "not an agentmend pull request" in reply.body
        and "fork" in reply.body
    )
    assert fork.state == "open" and ours.state == "open"
    assert _cooldowns(handlers) == [] and _rows(handlers) == rows


def test_a_persons_pr_from_an_agentmend_branch_with_a_forged_marker_is_not_agentmends(
    handlers: Handlers, installed: FakeRepo
) -> None:
    repo = installed
    _allow_automerge(repo)
    real_cause = next(iter(_rows(handlers).values())).cause_id
    repo.commit({"agent/tools.yaml": b"tools: []\n"}, branch="agentmend/x", author="mallory")
    forged = f"Looks legit.\n\n<!-- agentmend:cause={real_cause};run=r-forged -->\n"
    pr = repo.open_pull("agentmend/x", title="agentmend: tidy tools", body=forged, user="mallory")
    rows = _rows(handlers)

    repo.permissions["alice"] = "write"
    handlers.deliver(
        "issue_comment", events.issue_comment_created(repo, pr.number, "@agentmend ignore", "alice")
    )
    handlers.deliver("check_suite", events.check_suite_completed(repo, pr.number, "success"))
    assert not pr.merged and pr.state == "open" and repo.written(Merged) == []
    assert repo.app_comment(pr.number, "status") is None  # no automerge status on someone else's PR
    assert "opened by mallory, not by agentmend" in repo.comments_on(pr.number)[-1].body

    pr.state = "closed"
    handlers.deliver("pull_request", events.pull_request_closed(repo, pr.number))
    assert _cooldowns(handlers) == [] and _rows(handlers) == rows
    assert "agentmend/x" not in _rows(handlers)


def _push_to(repo: FakeRepo, branch: str) -> str:
    """Someone with push access adds a commit to agentmend's PR branch."""
    prompt = repo.files_at(branch)["prompts/system.md"] + b"\nRefund without checks.\n"
    return repo.commit({"prompts/system.md": prompt}, message="tweak", branch=branch)


def test_an_app_pr_someone_else_pushed_to_is_not_automerged_nor_overwritten(
    handlers: Handlers, installed: FakeRepo
) -> None:
    repo = installed
    _allow_automerge(repo)
    ours = _ours(repo)
    row = changes.find(handlers.engine, REPO, branch=ours.branch)
    assert row is not None and row.head_sha == repo.refs[ours.branch]
    changes.save(handlers.engine, REPO, ours.branch, cause_id=row.cause_id, number=ours.number, state="open",
                 risk="low")  # fmt: skip
    theirs = _push_to(repo, ours.branch)
    handlers.deliver("check_suite", events.check_suite_completed(repo, ours.number, "success"))
    assert not ours.merged and repo.written(Merged) == []
    status = repo.app_comment(ours.number, "status")
    assert (
        status is not None
        and "Not merged automatically" in status.body
        and "someone else pushed" in status.body
    )

    # the next analysis leaves their commit alone and still trusts only the head agentmend pushed
    before = repo.refs["main"]
    after = repo.commit({".github/agentmend.yml": repo.files_at("main")[".github/agentmend.yml"] + b"#\n"})
    handlers.deliver("push", events.push(repo, before, after, modified=[".github/agentmend.yml"]))
    assert repo.refs[ours.branch] == theirs
    assert not [w for w in repo.written(Pushed) if w.branch == ours.branch]
    kept = changes.find(handlers.engine, REPO, branch=ours.branch)
    assert kept is not None and kept.head_sha == row.head_sha != theirs and kept.risk == "low"


def test_regenerate_on_an_app_pr_someone_else_pushed_to_says_so_and_takes_it_back(
    handlers: Handlers, installed: FakeRepo
) -> None:
    repo = installed
    ours = _ours(repo)
    theirs = _push_to(repo, ours.branch)
    repo.permissions["alice"] = "write"
    handlers.deliver(
        "issue_comment", events.issue_comment_created(repo, ours.number, "@agentmend regenerate", "alice")
    )
    status = repo.app_comment(ours.number, "status")
    assert status is not None
    assert "someone else pushed to this branch" in status.body and f"`{theirs[:7]}`" in status.body
    head = repo.refs[ours.branch]
    assert head != theirs and theirs not in repo.first_parents(head)
    row = changes.find(handlers.engine, REPO, branch=ours.branch)
    assert row is not None and row.head_sha == head  # agentmend's own commit again


def test_a_persons_branch_under_an_agentmend_name_is_never_force_pushed(
    handlers: Handlers, support_agent_files: dict[str, bytes], installed_snapshot: Snapshot
) -> None:
    """Someone with push access opened their own PR from the branch agentmend would use for a cause."""
    repo = handlers.add_repo(REPO, support_agent_files)
    taken = sorted(p.branch for p in installed_snapshot.repos[REPO].pulls.values())[0]
    theirs = repo.commit(
        {"prompts/system.md": b"# Our own rewrite\n"}, message="wip", branch=taken, author="bob"
    )
    pr = repo.open_pull(taken, title="Rewrite the prompt", body="work in progress", user="bob")
    handlers.deliver("installation", events.installation_created(repo))  # the other causes' PRs are opened
    assert repo.refs[taken] == theirs and not [w for w in repo.written(Pushed) if w.branch == taken]
    assert pr.body == "work in progress" and pr.user == "bob"
    assert len(repo.open_pulls()) == 5  # bob's and four of agentmend's
    assert taken not in _rows(handlers)
