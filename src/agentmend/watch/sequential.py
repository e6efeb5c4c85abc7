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

import functools
import math
from typing import Literal

import numpy as np
from scipy import optimize, special

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


LOOKS = 20  # evaluations a sizing assumes over the window (a push a day and the hourly tick, thinned)
PATHS = 400


def _log_evidence_np(d: np.ndarray, variance: np.ndarray, tau: float) -> np.ndarray:
    """`log_evidence` ("up") on arrays, averaged over `SCALES` like `evidence`."""
    logs = []
    for k in SCALES:
        t2 = (tau * k) ** 2
        total = variance + t2
        quad = t2 * d * d / (2 * variance * total)
        z = d * (tau * k) / np.sqrt(variance * total)
        logs.append(LOG2 + 0.5 * np.log(variance / total) + quad + special.log_ndtr(z))
    stacked = np.stack(logs)
    top = stacked.max(axis=0)
    return np.asarray(top + np.log(np.exp(stacked - top).mean(axis=0)))


@functools.lru_cache(maxsize=4096)  # pure and seeded: a baseline re-read, or many alike, sizes once
def after_needed(
    p_before: float,
    p_after: float,
    n_before: float | None,
    *,
    tau: float,
    alpha: float,
    power: float,
    ratio: float | None = None,
    cap: int = 2_000_000,
) -> int | None:
    """Conversations the after arm needs before a move p_before → p_after is caught with `power`.

    `n_before` fixed (before/after), or None with `ratio` = control/after sizes (a concurrent comparison
    in which both arms grow). The power is that of the sequential test itself, looked at `LOOKS` times
    as the after arm grows: simulated on seeded Gaussian paths of the two arms' means (the normal
    approximation the test itself makes), so the same baseline always gets the same answer. None when
    even `cap` conversations would not do (a baseline too small for the effect).
    """
    if p_after == p_before:
        return None
    rng = np.random.default_rng(20170101)
    fixed_noise = rng.standard_normal(PATHS)
    steps_after = rng.standard_normal((PATHS, LOOKS))
    steps_before = rng.standard_normal((PATHS, LOOKS))
    fractions = np.arange(1, LOOKS + 1) / LOOKS
    sign = 1.0 if p_after > p_before else -1.0
    s1, s2 = math.sqrt(p_before * (1 - p_before)), math.sqrt(p_after * (1 - p_after))
    threshold = math.log(1 / alpha)

    def power_at(n2: int) -> float:
        ns2 = n2 * fractions
        err2 = np.cumsum(steps_after * math.sqrt(n2 / LOOKS), axis=1) * s2 / ns2
        if n_before is not None:
            ns1 = np.full(LOOKS, float(n_before))
            err1 = (fixed_noise * s1 / math.sqrt(n_before))[:, None]
        else:
            ns1 = np.maximum(1.0, ns2 * (ratio or 1.0))
            err1 = np.cumsum(steps_before * np.sqrt(np.diff(ns1, prepend=0.0)), axis=1) * s1 / ns1
        d = (p_after - p_before) + err2 - err1
        p1 = np.clip(p_before + err1, 0.0, 1.0)
        p2 = np.clip(p_after + err2, 0.0, 1.0)
        pooled = np.clip((p1 * ns1 + p2 * ns2) / (ns1 + ns2), 1e-6, 1 - 1e-6)
        variance = pooled * (1 - pooled) * (1 / ns1 + 1 / ns2)
        crossed = (_log_evidence_np(sign * d, variance, tau) >= threshold).any(axis=1)
        return float(crossed.mean())

    if power_at(cap) < power:
        return None
    lo, hi = 1, 64
    while power_at(hi) < power:
        lo, hi = hi, min(cap, hi * 4)
    while hi - lo > max(1, lo // 100):
        mid = (lo + hi) // 2
        if power_at(mid) >= power:
            hi = mid
        else:
            lo = mid
    return hi
