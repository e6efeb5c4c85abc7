"""Verdicts from hand-built arms: what a reviewer reads for each situation."""

from __future__ import annotations

from datetime import timedelta

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


def test_reward_hacking_alone_is_a_regression_even_when_no_guard_crosses_holm() -> None:
    # abandonment 5% -> 9.5% (raw p = 0.014) would not survive Holm across all guards, but the
    # escalation/abandonment trade-off is tested as its own pre-specified family
    after = arm(400, target=30, failed=80, escalated=5, abandoned=38,
                intents={"i-billing": (200, 60), "i-invite": (200, 20)})  # fmt: skip
    v = judge(baseline(BEFORE), after, CONFIG, now=DURING)
    assert not any(m.worse for m in v.metrics)
    assert v.outcome == "regressed"
    assert v.headline.startswith("Regressed: Reward hacking: escalation rate fell 7.5% → 1.2%")


def test_target_not_down_when_the_window_closes_is_a_regression() -> None:
    after = arm(400, target=78, failed=118, intents={"i-billing": (200, 98), "i-invite": (200, 20)})
    v = judge(baseline(BEFORE), after, CONFIG, now=MERGED + timedelta(days=CONFIG.window_days))
    assert v.outcome == "regressed" and v.final
    assert "did not go down" in v.headline


def test_many_small_guard_wobbles_do_not_add_up_to_a_regression() -> None:
    # each intent drifts up a little; uncorrected, one of the ten would often cross p < 0.05
    intents_before = {f"i-{k}": (40, 4) for k in range(10)}
    intents_after = {f"i-{k}": (40, 4 + (k % 3)) for k in range(10)}
    before = arm(400, target=80, failed=120, intents=intents_before)
    after = arm(400, target=30, failed=75, intents=intents_after)
    v = judge(baseline(before), after, CONFIG, now=DURING)
    assert v.outcome == "improved"
    assert all(not m.worse for m in v.metrics)
