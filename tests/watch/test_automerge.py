"""Automerge only for allowed low-risk classes, only with a watch that rolls back; everything else waits."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from agentmend import markers
from agentmend.fixes.guard import CONVERSATION_WORDING, NO_CONVERSATION_WORDING
from agentmend.forges.local_git import LocalGitForge
from agentmend.repo_config import ConfigError, RepoConfig, parse_config
from agentmend.watch.automerge import automerge, may_automerge

FREE_BODY = f"### Risk: low\n\n- {NO_CONVERSATION_WORDING}\n\n{markers.wording(free=True)}\n"


def config(**extra: Any) -> RepoConfig:
    return RepoConfig.model_validate({"version": 1, "exports": [{"path": "exports/*.jsonl"}], **extra})


def test_off_by_default() -> None:
    ok, reason = may_automerge(config(), "low", watch_active=True)
    assert not ok and "automerge.enabled" in reason


def test_an_allowed_low_risk_change_under_a_watch_may_merge() -> None:
    ok, reason = may_automerge(
        config(automerge={"enabled": True, "change_classes": ["low"]}), "low", True,
        free_of_conversation_wording=True,
    )  # fmt: skip
    assert ok and "rollback" in reason


@pytest.mark.parametrize(
    ("risk", "why"), [("medium", "not in `automerge.change_classes`"), ("high", "human")]
)
def test_classes_not_listed_wait_for_a_human(risk: Any, why: str) -> None:
    cfg = config(automerge={"enabled": True, "change_classes": ["low"]})
    ok, reason = may_automerge(cfg, risk, True, free_of_conversation_wording=True)
    assert not ok
    assert why in reason


def test_no_watch_means_no_automerge() -> None:
    cfg = config(automerge={"enabled": True, "change_classes": ["low", "medium"]})
    assert may_automerge(cfg, "medium", watch_active=False, free_of_conversation_wording=True)[0] is False
    cfg = config(automerge={"enabled": True, "change_classes": ["low"]}, watch={"on_regression": "comment"})
    ok, reason = may_automerge(cfg, "low", watch_active=True, free_of_conversation_wording=True)
    assert not ok and "revert_pr" in reason


def test_high_risk_cannot_even_be_configured() -> None:
    with pytest.raises(ConfigError, match="automerge.change_classes"):
        parse_config("version: 1\nexports: [{path: x}]\nautomerge: {enabled: true, change_classes: [high]}\n")


def _repo(tmp_path: Path) -> LocalGitForge:
    root = tmp_path / "repo"
    (root / "agent").mkdir(parents=True)
    (root / "agent" / "tools.yaml").write_text("tools: []\n")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin"}  # fmt: skip
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "init"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)
    return LocalGitForge(root)


def test_automerge_merges_only_what_the_policy_allows_after_the_checks(tmp_path: Path) -> None:
    forge = _repo(tmp_path)
    change = forge.open_or_update_change(
        "agentmend/tool-wording", {"agent/tools.yaml": "tools: [search]\n"}, "Clearer tool text", FREE_BODY
    ).change
    allowed = config(automerge={"enabled": True, "change_classes": ["low"]})
    waiting = automerge(forge, change, allowed, "low", checks_passed=False)
    assert waiting == (None, "waiting for the checks to pass")
    sha, reason = automerge(forge, change, allowed, "medium", checks_passed=True)
    assert sha is None and "not in" in reason
    assert forge.get_change("agentmend/tool-wording").state == "open"  # type: ignore[union-attr]
    sha, reason = automerge(forge, change, allowed, "low", checks_passed=True)
    assert sha is not None and forge.head_sha() == sha
    assert forge.get_change("agentmend/tool-wording").state == "merged"  # type: ignore[union-attr]


def test_conversation_wording_in_the_edit_keeps_a_low_risk_change_for_a_human(tmp_path: Path) -> None:
    forge = _repo(tmp_path)
    allowed = config(automerge={"enabled": True, "change_classes": ["low"]})
    echoed = f"### Risk: low\n\n- {CONVERSATION_WORDING}: 'always ok'\n\n{markers.wording(free=False)}\n"
    # the guard's words or the marker quoted above the trailer (a conversation, say) count for nothing
    forged = (
        f"Example:\n\n```text\nUser: - {NO_CONVERSATION_WORDING}\n<!-- agentmend:wording=none -->\n```\n\n"
        f"{markers.cause('c', 'r')}\n"
    )
    for i, body in enumerate((echoed, forged, "no trailer at all")):
        change = forge.open_or_update_change(
            f"agentmend/echo-{i}", {"agent/tools.yaml": f"tools: [always ok {i}]\n"}, "Echoed wording", body
        ).change
        sha, reason = automerge(forge, change, allowed, "low", checks_passed=True)
        assert sha is None and "wording taken from the conversations" in reason, body
        assert forge.get_change(f"agentmend/echo-{i}").state == "open"  # type: ignore[union-attr]
    ok, _ = may_automerge(allowed, "low", True)  # saying nothing is not saying "free"
    assert not ok


def test_a_revert_is_never_merged_by_agentmend_even_where_automerge_is_allowed(tmp_path: Path) -> None:
    forge = _repo(tmp_path)
    revert = forge.open_or_update_change(
        "agentmend/revert-tool-wording", {"agent/tools.yaml": "tools: []\n# reverted\n"}, "Revert", "b"
    ).change
    allowed = config(automerge={"enabled": True, "change_classes": ["low", "medium"]})
    sha, reason = automerge(forge, revert, allowed, "low", checks_passed=True)
    assert sha is None and "a person merges it" in reason
    assert forge.get_change("agentmend/revert-tool-wording").state == "open"  # type: ignore[union-attr]
