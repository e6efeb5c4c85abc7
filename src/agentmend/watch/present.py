"""What a reviewer reads: the watch comment (table + Mermaid chart) and the check-run text."""

from __future__ import annotations

from datetime import date

from agentmend import markdown as md
from agentmend.forges.base import CheckConclusion
from agentmend.repo_config import WatchConfig
from agentmend.watch.baseline import Baseline
from agentmend.watch.metrics import ArmSummary, summed
from agentmend.watch.verdict import RATE_FIELDS, MetricResult, Verdict, describe, fmt

CHECK_NAME = "agentmend/watch"
CHART_DAYS_BEFORE = 14
ICON = {"improved": "✅", "regressed": "❌", "no_effect": "➖", "inconclusive": "⏳"}


def conclusion(verdict: Verdict) -> CheckConclusion | None:
    """success / failure / neutral; None (in progress) while inconclusive inside the window.

    No effect is neutral, never failure: the change did not help, which is not the same as harm.
    """
    if verdict.outcome == "improved":
        return "success"
    if verdict.outcome == "regressed":
        return "failure"
    return "neutral" if verdict.final else None


def _attribution(b: Baseline, config: WatchConfig) -> str:
    if b.version is not None:
        return (
            f"conversations whose export says `{b.version_key}: {b.version}` (other versions never count); "
            f"without a version, those started {config.grace_period_hours:g} h or more after the merge"
        )
    return f"conversations started {config.grace_period_hours:g} h or more after the merge"


def _needed(b: Baseline, config: WatchConfig) -> str:
    if b.required_after is None:
        return (
            f"the baseline ({b.arm.n} conversations) is too small to detect the expected drop "
            f"{fmt(b.target_rate, 'rate')} → {fmt(b.expected_rate, 'rate')}; the verdict stays "
            "inconclusive unless a guard metric moves"
        )
    return (
        f"**{b.required_after}** conversations after the merge (power {config.power:.0%} to detect "
        f"{fmt(b.target_rate, 'rate')} → {fmt(b.expected_rate, 'rate')})"
    )


def baseline_table(b: Baseline) -> list[str]:
    t = b.arm.total
    rows = [
        "| Metric | Baseline |",
        "|---|---|",
        f"| cause '{md.line(b.cause_label)}' (target) | {fmt(t.target / t.n, 'rate')} ({t.target}/{t.n}) |",
    ]
    for field, label in RATE_FIELDS:
        x = getattr(t, field)
        rows.append(f"| {label} | {fmt(x / t.n, 'rate')} ({x}/{t.n}) |")
    turns = b.arm.turn_values()
    if turns:
        rows.append(f"| turns per conversation | {sum(turns) / len(turns):.2f} |")
    for intent_id, tally in b.arm.intents.items():
        if tally.n:
            rows.append(
                f"| intent '{md.line(b.intent_label(intent_id))}' failure rate | "
                f"{fmt(tally.failed / tally.n, 'rate')} ({tally.failed}/{tally.n}) |"
            )
    return rows


def start_comment(b: Baseline, config: WatchConfig) -> str:
    merger = f" by @{b.merged_by}" if b.merged_by else ""
    lines = [
        "### agentmend watch: started",
        "",
        f"Merged as `{b.merge_sha[:12]}`{merger} on {b.merged_at:%Y-%m-%d %H:%M} UTC. Watching whether cause "
        f"**{md.line(b.cause_label)}** goes down and whether anything else gets worse, until "
        f"{b.window_end(config):%Y-%m-%d}.",
        "",
        f"- **After** = {_attribution(b, config)}.",
        f"- **Baseline** = {b.arm.n} conversations before the merge (at `{b.parent_sha[:12]}`), frozen now.",
        f"- **A verdict needs** {_needed(b, config)}.",
        "- **Guards**: overall failure, escalation, abandonment, negative feedback, turns per conversation "
        f"and the failure rate of each of the baseline's {len(b.intents)} intents; any significantly worse "
        "is a regression" + (" and opens a revert PR." if config.on_regression == "revert_pr" else "."),
        "- **Method**: always-valid sequential tests (mixture SPRT), α split over the target and every "
        f'guard: evaluated after every push and every hour, the chance of any false "regressed" over the '
        f"whole window stays at most {config.alpha:.0%}. Rates are compared within intents, with the "
        "baseline's intent mix held fixed.",
        "- **If the target does not go down** by the end of the window, the verdict is *no effect*"
        + (
            " and a revert PR is opened."
            if config.on_no_effect == "revert_pr"
            else " (a comment, no revert)."
        ),
        "",
        *baseline_table(b),
    ]
    return "\n".join(lines) + "\n"


def _p(m: MetricResult) -> str:
    if not m.tested:
        return "not yet tested"
    return f"{m.p_value:.2g} (needs < {m.alpha_share:.2g})" if m.diff > 0 else f"{m.p_value:.2g}"


def _change(m: MetricResult) -> str:
    if m.unit == "rate":
        return f"{m.diff * 100:+.1f} pts ({m.ci[0] * 100:+.1f} to {m.ci[1] * 100:+.1f})"
    return f"{m.diff:+.2f} ({m.ci[0]:+.2f} to {m.ci[1]:+.2f})"


def _sig(m: MetricResult) -> str:
    if m.worse:
        return "**worse**"
    if m.better:
        return "better"
    return "no" if m.tested else "–"


