"""Confidence intervals for a proportion, shared by the detector's self-measurement and the watch."""

from __future__ import annotations

from scipy import stats


def wilson_interval(x: int, n: int, alpha: float = 0.05) -> tuple[float, float]:
    """Wilson score interval for `x` of `n` (scipy's, without continuity correction); (0, 1) for n = 0."""
    if n <= 0:
        return (0.0, 1.0)
    ci = stats.binomtest(x, n).proportion_ci(confidence_level=1 - alpha, method="wilson")
    return (max(0.0, float(ci.low)), min(1.0, float(ci.high)))
