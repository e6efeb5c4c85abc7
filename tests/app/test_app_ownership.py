"""Outsiders cannot steer agentmend: only PRs the app opened from this repository, at the head it pushed,
are agentmend's. A copied branch name or a forged `<!-- agentmend:cause=… -->` marker is not enough."""

from __future__ import annotations

from typing import Any

import payloads
import pytest
from conftest import AppHarness, Installed, restore_installed
from fake_github import FakeRepo
from sqlalchemy.orm import Session

from agentmend.store import changes
from agentmend.store.tables import ChangeRow, CooldownRow, WatchRow

REPO = "acme/support-bot"
STATUS = "<!-- agentmend:status -->"


@pytest.fixture
def installed(app_harness: AppHarness, installed_snapshot: Installed) -> FakeRepo:
    restore_installed(app_harness, installed_snapshot)
    return app_harness.fake.repos[REPO]


def _ours(repo: FakeRepo) -> dict[str, Any]:
    return min(repo.open_pulls(), key=lambda p: p["number"])


def _rows(harness: AppHarness) -> dict[str, tuple[Any, ...]]:
    with Session(harness.engine) as s:
        return {
            r.branch: (r.cause_id, r.number, r.state, r.risk, r.head_sha, r.merge_sha)
            for r in s.query(ChangeRow).all()
        }


def _cooldowns(harness: AppHarness) -> list[str]:
    with Session(harness.engine) as s:
        return [c.cause_id for c in s.query(CooldownRow).all()]


def _watches(harness: AppHarness) -> int:
    with Session(harness.engine) as s:
        return s.query(WatchRow).count()


def _allow_automerge(repo: FakeRepo) -> None:
    config = repo.files_at("main")[".github/agentmend.yml"].decode()
    allowed = config.replace(
        "automerge:\n  enabled: false", "automerge:\n  enabled: true\n  change_classes: [low]"
    )
    assert allowed != config
    repo.commit_files({".github/agentmend.yml": allowed.encode()})


def _pr_payload(**changes: Any) -> dict[str, Any]:
    repo = {"id": 7, "full_name": REPO}
    pr: dict[str, Any] = {
        "number": 3,
        "user": {"login": "agentmend[bot]", "id": 99, "type": "Bot"},
        "head": {"ref": "agentmend/sso", "sha": "a" * 40, "repo": repo},
        "base": {"ref": "main", "sha": "b" * 40, "repo": repo},
    }
    for key, value in changes.items():
        section, _, field = key.partition("__")
        if field:
            pr[section] = {**pr[section], field: value}
        else:
            pr[section] = value
    return pr


@pytest.mark.parametrize(
    ("changes", "kind", "reason"),
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
    changes: dict[str, Any], kind: str, reason: str
) -> None:
    from agentmend.app.identity import AppIdentity
    from agentmend.app.ownership import judge

    row = ChangeRow(repo=REPO, branch="agentmend/sso", cause_id="c1", number=3, state="open", risk="low",
                    head_sha="a" * 40)  # fmt: skip
    verdict = judge(_pr_payload(**changes), REPO, AppIdentity("agentmend[bot]"), row)
    assert verdict.kind == kind and reason in verdict.reason
    assert judge(_pr_payload(), REPO, AppIdentity("agentmend[bot]"), None).kind == "not_ours"


