"""Outcome labels the export already carries (an eval reward, CSAT, a `resolved` flag): where one exists it
decides `failed`, because it is what the team itself measures. `failed_when` is read by `comparison.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agentmend.comparison import parse_comparison

if TYPE_CHECKING:
    from agentmend.conversations.model import Conversation
    from agentmend.repo_config import OutcomeLabel

_MISSING = object()


def field_value(conv: Conversation, path: str) -> Any:
    """The value at `metadata.a.b` or `feedback.<kind>` (the first feedback of that kind), or _MISSING."""
    head, _, rest = path.partition(".")
    if head == "feedback":
        for fb in conv.feedback:
            if fb.kind == rest:
                return fb.value
        return _MISSING
    node: Any = conv.metadata
    for part in rest.split("."):
        if isinstance(node, dict) and part in node or hasattr(node, "get") and part in node:
            node = node[part]
        else:
            return _MISSING
    return node


@dataclass(frozen=True)
class Label:
    """What an export label says about one conversation."""

    failed: bool
    evidence: str  # "metadata.reward = 0.0 (< 1)"


def label_of(conv: Conversation, outcomes: Sequence[OutcomeLabel]) -> Label | None:
    """The first declared label this conversation carries with a comparable value; None when none does."""
    for spec in outcomes:
        value = field_value(conv, spec.field)
        if value is _MISSING or value is None:
            continue
        verdict = parse_comparison(spec.failed_when).holds(value)
        if verdict is None:
            continue
        return Label(verdict, f"{spec.field} = {value!r} ({spec.failed_when.strip()})")
    return None