def metrics_table(v: Verdict) -> list[str]:
    rows = [
        "| Metric | Before | After | Change (always-valid CI) | Always-valid p | Significant? |",
        "|---|---|---|---|---|---|",
    ]
    for m in v.metrics:
        name = f"{md.line(m.label)} (target)" if m.kind == "target" else md.line(m.label)
        after = fmt(m.after, m.unit) + (f" (raw {fmt(m.raw_after, m.unit)})" if m.adjusted else "")
        before = fmt(m.before, m.unit) + (f" (raw {fmt(m.raw_before, m.unit)})" if m.adjusted else "")
        cells = [name, before, after, _change(m), _p(m), _sig(m)]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def chart(b: Baseline, after: ArmSummary | None) -> str:
    """Mermaid xychart: target and guard rates per day (%), the merge day marked by a bar and its label."""
    before_days = sorted(b.arm.daily)[-CHART_DAYS_BEFORE:]
    after_days = sorted(after.daily) if after else []
    days = sorted(set(before_days) | set(after_days))
    if not days:
        return ""
    merge_day = min(after_days) if after_days else b.merged_at.date().isoformat()
    series: dict[str, list[float]] = {"target": [], "failed": [], "escalated": [], "abandoned": []}
    top = 0.0
    for day in days:
        before_day = b.arm.daily.get(day) if day in before_days else None
        after_day = after.daily.get(day) if after else None
        t = summed(x for x in (before_day, after_day) if x is not None)
        for key, values in series.items():
            value = round(100 * getattr(t, key) / t.n, 1) if t.n else 0.0
            values.append(value)
            top = max(top, value)
    top = max(10.0, float(int(top / 10) + 1) * 10)
    first_after = next((d for d in days if d >= merge_day), None)
    labels = [f'"{date.fromisoformat(d):%m-%d}{" merge" if d == first_after else ""}"' for d in days]
    marker = [top if d == first_after else 0 for d in days]
    out = [
        "```mermaid",
        "xychart-beta",
        f'    title "Per day, % of conversations (bar = merge {b.merged_at:%Y-%m-%d}, first day after)"',
        f"    x-axis [{', '.join(labels)}]",
        f'    y-axis "%" 0 --> {top:g}',
        f"    bar [{', '.join(f'{x:g}' for x in marker)}]",
    ]
    out += [f"    line [{', '.join(f'{x:g}' for x in values)}]" for values in series.values()]
    out.append("```")
    out.append(
        "Lines, in order: target cause · overall failure · escalation · abandonment. "
        "Days inside the grace period or without attributed conversations are left out."
    )
    return "\n".join(out)


def verdict_comment(b: Baseline, v: Verdict, config: WatchConfig, *, revert_note: str | None = None) -> str:
    state = "final" if v.final else f"watching until {v.window_ends:%Y-%m-%d}"
    lines = [
        f"### agentmend watch: {ICON[v.outcome]} {v.outcome.replace('_', ' ')} ({state})",
        "",
        md.line(v.headline) + ".",  # labels come from conversation keywords: data, not markup
        "",
    ]
    extra = [r for r in v.reasons if r != v.headline]
    if v.reward_hacking:
        lines += [f"> ⚠️ **{md.line(v.reward_hacking)}**", ""]
        extra = [r for r in extra if r != v.reward_hacking]
    lines += [f"- {md.line(r)}" for r in extra]
    if extra:
        lines.append("")
    if revert_note:
        who = f"@{b.merged_by}: " if b.merged_by else ""
        lines += [f"{who}{revert_note}", ""]
    lines += [
        (
            f"Before: {v.n_before} conversations of the previous version in the same period (concurrent "
            f"comparison; the baseline frozen at `{b.parent_sha[:12]}` only fixes the intent mix). "
            if v.comparison == "concurrent"
            else f"Before: {v.n_before} conversations (baseline frozen at `{b.parent_sha[:12]}`). "
        )
        + f"After: {v.n_after} ({_attribution(b, config)}); {v.unattributed} in neither arm (another "
        "version, inside the grace period, or started before the merge but not in the baseline). "
        + (
            f"A verdict on the target needs {v.required_after}."
            if v.required_after is not None
            else "The baseline is too small for a verdict on the target."
        ),
        "",
        *metrics_table(v),
        "",
        chart(b, v.after),
        "",
        f"<sub>{v.method} Comment `@agentmend rollback` to open a revert now.</sub>",
    ]
    return "\n".join(lines) + "\n"


def check_output(b: Baseline, v: Verdict | None, config: WatchConfig) -> tuple[str, str]:
    """(title, summary) of the check run, plain text: the same verdict as the comment."""
    if v is None:
        title = f"Watching cause '{md.line(b.cause_label)}': baseline {fmt(b.target_rate, 'rate')}"
        needed = b.required_after if b.required_after is not None else "more"
        summary = (
            f"Baseline: {b.arm.n} conversations before the merge; cause '{md.line(b.cause_label)}' "
            f"{fmt(b.target_rate, 'rate')}. A verdict needs {needed} conversations after the merge."
        )
        return title, summary
    title = v.headline if len(v.headline) <= 120 else v.headline[:117] + "..."
    lines = [v.headline + ".", ""]
    if v.reward_hacking:
        lines += [v.reward_hacking, ""]
    lines += [f"Before: {v.n_before} conversations. After: {v.n_after}. Unattributed: {v.unattributed}.", ""]
    lines += [describe(m) + (" [WORSE]" if m.worse else " [better]" if m.better else "") for m in v.metrics]
    lines += ["", v.method]
    return title, "\n".join(lines)
