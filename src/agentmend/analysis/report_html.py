"""The report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched.

It says what the Markdown report says. Every string from a conversation is escaped; the page carries a
Content-Security-Policy that forbids scripts and every network load, so opening it cannot reach anywhere.
"""

from __future__ import annotations

from html import escape

from agentmend.analysis.records import AnalysisReport, DailyPoint
from agentmend.analysis.report import (
    CHART_TITLE,
    MAX_MALFORMED_IN_MARKDOWN,
    SERIES,
    evidence_of,
    failures_per_day,
    hit_text,
)

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:72rem;
padding:0 1rem;color:#111827}
h1,h2,h3{line-height:1.25}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #e5e7eb;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f9fafb}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td code{white-space:nowrap}
code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f3f4f6;padding:0 .2rem}
pre{white-space:pre-wrap;background:#f9fafb;border:1px solid #e5e7eb;padding:.5rem;font-size:13px}
.summary li{margin:.1rem 0}
figure{margin:1rem 0}
figcaption{font-weight:600;margin-bottom:.25rem}
.hits li{margin:.15rem 0}
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def svg_chart(points: list[DailyPoint], title: str = CHART_TITLE, width: int = 720, height: int = 260) -> str:
    """Bars for all conversations and a line for the failed ones, per day, with a title and a legend."""
    if not points:
        return ""
    left, right, top, bottom = 48, 16, 56, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(max(p.conversations for p in points), 1)
    step = plot_w / len(points)
    bar_w = max(step * 0.6, 1.0)

    def y(v: int) -> float:
        return top + plot_h - plot_h * v / peak

    (all_name, all_color), (failed_name, failed_color) = SERIES
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="chart-title">',
        f'<title id="chart-title">{_e(title)}</title>',
        f'<text x="{left}" y="20" font-size="15" font-weight="600">{_e(title)}</text>',
        '<g class="legend" font-size="12">',
        f'<rect x="{left}" y="30" width="12" height="12" fill="{all_color}"/>',
        f'<text x="{left + 18}" y="40">{_e(all_name)}</text>',
        f'<line x1="{left + 170}" y1="36" x2="{left + 190}" y2="36" '
        f'stroke="{failed_color}" stroke-width="3"/>',
        f'<text x="{left + 196}" y="40">{_e(failed_name)}</text></g>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#6b7280"/>',
        f'<text x="{left - 6}" y="{top + 4}" font-size="11" text-anchor="end">{peak}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" font-size="11" text-anchor="end">0</text>',
        f'<text x="12" y="{top + plot_h / 2:.0f}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 12 {top + plot_h / 2:.0f})">conversations per day</text>',
    ]
    line_points = []
    label_every = max(1, len(points) // 12)
    for i, p in enumerate(points):
        cx = left + step * i + step / 2
        parts.append(
            f'<rect x="{cx - bar_w / 2:.1f}" y="{y(p.conversations):.1f}" width="{bar_w:.1f}" '
            f'height="{top + plot_h - y(p.conversations):.1f}" fill="{all_color}">'
            f"<title>{_e(p.day)}: {p.conversations} conversations, {p.failed} failed</title></rect>"
        )
        line_points.append(f"{cx:.1f},{y(p.failed):.1f}")
        if i % label_every == 0:
            parts.append(
                f'<text x="{cx:.1f}" y="{top + plot_h + 16}" font-size="11" text-anchor="middle">'
                f"{_e(p.day[5:])}</text>"
            )
    parts.append(
        f'<polyline points="{" ".join(line_points)}" fill="none" stroke="{failed_color}" stroke-width="2.5"/>'
    )
    parts += [
        f'<circle cx="{pt.split(",")[0]}" cy="{pt.split(",")[1]}" r="3" fill="{failed_color}"/>'
        for pt in line_points
    ]
    parts.append("</svg>")
    return "".join(parts)


def to_html(report: AnalysisReport) -> str:
    """The whole report as one page."""
    run = report.run
    rate = run.failed / run.conversations if run.conversations else 0.0
    intents = {i.id: i for i in report.intents}
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>agentmend analysis {_e(run.id)}</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>agentmend analysis</h1>",
        f"<p>Run <code>{_e(run.id)}</code> · {run.started_at:%Y-%m-%d %H:%M} UTC · "
        f"labels: {_e(run.model_path)}</p>",
        '<ul class="summary">',
        f"<li><strong>{run.conversations}</strong> conversations from {len(run.files)} file(s), "
        f"<strong>{run.failed}</strong> failed ({rate:.1%})</li>",
        f"<li><strong>{len(report.clusters)}</strong> failure causes; {len(report.noise_ids)} failed "
        "conversations in no cause</li>",
        f"<li><strong>{len(report.intents)}</strong> intents</li>",
        f"<li>{len(run.malformed)} malformed record(s) skipped</li>",
        "</ul>",
        "<h2>Failure causes</h2>",
    ]
    if report.clusters:
        out.append(
            '<table id="causes"><thead><tr><th>id</th><th>cause</th><th class="num">size</th><th>intent</th>'
            '<th class="num">intent failure rate</th><th class="num">lift</th>'
            '<th class="num">drop-off ≤2 turns</th><th>top signals</th></tr></thead><tbody>'
        )
        for c in report.clusters:
            intent = intents.get(c.intent_id or "")
            signals = ", ".join(f"{n} ({k})" for n, k in c.signals[:3])
            out.append(
                f'<tr><td><a href="#{_e(c.id)}"><code>{_e(c.id)}</code></a></td><td>{_e(c.label)}</td>'
                f'<td class="num">{c.size}</td><td>{_e(intent.label) if intent else "—"}</td>'
                f'<td class="num">{c.intent_failure_rate:.1%}</td><td class="num">{c.lift:.2f}×</td>'
                f'<td class="num">{c.drop_off:.0%}</td><td>{_e(signals)}</td></tr>'
            )
        out.append("</tbody></table>")
        for c in report.clusters:
            out += [
                f'<section id="{_e(c.id)}"><h3><code>{_e(c.id)}</code> {_e(c.label)}</h3>',
                f"<p>Keywords: {_e(', '.join(c.keywords))}</p>",
                "<p>What fired the signals in the representative conversations:</p>",
                '<ul class="hits">',
            ]
            for conv in evidence_of(report, c):
                hits = (
                    "".join(f"<li>{_e(hit_text(h))}</li>" for h in conv.hits) or "<li>no signal recorded</li>"
                )
                out.append(f"<li><code>{_e(conv.id)}</code> ({_e(conv.source)})<ul>{hits}</ul></li>")
            out.append("</ul><details><summary>Examples (redacted)</summary>")
            out += [f"<pre>{_e(ex)}</pre>" for ex in c.examples]
            out.append("</details></section>")
    else:
        out.append("<p>No failure cause found.</p>")
    out.append("<h2>Intents</h2>")
    if report.intents:
        out.append(
            '<table id="intents"><thead><tr><th>id</th><th>intent</th><th>category</th>'
            '<th class="num">size</th><th class="num">failed</th><th class="num">failure rate</th>'
            "</tr></thead><tbody>"
        )
        for i in report.intents:
            out.append(
                f"<tr><td><code>{_e(i.id)}</code></td><td>{_e(i.label)}</td><td>{_e(i.category)}</td>"
                f'<td class="num">{i.size}</td><td class="num">{i.failed}</td>'
                f'<td class="num">{i.failure_rate:.1%}</td></tr>'
            )
        out.append("</tbody></table>")
    else:
        out.append("<p>No intents found.</p>")
    chart = svg_chart(failures_per_day(report))
    if chart:
        out += [f"<h2>{_e(CHART_TITLE)}</h2>", f'<figure id="per-day">{chart}</figure>']
    if run.malformed:
        out += ["<h2>Malformed records</h2>", "<ul>"]
        out += [f"<li><code>{_e(m)}</code></li>" for m in run.malformed[:MAX_MALFORMED_IN_MARKDOWN]]
        if len(run.malformed) > MAX_MALFORMED_IN_MARKDOWN:
            out.append(
                f"<li>… and {len(run.malformed) - MAX_MALFORMED_IN_MARKDOWN} more (see the JSON report)</li>"
            )
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
