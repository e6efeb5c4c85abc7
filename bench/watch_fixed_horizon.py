"""The rule the sequential watch replaced, kept here only to compare against: fixed-horizon tests re-run
at every look.

At each evaluation: the target and every guard get a two-proportion z-test (Welch's t-test for turns,
scipy's, from summary statistics), guards Holm-corrected at α; an intent is a guard once both arms have
20 conversations; any guard significantly worse, or the reward-hacking pair, is a final "regressed"; when
the window closes with enough conversations and the target has not gone down, that too was "regressed".
Rates are raw (no intent standardisation). Same counts in, so the two rules see identical data.
"""

from __future__ import annotations

import math
from typing import Literal

from scipy import special, stats

from agentmend.repo_config import WatchConfig
from agentmend.watch import stats as watch_stats
from agentmend.watch.baseline import Baseline
from agentmend.watch.metrics import ArmSummary, Tally

Outcome = Literal["improved", "regressed", "regressed_at_close", "inconclusive"]
MIN_INTENT_ARM = 20
RATE_FIELDS = ("failed", "escalated", "abandoned", "negative_feedback")


def _z_test(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float]:
    """(diff, two-sided p) of the pooled two-proportion z-test (as `watch.stats.two_proportions`)."""
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return p2 - p1, 1.0
    return p2 - p1, float(2 * special.ndtr(-abs((p2 - p1) / se)))


def _welch(b: Tally, a: Tally) -> tuple[float, float] | None:
    if b.n < 2 or a.n < 2:
        return None
    m1, m2 = b.turns_sum / b.n, a.turns_sum / a.n
    s1 = math.sqrt(max(0.0, (b.turns_sq - b.turns_sum**2 / b.n) / (b.n - 1)))
    s2 = math.sqrt(max(0.0, (a.turns_sq - a.turns_sum**2 / a.n) / (a.n - 1)))
    if s1 == 0 and s2 == 0:
        return m2 - m1, 1.0
    t = stats.ttest_ind_from_stats(m2, s2, a.n, m1, s1, b.n, equal_var=False)
    return m2 - m1, float(t.pvalue)


def required_after(baseline: Baseline, config: WatchConfig) -> int | None:
    per_arm = watch_stats.sample_size_two_proportions(
        baseline.target_rate, baseline.expected_rate, config.alpha, config.power
    )
    needed = watch_stats.after_arm_size(per_arm, baseline.arm.n)
    return None if math.isinf(needed) else max(config.min_conversations, math.ceil(needed))


def judge(
    baseline: Baseline, after: ArmSummary, config: WatchConfig, *, closed: bool, required: int | None
) -> Outcome:
    before, alpha = baseline.arm, config.alpha
    if after.n == 0:
        return "inconclusive"
    target_diff, target_p = _z_test(before.total.target, before.n, after.total.target, after.n)
    guards: list[tuple[str, float, float]] = []
    for field in RATE_FIELDS:
        d, p = _z_test(getattr(before.total, field), before.n, getattr(after.total, field), after.n)
        guards.append((field, d, p))
    turns = _welch(before.total, after.total)
    if turns is not None:
        guards.append(("turns", *turns))
    for intent_id, b in before.intents.items():
        a = after.intents.get(intent_id, Tally())
        if b.n >= MIN_INTENT_ARM and a.n >= MIN_INTENT_ARM:
            guards.append((intent_id, *_z_test(b.failed, b.n, a.failed, a.n)))
    ready = after.n >= config.min_conversations
    adjusted = watch_stats.holm([p for _, _, p in guards])
    worse = ready and (
        any(d > 0 and p < alpha for (_, d, _), p in zip(guards, adjusted, strict=True))
        or (target_diff > 0 and target_p < alpha)
    )
    by_key = {k: (d, p) for k, d, p in guards}
    esc_d, esc_p = by_key["escalated"]
    hacking = False
    if ready and esc_d < 0 and esc_p < alpha:
        costs = [by_key["abandoned"], by_key["negative_feedback"]]
        adj = watch_stats.holm([p for _, p in costs])
        hacking = any(d > 0 and p < alpha for (d, _), p in zip(costs, adj, strict=True))
    if worse or hacking:
        return "regressed"
    target_ready = required is not None and after.n >= required
    if ready and target_ready and target_diff < 0 and target_p < alpha:
        return "improved"
    if target_ready and closed:
        return "regressed_at_close"  # reported as "regressed: the target did not go down by the end"
    return "inconclusive"
