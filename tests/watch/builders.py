"""Hand-built arms and baselines for the watch's unit tests."""

from __future__ import annotations

from datetime import UTC, datetime

from agentmend.repo_config import WatchConfig
from agentmend.watch.baseline import Baseline, required_after
from agentmend.watch.metrics import Anchor, ArmSummary, Tally

MERGED = datetime(2026, 11, 1, 12, tzinfo=UTC)
CONFIG = WatchConfig(min_conversations=100)


def arm(
    n: int,
    target: int,
    failed: int,
    escalated: int = 30,
    abandoned: int = 20,
    negative: int = 10,
    intents: dict[str, tuple[int, int]] | None = None,
) -> ArmSummary:
    intents = intents or {"i-billing": (n // 2, failed // 2), "i-invite": (n - n // 2, failed - failed // 2)}
    return ArmSummary(
        total=Tally(
            n=n, failed=failed, target=target, escalated=escalated, abandoned=abandoned,
            negative_feedback=negative,
        ),
        turns={4: n // 2, 6: n - n // 2},
        intents={k: Tally(n=a, failed=b) for k, (a, b) in intents.items()},
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
        intents=(
            Anchor(id="i-billing", label="refund status", centroid=(1.0,)),
            Anchor(id="i-invite", label="invite teammates", centroid=(0.0,)),
        ),
        causes=(Anchor(id="c-refund", label="refund status", centroid=(1.0,)),),
        conversation_ids=(),
        required_after=required_after(rate, rate / 2, before.n, CONFIG),
        unattributed=0,
        created_at=MERGED,
    )
