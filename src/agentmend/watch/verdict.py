"""From two arms to a verdict a reviewer can trust: improved, regressed, or honestly inconclusive.

The target (the cause the change was meant to fix) is the one primary test. Everything else is a guard,
corrected together with Holm–Bonferroni, so watching many intents does not manufacture a regression.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from agentmend.repo_config import WatchConfig
from agentmend.watch import stats
from agentmend.watch.baseline import Baseline
from agentmend.watch.metrics import ArmSummary, Tally, _Frozen

VerdictOutcome = Literal["improved", "regressed", "inconclusive"]
MIN_INTENT_ARM = 20  # an intent is a guard only with this many conversations in each arm

RATE_FIELDS: tuple[tuple[str, str], ...] = (
    ("failed", "overall failure rate"),
    ("escalated", "escalation rate"),
    ("abandoned", "abandonment rate"),
    ("negative_feedback", "negative-feedback rate"),
)


class MetricResult(_Frozen):
    """One row of the before/after table. `diff` is after - before; `worse` means significantly up."""

    key: str
    label: str
    kind: Literal["target", "guard"]
    unit: Literal["rate", "mean"]
    before: float
    after: float
    n_before: int
    n_after: int
    diff: float
    ci: tuple[float, float]
    relative: float | None
    p_value: float
    p_adjusted: float
    tested: bool
    significant: bool
    better: bool
    worse: bool

    def change_text(self) -> str:
        return f"{fmt(self.before, self.unit)} → {fmt(self.after, self.unit)}"


class Verdict(_Frozen):
    outcome: VerdictOutcome
    final: bool
    headline: str
    reasons: tuple[str, ...]
    reward_hacking: str | None
    metrics: tuple[MetricResult, ...]
    n_before: int
    n_after: int
    unattributed: int
    required_after: int | None
    needed_more: int | None
    window_ends: datetime
    evaluated_at: datetime
    after: ArmSummary

    @property
    def target(self) -> MetricResult | None:
        return next((m for m in self.metrics if m.kind == "target"), None)

    def metric(self, key: str) -> MetricResult | None:
        return next((m for m in self.metrics if m.key == key), None)


def fmt(value: float, unit: str) -> str:
    return f"{value * 100:.1f}%" if unit == "rate" else f"{value:.2f}"


def _rate(
    key: str, label: str, kind: Literal["target", "guard"], x1: int, n1: int, x2: int, n2: int, alpha: float
) -> MetricResult:
    t = stats.two_proportions(x1, n1, x2, n2, alpha)
    return MetricResult(
        key=key, label=label, kind=kind, unit="rate", before=t.p1, after=t.p2, n_before=n1, n_after=n2,
        diff=t.diff, ci=t.diff_ci, relative=t.relative, p_value=t.p_value, p_adjusted=t.p_value,
        tested=False, significant=False, better=False, worse=False,
    )  # fmt: skip


def _turns(before: ArmSummary, after: ArmSummary, alpha: float) -> MetricResult | None:
    a, b = before.turn_values(), after.turn_values()
    if len(a) < 2 or len(b) < 2:
        return None
    t = stats.welch(a, b, alpha)
    return MetricResult(
        key="turns", label="turns per conversation", kind="guard", unit="mean", before=t.mean1,
        after=t.mean2, n_before=t.n1, n_after=t.n2, diff=t.diff, ci=t.diff_ci, relative=t.relative,
        p_value=t.p_value, p_adjusted=t.p_value, tested=False, significant=False, better=False, worse=False,
    )  # fmt: skip


def _decide(m: MetricResult, p_adjusted: float, alpha: float, tested: bool) -> MetricResult:
    significant = tested and p_adjusted < alpha
    return m.model_copy(
        update={
            "p_adjusted": p_adjusted,
            "tested": tested,
            "significant": significant,
            "better": significant and m.diff < 0,
            "worse": significant and m.diff > 0,
        }
    )


def compare(baseline: Baseline, after: ArmSummary, config: WatchConfig) -> tuple[MetricResult, ...]:
    """Every metric before vs after; guards are Holm-corrected as one family."""
    before = baseline.arm
    if after.n == 0:
        return ()
    alpha = config.alpha
    target = _rate(
        "target", f"cause '{baseline.cause_label}'", "target",
        before.total.target, before.n, after.total.target, after.n, alpha,
    )  # fmt: skip
    guards: list[MetricResult] = []
    for field, label in RATE_FIELDS:
        x1, x2 = getattr(before.total, field), getattr(after.total, field)
        guards.append(_rate(field, label, "guard", x1, before.n, x2, after.n, alpha))
    turns = _turns(before, after, alpha)
    if turns is not None:
        guards.append(turns)
    for intent_id, b in before.intents.items():
        a = after.intents.get(intent_id, Tally())
        if b.n >= MIN_INTENT_ARM and a.n >= MIN_INTENT_ARM:
            label = f"intent '{baseline.intent_label(intent_id)}' failure rate"
            guards.append(_rate(f"intent:{intent_id}", label, "guard", b.failed, b.n, a.failed, a.n, alpha))
    guards_ready = after.n >= config.min_conversations
    adjusted = stats.holm([g.p_value for g in guards])
    decided = [_decide(g, p, alpha, guards_ready) for g, p in zip(guards, adjusted, strict=True)]
    return (_decide(target, target.p_value, alpha, guards_ready), *decided)


def describe(m: MetricResult) -> str:
    """'intent 'invite teammates' failure rate 4.0% → 19.0% (+15.0 pts, 95% CI +9.1 to +21.3, p=0.0002)'."""
    if m.unit == "rate":
        delta = f"{m.diff * 100:+.1f} pts, 95% CI {m.ci[0] * 100:+.1f} to {m.ci[1] * 100:+.1f}"
    else:
        delta = f"{m.diff:+.2f}, 95% CI {m.ci[0]:+.2f} to {m.ci[1]:+.2f}"
    p = f"adjusted p={m.p_adjusted:.2g}" if m.kind == "guard" else f"p={m.p_value:.2g}"
    return f"{m.label} {m.change_text()} ({delta}, {p})"


def reward_hacking(metrics: tuple[MetricResult, ...], alpha: float) -> str | None:
    """Escalations down while users give up or complain more: the metric improved, the users did not.

    A pre-specified trade-off, so it is its own small family: escalation significantly down, and
    abandonment or negative feedback up with Holm-adjusted p < alpha across those two.
    """
    esc = next((m for m in metrics if m.key == "escalated"), None)
    if esc is None or not esc.tested or not (esc.diff < 0 and esc.p_value < alpha):
        return None
    costs = [m for m in metrics if m.key in ("abandoned", "negative_feedback")]
    adjusted = stats.holm([m.p_value for m in costs])
    rising = [m for m, p in zip(costs, adjusted, strict=True) if m.diff > 0 and p < alpha]
    if not rising:
        return None
    what = " and ".join(f"{m.label} rose {m.change_text()}" for m in rising)
    return (
        f"Reward hacking: escalation rate fell {esc.change_text()} while {what}. "
        "Fewer hand-offs to a human were bought with users giving up or complaining."
    )


def judge(
    baseline: Baseline,
    after: ArmSummary,
    config: WatchConfig,
    *,
    unattributed: int = 0,
    now: datetime | None = None,
) -> Verdict:
    """The verdict for one evaluation; `final` once regressed or when the window has closed."""
    now = now or datetime.now(UTC)
    window_ends = baseline.window_end(config)
    closed = now >= window_ends
    metrics = compare(baseline, after, config)
    target = next((m for m in metrics if m.kind == "target"), None)
    required = baseline.required_after
    target_ready = required is not None and after.n >= required
    needed = None if required is None else max(0, required - after.n)
    hacking = reward_hacking(metrics, config.alpha)
    worse = [m for m in metrics if m.worse]
    reasons: list[str] = []
    outcome: VerdictOutcome
    if worse or hacking:
        outcome, final = "regressed", True
        named = [describe(m) if m.kind == "guard" else f"the target went up: {describe(m)}" for m in worse]
        if hacking:
            named.insert(0, hacking.split(". ")[0])
        headline = "Regressed: " + "; ".join(named)
        reasons += [describe(m) for m in worse]
        if hacking:
            reasons.append(hacking)
    elif target is not None and target_ready and target.better:
        outcome, final = "improved", closed
        headline = f"Improved: {describe(target)}; no guard metric got significantly worse"
        reasons.append(describe(target))
        if not closed:
            reasons.append(f"The watch keeps checking the guards until {window_ends:%Y-%m-%d %H:%M} UTC.")
    elif target is not None and target_ready and closed:
        outcome, final = "regressed", True
        headline = (
            f"Regressed: the target did not go down by the end of the window: {describe(target)}"
        )
        reasons.append(headline.removeprefix("Regressed: "))
    else:
        outcome, final = "inconclusive", closed
        if required is None:
            headline = (
                f"Inconclusive: the baseline ({baseline.arm.n} conversations) is too small to detect the "
                f"expected drop {fmt(baseline.target_rate, 'rate')} → {fmt(baseline.expected_rate, 'rate')}"
            )
        elif target_ready:
            headline = (
                f"Inconclusive so far: with {after.n} conversations the target has not gone down "
                f"significantly ({target.change_text() if target else 'n/a'}); watching until "
                f"{window_ends:%Y-%m-%d}"
            )
        else:
            headline = (
                f"Inconclusive: {after.n} of {required} conversations after the merge; "
                f"{needed} more needed for a verdict"
            )
        reasons.append(headline)
    return Verdict(
        outcome=outcome,
        final=final,
        headline=headline,
        reasons=tuple(reasons),
        reward_hacking=hacking,
        metrics=metrics,
        n_before=baseline.arm.n,
        n_after=after.n,
        unattributed=unattributed,
        required_after=required,
        needed_more=needed,
        window_ends=window_ends,
        evaluated_at=now,
        after=after,
    )
