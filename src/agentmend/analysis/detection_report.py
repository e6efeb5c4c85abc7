"""The `detection` part of the report: which path decided each conversation, how the rules (and the learned
detector) measured against the export's labels, what the judge cost, and the hits of failed conversations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from agentmend.analysis.calibration import Scores
from agentmend.analysis.detection import Detection
from agentmend.analysis.records import ConversationResult

MAX_FAILED_IN_MARKDOWN = 30


def _r(x: float) -> float:
    return round(float(x), 4)


def scores_json(s: Scores) -> dict[str, Any]:
    return {
        "n": s.n,
        "tp": s.tp,
        "fp": s.fp,
        "fn": s.fn,
        "tn": s.tn,
        "precision": _r(s.precision),
        "precision_ci95": [_r(x) for x in s.precision_interval],
        "recall": _r(s.recall),
        "recall_ci95": [_r(x) for x in s.recall_interval],
        "f1": _r(s.f1),
        "f1_ci95": [_r(x) for x in s.f1_interval],
    }


def to_json(d: Detection) -> dict[str, Any]:
    cal = d.calibration
    out: dict[str, Any] = {
        "decided_by": dict(sorted(d.decided_by.items())),
        "labelled": len(d.labels),
        "calibration": None,
        "learned": None,
        "judge": None,
    }
    if cal is not None:
        out["calibration"] = {
            "labelled": cal.labelled,
            "labelled_failed": cal.labelled_failed,
            "rules": scores_json(cal.rules),
            "all_failed_baseline": scores_json(cal.all_failed),
            "signals": [
                {
                    "name": s.name,
                    "fired_on_failed": s.on_failed,
                    "failed": s.failed,
                    "failed_rate": _r(s.failed_rate),
                    "failed_rate_ci95": [_r(x) for x in s.failed_interval],
                    "fired_on_succeeded": s.on_succeeded,
                    "succeeded": s.succeeded,
                    "succeeded_rate": _r(s.succeeded_rate),
                    "succeeded_rate_ci95": [_r(x) for x in s.succeeded_interval],
                }
                for s in cal.signals
            ],
        }
    if d.learned is not None:
        out["learned"] = {
            "trained_on": d.learned.trained_on,
            "cv": scores_json(d.learned.cv) if d.learned.cv else None,
            "rules": scores_json(d.learned.rules),
            "used": d.learned.used,
            "reason": d.learned.reason,
            "scored": len(d.learned.scores),
        }
    if d.judge is not None:
        j = d.judge
        out["judge"] = {
            "path": j.path,
            "judged": j.judged,
            "cached": j.cached,
            "skipped_over_budget": j.skipped,
            "batched": j.batched,
            "tokens": {
                "input": j.usage.input_tokens,
                "output": j.usage.output_tokens,
                "cache_read": j.usage.cache_read_input_tokens,
                "cache_write": j.usage.cache_creation_input_tokens,
            },
            "cost_usd": j.cost_usd,
            "errors": list(j.errors),
            "verdicts": {
                cid: {
                    "failed": v.failed,
                    "failing_turn": v.failing_turn,
                    "broken_rule": v.broken_rule,
                    "user_frustrated": v.user_frustrated,
                    "reason": v.reason,
                }
                for cid, v in sorted(j.verdicts.items())
            },
        }
    return out


def row_json(c: ConversationResult) -> dict[str, Any]:
    """What a report row adds for detection (the hits themselves are the row's `signal_hits`)."""
    return {"decided_by": c.decided_by}


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _fmt(s: Scores) -> str:
    (pl, ph), (rl, rh), (fl, fh) = s.precision_interval, s.recall_interval, s.f1_interval
    return (
        f"P {s.precision:.2f} [{pl:.2f}–{ph:.2f}] · R {s.recall:.2f} [{rl:.2f}–{rh:.2f}] · "
        f"F1 {s.f1:.2f} [{fl:.2f}–{fh:.2f}]"
    )


def to_markdown(d: Detection, rows: Sequence[ConversationResult]) -> list[str]:
    paths = ", ".join(f"{k} {v}" for k, v in sorted(d.decided_by.items()))
    out = ["## Detection", "", f"What decided `failed`: {paths}.", ""]
    cal = d.calibration
    if cal is not None:
        out += [
            f"Against the export's labels ({cal.labelled} labelled, {cal.labelled_failed} failed):",
            "",
            "| detector | precision, recall, F1 (95% intervals) |",
            "|---|---|",
            f"| rules | {_fmt(cal.rules)} |",
        ]
        if d.learned is not None and d.learned.cv is not None:
            out.append(f"| learned (cross-validated) | {_fmt(d.learned.cv)} |")
        out += [f"| all failed (baseline) | {_fmt(cal.all_failed)} |", ""]
        if d.learned is not None:
            out += [f"Learned detector: {d.learned.reason}.", ""]
        out += ["| signal | fires on failed | fires on succeeded |", "|---|---:|---:|"]
        for s in cal.signals:
            if s.on_failed or s.on_succeeded:
                out.append(
                    f"| {s.name} | {s.on_failed}/{s.failed} ({s.failed_rate:.0%}) | "
                    f"{s.on_succeeded}/{s.succeeded} ({s.succeeded_rate:.0%}) |"
                )
        out.append("")
    if d.judge is not None:
        j = d.judge
        out += [
            f"Judge `{j.path}`: {j.judged} judged{' (Message Batches)' if j.batched else ''}, "
            f"{j.cached} from "
            f"cache, {j.skipped} over budget (rules decided); tokens in {j.usage.input_tokens}, out "
            f"{j.usage.output_tokens}, cache read {j.usage.cache_read_input_tokens}; ≈ ${j.cost_usd:.4f}.",
            "",
        ]
        if j.errors:
            out += [f"- judge error: {_md(e)}" for e in j.errors[:10]] + [""]
    failed = [r for r in rows if r.failed]
    if failed:
        out += [
            "### Failed conversations: why",
            "",
            "| conversation | decided by | turn | hits |",
            "|---|---|---:|---|",
        ]
        for r in failed[:MAX_FAILED_IN_MARKDOWN]:
            hits = "; ".join(
                f"{h.name}@{h.turn_index}{f' [{h.tool}]' if h.tool else ''}: {h.evidence[:90]}"
                for h in r.hits[:4]
            )
            out.append(f"| `{r.id}` | {r.decided_by} | {r.failing_turn} | {_md(hits) or '—'} |")
        if len(failed) > MAX_FAILED_IN_MARKDOWN:
            out.append(f"| … {len(failed) - MAX_FAILED_IN_MARKDOWN} more in the JSON report | | | |")
        out.append("")
    return out
