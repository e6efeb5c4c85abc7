"""The baseline frozen at merge: the numbers that justified the change, and the centroids to measure with.

It is computed once, from conversations before the merge, and stored as JSON; a later evaluation never
recomputes it, so new exports cannot move the goalposts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from agentmend.analysis.embed import Embedder
from agentmend.analysis.records import AnalysisReport, Outcome
from agentmend.conversations.model import Conversation
from agentmend.repo_config import WatchConfig
from agentmend.watch import sequential
from agentmend.watch.attribution import split
from agentmend.watch.metrics import (
    INTENT_FLOOR_QUANTILE,
    Anchor,
    ArmSummary,
    _Frozen,
    anchor,
    intent_text,
    observe,
    summarize,
)

RequestOf = Callable[[Conversation, Outcome], str]


class WatchError(ValueError):
    """The watch cannot start or run; the message says what is missing and what to do."""


@dataclass(frozen=True)
class MergeUnderWatch:
    """The merge a watch judges: the change's branch, where it landed, who merged it, what version it set."""

    branch: str
    merge_sha: str
    parent_sha: str
    merged_at: datetime
    merged_by: str | None
    version: str | None


@dataclass(frozen=True)
class Anchors:
    """The intents and failure causes at the merge's parent; every conversation, before or after, is
    measured against these same centroids."""

    intents: tuple[Anchor, ...]
    causes: tuple[Anchor, ...]

    def cause(self, cause_id: str, parent_sha: str) -> Anchor:
        found = next((a for a in self.causes if a.id == cause_id), None)
        if found is None:
            known = ", ".join(a.id for a in self.causes) or "none"
            raise WatchError(
                f"failure cause {cause_id!r} is not among the causes at {parent_sha[:12]} (known: {known})"
            )
        return found


@dataclass(frozen=True)
class Measure:
    """How a conversation is placed: the anchors, the encoder, and the text of a failure's request."""

    anchors: Anchors
    embedder: Embedder
    request_of: RequestOf


class Baseline(_Frozen):
    cause_id: str
    cause_label: str
    branch: str
    merge_sha: str
    parent_sha: str
    merged_at: datetime
    merged_by: str | None
    version: str | None
    version_key: str
    expected_rate: float  # the target rate the change is sized for (default: `watch.expected_reduction`)
    arm: ArmSummary
    intents: tuple[Anchor, ...]
    causes: tuple[Anchor, ...]
    conversation_ids: tuple[str, ...]
    required_after: int | None  # None: the baseline is too small for the expected effect to be detectable
    unattributed: int
    created_at: datetime

    @property
    def target_rate(self) -> float:
        return self.arm.total.target / self.arm.n if self.arm.n else 0.0

    def window_end(self, config: WatchConfig) -> datetime:
        return self.merged_at + timedelta(days=config.window_days)

    def intent_label(self, intent_id: str) -> str:
        return next((a.label for a in self.intents if a.id == intent_id), intent_id)


def measure_from_report(
    report: AnalysisReport,
    pairs: Sequence[tuple[Conversation, Outcome]],
    *,
    embedder: Embedder,
    request_of: RequestOf,
) -> Measure:
    """Intent and cause anchors from a report's memberships, embedded the way the watch measures."""
    by_id = {c.id: (c, o) for c, o in pairs}
    intents: list[Anchor] = []
    for intent in report.intents:
        members = [
            intent_text(by_id[r.id][0])
            for r in report.conversations
            if r.intent_id == intent.id and r.id in by_id
        ]
        if members:
            vectors = embedder.encode(members)
            intents.append(anchor(intent.id, intent.name or intent.label, vectors, INTENT_FLOOR_QUANTILE))
    causes: list[Anchor] = []
    for cluster in report.clusters:
        members = [request_of(*by_id[m]) for m in cluster.member_ids if m in by_id]
        if members:
            causes.append(anchor(cluster.id, cluster.name or cluster.label, embedder.encode(members)))
    return Measure(Anchors(tuple(intents), tuple(causes)), embedder, request_of)


