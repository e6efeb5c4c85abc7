"""Maturity level 3: may agentmend merge its own change? Only a low-risk class a repo allowed, under a watch.

Merging without a human is only defensible when a wrong merge is caught and undone automatically, so the
answer is no unless a metric watch that opens a revert will be active on the merge.
"""

from __future__ import annotations

from agentmend import markers
from agentmend.fixes.branches import BRANCH_PREFIX
from agentmend.forges.base import Change, Forge
from agentmend.repo_config import RepoConfig, RiskClass

REVERT_PREFIX = f"{BRANCH_PREFIX}revert-"


def may_automerge(
    config: RepoConfig,
    proposal_risk: RiskClass,
    watch_active: bool,
    *,
    free_of_conversation_wording: bool = False,
) -> tuple[bool, str]:
    """(allowed, the reason a reviewer reads). Anything not explicitly allowed waits for a human.

    The guard is never the only thing between a conversation and a merge: an edit carrying wording
    taken from the conversations waits for a human whatever its risk class.
    """
    policy = config.automerge
    if not policy.enabled:
        return False, "automerge is off (`automerge.enabled: false`): a human reviews and merges"
    if proposal_risk == "high":
        return False, "high-risk changes (policy, routing, removals) always wait for a human"
    if not free_of_conversation_wording:
        return (
            False,
            "the edit carries wording taken from the conversations (or says nothing): a human reviews",
        )
    if proposal_risk not in policy.change_classes:
        allowed = ", ".join(policy.change_classes) or "none"
        return False, f"risk class '{proposal_risk}' is not in `automerge.change_classes` ({allowed})"
    if config.watch.on_regression != "revert_pr":
        return False, "automerge needs `watch.on_regression: revert_pr` so a regression is rolled back"
    if not watch_active:
        return False, "no metric watch with rollback would be active on this merge"
    return True, (
        f"risk class '{proposal_risk}' is allowed by `automerge.change_classes`, and a metric watch "
        "with rollback starts on merge"
    )


def automerge(
    forge: Forge, change: Change, config: RepoConfig, proposal_risk: RiskClass, *, checks_passed: bool
) -> tuple[str | None, str]:
    """Merge `change` when the policy allows and its checks passed: (merge sha or None, reason).

    The watch starts from the merge event as for a human merge, so `watch_active` is whether this repo
    rolls back regressions at all. Whether the edit is free of conversation wording is the guard's
    verdict in the change text's marker trailer (`<!-- agentmend:wording=none -->`), the one place no
    quoted conversation, model output or guidance can write; no such line means a human merges.
    """
    if change.branch.startswith(REVERT_PREFIX):
        return None, "a revert is a decision about a merged change: a person merges it, never agentmend"
    if not checks_passed:
        return None, "waiting for the checks to pass"
    allowed, reason = may_automerge(
        config,
        proposal_risk,
        watch_active=config.watch.on_regression == "revert_pr",
        free_of_conversation_wording=markers.wording_free(change.body),
    )
    if not allowed:
        return None, reason
    return forge.merge(change), reason
