"""The numbers a team acts on, per intent and per failure cause: pure functions over records."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

import numpy as np

from agentmend.analysis.records import DailyPoint, Outcome
from agentmend.conversations.model import Conversation

DROP_OFF_TURNS = 2
EXAMPLE_CHARS = 220


def daily(days: Sequence[str | None], failed: Sequence[bool]) -> tuple[DailyPoint, ...]:
    """Conversations and failures per ISO day, oldest first; conversations without a date are left out."""
    total: Counter[str] = Counter()
    bad: Counter[str] = Counter()
    for day, f in zip(days, failed, strict=True):
        if day is None:
            continue
        total[day] += 1
        bad[day] += int(f)
    return tuple(DailyPoint(day=d, conversations=total[d], failed=bad[d]) for d in sorted(total))


def cause_daily(
    members: Sequence[Conversation], population: Sequence[Conversation]
) -> tuple[DailyPoint, ...]:
    """Per day: conversations of the cause's population (its intent, or all) and how many hit the cause."""
    total = Counter(c.day for c in population if c.day)
    hits = Counter(c.day for c in members if c.day)
    days = sorted(set(total) | set(hits))
    return tuple(DailyPoint(day=d, conversations=max(total[d], hits[d]), failed=hits[d]) for d in days)


def dropped_off(conv: Conversation, outcome: Outcome, within: int = DROP_OFF_TURNS) -> bool:
    """The conversation ended at most `within` turns after the failing turn: the user gave up."""
    if outcome.failing_turn is None:
        return False
    return len(conv.turns) - 1 - outcome.failing_turn <= within


def signal_counts(outcomes: Sequence[Outcome]) -> tuple[tuple[str, int], ...]:
    """How many member conversations each signal fired in, most frequent first (ties by name)."""
    counts: Counter[str] = Counter()
    for o in outcomes:
        counts.update(set(o.signal_names))
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def unique_users(members: Sequence[Conversation]) -> int:
    """Distinct users; a conversation without a user id counts as its own user."""
    return len({c.user_id or f"conversation:{c.id}" for c in members})


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def answer_to(conv: Conversation, request: str, failing_turn: int | None) -> str:
    """The assistant's first non-empty reply after the failing request (the last such user turn at or
    before the failing turn): together they show what went wrong."""
    limit = failing_turn if failing_turn is not None else len(conv.turns)
    asked = [t.index for t in conv.turns if t.role == "user" and t.text == request and t.index <= limit]
    if not asked:
        asked = [t.index for t in conv.turns if t.role == "user" and t.text == request]
    if not asked:
        return ""
    start = asked[-1]
    return next(
        (t.text for t in conv.turns if t.index > start and t.role == "assistant" and t.text.strip()), ""
    )


def example(request: str, answer: str, redact: Callable[[str], str], limit: int = EXAMPLE_CHARS) -> str:
    """The failing request and the assistant's answer to it, redacted and short."""
    text = f"User: {_clip(redact(request), limit)}"
    if answer:
        text += f"\nAgent: {_clip(redact(answer), limit)}"
    return text


def majority(values: Sequence[str | None]) -> str | None:
    """Most common non-None value; ties broken by the value itself so the choice is reproducible."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def lift(intent_rate: float, overall_rate: float) -> float:
    return intent_rate / overall_rate if overall_rate > 0 else 0.0


# A conversation asked what a cause's members asked when its request is at least as close to their request
# centroid as this share of the members are (the 10th percentile: the cause's own spread, no constant).
NEIGHBOURHOOD_QUANTILE = 0.1


def neighbourhood_rate(members: np.ndarray, population: np.ndarray, failed: np.ndarray) -> float:
    """The failure rate among the `population` conversations (request vectors, one row each; `failed` their
    outcomes) that asked what the cause's `members` asked: within the members' own spread around their
    centroid. An intent that holds one failing need and one healthy one (clustering joined them) would
    otherwise dilute a coherent cause to the overall rate; a cause spread thin over its whole intent keeps
    the intent's rate."""
    centre = members.mean(axis=0)
    centre = centre / (np.linalg.norm(centre) or 1.0)
    radius = float(np.quantile(members @ centre, NEIGHBOURHOOD_QUANTILE))
    near = population @ centre >= radius
    return float(failed[near].mean()) if near.any() else 0.0


def group(ids: Sequence[str], labels: Sequence[str | None]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for i, label in zip(ids, labels, strict=True):
        if label is not None:
            out[label].append(i)
    return dict(out)
