"""Records of a proposed fix."""

from __future__ import annotations

from dataclasses import dataclass

from agentmend.repo_config import RiskClass
from agentmend.token_usage import TokenUsage


@dataclass(frozen=True)
class Edit:
    """An anchored search/replace in one target file. `search` must occur exactly once."""

    path: str
    search: str
    replace: str


@dataclass(frozen=True)
class Draft:
    """What a Model answers: edits plus the why. Nothing is applied until patch + guard accept it."""

    edits: tuple[Edit, ...]
    rationale: str
    expected_effect: str
    model_path: str  # "offline" or "anthropic:<model name>"
    usage: TokenUsage = TokenUsage()


@dataclass(frozen=True)
class Proposal:
    """A validated change for one failure cause, ready for a Forge."""

    cause_id: str
    run_id: str
    branch: str  # agentmend/<slug>
    title: str
    body: str  # the pull-request text, with the hidden marker
    files: tuple[tuple[str, str], ...]  # (path, full new content) for every changed target
    diff: str  # unified diff, validated by unidiff
    risk: RiskClass
    risk_reasons: tuple[str, ...]
    draft: Draft
    guidance: str | None = None
    requested_by: str | None = None
