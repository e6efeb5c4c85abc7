"""Verdicts from hand-built arms: what a reviewer reads for each situation."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from agentmend.watch import stats
from agentmend.watch.metrics import ArmSummary, Tally, summed
from agentmend.watch.present import conclusion
from agentmend.watch.verdict import judge

from .builders import CONFIG, MERGED, arm, baseline

BEFORE = arm(400, target=80, failed=120, intents={"i-billing": (200, 100), "i-invite": (200, 20)})
DURING = MERGED + timedelta(days=3)


def test_target_down_and_guards_flat_is_improved() -> None:
    after = arm(400, target=30, failed=70, intents={"i-billing": (200, 50), "i-invite": (200, 20)})
    v = judge(baseline(BEFORE), after, CONFIG, now=DURING)
    assert v.outcome == "improved"
    assert not v.final  # guards are still watched until the window closes
    assert "20.0% → 7.5%" in v.headline
    assert v.target is not None and v.target.ci[1] < 0


def test_another_intent_getting_worse_is_a_regression_that_names_it() -> None:
    after = arm(400, target=30, failed=120, intents={"i-billing": (200, 50), "i-invite": (200, 70)})
    v = judge(baseline(BEFORE), after, CONFIG, now=DURING)
    assert v.outcome == "regressed" and v.final
    assert "intent 'invite teammates' failure rate 10.0% → 35.0%" in v.headline
    assert "intent 'refund status'" not in v.headline


def test_too_few_conversations_is_inconclusive_with_the_number_still_needed() -> None:
    b = baseline(BEFORE)
    after = arm(60, target=5, failed=15, escalated=5, abandoned=3, negative=2)
    v = judge(b, after, CONFIG, now=DURING)
    assert v.outcome == "inconclusive" and not v.final
    assert b.required_after is not None
    assert v.needed_more == b.required_after - 60
    assert f"{v.needed_more} more needed" in v.headline


def test_reward_hacking_is_called_out() -> None:
    after = arm(400, target=40, failed=100, escalated=5, abandoned=70)
    v = judge(baseline(BEFORE), after, CONFIG, now=DURING)
    assert v.outcome == "regressed"
    assert v.reward_hacking is not None
    assert "escalation rate fell 7.5% → 1.2%" in v.reward_hacking
    assert "abandonment rate rose 5.0% → 17.5%" in v.reward_hacking


def test_reward_hacking_alone_is_a_regression_even_when_no_guard_crosses_its_share() -> None:
    # abandonment 5% -> 13% is not enough for a guard's share of α across 15 guards, but the
    # escalation/abandonment trade-off is a pre-specified check with its own, larger share
    intents = {f"i-{k}": (40, 12) for k in range(10)}
    after = arm(400, target=30, failed=80, escalated=5, abandoned=52,
                intents={f"i-{k}": (40, 8) for k in range(10)})  # fmt: skip
    v = judge(baseline(arm(400, target=80, failed=120, intents=intents)), after, CONFIG, now=DURING)
    assert not any(m.worse for m in v.metrics)
    assert v.outcome == "regressed"
    assert v.headline.startswith("Regressed: Reward hacking: escalation rate fell 7.5% → 1.")
    assert "abandonment rate rose 5.0% → 13.0%" in v.headline


def test_target_not_down_when_the_window_closes_is_no_effect_not_a_regression() -> None:
    after = arm(400, target=78, failed=118, intents={"i-billing": (200, 98), "i-invite": (200, 20)})
    v = judge(baseline(BEFORE), after, CONFIG, now=MERGED + timedelta(days=CONFIG.window_days))
    assert v.outcome == "no_effect" and v.final
    assert v.headline.startswith("No effect: the target did not go down by the end of the window")
    assert "Regressed" not in v.headline and not any(m.worse for m in v.metrics)
    assert conclusion(v) == "neutral"  # a check that did not help is not a red check


def test_too_few_conversations_when_the_window_closes_stays_inconclusive() -> None:
    after = arm(60, target=11, failed=17, escalated=5, abandoned=3, negative=2)
    v = judge(baseline(BEFORE), after, CONFIG, now=MERGED + timedelta(days=CONFIG.window_days))
    assert v.outcome == "inconclusive" and v.final
    assert v.needed_more is not None and f"{v.needed_more} more needed" in v.headline


def test_many_small_guard_wobbles_do_not_add_up_to_a_regression() -> None:
    # each intent drifts up a little; uncorrected, one of the ten would often cross p < 0.05
    intents_before = {f"i-{k}": (40, 12) for k in range(10)}
    intents_after = {f"i-{k}": (40, 6 + 2 * (k % 3)) for k in range(10)}
    before = arm(400, target=80, failed=120, intents=intents_before)
    after = arm(400, target=30, failed=80, intents=intents_after)
    v = judge(baseline(before), after, CONFIG, now=DURING)
    assert v.outcome == "improved"
    assert all(not m.worse for m in v.metrics)


def test_a_guard_exists_for_every_baseline_intent_even_before_it_can_be_tested() -> None:
    intents = {"i-billing": (190, 95), "i-invite": (200, 20), "i-rare": (10, 5)}
    b = baseline(arm(400, target=80, failed=120, intents=intents))
    after = arm(400, target=30, failed=70, intents={"i-billing": (200, 50), "i-invite": (200, 20)})
    v = judge(b, after, CONFIG, now=DURING)
    rare = v.metric("intent:i-rare")
    assert rare is not None and not rare.tested and rare.n_after == 0
    assert v.method and "8 guards" in v.method  # 4 rates, turns, 3 intents: the Bonferroni family


def test_a_shift_in_the_intent_mix_with_unchanged_per_intent_rates_changes_nothing() -> None:
    # billing (50% failure) and invite (10%) keep their rates; after the merge three times as many
    # users come for billing, so the raw failure rate jumps 30% -> 40% although the agent is the same.
    before = arm(800, target=160, failed=240, intents={"i-billing": (400, 200), "i-invite": (400, 40)})
    after = arm(800, target=240, failed=320, intents={"i-billing": (600, 300), "i-invite": (200, 20)})
    b = baseline(before)
    v = judge(b, after, CONFIG, now=DURING)
    failed = v.metric("failed")
    assert failed is not None
    assert (failed.raw_before, failed.raw_after) == pytest.approx((0.30, 0.40))
    assert failed.after == pytest.approx(0.30) and not failed.worse  # held at the baseline's mix
    assert v.outcome == "inconclusive" and not any(m.worse or m.better for m in v.metrics)
    assert "raw 30.0% → 40.0%" in " ".join(v.reasons)
    # the raw figures, compared without standardising, would have called this a regression
    z = stats.two_proportions(240, 800, 320, 800)
    assert z.p_value < 1e-4


def test_a_concurrent_control_is_compared_instead_of_the_baseline() -> None:
    # the baseline is from a bad month (20% target); in the same period as the new version, the old
    # version runs at 8% too, so the drop is the calendar, not the change
    b = baseline(BEFORE)
    control = arm(400, target=32, failed=72, intents={"i-billing": (200, 52), "i-invite": (200, 20)})
    after = arm(400, target=30, failed=70, intents={"i-billing": (200, 50), "i-invite": (200, 20)})
    before_after = judge(b, after, CONFIG, now=DURING)
    concurrent = judge(b, after, CONFIG, control=control, now=DURING)
    assert before_after.outcome == "improved" and before_after.comparison == "before_after"
    assert concurrent.comparison == "concurrent" and concurrent.outcome == "inconclusive"
    assert concurrent.n_before == 400 and concurrent.target is not None
    assert concurrent.target.before == pytest.approx(0.08)
    assert "Compared concurrently" in " ".join(concurrent.reasons)
    assert "same period" in concurrent.method


def test_sequential_guards_keep_alpha_under_twenty_looks() -> None:
    """A/A in miniature: nothing changes; 20 looks each; any false 'regressed' counts (bench/ has 1,000)."""
    rng = np.random.default_rng(7)
    rates = {"i-a": 0.05, "i-b": 0.2, "i-c": 0.35}
    per_look = 40
    base_n = 600
    false_alarms = 0
    watches = 60
    for _ in range(watches):
        before = _draw(rng, rates, base_n)
        b = baseline(before)
        cumulative: dict[str, tuple[int, int]] = {k: (0, 0) for k in rates}
        for _look in range(20):
            step = _draw(rng, rates, per_look * len(rates))
            for k, t in step.intents.items():
                n0, f0 = cumulative[k]
                cumulative[k] = (n0 + t.n, f0 + t.failed)
            n = sum(n for n, _ in cumulative.values())
            failed = sum(f for _, f in cumulative.values())
            after = arm(n, target=failed // 3, failed=failed, escalated=n // 13, abandoned=n // 20,
                        negative=n // 40, intents=dict(cumulative))  # fmt: skip
            if judge(b, after, CONFIG, now=DURING).outcome == "regressed":
                false_alarms += 1
                break
    assert false_alarms / watches <= 0.05


def _draw(rng: np.random.Generator, rates: dict[str, float], n: int) -> ArmSummary:
    per = n // len(rates)
    intents = {k: (per, int(rng.binomial(per, p))) for k, p in rates.items()}
    total = per * len(rates)
    failed = sum(f for _, f in intents.values())
    return arm(total, target=failed // 3, failed=failed, escalated=total // 13, abandoned=total // 20,
               negative=total // 40, intents=intents)  # fmt: skip


def test_an_overall_regression_says_which_intent_holds_most_of_the_rise() -> None:
    before = arm(800, target=160, failed=240, intents={"i-billing": (400, 200), "i-invite": (400, 40)})
    after = arm(800, target=60, failed=340, intents={"i-billing": (400, 100), "i-invite": (400, 240)})
    v = judge(baseline(before), after, CONFIG, now=DURING)
    failed = v.metric("failed")
    assert v.outcome == "regressed" and failed is not None and failed.worse
    assert failed.driver is not None and "intent 'invite teammates' (+25.0 pts of +12.5)" in failed.driver
    assert "most of the rise in intent 'invite teammates'" in v.headline


def test_a_rise_spread_over_many_intents_is_not_pinned_on_one() -> None:
    intents_before = {f"i-{k}": (80, 20) for k in range(10)}
    intents_after = {f"i-{k}": (80, 32) for k in range(10)}
    before = arm(800, target=100, failed=200, intents=intents_before)
    after = arm(800, target=100, failed=320, intents=intents_after)
    v = judge(baseline(before), after, CONFIG, now=DURING)
    failed = v.metric("failed")
    assert failed is not None and failed.worse and failed.driver is not None
    assert failed.driver.startswith("the rise is spread over intents (largest:")


def test_an_intent_thin_after_the_merge_does_not_swing_the_adjusted_rate() -> None:
    # A complaint intent ("I was told roaming was free, then got charged") weighed 5% of the baseline and
    # failed 80% of the time; the fix removed the complaints, and one of them arrived after the merge.
    # Standardising by that one conversation would count it at 5% of the population on its own.
    before = arm(1000, target=60, failed=140, intents={"i-billing": (950, 100), "i-complaint": (50, 40)})
    after = arm(1000, target=1, failed=96, intents={"i-billing": (999, 95), "i-complaint": (1, 1)})
    v = judge(baseline(before), after, CONFIG, now=DURING)
    failed = v.metric("failed")
    assert failed is not None
    # billing on its own: 10.5% -> 9.5%; the complaint, pooled with nothing else, is a pool still too thin
    # after the merge and is left out, so it cannot turn the improvement into a rise
    assert failed.after <= failed.before


def _tallies(**strata: tuple[int, int, int]) -> ArmSummary:
    """An arm from (conversations, failed, target) per intent."""
    intents = {
        k: Tally(n=n, failed=f, target=t, turns_sum=4 * n, turns_sq=17 * n) for k, (n, f, t) in strata.items()
    }
    return ArmSummary(total=summed(intents.values()), turns={4: sum(n for n, _, _ in strata.values())},
                      intents=intents, daily={})  # fmt: skip


def test_a_fix_that_removes_the_complaints_its_cause_produced_reads_as_improved() -> None:
    # The wrong roaming answer made users come back with the bill ("you said it was free"): a complaint
    # intent that exists because of the cause, next to roaming in request space. The fix makes it vanish
    # (4 conversations after the merge), and roaming season ends too. Unrelated intents are thin as well.
    before = _tallies(billing=(900, 90, 0), roaming=(150, 30, 15), complaint=(60, 50, 45), sim=(40, 4, 0))
    after = _tallies(billing=(1300, 130, 0), roaming=(60, 8, 2), complaint=(4, 2, 1), sim=(3, 0, 0))
    where = {"billing": (1.0, 0.0), "roaming": (0.0, 1.0), "complaint": (0.3, 0.95), "sim": (0.9, 0.4)}
    b = baseline(before)
    b = b.model_copy(
        update={"intents": tuple(a.model_copy(update={"centroid": where[a.id]}) for a in b.intents)}
    )
    v = judge(b, after, CONFIG, now=DURING)
    target = v.target
    assert target is not None and target.better and v.outcome == "improved"
    # the complaints are compared as roaming (together 29% -> 5%, weighing 18% of the baseline): 5.2% ->
    # 0.9%. Pooled with the other thin intent, the pool was too thin and left out: the cause's own
    # complaints went uncounted (1.4% -> 0.5%) and the watch stayed inconclusive.
    assert target.before == pytest.approx(60 / 1150) and target.after < 0.015