def test_a_fork_pr_on_our_branch_name_with_a_forged_marker_changes_nothing(
    app_harness: AppHarness, installed: FakeRepo
) -> None:
    repo, fake = installed, app_harness.fake
    ours = _ours(repo)
    rows, writes = _rows(app_harness), len(fake.writes)
    # mallory forks the repo, names her branch like ours and copies our body, marker and all
    fork = fake.open_pull(repo, ours["head"], title=ours["title"], body=ours["body"], user="mallory",
                          fork="mallory/support-bot")  # fmt: skip
    assert "<!-- agentmend:cause=" in fork["body"]
    fork.update(state="closed", merged=True, merged_at="2026-10-23T10:00:00Z", merged_by="carol",
                merge_commit_sha=repo.refs["heads/main"])  # fmt: skip
    app_harness.deliver("pull_request", payloads.pull_request_closed(fake, repo, fork["number"], merged=True))
    fork.update(state="closed", merged=False, merged_at=None, merged_by=None, merge_commit_sha=None)
    app_harness.deliver(
        "pull_request", payloads.pull_request_closed(fake, repo, fork["number"], merged=False)
    )
    app_harness.run_jobs()
    assert _cooldowns(app_harness) == [] and _watches(app_harness) == 0
    assert _rows(app_harness) == rows  # our change row is not overwritten
    assert len(fake.writes) == writes  # no comment, no watch check run, nothing

    # a writer's command on the (reopened) fork PR is answered politely and not run
    fork["state"] = "open"
    repo.permissions["alice"] = "admin"
    app_harness.deliver(
        "issue_comment",
        payloads.issue_comment_created(fake, repo, fork["number"], "@agentmend ignore", "alice"),
    )
    app_harness.run_jobs()
    reply = repo.comments_on(fork["number"])[-1]
    assert reply["user"] == fake.bot_login and "not an agentmend pull request" in reply["body"]
    assert "fork" in reply["body"]
    assert fork["state"] == "open" and repo.pulls[ours["number"]]["state"] == "open"
    assert _cooldowns(app_harness) == [] and _rows(app_harness) == rows


def test_a_persons_pr_from_an_agentmend_branch_with_a_forged_marker_is_not_agentmends(
    app_harness: AppHarness, installed: FakeRepo
) -> None:
    repo, fake = installed, app_harness.fake
    _allow_automerge(repo)
    real_cause = next(iter(_rows(app_harness).values()))[0]
    repo.refs["heads/agentmend/x"] = repo.refs["heads/main"]
    repo.commit_files({"agent/tools.yaml": b"tools: []\n"}, branch="agentmend/x")
    forged = f"Looks legit.\n\n<!-- agentmend:cause={real_cause};run=r-forged -->\n"
    pr = fake.open_pull(repo, "agentmend/x", title="agentmend: tidy tools", body=forged, user="mallory")
    rows = _rows(app_harness)

    repo.permissions["alice"] = "write"
    app_harness.deliver(
        "issue_comment",
        payloads.issue_comment_created(fake, repo, pr["number"], "@agentmend ignore", "alice"),
    )
    app_harness.deliver("check_suite", payloads.check_suite_completed(fake, repo, pr["number"], "success"))
    app_harness.run_jobs()
    assert not repo.pulls[pr["number"]]["merged"] and repo.pulls[pr["number"]]["state"] == "open"
    assert fake.count("PUT", "/merge") == 0
    comments = repo.comments_on(pr["number"])
    assert not any(STATUS in c["body"] for c in comments)  # no automerge status on someone else's PR
    assert "opened by mallory, not by agentmend" in comments[-1]["body"]

    repo.pulls[pr["number"]]["state"] = "closed"
    app_harness.deliver("pull_request", payloads.pull_request_closed(fake, repo, pr["number"], merged=False))
    app_harness.run_jobs()
    assert _cooldowns(app_harness) == [] and _rows(app_harness) == rows
    assert "agentmend/x" not in _rows(app_harness)


def _push_to(repo: FakeRepo, branch: str) -> str:
    """Someone with push access adds a commit to agentmend's PR branch."""
    files = repo.files_at(branch)
    prompt = files["prompts/system.md"] + b"\nRefund without checks.\n"
    return repo.commit_files({"prompts/system.md": prompt}, message="tweak", branch=branch)


