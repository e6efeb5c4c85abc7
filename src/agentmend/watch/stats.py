"""Fixed-horizon statistics: intervals, z and Welch tests, Holm, power (the bench's old rule uses the tests).

Intervals for a difference of proportions are Newcombe's hybrid score intervals (method 10 of
Newcombe 1998, built from two Wilson intervals): unlike Wald they stay inside [-1, 1] and behave with
small counts and rates near zero, which is where a fixed failure cause lives.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats

from agentmend.intervals import wilson_interval


@dataclass(frozen=True)
class ProportionTest:
    """Before (1) vs after (2). `diff` is p2 - p1; `relative` is diff / p1 (None when p1 is 0)."""

    x1: int
    n1: int
    x2: int
    n2: int
    p1: float
    p2: float
    diff: float
    diff_ci: tuple[float, float]
    relative: float | None
    relative_ci: tuple[float, float] | None
    z: float
    p_value: float


@dataclass(frozen=True)
class MeanTest:
    """Before (1) vs after (2), Welch's unequal-variance t-test; `diff` is mean2 - mean1."""

    n1: int
    n2: int
    mean1: float
    mean2: float
    diff: float
    diff_ci: tuple[float, float]
    relative: float | None
    t: float
    df: float
    p_value: float


def _z(alpha: float) -> float:
    return float(stats.norm.ppf(1 - alpha / 2))


def newcombe_interval(x1: int, n1: int, x2: int, n2: int, alpha: float = 0.05) -> tuple[float, float]:
    """Newcombe's hybrid score interval for p2 - p1."""
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson_interval(x1, n1, alpha)
    l2, u2 = wilson_interval(x2, n2, alpha)
    d = p2 - p1
    lower = d - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    upper = d + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    return (lower, upper)


def _ratio_interval(x1: int, n1: int, x2: int, n2: int, alpha: float) -> tuple[float, float] | None:
    """Katz log interval for (p2 / p1) - 1; None when a count is zero and the log is undefined."""
    if x1 == 0 or x2 == 0:
        return None
    ratio = (x2 / n2) / (x1 / n1)
    se = math.sqrt(1 / x2 - 1 / n2 + 1 / x1 - 1 / n1)
    z = _z(alpha)
    return (ratio * math.exp(-z * se) - 1, ratio * math.exp(z * se) - 1)


def two_proportions(x1: int, n1: int, x2: int, n2: int, alpha: float = 0.05) -> ProportionTest:
    """Pooled two-proportion z-test (two-sided) with effect sizes and their intervals."""
    if n1 <= 0 or n2 <= 0:
        raise ValueError(f"both arms need conversations (got n1={n1}, n2={n2})")
    if not (0 <= x1 <= n1 and 0 <= x2 <= n2):
        raise ValueError(f"counts must lie within their arms (got {x1}/{n1}, {x2}/{n2})")
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        z, p = 0.0, 1.0
    else:
        z = (p2 - p1) / se
        p = float(2 * stats.norm.sf(abs(z)))
    return ProportionTest(
        x1=x1,
        n1=n1,
        x2=x2,
        n2=n2,
        p1=p1,
        p2=p2,
        diff=p2 - p1,
        diff_ci=newcombe_interval(x1, n1, x2, n2, alpha),
        relative=(p2 - p1) / p1 if p1 > 0 else None,
        relative_ci=_ratio_interval(x1, n1, x2, n2, alpha),
        z=z,
        p_value=p,
    )


def welch(before: Sequence[float], after: Sequence[float], alpha: float = 0.05) -> MeanTest:
    """Welch's t-test (two-sided) for a mean, e.g. turns per conversation: scipy's, with its interval."""
    n1, n2 = len(before), len(after)
    if n1 < 2 or n2 < 2:
        raise ValueError(f"Welch's t-test needs at least 2 values per arm (got {n1} and {n2})")
    m1, m2 = sum(before) / n1, sum(after) / n2
    diff = m2 - m1
    rel = diff / m1 if m1 else None
    if len(set(before)) == 1 and len(set(after)) == 1:  # no variance: scipy would answer nan
        return MeanTest(
            n1, n2, m1, m2, diff, (diff, diff), rel, 0.0, n1 + n2 - 2.0, 1.0 if diff == 0 else 0.0
        )
    res = stats.ttest_ind(after, before, equal_var=False)
    ci = res.confidence_interval(1 - alpha)
    return MeanTest(
        n1, n2, m1, m2, diff, (float(ci.low), float(ci.high)), rel, float(res.statistic), float(res.df),
        float(res.pvalue),
    )  # fmt: skip


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm–Bonferroni adjusted p-values, in the input order (reject where adjusted < alpha)."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def sample_size_two_proportions(p1: float, p2: float, alpha: float = 0.05, power: float = 0.8) -> float:
    """Conversations per arm (equal arms) to detect p1 -> p2, two-sided; as R's power.prop.test."""
    if p1 == p2:
        return math.inf
    za, zb = _z(alpha), float(stats.norm.ppf(power))
    pbar = (p1 + p2) / 2
    num = za * math.sqrt(2 * pbar * (1 - pbar)) + zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return (num / (p1 - p2)) ** 2


def after_arm_size(per_arm: float, before: int) -> float:
    """Size the after arm must reach when the before arm is fixed at `before`.

    Keeps the variance of the difference equal to the equal-arm design (1/n1 + 1/n2 = 2/n);
    infinite when the baseline itself is too small for any after arm to make up for it.
    """
    if math.isinf(per_arm):
        return math.inf
    spare = 2 / per_arm - 1 / before if before > 0 else -1.0
    return 1 / spare if spare > 0 else math.inf
