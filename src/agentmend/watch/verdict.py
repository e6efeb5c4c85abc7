"""From two arms to a verdict a reviewer can trust: improved, regressed, no effect, or inconclusive.

Every metric is an always-valid sequential test (`sequential.py`), so the watch may look after every push
and every tick without inflating its error: α is split (Bonferroni) over the target's "worse" test, every
guard fixed at merge (one per baseline intent among them) and the reward-hacking pair, so the chance of
any false "regressed" over the whole window stays ≤ α. Rates are standardised to the baseline's intent
mix (`standardise.py`); an intent's guard compares that intent with itself.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from agentmend.repo_config import WatchConfig
from agentmend.watch import sequential, standardise
from agentmend.watch.baseline import TAU_FLOOR, Baseline, target_tau
from agentmend.watch.metrics import ArmSummary, Tally, _Frozen

VerdictOutcome = Literal["improved", "regressed", "no_effect", "inconclusive"]
Comparison = Literal["before_after", "concurrent"]
MIN_INTENT_ARM = 20  # an intent's guard is tested once it has this many conversations in each arm
# A guard rate's smallest mixing scale (`sequential.SCALES` adds 3x and 10x): two points, or
# `guard_effect` of the baseline rate when that is more.
GUARD_TAU_FLOOR = 0.02
TURNS_TAU_FLOOR = 0.25
REWARD_HACKING_SHARE = 0.3  # of α, for the pre-specified escalation-for-abandonment trade-off

RATE_FIELDS: tuple[tuple[str, str], ...] = (
    ("failed", "overall failure rate"),
    ("escalated", "escalation rate"),
    ("abandoned", "abandonment rate"),
    ("negative_feedback", "negative-feedback rate"),
)


class MetricResult(_Frozen):
    """One row of the table. `diff` is after - before, standardised to the baseline's intent mix;
    `raw_*` are the plain rates. `e_worse`/`e_better` are the sequential evidence (e-values) for each
    direction; `worse` means e_worse reached 1/alpha_share."""

    key: str
    label: str
    kind: Literal["target", "guard"]
    unit: Literal["rate", "mean"]
    before: float
    after: float
    raw_before: float
    raw_after: float
    n_before: int
    n_after: int
    diff: float
    ci: tuple[float, float]
    relative: float | None
    e_worse: float
    e_better: float
    alpha_share: float
    tested: bool
    better: bool
    worse: bool
    variance: float = 0.0  # of `diff`, pooled under "no change": what the evidence used
    driver: str | None = None  # for a worse overall metric: the intent where most of the rise is
    tau: float = 0.0  # the mixing scale (smallest of `sequential.SCALES`)

    @property
    def adjusted(self) -> bool:
        """Standardising to the baseline mix changed the figure visibly."""
        tol = 0.005 if self.unit == "rate" else 0.05
        return abs(self.raw_after - self.after) > tol or abs(self.raw_before - self.before) > tol

    @property
    def p_value(self) -> float:
        """Always-valid p-value of the observed direction (1/e, capped at 1)."""
        return min(1.0, 1.0 / max(self.e_worse if self.diff > 0 else self.e_better, 1e-300))

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
    comparison: Comparison = "before_after"
    method: str = ""
    regressed_intents: tuple[str, ...] = ()

    @property
    def target(self) -> MetricResult | None:
        return next((m for m in self.metrics if m.kind == "target"), None)

    def metric(self, key: str) -> MetricResult | None:
        return next((m for m in self.metrics if m.key == key), None)


def fmt(value: float, unit: str) -> str:
    return f"{value * 100:.1f}%" if unit == "rate" else f"{value:.2f}"


def guard_count(baseline: Baseline) -> int:
    """Guards fixed at merge: the four rates, turns, and one per baseline intent."""
    return len(RATE_FIELDS) + 1 + len(baseline.intents)


def alpha_share(baseline: Baseline, config: WatchConfig) -> float:
    """α for each "worse" test: Bonferroni over the target and every guard, after the reward-hacking share."""
    return config.alpha * (1 - REWARD_HACKING_SHARE) / (guard_count(baseline) + 1)


def method_text(baseline: Baseline, config: WatchConfig, comparison: Comparison) -> str:
    """What ran and what it promises, in one paragraph a reviewer can quote."""
    how = (
        "the new version against the old one running in the same period (a canary or A/B split)"
        if comparison == "concurrent"
        else "conversations after the merge against the baseline frozen at merge"
    )
    return (
        "Always-valid sequential tests (mixture SPRT, Johari et al. 2017) on every metric; "
        f"α = {config.alpha:g} split (Bonferroni) over the target and {guard_count(baseline)} guards fixed "
        "at merge, with a pre-specified share for the reward-hacking check. Promise: however often the watch "
        f'is evaluated, the chance of any false "regressed" over the whole window is at most '
        f'{config.alpha:.0%}, and of a false "improved" at most {config.alpha:.0%}. Compared: {how}; '
        "rates are compared within each baseline intent and combined with the baseline's intent mix held "
        "fixed. Intervals are always-valid too, at the levels the decisions use, so a change is called "
        "significant exactly when its interval excludes zero."
    )


def _result(
    key: str, label: str, kind: Literal["target", "guard"], unit: Literal["rate", "mean"],
    est: standardise.Estimate, n1: int, n2: int, tau: float, share: float, tested: bool, alpha: float,
    intervals: bool,
) -> MetricResult:  # fmt: skip
    # Evidence grows with the estimate, so against the observed direction it is below 1 and decides
    # nothing: the simulations (intervals=False) skip computing it and store 1.
    up = tested and (intervals or est.diff > 0)
    down = tested and (intervals or est.diff < 0)
    e_worse = sequential.evidence(est.diff, est.v_null, tau, "up") if up else 1.0
    e_better = sequential.evidence(est.diff, est.v_null, tau, "down") if down else 1.0
    better_at = alpha if kind == "target" else share
    ci = (est.diff, est.diff)
    if intervals and est.v_null > 0:  # the decisions inverted: worse iff lo > 0, better iff hi < 0
        ci = (
            est.diff - sequential.boundary(est.v_null, tau, share),
            est.diff + sequential.boundary(est.v_null, tau, better_at),
        )
    return MetricResult.model_construct(  # typed values computed here: no validation needed, 14 per look
        key=key, label=label, kind=kind, unit=unit, before=est.before, after=est.after,
        raw_before=est.raw_before, raw_after=est.raw_after, n_before=n1, n_after=n2, diff=est.diff, ci=ci,
        relative=est.diff / est.before if est.before > 0 else None, e_worse=e_worse, e_better=e_better,
        alpha_share=share, tested=tested, better=tested and e_better >= 1 / better_at,
        worse=tested and e_worse >= 1 / share, variance=est.v_null, tau=tau,
    )  # fmt: skip


def compare(
    baseline: Baseline,
    after: ArmSummary,
    config: WatchConfig,
    std: standardise.Standard,
    *,
    control: ArmSummary | None = None,
    intervals: bool = True,
) -> tuple[MetricResult, ...]:
    """Every metric, before (or the concurrent control) vs after, with its sequential evidence; `std` is
    `standardise.standard` of the baseline.

    `intervals=False` skips inverting the tests for the displayed intervals (no decision uses them; the
    bench simulations skip them to stay fast).
    """
    before = control if control is not None else baseline.arm
    if after.n == 0 or before.n == 0:
        return ()
    alpha, share = config.alpha, alpha_share(baseline, config)
    ready = after.n >= config.min_conversations and before.n >= min(config.min_conversations, baseline.arm.n)
    base = baseline.arm
    target = _result(
        "target", f"cause '{baseline.cause_label}'", "target", "rate",
        standardise.rate("target", before, after, std), before.n, after.n,
        target_tau(baseline.target_rate, baseline.expected_rate), share, ready, alpha, intervals,
    )  # fmt: skip
    out = [target]
    for field, label in RATE_FIELDS:
        tau = max(GUARD_TAU_FLOOR, config.guard_effect * getattr(base.total, field) / base.n)
        est = standardise.rate(field, before, after, std)
        out.append(
            _result(
                field, label, "guard", "rate", est, before.n, after.n, tau, share, ready, alpha, intervals
            )
        )
    turns = standardise.mean_turns(before, after, std)
    tau = max(TURNS_TAU_FLOOR, config.guard_effect * base.total.turns_sum / base.n)
    has_turns = base.total.turns_sum > 0  # a baseline frozen before turn sums were kept cannot say
    out.append(_result("turns", "turns per conversation", "guard", "mean", turns, before.n, after.n, tau,
                       share, ready and has_turns and turns.strata > 0, alpha, intervals))  # fmt: skip
    for intent in baseline.intents:
        b, a = before.intents.get(intent.id, Tally()), after.intents.get(intent.id, Tally())
        b0 = base.intents.get(intent.id, Tally())
        tau = max(GUARD_TAU_FLOOR, config.guard_effect * (b0.failed / b0.n if b0.n else 0.0))
        tested = ready and b.n >= MIN_INTENT_ARM and a.n >= MIN_INTENT_ARM
        est = standardise.within("failed", b, a)
        label = f"intent '{baseline.intent_label(intent.id)}' failure rate"
        out.append(_result(f"intent:{intent.id}", label, "guard", "rate", est, b.n, a.n, tau, share, tested,
                           alpha, intervals))  # fmt: skip
    return tuple(out)


def _with_drivers(
    metrics: tuple[MetricResult, ...],
    baseline: Baseline,
    std: standardise.Standard,
    before: ArmSummary,
    after: ArmSummary,
) -> tuple[MetricResult, ...]:
    """For each overall metric that got worse, the baseline intent with the largest share of the rise."""
    out = []
    for m in metrics:
        if m.worse and not m.key.startswith("intent:") and m.diff > 0:
            parts = [kv for kv in standardise.contributions(m.key, before, after, std) if kv[1] > 0]
            named = [kv for kv in parts if kv[0] not in (standardise.UNASSIGNED, standardise.SPARSE)]
            if named:  # conversations near no baseline intent are a stratum, not an intent to name
                k, part = named[0]
                amount = f"{part * 100:+.1f} pts" if m.unit == "rate" else f"{part:+.2f}"
                whole = f"{m.diff * 100:+.1f}" if m.unit == "rate" else f"{m.diff:+.2f}"
                label = baseline.intent_label(k)
                driver = (
                    f"most of the rise in intent '{label}' ({amount} of {whole})"
                    if part >= m.diff / 2
                    else f"the rise is spread over intents (largest: '{label}', {amount} of {whole})"
                )
                m = m.model_copy(update={"driver": driver})
        out.append(m)
    return tuple(out)


def describe(m: MetricResult) -> str:
    """'intent 'invite teammates' failure rate 4.0% → 19.0% (+15.0 pts, 95% CS +9.1 to +21.3, e=210)'."""
    if m.unit == "rate":
        delta = f"{m.diff * 100:+.1f} pts, always-valid CI {m.ci[0] * 100:+.1f} to {m.ci[1] * 100:+.1f}"
    else:
        delta = f"{m.diff:+.2f}, always-valid CI {m.ci[0]:+.2f} to {m.ci[1]:+.2f}"
    raw = f"; raw {fmt(m.raw_before, m.unit)} → {fmt(m.raw_after, m.unit)}" if m.adjusted else ""
    driver = f"; {m.driver}" if m.driver else ""
    return f"{m.label} {m.change_text()} ({delta}, always-valid p={m.p_value:.2g}{raw}){driver}"


def reward_hacking(metrics: tuple[MetricResult, ...], alpha: float) -> str | None:
    """Escalations down while users give up or complain more: the metric improved, the users did not.

    A pre-specified trade-off with its own share of α (REWARD_HACKING_SHARE, split over abandonment and
    negative feedback): escalation down with evidence 1/α (not an error source for "regressed" by itself),
    and abandonment or negative feedback up with evidence 1/(α·share/2).
    """
    esc = next((m for m in metrics if m.key == "escalated"), None)
    if esc is None or not esc.tested or esc.e_better < 1 / alpha:
        return None
    costs = [m for m in metrics if m.key in ("abandoned", "negative_feedback")]
    bar = 1 / (alpha * REWARD_HACKING_SHARE / 2)
    rising = [m for m in costs if m.tested and m.e_worse >= bar]
    if not rising:
        return None
    what = " and ".join(f"{m.label} rose {m.change_text()}" for m in rising)
    return (
        f"Reward hacking: escalation rate fell {esc.change_text()} while {what}. "
        "Fewer hand-offs to a human were bought with users giving up or complaining."
    )


def _rules_out_promise(baseline: Baseline, target: MetricResult, alpha: float) -> bool:
    """Evidence (at α) that the target fell by less than the change promised: it did not deliver."""
    promised = baseline.expected_rate - baseline.target_rate
    if not target.tested or target.variance <= 0:
        return False
    e = sequential.evidence(target.diff - promised, target.variance, target.tau, "up")
    return e >= 1 / alpha


def needed_after(
    baseline: Baseline, after: ArmSummary, config: WatchConfig, control: ArmSummary | None
) -> int | None:
    """The after-arm size a verdict on the target needs; in a concurrent comparison both arms grow."""
    if control is None:
        return baseline.required_after
    if control.n == 0 or after.n == 0:
        return None
    p1 = control.total.target / control.n
    p2 = p1 * baseline.expected_rate / baseline.target_rate if baseline.target_rate else 0.0
    if p1 <= 0:
        return None
    needed = sequential.after_needed(
        p1, p2, None, tau=max(TAU_FLOOR, p1 - p2), alpha=config.alpha, power=config.power,
        ratio=control.n / after.n,
    )  # fmt: skip
    return None if needed is None else max(config.min_conversations, needed)


def judge(
    baseline: Baseline,
    after: ArmSummary,
    config: WatchConfig,
    *,
    control: ArmSummary | None = None,
    unattributed: int = 0,
    now: datetime | None = None,
    intervals: bool = True,
) -> Verdict:
    """The verdict for one evaluation; `final` once regressed or when the window has closed.

    `control`: the old version's conversations in the same period, when the export shows both ran
    (the comparison is then concurrent, not before/after).
    """
    now = now or datetime.now(UTC)
    window_ends = baseline.window_end(config)
    closed = now >= window_ends
    comparison: Comparison = "concurrent" if control is not None else "before_after"
    std = standardise.standard(baseline.arm, baseline.intents)
    metrics = compare(baseline, after, config, std, control=control, intervals=intervals)
    target = next((m for m in metrics if m.kind == "target"), None)
    required = needed_after(baseline, after, config, control)
    target_ready = required is not None and after.n >= required
    needed = None if required is None else max(0, required - after.n)
    hacking = reward_hacking(metrics, config.alpha)
    metrics = _with_drivers(metrics, baseline, std, control if control is not None else baseline.arm, after)
    worse = [m for m in metrics if m.worse]
    regressed_intents = tuple(
        baseline.intent_label(m.key.removeprefix("intent:")) for m in worse if m.key.startswith("intent:")
    )
    reasons: list[str] = []
    outcome: VerdictOutcome
    final = closed
    if worse or hacking:
        outcome, final = "regressed", True
        named = [describe(m) if m.kind == "guard" else f"the target went up: {describe(m)}" for m in worse]
        if hacking:
            named.insert(0, hacking.split(". ")[0])
        headline = "Regressed: " + "; ".join(named)
        reasons += [describe(m) for m in worse]
        if hacking:
            reasons.append(hacking)
    elif target is not None and target.better:
        outcome = "improved"
        headline = f"Improved: {describe(target)}; no guard metric got significantly worse"
        reasons.append(describe(target))
        if not closed:
            reasons.append(f"The watch keeps checking the guards until {window_ends:%Y-%m-%d %H:%M} UTC.")
    elif (
        closed and target is not None and (target_ready or _rules_out_promise(baseline, target, config.alpha))
    ):
        outcome = "no_effect"
        headline = (
            f"No effect: the target did not go down by the end of the window ({describe(target)}); "
            "the change did not do what it promised, and no guard got significantly worse"
        )
        reasons.append(headline)
    else:
        outcome = "inconclusive"
        if required is None:
            headline = (
                f"Inconclusive: the {'control arm' if control is not None else 'baseline'} "
                f"({(control or baseline.arm).n} conversations) is too small to detect the expected drop "
                f"{fmt(baseline.target_rate, 'rate')} → {fmt(baseline.expected_rate, 'rate')}"
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
    if comparison == "concurrent" and control is not None:
        reasons.append(
            f"Compared concurrently: {after.n} conversations of `{baseline.version}` against {control.n} of "
            "the previous version in the same period (both versions ran at once), not before/after."
        )
    adjusted = [m for m in metrics if m.adjusted and m.tested]
    if adjusted:
        reasons.append(
            "The intent mix moved: figures are held at the baseline's mix; raw figures differ for "
            + ", ".join(
                f"{m.label} (raw {fmt(m.raw_before, m.unit)} → {fmt(m.raw_after, m.unit)})" for m in adjusted
            )
        )
    return Verdict(
        outcome=outcome,
        final=final,
        headline=headline,
        reasons=tuple(reasons),
        reward_hacking=hacking,
        metrics=metrics,
        n_before=(control or baseline.arm).n,
        n_after=after.n,
        unattributed=unattributed,
        required_after=required,
        needed_more=needed,
        window_ends=window_ends,
        evaluated_at=now,
        after=after,
        comparison=comparison,
        method=method_text(baseline, config, comparison),
        regressed_intents=regressed_intents,
    )
