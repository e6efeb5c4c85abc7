"""The mixture SPRT's closed forms agree with the integrals they stand for, and its decisions with its
intervals."""

from __future__ import annotations

import math

import pytest
from scipy import integrate, stats

from agentmend.watch import sequential


@pytest.mark.parametrize(
    ("diff", "variance", "tau"), [(0.03, 1e-4, 0.02), (-0.01, 4e-4, 0.05), (0.2, 0.01, 0.1)]
)
def test_the_one_sided_mixture_is_the_likelihood_ratio_integrated_over_a_half_normal(
    diff: float, variance: float, tau: float
) -> None:
    def ratio(theta: float) -> float:
        # N(diff; theta, V) / N(diff; 0, V), weighted by the half-normal density on theta > 0
        lr = math.exp((theta * diff - theta * theta / 2) / variance)
        return lr * 2 * stats.norm.pdf(theta, scale=tau)

    numeric, _ = integrate.quad(ratio, 0, 20 * tau, limit=200)
    assert math.exp(sequential.log_evidence(diff, variance, tau, "up")) == pytest.approx(numeric, rel=1e-6)


def test_evidence_for_no_change_is_below_one_and_grows_with_a_real_change() -> None:
    assert sequential.evidence(0.0, 1e-4, 0.02, "up") < 1
    small, large = (sequential.evidence(0.03, v, 0.02, "up") for v in (4e-4, 1e-5))
    assert small < 20 < large  # the same 3-point rise, with 40x the information


def test_the_boundary_is_where_the_evidence_reaches_one_over_alpha() -> None:
    b = sequential.boundary(2e-4, 0.02, 0.01)
    assert sequential.evidence(b, 2e-4, 0.02, "up") == pytest.approx(100, rel=1e-6)


def test_a_sequential_test_needs_more_conversations_than_a_fixed_one_and_none_when_impossible() -> None:
    from agentmend.watch import stats as fixed

    n = sequential.after_needed(0.2, 0.1, 5000, tau=0.1, alpha=0.05, power=0.8)
    assert n is not None and n > fixed.after_arm_size(fixed.sample_size_two_proportions(0.2, 0.1), 5000)
    assert sequential.after_needed(0.2, 0.1, 30, tau=0.1, alpha=0.05, power=0.8) is None
