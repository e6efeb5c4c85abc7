"""Like-for-like: a rate compared within each baseline intent, combined with the baseline's intent mix.

If more users with a hard intent show up after the merge, the raw failure rate rises although the agent
did not change. Direct standardisation holds the mix fixed: each intent (and the stratum of conversations
near no intent) weighs what it weighed in the baseline, so only a change within intents moves the figure.
A stratum too thin in either arm (fewer than `MIN_STRATUM` conversations, or none) is collapsed into its
most similar intent (request centroids) that is not thin, the usual remedy of collapsing adjacent strata:
one conversation after the merge in an intent that weighed 2% before would otherwise swing the adjusted
rate by up to 2 points on its own. Collapsing into a neighbour rather than into one pool of everything
thin matters when the change itself empties an intent: a wrong answer that made users come back with the
bill ("you said roaming was free") creates complaint intents that the fix makes vanish; pooled with
unrelated thin intents they kept their old weight on a handful of conversations, collapsed into the
roaming intent they sit next to they are compared as roaming. Strata with no neighbour to join (the
conversations near no intent) are pooled, and a pool still that thin is left out with the weights of the
others renormalised.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from agentmend.watch.metrics import Anchor, ArmSummary, Tally, summed

UNASSIGNED = "_unassigned"
SPARSE = "_sparse"
MIN_STRATUM = 10


@dataclass(frozen=True)
class Estimate:
    """A difference after - before, standardised; `v_null` pools the arms per stratum (for the test),
    `v_alt` keeps them apart (for the interval)."""

    before: float
    after: float
    raw_before: float
    raw_after: float
    v_null: float
    v_alt: float
    strata: int

    @property
    def diff(self) -> float:
        return self.after - self.before


def strata(arm: ArmSummary) -> dict[str, Tally]:
    out = dict(arm.intents)
    if arm.unassigned.n:
        out[UNASSIGNED] = arm.unassigned
    return out


def weights(baseline: ArmSummary) -> dict[str, float]:
    """The baseline's intent mix (shares of its conversations), the fixed standard population."""
    parts = strata(baseline)
    total = sum(t.n for t in parts.values())
    return {k: t.n / total for k, t in parts.items() if t.n} if total else {}


@dataclass(frozen=True)
class Standard:
    """The standard population: the baseline's mix, and for each intent the others, most similar first
    (where a thin stratum is collapsed)."""

    mix: Mapping[str, float]
    neighbours: Mapping[str, tuple[str, ...]]


def standard(baseline: ArmSummary, intents: Sequence[Anchor] = ()) -> Standard:
    """The baseline's mix, with intents ranked by centroid similarity for collapsing thin strata."""
    if len(intents) < 2:
        return Standard(weights(baseline), {})
    ids = [a.id for a in intents]
    matrix = np.asarray([a.centroid for a in intents], dtype=np.float64)
    sims = matrix @ matrix.T
    order = np.argsort(-sims, axis=1, kind="stable")
    return Standard(
        weights(baseline),
        {ids[i]: tuple(ids[j] for j in order[i] if j != i) for i in range(len(ids))},
    )


def paired(
    before: ArmSummary, after: ArmSummary, std: Standard
) -> tuple[dict[str, Tally], dict[str, Tally], dict[str, float]]:
    """Both arms' strata and the mix, each thin stratum collapsed into its most similar stratum that is
    not thin (or pooled into `SPARSE` when it has none); every stratum in the returned mix has at least
    `MIN_STRATUM` conversations in both arms (a pool still that thin is left out, like a stratum missing
    from one arm)."""
    b_strata, a_strata = strata(before), strata(after)

    def size(k: str) -> int:
        return min(b_strata.get(k, Tally()).n, a_strata.get(k, Tally()).n)

    thick = {k for k in std.mix if size(k) >= MIN_STRATUM}
    b_out: dict[str, Tally] = {}
    a_out: dict[str, Tally] = {}
    w_out: dict[str, float] = {}
    for k, w in std.mix.items():
        key = k if k in thick else next((n for n in std.neighbours.get(k, ()) if n in thick), SPARSE)
        b_out[key] = summed([b_out.get(key, Tally()), b_strata.get(k, Tally())])
        a_out[key] = summed([a_out.get(key, Tally()), a_strata.get(k, Tally())])
        w_out[key] = w_out.get(key, 0.0) + w
    keep = {k: w for k, w in w_out.items() if w and min(b_out[k].n, a_out[k].n) >= MIN_STRATUM}
    return b_out, a_out, keep


def _smoothed(x: float, n: float) -> float:
    return (x + 0.5) / (n + 1)


