"""Render an AnalysisReport: the JSON contract (README, "Report contract"), Markdown, a terminal table."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.table import Table

from agentmend.analysis import detection_report
from agentmend.analysis.records import (
    AnalysisReport,
    ConversationResult,
    DailyPoint,
    FailureCluster,
    Intent,
    SignalHit,
)

SCHEMA_VERSION = 1
MAX_MALFORMED_IN_MARKDOWN = 20


def _r(x: float) -> float:
    return round(float(x), 4)


def _daily(points: tuple[DailyPoint, ...]) -> list[dict[str, Any]]:
    return [
        {
            "day": p.day,
            "conversations": p.conversations,
            "failed": p.failed,
            "failure_rate": _r(p.failure_rate),
        }
        for p in points
    ]


def _intent(i: Intent) -> dict[str, Any]:
    return {
        "id": i.id,
        "label": i.label,
        "name": i.name,
        "keywords": list(i.keywords),
        "category": i.category,
        "size": i.size,
        "failed": i.failed,
        "failure_rate": _r(i.failure_rate),
        "daily": _daily(i.daily),
    }


def _cluster(c: FailureCluster) -> dict[str, Any]:
    return {
        "id": c.id,
        "slug": c.slug,
        "label": c.label,
        "name": c.name,
        "keywords": list(c.keywords),
        "size": c.size,
        "intent_id": c.intent_id,
        "failure_rate": _r(c.failure_rate),
        "overall_failure_rate": _r(c.overall_failure_rate),
        "lift": _r(c.lift),
        "drop_off": _r(c.drop_off),
        "signals": [{"name": n, "count": k} for n, k in c.signals],
        "conversation_ids": list(c.conversation_ids),
        "member_ids": list(c.member_ids),
        "examples": list(c.examples),
        "unique_users": c.unique_users,
        "daily": _daily(c.daily),
        "mechanism": {
            "label": c.mechanism,
            "kind": c.mechanism_kind,
            "specificity": _r(c.specificity),
            "coherence": _r(c.coherence),
            "answer_spread": c.answer_spread,
        },
        "proposal": (
            {
                "selected": c.proposal.selected,
                "reason": c.proposal.reason,
                "rank": c.proposal.rank,
                "score": _r(c.proposal.score),
            }
            if c.proposal
            else None
        ),
    }


def to_json(report: AnalysisReport) -> dict[str, Any]:
    """The machine-readable report. Keys are a contract: add, never rename or remove. No centroids."""
    run = report.run
    return {
        "run": {
            "schema_version": SCHEMA_VERSION,
            "id": run.id,
            "started_at": run.started_at.isoformat(),
            "files": list(run.files),
            "conversations": run.conversations,
            "failed": run.failed,
            "failure_rate": _r(run.failed / run.conversations) if run.conversations else 0.0,
            "intents": len(report.intents),
            "clusters": len(report.clusters),
            "noise": len(report.noise_ids),
            "malformed_count": len(run.malformed),
            "malformed": [{"file": m.file, "line": m.line, "reason": m.reason} for m in run.malformed],
            "embedded": {"new": run.embedded_new, "cached": run.embedded_cached},
            "timings": {k: _r(v) for k, v in run.timings.items()},
            "model_path": run.model_path,
            "diagnosis_path": run.diagnosis_path,
            "parts": dict(run.parts),
            "intent_noise": len(report.intent_noise_ids),
        },
        "conversations": [
            {
                "id": c.id,
                "failed": c.failed,
                "signals": list(c.signals),
                "failing_turn": c.failing_turn,
                "intent_id": c.intent_id,
                "cluster_id": c.cluster_id,
                "day": c.day,
                "turns": c.turns,
                "source": c.source,
                "signal_hits": [
                    {"name": h.name, "turn_index": h.turn_index, "evidence": h.evidence, "tool": h.tool}
                    for h in c.hits
                ],
                **detection_report.row_json(c),
            }
            for c in report.conversations
        ],
        "intents": [_intent(i) for i in report.intents],
        "clusters": [_cluster(c) for c in report.clusters],
        "noise_ids": list(report.noise_ids),
        "detection": detection_report.to_json(report.detection) if report.detection else None,
        "intent_noise_ids": list(report.intent_noise_ids),
    }


def failures_per_day(report: AnalysisReport) -> list[DailyPoint]:
    total: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    for c in report.conversations:
        if c.day:
            total[c.day] += 1
            failed[c.day] += int(c.failed)
    return [DailyPoint(d, total[d], failed[d]) for d in sorted(total)]


CHART_TITLE = "Conversations and failed conversations per day"
SERIES = (("All conversations", "#9ca3af"), ("Failed conversations", "#dc2626"))


def mermaid_failures(points: list[DailyPoint], title: str = CHART_TITLE) -> str:
    """A Mermaid `xychart-beta`: grey bars for all conversations, a red line for the failed ones. Mermaid
    draws no legend for xycharts, so the legend is a line of text above the chart, in the same colours."""
    if not points:
        return ""
    days = ", ".join(f'"{p.day[5:]}"' for p in points)
    top = max(p.conversations for p in points)
    palette = ", ".join(color for _, color in SERIES)
    legend = " · ".join(
        f"{'bars' if i == 0 else 'line'} ({'grey' if i == 0 else 'red'}): {name.lower()}"
        for i, (name, _) in enumerate(SERIES)
    )
    return "\n".join(
        [
            f"Legend: {legend}",
            "",
            "```mermaid",
            '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "' + palette + '"}}}}%%',
            "xychart-beta",
            f'    title "{title}"',
            f"    x-axis [{days}]",
            f'    y-axis "Conversations" 0 --> {max(top, 1)}',
            f"    bar [{', '.join(str(p.conversations) for p in points)}]",
            f"    line [{', '.join(str(p.failed) for p in points)}]",
            "```",
        ]
    )


def hit_text(hit: SignalHit) -> str:
    """What fired a signal, in words: the signal, the turn, the tool call, the evidence (redacted)."""
    where = f"turn {hit.turn_index}" + (f", tool `{hit.tool}`" if hit.tool else "")
    evidence = " ".join(hit.evidence.split())
    if len(evidence) > 200:
        evidence = evidence[:199] + "…"
    return f"{hit.name} at {where}" + (f": “{evidence}”" if evidence else "")


def evidence_of(report: AnalysisReport, cluster: FailureCluster) -> list[ConversationResult]:
    """The cause's representative conversations, with what fired their signals."""
    by_id = {c.id: c for c in report.conversations}
    return [by_id[i] for i in cluster.conversation_ids if i in by_id]


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(report: AnalysisReport) -> str:
    """The human report: summary, causes, intents, failures per day, malformed lines."""
    run = report.run
    rate = run.failed / run.conversations if run.conversations else 0.0
    intents = {i.id: i for i in report.intents}
    out = [
        "# agentmend analysis",
        "",
        f"Run `{run.id}` · {run.started_at:%Y-%m-%d %H:%M} UTC · labels: {run.model_path}",
        "",
        f"- **{run.conversations}** conversations from {len(run.files)} file(s), "
        f"**{run.failed}** failed ({rate:.1%})",
        f"- **{len(report.clusters)}** failure causes; "
        f"{len(report.noise_ids)} failed conversations in no cause",
        f"- **{len(report.intents)}** intents",
        f"- {len(run.malformed)} malformed record(s) skipped",
        f"- embedded {run.embedded_new} new text(s), {run.embedded_cached} from cache",
        "",
        "## Failure causes",
        "",
    ]
    if report.clusters:
        out += [
            "| id | cause | size | intent | intent failure rate | lift | drop-off ≤2 turns | top signals |",
            "|---|---|---:|---|---:|---:|---:|---|",
        ]
        for c in report.clusters:
            intent = intents.get(c.intent_id or "")
            signals = ", ".join(f"{n} ({k})" for n, k in c.signals[:3])
            out.append(
                f"| `{c.id}` | {_md(c.label)} | {c.size} | {_md(intent.label) if intent else '—'} | "
                f"{c.intent_failure_rate:.1%} | {c.lift:.2f}× | {c.drop_off:.0%} | {signals} |"
            )
        out.append("")
        for c in report.clusters:
            out += [f"### `{c.id}` {c.label}", "", f"Keywords: {', '.join(c.keywords)}", ""]
            out.append(f"Representative conversations: {', '.join(f'`{i}`' for i in c.conversation_ids)}")
            out += ["", "What fired the signals in these examples:", ""]
            for conv in evidence_of(report, c):
                out.append(f"- `{conv.id}` ({_md(conv.source)})")
                out += [f"  - {_md(hit_text(h))}" for h in conv.hits] or ["  - no signal recorded"]
            out += ["", "<details><summary>Examples (redacted)</summary>", ""]
            for ex in c.examples:
                out += ["```text", ex, "```"]
            out += ["", "</details>", ""]
    else:
        out += ["No failure cause found.", ""]
    out += ["## Intents", ""]
    if report.intents:
        out += ["| id | intent | category | size | failed | failure rate |", "|---|---|---|---:|---:|---:|"]
        for i in report.intents:
            out.append(
                f"| `{i.id}` | {_md(i.label)} | {i.category} | {i.size} | {i.failed} | {i.failure_rate:.1%} |"
            )
        out.append("")
    else:
        out += ["No intents found.", ""]
    if report.detection is not None:
        out += detection_report.to_markdown(report.detection, report.conversations)
    chart = mermaid_failures(failures_per_day(report))
    if chart:
        out += [f"## {CHART_TITLE}", "", chart, ""]
    if run.malformed:
        out += ["## Malformed records", ""]
        out += [f"- `{m}`" for m in run.malformed[:MAX_MALFORMED_IN_MARKDOWN]]
        if len(run.malformed) > MAX_MALFORMED_IN_MARKDOWN:
            out.append(f"- … and {len(run.malformed) - MAX_MALFORMED_IN_MARKDOWN} more (see the JSON report)")
        out.append("")
    return "\n".join(out)


def summary_table(report: AnalysisReport) -> Table:
    """The causes found, for the terminal."""
    table = Table(title=f"Failure causes ({len(report.clusters)})", show_lines=False)
    for col, justify in (
        ("id", "left"),
        ("cause", "left"),
        ("size", "right"),
        ("lift", "right"),
        ("drop-off", "right"),
        ("top signals", "left"),
    ):
        table.add_column(col, justify=justify, no_wrap=col == "id")  # type: ignore[arg-type]
    for c in report.clusters:
        table.add_row(
            c.id,
            c.label,
            str(c.size),
            f"{c.lift:.2f}×",
            f"{c.drop_off:.0%}",
            ", ".join(f"{n} {k}" for n, k in c.signals[:3]),
        )
    return table