TAU_FLOOR = 0.005  # the mixing scale never goes below half a point: a rate is a count over conversations


def target_tau(target_rate: float, expected_rate: float) -> float:
    """The target's mixing scale: the drop the change promised, fixed at merge."""
    return max(TAU_FLOOR, target_rate - expected_rate)


def required_after(
    target_rate: float, expected_rate: float, n_before: int, config: WatchConfig
) -> int | None:
    """Conversations the after arm needs for the sequential test of the target to have `config.power`."""
    needed = sequential.after_needed(
        target_rate, expected_rate, n_before,
        tau=target_tau(target_rate, expected_rate), alpha=config.alpha, power=config.power,
    )  # fmt: skip
    if needed is None:
        return None
    return max(config.min_conversations, needed)


def freeze(
    pairs: Sequence[tuple[Conversation, Outcome]],
    merge: MergeUnderWatch,
    measure: Measure,
    *,
    cause_id: str,
    config: WatchConfig,
    expected_rate: float | None = None,
    now: datetime | None = None,
) -> Baseline:
    """Measure the conversations before the merge and freeze everything a later verdict compares against."""
    measure.anchors.cause(cause_id, merge.parent_sha)  # before the embedding: fail fast on an unknown cause
    observations = observe(
        pairs,
        intents=measure.anchors.intents,
        causes=measure.anchors.causes,
        embedder=measure.embedder,
        request_of=measure.request_of,
        version_key=config.version_key,
    )
    arms = split(
        observations,
        version=merge.version,
        merged_at=merge.merged_at,
        grace=timedelta(hours=config.grace_period_hours),
    )
    before = arms["before"]
    return freeze_arm(
        summarize(before, cause_id),
        merge,
        measure.anchors,
        cause_id=cause_id,
        config=config,
        conversation_ids=tuple(sorted(o.id for o in before)),
        unattributed=len(arms["unattributed"]) + len(arms["after"]),
        expected_rate=expected_rate,
        now=now,
    )


def freeze_arm(
    arm: ArmSummary,
    merge: MergeUnderWatch,
    anchors: Anchors,
    *,
    cause_id: str,
    config: WatchConfig,
    conversation_ids: tuple[str, ...] = (),
    unattributed: int = 0,
    expected_rate: float | None = None,
    now: datetime | None = None,
) -> Baseline:
    """The baseline from the before arm's counts: the entry point `freeze` and the bench simulations share."""
    cause = anchors.cause(cause_id, merge.parent_sha)
    if arm.n == 0:
        raise WatchError(
            f"no conversations before the merge at {merge.parent_sha[:12]}: nothing to compare with"
        )
    rate = arm.total.target / arm.n
    if rate == 0:
        raise WatchError(
            f"failure cause {cause_id!r} has no conversations before the merge: nothing to watch"
        )
    expected = rate * (1 - config.expected_reduction) if expected_rate is None else expected_rate
    if not 0 <= expected < rate:
        raise WatchError(f"expected rate {expected:.3f} must be below the baseline rate {rate:.3f}")
    merged_at = merge.merged_at
    return Baseline(
        cause_id=cause_id,
        cause_label=cause.label,
        branch=merge.branch,
        merge_sha=merge.merge_sha,
        parent_sha=merge.parent_sha,
        merged_at=merged_at if merged_at.tzinfo else merged_at.replace(tzinfo=UTC),
        merged_by=merge.merged_by,
        version=merge.version,
        version_key=config.version_key,
        expected_rate=expected,
        arm=arm,
        intents=anchors.intents,
        causes=anchors.causes,
        conversation_ids=conversation_ids,
        required_after=required_after(rate, expected, arm.n, config),
        unattributed=unattributed,
        created_at=now or datetime.now(UTC),
    )
