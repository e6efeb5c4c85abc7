"""Whether a failure cause deserves a proposal on its numbers, and why it does or does not (`assess`).

A cause is proposed when it is big enough and coherent (its members fail by one mechanism in one intent). A
coherent cause whose mechanism names a fixable step (a tool, an action check, a refusal, a stock reply) is
proposed even when its intent fails at about the average rate: lift measures how bad an intent is, not
whether a cause is real, and a specific cause inside a busy intent is the one a team acts on. Lift still
gates causes with a generic mechanism ("answer did not serve"), where it is the only evidence the cause is
distinctive. Causes are ranked by the failed conversations a fix could recover times how specific the
mechanism is. The verdicts go into the report; `fixes.select` adds cooldowns and the PR budget.
"""

from __future__ import annotations

from collections.abc import Sequence

from agentmend.analysis.records import FailureCluster, ProposalVerdict
from agentmend.repo_config import RepoConfig

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
