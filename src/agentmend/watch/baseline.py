"""The baseline frozen at merge: the numbers that justified the change, and the centroids to measure with.

It is computed once, from conversations before the merge, and stored as JSON; a later evaluation never
recomputes it, so new exports cannot move the goalposts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from agentmend.analysis.embed import Embedder
from agentmend.analysis.records import AnalysisReport, Outcome
from agentmend.conversations.model import Conversation
from agentmend.repo_config import WatchConfig
from agentmend.watch import stats
from agentmend.watch.attribution import split
from agentmend.watch.metrics import Anchor, ArmSummary, _Frozen, anchor, observe, summarize

RequestOf = Callable[[Conversation, Outcome], str]


class WatchError(ValueError):
    """The watch cannot start or run; the message says what is missing and what to do."""


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


def anchors_from_report(
    report: AnalysisReport,
    pairs: Sequence[tuple[Conversation, Outcome]],
    *,
    embedder: Embedder,
    request_of: RequestOf,
) -> tuple[tuple[Anchor, ...], tuple[Anchor, ...]]:
    """Intent and cause anchors from a report's memberships, embedded the way the watch measures."""
    by_id = {c.id: (c, o) for c, o in pairs}
    intents: list[Anchor] = []
    for intent in report.intents:
        members = [
            by_id[r.id][0].opening_request
            for r in report.conversations
            if r.intent_id == intent.id and r.id in by_id
        ]
        if members:
            intents.append(anchor(intent.id, intent.name or intent.label, embedder.encode(members)))
    causes: list[Anchor] = []
    for cluster in report.clusters:
        members = [request_of(*by_id[m]) for m in cluster.member_ids if m in by_id]
        if members:
            causes.append(anchor(cluster.id, cluster.name or cluster.label, embedder.encode(members)))
    return tuple(intents), tuple(causes)


def required_after(
    target_rate: float, expected_rate: float, n_before: int, config: WatchConfig
) -> int | None:
    """Conversations the after arm needs for the test of the target to have `config.power`."""
    per_arm = stats.sample_size_two_proportions(target_rate, expected_rate, config.alpha, config.power)
    needed = stats.after_arm_size(per_arm, n_before)
    if math.isinf(needed):
        return None
    return max(config.min_conversations, math.ceil(needed))


def freeze(
    pairs: Sequence[tuple[Conversation, Outcome]],
    *,
    cause_id: str,
    intents: Sequence[Anchor],
    causes: Sequence[Anchor],
    embedder: Embedder,
    request_of: RequestOf,
    config: WatchConfig,
    branch: str,
    merge_sha: str,
    parent_sha: str,
    merged_at: datetime,
    merged_by: str | None,
    version: str | None,
    expected_rate: float | None = None,
    now: datetime | None = None,
) -> Baseline:
    """Measure the conversations before the merge and freeze everything a later verdict compares against."""
    cause = next((a for a in causes if a.id == cause_id), None)
    if cause is None:
        known = ", ".join(a.id for a in causes) or "none"
        raise WatchError(
            f"failure cause {cause_id!r} is not among the causes at {parent_sha[:12]} (known: {known})"
        )
    observations = observe(
        pairs,
        intents=intents,
        causes=causes,
        embedder=embedder,
        request_of=request_of,
        version_key=config.version_key,
    )
    arms = split(
        observations, version=version, merged_at=merged_at, grace=timedelta(hours=config.grace_period_hours)
    )
    before = arms["before"]
    arm = summarize(before, cause_id)
    if arm.n == 0:
        raise WatchError(f"no conversations before the merge at {parent_sha[:12]}: nothing to compare with")
    rate = arm.total.target / arm.n
    if rate == 0:
        raise WatchError(
            f"failure cause {cause_id!r} has no conversations before the merge: nothing to watch"
        )
    expected = rate * (1 - config.expected_reduction) if expected_rate is None else expected_rate
    if not 0 <= expected < rate:
        raise WatchError(f"expected rate {expected:.3f} must be below the baseline rate {rate:.3f}")
    return Baseline(
        cause_id=cause_id,
        cause_label=cause.label,
        branch=branch,
        merge_sha=merge_sha,
        parent_sha=parent_sha,
        merged_at=merged_at if merged_at.tzinfo else merged_at.replace(tzinfo=UTC),
        merged_by=merged_by,
        version=version,
        version_key=config.version_key,
        expected_rate=expected,
        arm=arm,
        intents=tuple(intents),
        causes=tuple(causes),
        conversation_ids=tuple(sorted(o.id for o in before)),
        required_after=required_after(rate, expected, arm.n, config),
        unattributed=len(arms["unattributed"]) + len(arms["after"]),
        created_at=now or datetime.now(UTC),
    )
