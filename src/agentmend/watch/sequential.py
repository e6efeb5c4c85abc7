"""Always-valid tests: a mixture sequential probability ratio test (mSPRT) per metric.

The watch looks again after every export push and every hourly tick. A fixed-horizon test re-run at each
look rejects a true null far more often than its α (16% after 20 looks for eight guards at α = 0.05); the
mSPRT of Johari, Pekelis and Walsh ("Always valid inference", 2017) does not. For an estimate `d` of an
effect with variance `V`, the likelihood ratio of "effect θ" against "no effect", mixed over θ ~ N(0, τ²)
restricted to one side, is a non-negative supermartingale under the null; by Ville's inequality it ever
reaches 1/α with probability at most α, however often (and whenever) it is looked at.

Why this holds for the watch's estimates: the after arm only grows, the before arm is fixed (or, in a
concurrent comparison, grows too), so Cov(d_s, d_t) = V_t for looks s < t. That is a Brownian motion in
information time 1/V, the process the normal-mixture martingale is built on. Counts are approximated as
normal (the usual two-sample z), which is why each arm and stratum needs a few conversations first.

Hand-written (closed forms, a few lines each): no maintained Python library offers a one-sided normal
mixture e-value with a plug-in variance; scipy provides the normal distribution functions used here.
"""

from __future__ import annotations

import math
from typing import Literal

from scipy import optimize, special, stats

Direction = Literal["up", "down"]
LOG2 = math.log(2.0)


def log_evidence(diff: float, variance: float, tau: float, direction: Direction) -> float:
    """log of the one-sided mixture likelihood ratio (an e-value) that the effect lies in `direction`.

    Mixing density: a half-normal with scale `tau` on the side tested. Closed form, with I = 1/V:
    2 / sqrt(1 + τ²I) · exp(τ²S² / (2(1 + τ²I))) · Φ(S / sqrt(I + 1/τ²)), S = d·I.
    """
    if variance <= 0 or tau <= 0:
        return 0.0
    d = diff if direction == "up" else -diff
    total = variance + tau * tau
    quad = tau * tau * d * d / (2 * variance * total)
    z = d * tau / math.sqrt(variance * total)
    return (
        LOG2 + 0.5 * math.log(variance / total) + quad + float(special.log_ndtr(z))
    )  # log Φ(z); the ufunc, 100x faster on a scalar


# The mixing scale is the one choice the test is sensitive to: a scale much smaller than the effect's
# standard error throws evidence away (a small intent going 7% -> 65% on 27 conversations per arm), a
# larger one costs only a log factor. So the evidence averages three scales a decade and a half apart
# (an average of e-values is an e-value), at the price of log 3 against the best single scale.
SCALES = (1.0, 3.0, 10.0)


def evidence(diff: float, variance: float, tau: float, direction: Direction) -> float:
    """The e-value: the average over `SCALES` × tau of one-sided mixtures (capped to a finite float)."""
    logs = [log_evidence(diff, variance, tau * k, direction) for k in SCALES]
    top = max(logs)
    mean = top + math.log(sum(math.exp(x - top) for x in logs) / len(logs))
    return math.exp(min(700.0, mean))


def boundary(variance: float, tau: float, alpha: float) -> float:
    """The smallest effect estimate whose one-sided evidence reaches 1/α at this variance."""
    target = math.log(1 / alpha)

    def gap(d: float) -> float:
        return math.log(max(evidence(d, variance, tau, "up"), 1e-300)) - target

    hi = max(tau, math.sqrt(variance)) * 4
    while gap(hi) < 0:
        hi *= 2
    return float(optimize.brentq(gap, 0.0, hi, xtol=1e-10))


def after_needed(
    p_before: float,
    p_after: float,
    n_before: float | None,
    *,
    tau: float,
    alpha: float,
    power: float,
    ratio: float | None = None,
    cap: int = 10_000_000,
) -> int | None:
    """Conversations the after arm needs before a move p_before → p_after is caught with `power`.

    `n_before` fixed (before/after), or None with `ratio` = control/after sizes (a concurrent comparison
    in which both arms grow). A single-look power, so it slightly overstates what the sequential test
    needs (it may cross earlier). None when even `cap` conversations would not do (a small baseline).
    """
    delta = abs(p_after - p_before)
    if delta == 0:
        return None
    q = float(stats.norm.ppf(power))

    def enough(n2: int) -> bool:
        n1 = n_before if n_before is not None else max(1.0, n2 * (ratio or 1.0))
        pooled = (p_before * n1 + p_after * n2) / (n1 + n2)
        v_null = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
        v_alt = p_before * (1 - p_before) / n1 + p_after * (1 - p_after) / n2
        if v_null <= 0 or v_alt <= 0:
            return True
        return (delta - boundary(v_null, tau, alpha)) / math.sqrt(v_alt) >= q

    if not enough(cap):
        return None
    lo, hi = 1, 2
    while not enough(hi):
        lo, hi = hi, hi * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if enough(mid):
            hi = mid
        else:
            lo = mid
    return hi
