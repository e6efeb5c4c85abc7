"""Which conversations ran on the merged change ("after") and which did not.

The version the export records wins over the clock: rollouts lag, and a conversation served by an older
prompt after the merge says nothing about the change. The clock (merge time + grace period) only
decides for conversations without a version.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime, timedelta
from typing import Literal

from agentmend.watch.metrics import Observation

Arm = Literal["before", "after", "unattributed"]
MIN_CONCURRENT = 30  # old-version conversations after the merge that make a comparison concurrent...
CONCURRENT_SHARE = 0.1  # ... when they are also this share of the traffic after the merge


def _aware(ts: datetime) -> datetime:
    return ts if ts.tzinfo is not None else ts.replace(tzinfo=UTC)


def attribute(
    obs: Observation,
    *,
    version: str | None,
    merged_at: datetime,
    grace: timedelta,
    baseline_ids: Collection[str] = (),
) -> Arm:
    """`before`, `after`, or `unattributed` (no version and no start time, or inside the grace period)."""
    if obs.id in baseline_ids:
        return "before"
    if version is not None and obs.version is not None:
        return "after" if obs.version == version else "before"
    if obs.started_at is None:
        return "unattributed"
    started = _aware(obs.started_at)
    merged = _aware(merged_at)
    if started < merged:
        return "before"
    return "after" if started >= merged + grace else "unattributed"


def split(
    observations: Sequence[Observation],
    *,
    version: str | None,
    merged_at: datetime,
    grace: timedelta,
    baseline_ids: Collection[str] = (),
) -> dict[Arm, list[Observation]]:
    """Group observations by arm, every one of them accounted for."""
    arms: dict[Arm, list[Observation]] = {"before": [], "after": [], "unattributed": []}
    for o in observations:
        arm = attribute(o, version=version, merged_at=merged_at, grace=grace, baseline_ids=baseline_ids)
        arms[arm].append(o)
    return arms


def concurrent_control(
    observations: Sequence[Observation],
    after: Sequence[Observation],
    *,
    version: str | None,
    merged_at: datetime,
) -> list[Observation]:
    """The previous version's conversations that ran alongside the new one: a canary or an A/B split.

    When the export carries the version key and both versions ran in the same period, comparing them
    with each other removes everything that changed with the calendar (season, campaigns, new users).
    Clients draining the old version for a while after a merge are not that: the old version must hold
    at least MIN_CONCURRENT conversations and CONCURRENT_SHARE of the traffic after the merge, and still
    run after half of the new version's conversations had started. Otherwise: empty (before/after).
    """
    if version is None:
        return []
    merged = _aware(merged_at)
    control = [
        o
        for o in observations
        if o.version is not None
        and o.version != version
        and o.started_at is not None
        and _aware(o.started_at) >= merged
    ]
    if len(control) < MIN_CONCURRENT or len(control) < CONCURRENT_SHARE * (len(control) + len(after)):
        return []
    starts = sorted(_aware(o.started_at) for o in after if o.started_at is not None)
    if starts and max(_aware(o.started_at) for o in control if o.started_at) < starts[len(starts) // 2]:
        return []
    return control
