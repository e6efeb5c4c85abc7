"""Maturity level 3 through the app: a finished check suite merges an allowed low-risk PR, nothing else."""

from __future__ import annotations

import events
import pytest
from fake_forge import FakeRepo, Merged, Pull
from handler_harness import Handlers

from agentmend.store import changes

REPO = "acme/support-bot"


def _allow_automerge(repo: FakeRepo, classes: str = "[low]") -> None:
    config = repo.files_at("main")[".github/agentmend.yml"].decode()
    allowed = config.replace(
        "automerge:\n  enabled: false", f"automerge:\n  enabled: true\n  change_classes: {classes}"
    )
    assert allowed != config
    repo.commit({".github/agentmend.yml": allowed})


def _pr_of_risk(handlers: Handlers, repo: FakeRepo, risk: str) -> Pull:
    """An open agentmend PR the app recorded with this risk class (the guard's classes are tested apart)."""
    pr = repo.open_pulls()[0]
    row = changes.find(handlers.engine, REPO, branch=pr.branch)
    assert row is not None
    changes.save(handlers.engine, REPO, pr.branch, cause_id=row.cause_id, number=pr.number, state="open",
                 risk=risk)  # fmt: skip
    return pr


def _status(repo: FakeRepo, number: int) -> str:
    status = repo.app_comment(number, "status")
    assert status is not None
    return status.body


def test_a_low_risk_pr_is_merged_when_its_checks_pass_and_the_watch_starts(
    handlers: Handlers, installed: FakeRepo
) -> None:
    repo = installed
    _allow_automerge(repo)
    pr = _pr_of_risk(handlers, repo, "low")
    # GitHub left `pull_requests` empty: the PR is found by its head sha
    handlers.deliver(
        "check_suite", events.check_suite_completed(repo, pr.number, "success", with_pulls=False)
    )

    assert (
        pr.merged
        and pr.merged_by == repo.bot_login
        and repo.written(Merged) == [Merged(pr.number, pr.merge_sha)]
    )  # type: ignore[arg-type]
    assert "Merged automatically" in _status(repo, pr.number)
    assert "risk class 'low' is allowed" in _status(repo, pr.number)
    row = changes.find(handlers.engine, REPO, branch=pr.branch)
    assert row is not None and row.state == "merged" and row.merge_sha == pr.merge_sha
    assert repo.app_comment(pr.number, "watch") is not None
    assert [name for sha, name in repo.checks if sha == pr.merge_sha] == ["agentmend/watch"]


def test_a_merge_the_forge_refuses_leaves_the_pr_open_and_says_why(
    handlers: Handlers, installed: FakeRepo
) -> None:
    repo = installed
    _allow_automerge(repo)
    pr = _pr_of_risk(handlers, repo, "low")
    repo.refuse_merges = "required review missing"  # branch protection
    handlers.deliver("check_suite", events.check_suite_completed(repo, pr.number, "success"))
    assert pr.state == "open" and not pr.merged and repo.written(Merged) == []
    status = _status(repo, pr.number)
    assert "Not merged automatically" in status and "required review missing" in status
    row = changes.find(handlers.engine, REPO, branch=pr.branch)
    assert row is not None and row.state == "open"


@pytest.mark.parametrize(
    ("allow", "risk", "conclusion", "reason"),
    [
        (False, "low", "success", "automerge is off"),
        (True, "low", "failure", "waiting for the checks to pass"),
        (True, "medium", "success", "is not in `automerge.change_classes` (low)"),
    ],
    ids=["automerge-off", "checks-failed", "not-low-risk"],
)
def test_a_pr_the_policy_does_not_allow_stays_open_and_says_why(
    handlers: Handlers, installed: FakeRepo, allow: bool, risk: str, conclusion: str, reason: str
) -> None:
    repo = installed
    if allow:
        _allow_automerge(repo)
    pr = _pr_of_risk(handlers, repo, risk)
    handlers.deliver("check_suite", events.check_suite_completed(repo, pr.number, conclusion))
    assert pr.state == "open" and not pr.merged and repo.written(Merged) == []
    status = _status(repo, pr.number)
    assert "Not merged automatically" in status and reason in status, status
    assert repo.app_comment(pr.number, "watch") is None
