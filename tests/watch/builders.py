"""Hand-built arms and baselines for the watch's unit tests."""

from __future__ import annotations

from datetime import UTC, datetime

from agentmend.repo_config import WatchConfig
from agentmend.watch.baseline import Baseline, required_after
from agentmend.watch.metrics import Anchor, ArmSummary, Tally

MERGED = datetime(2026, 11, 1, 12, tzinfo=UTC)
CONFIG = WatchConfig(min_conversations=100)
LABELS = {"i-billing": "refund status", "i-invite": "invite teammates"}


def _spread(total: int, sizes: list[int]) -> list[int]:
    """`total` events over strata in proportion to their sizes (the remainder to the last)."""
    n = sum(sizes)
    parts = [total * k // n for k in sizes[:-1]]
    return [*parts, total - sum(parts)]


def arm(
    n: int,
    target: int,
    failed: int,
    escalated: int = 30,
    abandoned: int = 20,
    negative: int = 10,
    intents: dict[str, tuple[int, int]] | None = None,
) -> ArmSummary:
    """An arm whose intents carry the counts too: events spread in proportion to intent size, the target
    cause in proportion to each intent's failures."""
    intents = intents or {"i-billing": (n // 2, failed // 2), "i-invite": (n - n // 2, failed - failed // 2)}
    sizes = [a for a, _ in intents.values()]
    esc, ab, neg = _spread(escalated, sizes), _spread(abandoned, sizes), _spread(negative, sizes)
    targets = _spread(target, [max(b, 1) for _, b in intents.values()])
    tallies = {}
    for i, (k, (a, b)) in enumerate(intents.items()):
        tallies[k] = Tally(
            n=a, failed=b, target=targets[i], escalated=esc[i], abandoned=ab[i],
            negative_feedback=neg[i], turns_sum=5 * a, turns_sq=26 * a,
        )  # fmt: skip
    return ArmSummary(
        total=Tally(
            n=n, failed=failed, target=target, escalated=escalated, abandoned=abandoned,
            negative_feedback=negative, turns_sum=5 * n, turns_sq=26 * n,
        ),
        turns={4: n // 2, 6: n - n // 2},
        intents=tallies,
        daily={},
    )  # fmt: skip


def baseline(before: ArmSummary) -> Baseline:
    rate = before.total.target / before.n
    return Baseline(
        cause_id="c-refund",
        cause_label="refund status",
        branch="agentmend/refund-status",
        merge_sha="m" * 40,
        parent_sha="p" * 40,
        merged_at=MERGED,
        merged_by="octocat",
        version="v2",
        version_key="prompt_version",
        expected_rate=rate / 2,
        arm=before,
        intents=tuple(
            Anchor(id=k, label=LABELS.get(k, k), centroid=(float(i),)) for i, k in enumerate(before.intents)
        ),
        causes=(Anchor(id="c-refund", label="refund status", centroid=(1.0,)),),
        conversation_ids=(),
        required_after=required_after(rate, rate / 2, before.n, CONFIG),
        unattributed=0,
        created_at=MERGED,
    )