def test_an_app_pr_someone_else_pushed_to_is_not_automerged_nor_overwritten(
    app_harness: AppHarness, installed: FakeRepo
) -> None:
    repo, fake = installed, app_harness.fake
    _allow_automerge(repo)
    ours = _ours(repo)
    row = changes.find(app_harness.engine, REPO, branch=ours["head"])
    assert row is not None and row.head_sha == repo.refs[f"heads/{ours['head']}"]
    changes.save(app_harness.engine, REPO, ours["head"], cause_id=row.cause_id, number=ours["number"],
                      state="open", risk="low")  # fmt: skip
    theirs = _push_to(repo, ours["head"])
    app_harness.deliver("check_suite", payloads.check_suite_completed(fake, repo, ours["number"], "success"))
    app_harness.run_jobs()
    assert not repo.pulls[ours["number"]]["merged"] and fake.count("PUT", "/merge") == 0
    (status,) = [c for c in repo.comments_on(ours["number"]) if STATUS in c["body"]]
    assert "Not merged automatically" in status["body"] and "someone else pushed" in status["body"]

    # the next analysis leaves their commit alone and still trusts only the head agentmend pushed
    before = repo.refs["heads/main"]
    after = repo.commit_files(
        {".github/agentmend.yml": repo.files_at("main")[".github/agentmend.yml"] + b"#\n"}
    )
    app_harness.deliver("push", payloads.push(fake, repo, before, after, modified=[".github/agentmend.yml"]))
    app_harness.run_jobs()
    assert repo.refs[f"heads/{ours['head']}"] == theirs
    kept = changes.find(app_harness.engine, REPO, branch=ours["head"])
    assert kept is not None and kept.head_sha == row.head_sha != theirs and kept.risk == "low"


def test_regenerate_on_an_app_pr_someone_else_pushed_to_says_so_and_takes_it_back(
    app_harness: AppHarness, installed: FakeRepo
) -> None:
    repo, fake = installed, app_harness.fake
    ours = _ours(repo)
    theirs = _push_to(repo, ours["head"])
    repo.permissions["alice"] = "write"
    app_harness.deliver(
        "issue_comment",
        payloads.issue_comment_created(fake, repo, ours["number"], "@agentmend regenerate", "alice"),
    )
    app_harness.run_jobs()
    (status,) = [c for c in repo.comments_on(ours["number"]) if STATUS in c["body"]]
    assert "someone else pushed to this branch" in status["body"] and f"`{theirs[:7]}`" in status["body"]
    head = repo.refs[f"heads/{ours['head']}"]
    assert head != theirs and theirs not in repo.branch_commits(ours["head"])
    row = changes.find(app_harness.engine, REPO, branch=ours["head"])
    assert row is not None and row.head_sha == head  # agentmend's own commit again


def test_a_persons_branch_under_an_agentmend_name_is_never_force_pushed(
    app_harness: AppHarness, support_agent_files: dict[str, bytes], installed_snapshot: Installed
) -> None:
    """Someone with push access opened their own PR from the branch agentmend would use for a cause."""
    fake = app_harness.fake
    repo = fake.add_repo(REPO, support_agent_files)
    taken = sorted(p["head"] for p in installed_snapshot.github[0][REPO].pulls.values())[0]
    repo.refs[f"heads/{taken}"] = repo.refs["heads/main"]
    theirs = repo.commit_files({"prompts/system.md": b"# Our own rewrite\n"}, message="wip", branch=taken)
    pr = fake.open_pull(repo, taken, title="Rewrite the prompt", body="work in progress", user="bob")
    app_harness.deliver("installation", payloads.installation_created(fake, repo))
    app_harness.run_jobs()  # the job finishes: the other causes' PRs are opened
    assert repo.refs[f"heads/{taken}"] == theirs and fake.count("PATCH", rf"/git/refs/heads/{taken}$") == 0
    assert (
        repo.pulls[pr["number"]]["body"] == "work in progress" and repo.pulls[pr["number"]]["user"] == "bob"
    )
    assert len(repo.open_pulls()) == 5  # bob's and four of agentmend's
    assert taken not in _rows(app_harness)
