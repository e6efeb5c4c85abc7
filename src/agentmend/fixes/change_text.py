"""The pull-request text of a proposal: what fails, the numbers, the fix, its risk, and what happens next.

Deterministic: the same inputs give a byte-identical text (no timestamps), so re-publishing is a no-op.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agentmend import markdown as md
from agentmend import markers
from agentmend.analysis.records import AnalysisReport, FailureCluster
from agentmend.fixes.records import Draft
from agentmend.repo_config import RepoConfig, RiskClass
from agentmend.reviewer_commands import COMMANDS

_SIGNAL_PHRASES = {
    "non_answer": "a vague answer or none",
    "rephrasing": "have to rephrase their request",
    "frustration": "get frustrated",
    "escalation": "ask for a human",
    "tool_error": "hit tool errors",
    "abandonment": "leave without a resolution",
    "expectation_downgrade": "give up and do it themselves",
    "negative_feedback": "leave negative feedback",
    "long_unresolved": "end up in long conversations without resolution",
}
MAX_DIFF_CHARS = 30_000
_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?")
marker = markers.cause  # the hidden line that ends every change text


def parse_marker(body: str) -> tuple[str, str] | None:
    """(cause id, run id) from the trailer of a change text, or None when it is not an agentmend text."""
    return markers.parse_cause(body)


def label_of(cluster: FailureCluster) -> str:
    """The cause's name as data (its words come from conversations): one line, raw; escape to show it."""
    return " ".join((cluster.name or cluster.label).split())


def _who(login: str) -> str:
    """A GitHub login as a mention; anything else (not a login) is shown as text and pings no one."""
    return f"@{login}" if _LOGIN.fullmatch(login) else md.line(login)


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def diagnosis(cluster: FailureCluster) -> str:
    """One sentence with the numbers, e.g. 'Users asking about X get a vague answer; 63% drop off …'."""
    size = cluster.size
    if cluster.signals:
        top, count = cluster.signals[0]
        phrase = _SIGNAL_PHRASES.get(top, top.replace("_", " "))
        verb = "get" if top == "non_answer" else ""
        what = f"{verb} {phrase}".strip() + f" ({top} in {count} of {size} failed conversations)"
    else:
        what = f"fail ({size} failed conversations)"
    return (
        f"Users asking about {md.line(label_of(cluster))} {what}; "
        f"their intent fails {_pct(cluster.intent_failure_rate)} of the time "
        f"against {_pct(cluster.overall_failure_rate)} overall, "
        f"and {_pct(cluster.drop_off)} drop off within two turns."
    )


def title(cluster: FailureCluster) -> str:
    return f"agentmend: {label_of(cluster)} ({cluster.size} failed conversations)"


def _mermaid(cluster: FailureCluster) -> str:
    points = [p for p in cluster.daily if p.conversations]
    if not points:
        return "_No dated conversations: no daily chart._"
    xs = ", ".join(f'"{p.day[5:]}"' for p in points)
    label = re.sub(r"[^\w ./&+-]", "", label_of(cluster))  # inside a quoted mermaid string, in a fence
    ys = ", ".join(f"{100 * p.failure_rate:.1f}" for p in points)
    top = max(100.0, max(100 * p.failure_rate for p in points))
    return (
        "```mermaid\nxychart-beta\n"
        f'    title "Daily failure rate, {label} (%)"\n'
        f"    x-axis [{xs}]\n"
        f'    y-axis "failure rate (%)" 0 --> {top:.0f}\n'
        f"    line [{ys}]\n```"
    )


def _safe_example(text: str) -> str:
    """Examples are data: no fences, no HTML comments that could fake a marker."""
    return text.replace("```", "ʼʼʼ").replace("<!--", "&lt;!--").replace("-->", "--&gt;")


@dataclass(frozen=True)
class ChangeContext:
    """Everything the text is written from."""

    cluster: FailureCluster
    report: AnalysisReport
    config: RepoConfig
    draft: Draft
    diff: str
    diff_stat: str
    risk: RiskClass
    risk_reasons: tuple[str, ...]
    examples: tuple[str, ...]
    withheld: tuple[str, ...] = ()  # why examples are missing or fewer
    guidance: str | None = None
    requested_by: str | None = None
    failing_tools: tuple[tuple[str, int], ...] = ()
    replay: str | None = None  # the replay-before-merge section (watch/replay.py), Markdown


