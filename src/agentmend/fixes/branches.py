"""agentmend's branches: every change it makes lives on a branch under `agentmend/`, one per cause."""

from __future__ import annotations

from agentmend.analysis.records import FailureCluster

BRANCH_PREFIX = "agentmend/"


def branch_for(cluster: FailureCluster) -> str:
    return f"{BRANCH_PREFIX}{cluster.slug}"


def require_agentmend_branch(branch: str) -> None:
    """Forges only ever write branches under `agentmend/`; anything else is a bug, not a request."""
    if not branch.startswith(BRANCH_PREFIX):
        raise ValueError(f"{branch!r}: agentmend branches start with {BRANCH_PREFIX!r}")
