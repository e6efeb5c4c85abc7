"""The statistics agree with published and reference values.

Reference numbers were computed once with statsmodels 0.15 (not a dependency) and match the sources cited.
"""

from __future__ import annotations

import math

import pytest

from agentmend.intervals import wilson_interval
from agentmend.watch import stats


def test_newcombe_hybrid_score_interval_matches_newcombe_1998() -> None:
    # Newcombe RG (1998) Stat Med 17:873-890, Table II example (a): 56/70 vs 48/80, method 10
    # gives 0.0524 to 0.3339 for p1 - p2; we report after - before, so the sign flips.
    lo, hi = stats.newcombe_interval(56, 70, 48, 80)
    assert lo == pytest.approx(-0.33387265, abs=1e-6)
    assert hi == pytest.approx(-0.05243147, abs=1e-6)


def test_wilson_interval_matches_newcombe_single_proportion_example() -> None:
    # Newcombe RG (1998) Stat Med 17:857-872, example 81/263: Wilson 0.2553 to 0.3662.
    lo, hi = wilson_interval(81, 263)
    assert (lo, hi) == pytest.approx((0.25528852, 0.36620958), abs=1e-6)


def test_two_proportion_z_test_matches_statsmodels() -> None:
    # statsmodels proportions_ztest([56, 48], [70, 80]) -> z = 2.6502, p = 0.008045 (pooled, two-sided).
    t = stats.two_proportions(56, 70, 48, 80)
    assert t.z == pytest.approx(-2.65017195, abs=1e-6)
    assert t.p_value == pytest.approx(0.00804508, abs=1e-7)
    assert t.diff == pytest.approx(0.6 - 0.8)
    assert t.relative == pytest.approx(-0.25)
    # statsmodels confint_proportions_2indep(48, 80, 56, 70, method="log", compare="ratio") -> 0.6056, 0.9288
    assert t.relative_ci == pytest.approx((0.60560236 - 1, 0.92882729 - 1), abs=1e-6)


def test_identical_zero_rates_are_not_a_difference() -> None:
    t = stats.two_proportions(0, 50, 0, 40)
    assert t.p_value == 1.0
    assert t.relative is None


def test_two_proportions_rejects_counts_outside_their_arm() -> None:
    with pytest.raises(ValueError, match="within their arms"):
        stats.two_proportions(12, 10, 1, 10)


def test_welch_t_test_matches_scipy_and_statsmodels() -> None:
    # scipy.stats.ttest_ind(b, a, equal_var=False): t = 2.4554, df = 24.9885, p = 0.021378;
    # statsmodels CompareMeans.tconfint_diff(usevar="unequal"): 0.3492 to 3.9841.
    a = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4]
    b = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4]
    t = stats.welch(a, b)
    assert t.t == pytest.approx(2.45535640, abs=1e-6)
    assert t.df == pytest.approx(24.98852929, abs=1e-6)
    assert t.p_value == pytest.approx(0.02137800, abs=1e-7)
    assert t.diff_ci == pytest.approx((0.34923707, 3.98409627), abs=1e-6)


def test_holm_adjustment_matches_textbook_step_down() -> None:
    # statsmodels multipletests([0.01, 0.04, 0.03, 0.005], method="holm") -> [0.03, 0.06, 0.06, 0.02]
    assert stats.holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])


def test_sample_size_matches_r_power_prop_test() -> None:
    # R documentation, ?power.prop.test: power.prop.test(p1 = .50, p2 = .75, power = .90) => n = 76.7
    # (76.7069 unrounded; statsmodels' arcsine/Cohen's-h approximation would give 76.65 instead).
    n = stats.sample_size_two_proportions(0.5, 0.75, alpha=0.05, power=0.9)
    assert n == pytest.approx(76.7069, abs=1e-3)


def test_a_small_baseline_asks_more_of_the_after_arm() -> None:
    assert stats.after_arm_size(100, 10_000) == pytest.approx(100 / (2 - 0.01), rel=1e-9)
    assert stats.after_arm_size(100, 100) == pytest.approx(100)
    assert stats.after_arm_size(100, 75) == pytest.approx(150)
    assert math.isinf(stats.after_arm_size(100, 50))