def _numbers(ctx: ChangeContext) -> str:
    c = ctx.cluster
    intent = ctx.report.intent(c.intent_id) if c.intent_id else None
    signals = ", ".join(f"{name} ({n})" for name, n in c.signals[:4]) or "none"
    rows = [
        "| | this cause | overall |",
        "|---|---:|---:|",
        f"| failed conversations | {c.size} | {ctx.report.run.failed} of {ctx.report.run.conversations} |",
        f"| failure rate of the intent{f' ({md.line(intent.label)})' if intent else ''} | "
        f"{_pct(c.intent_failure_rate)} | {_pct(c.overall_failure_rate)} |",
        f"| lift | {c.lift:.2f}× | 1.00× |",
        f"| drop-off within two turns | {_pct(c.drop_off)} | |",
        f"| top signals | {signals} | |",
        f"| distinct users | {c.unique_users} | |",
    ]
    if ctx.failing_tools:
        tools = ", ".join(f"{md.code(name)} ({n})" for name, n in ctx.failing_tools[:4])
        rows.append(f"| tool calls that returned an error | {tools} | |")
    return "\n".join(rows)


def _model_line(draft: Draft) -> str:
    if draft.model_path == "offline":
        return "Written by the **offline model (no LLM)**: a deterministic template filled from the evidence."
    u = draft.usage
    return (
        f"Written by **{draft.model_path}** (tokens: {u.input_tokens} in, {u.output_tokens} out, "
        f"{u.cache_read_input_tokens} read from cache, {u.cache_creation_input_tokens} written to cache)."
    )


def body(ctx: ChangeContext) -> str:
    c, cfg = ctx.cluster, ctx.config
    parts: list[str] = [f"**{diagnosis(c)}**", ""]
    if ctx.requested_by or ctx.guidance:
        who = _who(ctx.requested_by) if ctx.requested_by else "a reviewer"
        parts += [
            f"> Regenerated at the request of {who}"
            + (f" with guidance: “{md.line(ctx.guidance)}”" if ctx.guidance else "."),
            "",
        ]
    parts += ["### Numbers", "", _numbers(ctx), "", "### Daily failure rate", "", _mermaid(c), ""]
    # the model's words are data too: shown as written, unable to add markup, markers or mentions
    parts += ["### The change", "", md.code(ctx.diff_stat), "", md.text(ctx.draft.rationale.strip()), ""]
    parts += [
        f"**Expected effect:** {md.text(ctx.draft.expected_effect.strip())}",
        "",
        _model_line(ctx.draft),
        "",
    ]
    if ctx.replay:
        parts += [ctx.replay.rstrip("\n"), ""]
    parts += [f"### Risk: {ctx.risk}", ""] + [f"- {md.line(r)}" for r in ctx.risk_reasons] + [""]
    if ctx.risk == "high":
        parts += ["High-risk changes are never merged automatically; a human decides.", ""]
    parts += [
        "### What happens after merge",
        "",
        f"agentmend watches the next {cfg.watch.min_conversations} conversations (or more, until the test "
        f"has power {cfg.watch.power:.0%}) and compares them with the numbers above:",
        f"- **target:** this cause's failure rate (intent now {_pct(c.intent_failure_rate)});",
        "- **guards:** overall failure rate, escalation, abandonment, negative feedback, turns per "
        "conversation, and the failure rate of every intent;",
        f"- always-valid sequential tests, α = {cfg.watch.alpha} split across target and guards: checked "
        "after every export push, the chance of a false regression stays within α; rates compared within "
        "intents; on regression it "
        + ("opens a revert." if cfg.watch.on_regression == "revert_pr" else "comments here."),
        "",
    ]
    diff = ctx.diff.rstrip("\n")
    if len(diff) > MAX_DIFF_CHARS:  # a pull-request body holds 65,536 characters; the branch has it all
        diff = diff[:MAX_DIFF_CHARS].rsplit("\n", 1)[0] + "\n… (cut here; the full diff is on the branch)"
    parts += [
        "<details><summary>The diff</summary>",
        "",
        md.fenced(diff, "diff"),
        "",
        "</details>",
        "",
    ]
    parts += ["<details><summary>Examples (redacted)</summary>", ""]
    for i, ex in enumerate(ctx.examples, 1):
        parts += [f"Example {i}:", "", md.fenced(_safe_example(ex), "text"), ""]
    if not ctx.examples and not ctx.withheld:
        parts += ["No examples available.", ""]
    parts += [f"_{w}_" for w in ctx.withheld] + ([""] if ctx.withheld else [])
    parts += ["</details>", ""]
    parts += [
        "### Commands",
        "",
        "Comment on this change with `@agentmend <command>` (write access needed):",
        "",
    ]
    parts += [f"- `@agentmend {cmd.usage}`: {cmd.help}" for cmd in COMMANDS]
    parts += ["", f"Cause `{c.id}` · run `{ctx.report.run.id}`", "", marker(c.id, ctx.report.run.id), ""]
    return "\n".join(parts)
