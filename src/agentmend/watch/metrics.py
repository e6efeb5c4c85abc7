"""What the watch measures per conversation, and how one arm (before or after) sums up.

Both arms are measured the same way: a conversation's intent and failure cause are the nearest frozen
centroid (cosine) above that centroid's floor. Re-clustering the later conversations would let the
cause drift away from the one the change was meant to fix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

import numpy as np
from pydantic import BaseModel, ConfigDict

from agentmend.analysis import request
from agentmend.analysis.embed import Embedder
from agentmend.analysis.records import Outcome
from agentmend.conversations.model import Conversation

# A later conversation joins a cause when it is as close as 95% of that cause's baseline members were.
FLOOR_QUANTILE = 0.05
# ... and an intent when it is as close as the loosest of its baseline members: every member of an intent
# is assigned back to it, so the baseline's mix is the mix of its own intents.
INTENT_FLOOR_QUANTILE = 0.0


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Anchor(_Frozen):
    """A frozen centroid: an intent or a failure cause as it was at merge time."""

    id: str
    label: str
    centroid: tuple[float, ...]
    floor: float = 0.0


class Observation(_Frozen):
    """One conversation, reduced to what the watch counts."""

    id: str
    started_at: datetime | None
    day: str | None
    version: str | None
    failed: bool
    escalated: bool
    abandoned: bool
    negative_feedback: bool
    turns: int
    intent_id: str | None
    cause_id: str | None


class Tally(_Frozen):
    """Counts of one arm (or of one day within it)."""

    n: int = 0
    failed: int = 0
    target: int = 0
    escalated: int = 0
    abandoned: int = 0
    negative_feedback: int = 0
    turns_sum: int = 0  # turns per conversation, summed (and squared) for a mean within each stratum
    turns_sq: int = 0


def summed(tallies: Iterable[Tally]) -> Tally:
    """The counts of several tallies together (days of an arm, strata pooled)."""
    parts = list(tallies)
    return Tally(**{f: sum(getattr(t, f) for t in parts) for f in Tally.model_fields})


class ArmSummary(_Frozen):
    """One arm of the comparison; `turns` is a histogram (turn count -> conversations).

    `intents` holds the baseline's own intents (nearest frozen centroid); `unassigned` the conversations
    near none of them, a stratum of its own so the mix is held fixed for them too.
    """

    total: Tally
    turns: dict[int, int]
    intents: dict[str, Tally]
    daily: dict[str, Tally]
    unassigned: Tally = Tally()

    @property
    def n(self) -> int:
        return self.total.n

    def turn_values(self) -> list[float]:
        return [float(t) for t, c in sorted(self.turns.items()) for _ in range(c)]


def floor_for(members: np.ndarray, centroid: np.ndarray, quantile: float = FLOOR_QUANTILE) -> float:
    """The similarity that all but the loosest `quantile` of a cluster's own members reach."""
    if len(members) == 0:
        return 0.0
    return float(np.quantile(members @ centroid, quantile))


def anchor(id: str, label: str, members: np.ndarray, quantile: float = FLOOR_QUANTILE) -> Anchor:
    """Freeze a cluster from its members' unit vectors."""
    mean = members.mean(axis=0)
    centroid = mean / (np.linalg.norm(mean) or 1.0)
    floor = floor_for(members, centroid, quantile)
    return Anchor(id=id, label=label, centroid=tuple(float(x) for x in centroid), floor=floor)


def nearest(vectors: np.ndarray, anchors: Sequence[Anchor]) -> list[str | None]:
    """The id of the most similar anchor for each row, or None when below that anchor's floor."""
    if len(anchors) == 0 or len(vectors) == 0:
        return [None] * len(vectors)
    matrix = np.asarray([a.centroid for a in anchors], dtype=np.float32)
    sims = np.asarray(vectors, dtype=np.float32) @ matrix.T
    out: list[str | None] = []
    for row in sims:
        best = int(np.argmax(row))
        out.append(anchors[best].id if row[best] >= anchors[best].floor else None)
    return out


def intent_text(conv: Conversation) -> str:
    """What a conversation's intent is measured on: the same request text the analysis builds intents from."""
    return request.topic(conv)


def _flag(outcome: Outcome, name: str) -> bool:
    return name in outcome.signal_names


def observe(
    pairs: Sequence[tuple[Conversation, Outcome]],
    *,
    intents: Sequence[Anchor],
    causes: Sequence[Anchor],
    embedder: Embedder,
    request_of: Callable[[Conversation, Outcome], str],
    version_key: str,
) -> list[Observation]:
    """Measure conversations against frozen anchors; `request_of` gives a failure's request text."""
    opening = embedder.encode([intent_text(c) for c, _ in pairs]) if pairs else np.zeros((0, 1))
    intent_ids = nearest(opening, intents)
    failed_idx = [i for i, (_, o) in enumerate(pairs) if o.failed]
    cause_ids: dict[int, str | None] = {}
    if failed_idx:
        vectors = embedder.encode([request_of(*pairs[i]) for i in failed_idx])
        cause_ids = dict(zip(failed_idx, nearest(vectors, causes), strict=True))
    out = []
    for i, (conv, outcome) in enumerate(pairs):
        version = conv.metadata.get(version_key)
        out.append(
            Observation(
                id=conv.id,
                started_at=conv.started_at,
                day=conv.day,
                version=None if version is None else str(version),
                failed=outcome.failed,
                escalated=_flag(outcome, "escalation"),
                abandoned=_flag(outcome, "abandonment"),
                negative_feedback=_flag(outcome, "negative_feedback")
                or any(f.negative for f in conv.feedback),
                turns=len(conv.turns),
                intent_id=intent_ids[i],
                cause_id=cause_ids.get(i),
            )
        )
    return out


def _tally(obs: Iterable[Observation], target: str) -> Tally:
    items = list(obs)
    return Tally(
        n=len(items),
        failed=sum(o.failed for o in items),
        target=sum(o.failed and o.cause_id == target for o in items),
        escalated=sum(o.escalated for o in items),
        abandoned=sum(o.abandoned for o in items),
        negative_feedback=sum(o.negative_feedback for o in items),
        turns_sum=sum(o.turns for o in items),
        turns_sq=sum(o.turns * o.turns for o in items),
    )


def summarize(observations: Sequence[Observation], target: str) -> ArmSummary:
    """Sum one arm up; `target` is the failure cause the change was meant to fix."""
    by_intent: dict[str, list[Observation]] = {}
    by_day: dict[str, list[Observation]] = {}
    for o in observations:
        if o.intent_id is not None:
            by_intent.setdefault(o.intent_id, []).append(o)
        if o.day is not None:
            by_day.setdefault(o.day, []).append(o)
    return ArmSummary(
        total=_tally(observations, target),
        turns=dict(sorted(Counter(o.turns for o in observations).items())),
        intents={k: _tally(v, target) for k, v in sorted(by_intent.items())},
        daily={k: _tally(v, target) for k, v in sorted(by_day.items())},
        unassigned=_tally((o for o in observations if o.intent_id is None), target),
    )
