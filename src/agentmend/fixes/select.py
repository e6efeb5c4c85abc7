"""Which failure causes get a proposal now: each cause's merit (`analysis.merit`, already in the report),
then cooldowns after a rejection or a merge, and the open-PR budget.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from agentmend.analysis.merit import assess, score
from agentmend.analysis.records import AnalysisReport, FailureCluster
from agentmend.fixes.branches import branch_for
from agentmend.repo_config import RepoConfig


@dataclass(frozen=True)
class Cooldown:
    """A cause whose change was rejected (closed unmerged, or `ignore`d: `permanent`) or merged, with its
    numbers then."""

    cause_id: str
    size: int
    failure_rate: float
    permanent: bool = False
    kind: Literal["rejected", "merged"] = "rejected"


@dataclass(frozen=True)
class History:
    """What happened to earlier changes of this repo: cooldowns by cause, and the branch each merged
    cause was merged in."""

    cooldowns: Mapping[str, Cooldown] = field(default_factory=dict)
    merged_in: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Selection:
    cluster: FailureCluster
    skip_reason: str | None = None  # None: propose

    @property
    def selected(self) -> bool:
        return self.skip_reason is None


def _relative_change(old: float, new: float) -> float:
    if old == 0:
        return float("inf") if new else 0.0
    return abs(new - old) / abs(old)


def _growth(old: float, new: float) -> float:
    return _relative_change(old, new) if new > old else 0.0


def _cooldown_reason(
    row: Cooldown, cluster: FailureCluster, threshold: float, merged_branch: str | None = None
) -> str | None:
    if row.permanent:
        return "ignored by a reviewer (`@agentmend ignore`); never proposed again"
    if row.kind == "merged":
        # the exports are cumulative: the conversations that failed before the merge are still there, so
        # only numbers that grew (the fix did not hold) bring the cause back; the watch judges the rest
        if (
            _growth(row.size, cluster.size) > threshold
            or _growth(row.failure_rate, cluster.failure_rate) > threshold
        ):
            return None
        return (
            f"merged in {merged_branch or branch_for(cluster)}; the metric watch judges it — re-proposed "
            f"only when its numbers grow by more than proposals.cooldown_change ({threshold:.0%})"
        )
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
    history: History,
    open_branches: Iterable[str] = (),
    only_cause: str | None = None,
) -> list[Selection]:
    """Every cause of the report with a verdict. `open_branches` are agentmend changes already open.

    Causes are considered by `score` (recoverable failures × specificity). A cause with an open change is
    always refreshed and does not count against `max_open_prs` again; new ones are opened while fewer than
    `max_open_prs` are open. An explicit
    `only_cause` (a human asked) skips the thresholds but still respects a permanent ignore.
    """
    p = config.proposals
    open_set = set(open_branches)
    cooldowns, merged_in = history.cooldowns, history.merged_in
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
    merits = assess(report.clusters, config)
    out = []
    for c in sorted(report.clusters, key=lambda c: (-score(c), -c.size, c.id)):
        has_open = branch_for(c) in open_set
        verdict = merits[c.id]
        reason: str | None = None if verdict.selected else verdict.reason
        if reason is None and (row := cooldowns.get(c.id)) is not None and (row.permanent or not has_open):
            # an open change is refreshed regardless
            reason = _cooldown_reason(row, c, p.cooldown_change, merged_in.get(c.id))
        if reason is None and not has_open:
            if open_count >= p.max_open_prs:
                reason = f"{open_count} changes already open (proposals.max_open_prs = {p.max_open_prs})"
            else:
                open_count += 1
        out.append(Selection(c, reason))
    return out