def rate(field: str, before: ArmSummary, after: ArmSummary, std: Standard) -> Estimate:
    """Standardised rate of `field` (a Tally count) in both arms."""
    b_strata, a_strata, keep = paired(before, after, std)
    total_w = sum(keep.values())
    pb = pa = v_null = v_alt = 0.0
    for k, w0 in keep.items():
        w = w0 / total_w
        b, a = b_strata[k], a_strata[k]
        x1, x2 = getattr(b, field), getattr(a, field)
        p1, p2 = x1 / b.n, x2 / a.n
        pb += w * p1
        pa += w * p2
        pooled = _smoothed(x1 + x2, b.n + a.n)
        v_null += w * w * pooled * (1 - pooled) * (1 / b.n + 1 / a.n)
        s1, s2 = _smoothed(x1, b.n), _smoothed(x2, a.n)
        v_alt += w * w * (s1 * (1 - s1) / b.n + s2 * (1 - s2) / a.n)
    raw_b = getattr(before.total, field) / before.n if before.n else 0.0
    raw_a = getattr(after.total, field) / after.n if after.n else 0.0
    if not keep:
        return Estimate(raw_b, raw_a, raw_b, raw_a, 0.0, 0.0, 0)
    return Estimate(pb, pa, raw_b, raw_a, v_null, v_alt, len(keep))


def _mean_var(t: Tally) -> tuple[float, float]:
    mean = t.turns_sum / t.n
    var = (t.turns_sq - t.turns_sum * t.turns_sum / t.n) / (t.n - 1) if t.n > 1 else 0.0
    return mean, max(var, 0.0)


def mean_turns(before: ArmSummary, after: ArmSummary, std: Standard) -> Estimate:
    """Standardised mean turns per conversation (Welch-style variance per stratum)."""
    b_strata, a_strata, keep = paired(before, after, std)
    total_w = sum(keep.values())
    mb = ma = v = 0.0
    for k, w0 in keep.items():
        w = w0 / total_w
        (m1, s1), (m2, s2) = _mean_var(b_strata[k]), _mean_var(a_strata[k])
        mb += w * m1
        ma += w * m2
        v += w * w * (s1 / b_strata[k].n + s2 / a_strata[k].n)
    raw_b = before.total.turns_sum / before.n if before.n else 0.0
    raw_a = after.total.turns_sum / after.n if after.n else 0.0
    if not keep:
        return Estimate(raw_b, raw_a, raw_b, raw_a, 0.0, 0.0, 0)
    return Estimate(mb, ma, raw_b, raw_a, v, v, len(keep))


def within(field: str, b: Tally, a: Tally) -> Estimate:
    """One stratum on its own: an intent's guard (no variance, so no evidence, while an arm is empty)."""
    x1, x2 = getattr(b, field), getattr(a, field)
    p1, p2 = (x1 / b.n if b.n else 0.0), (x2 / a.n if a.n else 0.0)
    if not (b.n and a.n):
        return Estimate(p1, p2, p1, p2, 0.0, 0.0, 0)
    pooled = _smoothed(x1 + x2, b.n + a.n)
    s1, s2 = _smoothed(x1, b.n), _smoothed(x2, a.n)
    v_null = pooled * (1 - pooled) * (1 / b.n + 1 / a.n)
    v_alt = s1 * (1 - s1) / b.n + s2 * (1 - s2) / a.n
    return Estimate(p1, p2, p1, p2, v_null, v_alt, 1)


def differs(e: Estimate, unit: str) -> bool:
    """Whether the raw figure tells a visibly different story from the adjusted one."""
    tol = 0.005 if unit == "rate" else 0.05
    return not (
        math.isclose(e.raw_after, e.after, abs_tol=tol) and math.isclose(e.raw_before, e.before, abs_tol=tol)
    )


def contributions(
    field: str, before: ArmSummary, after: ArmSummary, std: Standard
) -> list[tuple[str, float]]:
    """Each stratum's share of a standardised change, w_k · (after_k - before_k), largest rise first.

    Descriptive: it says where a significant overall change happened, it tests nothing by itself.
    `field` "turns" decomposes the mean turns per conversation.
    """
    b_strata, a_strata, keep = paired(before, after, std)
    total_w = sum(keep.values())
    out = []
    for k, w in keep.items():
        b, a = b_strata[k], a_strata[k]
        if field == "turns":
            change = a.turns_sum / a.n - b.turns_sum / b.n
        else:
            change = getattr(a, field) / a.n - getattr(b, field) / b.n
        out.append((k, w / total_w * change))
    return sorted(out, key=lambda kv: -kv[1])
