"""Which failure causes deserve a proposal now, and why each one does or does not.

On the analysis' numbers (`assess`, written into the report): a cause is proposed when it is big enough and
coherent (its members fail by one mechanism in one intent). A coherent cause whose mechanism names a fixable
step (a tool, an action check, a refusal, a stock reply) is proposed even when its intent fails at about the
average rate: lift measures how bad an intent is, not whether a cause is real, and a specific cause inside a
busy intent is the one a team acts on. Lift still gates causes with a generic mechanism ("answer did not
serve"), where it is the only evidence the cause is distinctive. Causes are ranked by the failed
conversations a fix could recover times how specific the mechanism is. At propose time (`select_causes`)
cooldowns, merged changes and the open-PR budget come on top.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from agentmend.analysis.records import AnalysisReport, FailureCluster, ProposalVerdict
from agentmend.forges.base import BRANCH_PREFIX
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


# A cause whose members fail by its mechanism less often than this is a mix: no one fix would cover it.
MIN_COHERENCE = 0.5
# Below this specificity the mechanism says only "the user was not served": lift must show it is distinctive.
SPECIFIC = 0.5


def score(c: FailureCluster) -> float:
    """Failed conversations a fix could recover, weighted by how specific (fixable) the mechanism is."""
    if not c.mechanism_kind:  # a cause from before mechanisms (or a hand-made one): size alone
        return float(c.size)
    return c.size * c.coherence * c.specificity


def _merit(c: FailureCluster, config: RepoConfig) -> str | None:
    """Why a cause is not worth a proposal on its numbers, or None when it is."""
    p = config.proposals
    if c.size < p.min_cluster_size:
        return f"too small: {c.size} failed conversations < proposals.min_cluster_size {p.min_cluster_size}"
    if not c.mechanism_kind:
        if c.lift < p.min_lift:
            return f"not distinctive: lift {c.lift:.2f} < proposals.min_lift {p.min_lift}"
        return None
    if c.coherence < MIN_COHERENCE:
        return (
            f"not coherent: only {c.coherence:.0%} of its conversations fail by '{c.mechanism}' "
            f"(< {MIN_COHERENCE:.0%}); no single fix would cover it"
        )
    if c.specificity < SPECIFIC and c.lift < p.min_lift:
        return (
            f"not distinctive: the mechanism '{c.mechanism}' is generic and lift {c.lift:.2f} < "
            f"proposals.min_lift {p.min_lift}"
        )
    return None


def _why_selected(c: FailureCluster, config: RepoConfig) -> str:
    p = config.proposals
    if not c.mechanism_kind:
        return f"{c.size} failed conversations, lift {c.lift:.2f} ≥ proposals.min_lift {p.min_lift}"
    text = f"{c.size} failed conversations, {c.coherence:.0%} of them failing by '{c.mechanism}'"
    if c.lift < p.min_lift:
        text += (
            f"; lift {c.lift:.2f} is below proposals.min_lift {p.min_lift}, but the mechanism is specific, "
            "so a fix is still worth proposing"
        )
    return text


def assess(clusters: Sequence[FailureCluster], config: RepoConfig) -> dict[str, ProposalVerdict]:
    """A verdict per cause on its numbers alone, the selected ones ranked by `score`."""
    verdicts: dict[str, ProposalVerdict] = {}
    rank = 0
    for c in sorted(clusters, key=lambda c: (-score(c), -c.size, c.id)):
        reason = _merit(c, config)
        if reason is None:
            rank += 1
            verdicts[c.id] = ProposalVerdict(True, _why_selected(c, config), rank, round(score(c), 2))
        else:
            verdicts[c.id] = ProposalVerdict(False, reason, None, round(score(c), 2))
    return verdicts


def branch_for(cluster: FailureCluster) -> str:
    return f"{BRANCH_PREFIX}{cluster.slug}"


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
