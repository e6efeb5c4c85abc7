"""Which failure causes deserve a proposal now: big enough, clearly worse than average, not cooling down."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from agentmend.analysis.records import AnalysisReport, FailureCluster
from agentmend.forges.base import BRANCH_PREFIX
from agentmend.repo_config import RepoConfig
from agentmend.store.tables import CooldownRow


@dataclass(frozen=True)
class Selection:
    cluster: FailureCluster
    skip_reason: str | None = None  # None: propose

    @property
    def selected(self) -> bool:
        return self.skip_reason is None


def branch_for(cluster: FailureCluster) -> str:
    return f"{BRANCH_PREFIX}{cluster.slug}"


def _relative_change(old: float, new: float) -> float:
    if old == 0:
        return float("inf") if new else 0.0
    return abs(new - old) / abs(old)


def _cooldown_reason(row: CooldownRow, cluster: FailureCluster, threshold: float) -> str | None:
    if row.permanent:
        return "ignored by a reviewer (`@agentmend ignore`); never proposed again"
    size_change = _relative_change(row.size, cluster.size)
    rate_change = _relative_change(row.failure_rate, cluster.failure_rate)
    if size_change > threshold or rate_change > threshold:
        return None
    return (
        f"cooling down after a rejected change: size {row.size}→{cluster.size}, failure rate "
        f"{row.failure_rate:.0%}→{cluster.failure_rate:.0%} changed less than {threshold:.0%}"
    )


def select_causes(
    report: AnalysisReport,
    config: RepoConfig,
    *,
    engine: Engine,
    repo_key: str,
    open_branches: Iterable[str] = (),
    only_cause: str | None = None,
) -> list[Selection]:
    """Every cause of the report with a verdict. `open_branches` are agentmend changes already open.

    Causes are considered largest first. A cause with an open change is always refreshed and does not count
    against `max_open_prs` again; new ones are opened while fewer than `max_open_prs` are open. An explicit
    `only_cause` (a human asked) skips the thresholds but still respects a permanent ignore.
    """
    p = config.proposals
    open_set = set(open_branches)
    with Session(engine) as s:
        cooldowns = {
            row.cause_id: row for row in s.scalars(select(CooldownRow).where(CooldownRow.repo == repo_key))
        }
    if only_cause is not None:
        out = []
        for c in report.clusters:
            if c.id != only_cause and c.slug != only_cause:
                out.append(Selection(c, f"not requested (--cause {only_cause})"))
                continue
            row = cooldowns.get(c.id)
            out.append(
                Selection(c, _cooldown_reason(row, c, float("inf")) if row and row.permanent else None)
            )
        return out
    open_count = len(open_set)
    out = []
    for c in sorted(report.clusters, key=lambda c: (-c.size, c.id)):
        has_open = branch_for(c) in open_set
        reason: str | None = None
        if c.size < p.min_cluster_size:
            reason = (
                f"too small: {c.size} failed conversations < proposals.min_cluster_size {p.min_cluster_size}"
            )
        elif c.lift < p.min_lift:
            reason = f"not distinctive: lift {c.lift:.2f} < proposals.min_lift {p.min_lift}"
        elif (row := cooldowns.get(c.id)) is not None and (row.permanent or not has_open):
            reason = _cooldown_reason(row, c, p.cooldown_change)  # an open change is refreshed regardless
        if reason is None and not has_open:
            if open_count >= p.max_open_prs:
                reason = f"{open_count} changes already open (proposals.max_open_prs = {p.max_open_prs})"
            else:
                open_count += 1
        out.append(Selection(c, reason))
    return out
