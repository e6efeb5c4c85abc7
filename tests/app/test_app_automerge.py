"""Maturity level 3 through the app: a finished check suite merges an allowed low-risk PR, nothing else."""

from __future__ import annotations

from typing import Any

import payloads
import pytest
from conftest import AppHarness, Installed, restore_installed
from fake_github import FakeRepo

from agentmend.store import changes

REPO = "acme/support-bot"
STATUS = "<!-- agentmend:status -->"
WATCH = "<!-- agentmend:watch -->"


@pytest.fixture
def installed(app_harness: AppHarness, installed_snapshot: Installed) -> FakeRepo:
    restore_installed(app_harness, installed_snapshot)
    return app_harness.fake.repos[REPO]


def _allow_automerge(repo: FakeRepo, classes: str = "[low]") -> None:
    config = repo.files_at("main")[".github/agentmend.yml"].decode()
    allowed = config.replace(
        "automerge:\n  enabled: false", f"automerge:\n  enabled: true\n  change_classes: {classes}"
    )
    assert allowed != config
    repo.commit_files({".github/agentmend.yml": allowed.encode()})


def _pr_of_risk(harness: AppHarness, repo: FakeRepo, risk: str) -> dict[str, Any]:
    """An open agentmend PR the app recorded with this risk class (the guard's classes are tested apart)."""
    pr = min(repo.open_pulls(), key=lambda p: p["number"])
    row = changes.find(harness.engine, REPO, branch=pr["head"])
    assert row is not None
    changes.save(harness.engine, REPO, pr["head"], cause_id=row.cause_id, number=pr["number"],
                      state="open", risk=risk)  # fmt: skip
    return pr


def _status(repo: FakeRepo, number: int) -> str:
    [comment] = [c for c in repo.comments_on(number) if STATUS in c["body"]]
    return str(comment["body"])


def test_a_low_risk_pr_is_merged_when_its_checks_pass_and_the_watch_starts(
    app_harness: AppHarness, installed: FakeRepo
) -> None:
    repo, fake = installed, app_harness.fake
    _allow_automerge(repo)
    pr = _pr_of_risk(app_harness, repo, "low")
    # GitHub left `pull_requests` empty: the PR is found by its head sha
    suite = payloads.check_suite_completed(fake, repo, pr["number"], "success", with_pulls=False)
    assert app_harness.deliver("check_suite", suite).status_code == 202
    app_harness.run_jobs()

    merged = repo.pulls[pr["number"]]
    assert merged["merged"] and merged["merged_by"] == fake.bot_login
    assert "Merged automatically" in _status(repo, pr["number"])
    assert "risk class 'low' is allowed" in _status(repo, pr["number"])
    row = changes.find(app_harness.engine, REPO, branch=pr["head"])
    assert row is not None and row.state == "merged" and row.merge_sha == merged["merge_commit_sha"]
    assert any(WATCH in c["body"] for c in repo.comments_on(pr["number"]))
    assert [r["name"] for r in repo.check_runs.values() if r["head_sha"] == merged["merge_commit_sha"]] == [
        "agentmend/watch"
    ]


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
    app_harness: AppHarness, installed: FakeRepo, allow: bool, risk: str, conclusion: str, reason: str
) -> None:
    repo, fake = installed, app_harness.fake
    if allow:
        _allow_automerge(repo)
    pr = _pr_of_risk(app_harness, repo, risk)
    app_harness.deliver("check_suite", payloads.check_suite_completed(fake, repo, pr["number"], conclusion))
    app_harness.run_jobs()
    assert repo.pulls[pr["number"]]["state"] == "open" and not repo.pulls[pr["number"]]["merged"]
    assert fake.count("PUT", "/merge") == 0
    status = _status(repo, pr["number"])
    assert "Not merged automatically" in status and reason in status, status
    assert not any(WATCH in c["body"] for c in repo.comments_on(pr["number"]))
