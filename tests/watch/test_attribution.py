"""Which conversations count as "after" the merge, and which cause/intent a later conversation belongs to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from agentmend.watch.attribution import attribute, split
from agentmend.watch.metrics import Anchor, Observation, anchor, nearest

MERGED = datetime(2026, 11, 1, 12, tzinfo=UTC)
GRACE = timedelta(hours=1)


def obs(id: str, started: datetime | None, version: str | None = None) -> Observation:
    return Observation(
        id=id, started_at=started, day=None, version=version, failed=False, escalated=False,
        abandoned=False, negative_feedback=False, turns=2, intent_id=None, cause_id=None,
    )  # fmt: skip


def test_the_version_in_the_export_decides_over_the_clock() -> None:
    late_old = obs("a", MERGED + timedelta(days=2), version="v1")
    early_new = obs("b", MERGED + timedelta(minutes=5), version="v2")
    assert attribute(late_old, version="v2", merged_at=MERGED, grace=GRACE) == "before"
    assert attribute(early_new, version="v2", merged_at=MERGED, grace=GRACE) == "after"


def test_without_a_version_the_grace_period_is_left_out() -> None:
    arms = split(
        [
            obs("before", MERGED - timedelta(minutes=1)),
            obs("grace", MERGED + timedelta(minutes=30)),
            obs("after", MERGED + timedelta(hours=2)),
            obs("no-time", None),
        ],
        version=None,
        merged_at=MERGED,
        grace=GRACE,
    )
    assert [o.id for o in arms["before"]] == ["before"]
    assert [o.id for o in arms["after"]] == ["after"]
    assert sorted(o.id for o in arms["unattributed"]) == ["grace", "no-time"]


def test_a_baseline_conversation_is_never_after_even_when_re_exported_later() -> None:
    late = obs("kept", MERGED + timedelta(days=1), version="v2")
    assert attribute(late, version="v2", merged_at=MERGED, grace=GRACE, baseline_ids={"kept"}) == "before"


def test_naive_timestamps_are_read_as_utc() -> None:
    naive = obs("n", (MERGED + timedelta(hours=3)).replace(tzinfo=None))
    assert attribute(naive, version=None, merged_at=MERGED, grace=GRACE) == "after"


def test_a_conversation_far_from_every_cause_is_assigned_to_none() -> None:
    rng = np.random.default_rng(0)
    centre = np.array([1.0, 0.0, 0.0])
    members = centre + rng.normal(0, 0.05, size=(50, 3))
    members /= np.linalg.norm(members, axis=1, keepdims=True)
    cause = anchor("c1", "refund status", members)
    other = Anchor(id="c2", label="sso", centroid=(0.0, 1.0, 0.0), floor=0.9)
    close = np.array([[0.99, 0.05, 0.0]])
    between = np.array([[0.6, 0.6, 0.52]])
    assert nearest(close / np.linalg.norm(close), [cause, other]) == ["c1"]
    assert nearest(between / np.linalg.norm(between), [cause, other]) == [None]


def test_the_old_version_running_alongside_the_new_one_is_a_concurrent_control() -> None:
    from agentmend.watch.attribution import MIN_CONCURRENT, concurrent_control

    def spread(prefix: str, n: int, version: str, every: float = 1.0) -> list[Observation]:
        return [
            obs(f"{prefix}{i}", MERGED + timedelta(hours=2 + every * i), version=version) for i in range(n)
        ]

    old_after = spread("o", MIN_CONCURRENT + 10, "v1", every=3.0)  # the same week as the new version
    new = spread("n", 120, "v2")
    old_before = [obs("early", MERGED - timedelta(days=1), version="v1")]
    control = concurrent_control([*old_after, *old_before], new, version="v2", merged_at=MERGED)
    assert sorted(o.id for o in control) == sorted(o.id for o in old_after)
    # a handful of stragglers on the old version is a rollout lag, not an A/B split
    assert concurrent_control(old_after[:5], new, version="v2", merged_at=MERGED) == []
    # ... and so are clients draining the old version for the first hours while the new one takes over
    draining = [obs(f"d{i}", MERGED + timedelta(minutes=i), version="v1") for i in range(35)]
    assert concurrent_control(draining, spread("m", 300, "v2"), version="v2", merged_at=MERGED) == []
    # without a version key there is nothing to tell the arms apart
    assert concurrent_control(old_after, new, version=None, merged_at=MERGED) == []
