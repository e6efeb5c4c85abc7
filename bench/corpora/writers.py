"""Render conversations in the export formats real agent stacks produce, optionally with broken records.

A broken record is one a careful reader must report and skip: a line cut off mid-write, a record whose
`messages` is not a list, a CSV row without a conversation id or role. Line numbers are 1-based physical
lines of the (decompressed) file, as a person would find them in an editor.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from .model import Conv, Turn

Malformed = list[tuple[str, int]]


def iso(t: datetime | None, *, ms: bool = True) -> str | None:
    if t is None:
        return None
    s = t.isoformat(timespec="milliseconds" if ms else "seconds")
    return s.replace("+00:00", "Z")


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------------------------------------- OpenAI
def openai_record(
    c: Conv, *, system: str | None = None, message_times: bool = True, parts: bool = False
) -> dict[str, Any]:
    """`parts`: user content as a list of text parts, as newer SDKs and multimodal front ends log it."""
    messages: list[dict[str, Any]] = []
    if system is not None:
        messages.append({"role": "system", "content": system})
    for t in c.turns:
        m: dict[str, Any]
        if t.role == "tool":
            m = {"role": "tool", "tool_call_id": t.tool_call_id, "content": t.text}
        elif t.role == "assistant":
            m = {"role": "assistant", "content": t.text}
            if t.tool_calls:
                m["tool_calls"] = [
                    {
                        "id": tc.id,
                        "type": "function",
                        "function": {"name": tc.name, "arguments": _dump(tc.arguments)},
                    }
                    for tc in t.tool_calls
                ]
        elif parts:
            m = {"role": "user", "content": [{"type": "text", "text": t.text}]}
        else:
            m = {"role": "user", "content": t.text}
        if message_times and t.at is not None:
            m["timestamp"] = iso(t.at)
        messages.append(m)
    rec: dict[str, Any] = {
        "id": c.id,
        "user_id": c.user_id,
        "started_at": iso(c.started_at, ms=False),
        "metadata": c.metadata,
        "messages": messages,
    }
    if c.feedback is not None:
        rec["feedback"] = c.feedback
    return rec


# ------------------------------------------------------------------------------------------- Anthropic
def _anthropic_blocks(t: Turn, plain_user: bool) -> list[dict[str, Any]] | str:
    if t.role == "user":
        return t.text or "" if plain_user else [{"type": "text", "text": t.text or ""}]
    if t.role == "tool":
        block: dict[str, Any] = {"type": "tool_result", "tool_use_id": t.tool_call_id, "content": t.text}
        if t.is_error:
            block["is_error"] = True
        return [block]
    blocks: list[dict[str, Any]] = []
    if t.text:
        blocks.append({"type": "text", "text": t.text})
    blocks += [
        {"type": "tool_use", "id": tc.id.replace("call_", "toolu_"), "name": tc.name, "input": tc.arguments}
        for tc in t.tool_calls
    ]
    return blocks


def anthropic_record(
    c: Conv, *, system: str | None = None, rng: random.Random | None = None
) -> dict[str, Any]:
    """Consecutive turns of one API role share a message, as the Messages API requires."""
    plain = bool(rng and rng.random() < 0.5)
    messages: list[dict[str, Any]] = []
    for t in c.turns:
        api_role = "assistant" if t.role == "assistant" else "user"
        if t.role == "tool":
            t = Turn(
                "tool",
                t.text,
                tool_call_id=(t.tool_call_id or "").replace("call_", "toolu_"),
                is_error=t.is_error,
            )
        content = _anthropic_blocks(t, plain and t.role == "user")
        if messages and messages[-1]["role"] == api_role:
            prev = messages[-1]["content"]
            if isinstance(prev, str):
                prev = [{"type": "text", "text": prev}]
            if isinstance(content, str):
                content = [{"type": "text", "text": content}]
            messages[-1]["content"] = prev + content
        else:
            messages.append({"role": api_role, "content": content})
    rec: dict[str, Any] = {
        "id": c.id,
        "user_id": c.user_id,
        "started_at": iso(c.started_at, ms=False),
        "metadata": c.metadata,
    }
    if system is not None:
        rec["system"] = system
    rec["messages"] = messages
    if c.feedback is not None:
        rec["feedback"] = c.feedback
    return rec


# ------------------------------------------------------------------------------------------- broken lines
def _junk_json_line(rng: random.Random, sample: dict[str, Any]) -> str:
    kind = rng.choice(["truncated", "truncated", "messages_not_list", "no_messages"])
    bad = dict(sample)
    bad["id"] = f"{sample['id']}-dup{rng.randint(100, 999)}"
    if kind == "truncated":  # the exporter died mid-write
        text = _dump(bad)
        return text[: rng.randint(len(text) // 4, len(text) * 3 // 4)]
    if kind == "messages_not_list":
        bad["messages"] = _dump(bad["messages"])[:200]
        return _dump(bad)
    bad.pop("messages")
    return _dump(bad)


def write_jsonl(
    path: Path,
    root: Path,
    records: Sequence[dict[str, Any]],
    *,
    gz: bool = False,
    junk: int = 0,
    rng: random.Random | None = None,
) -> Malformed:
    lines = [_dump(r) for r in records]
    bad_at: list[int] = []
    if junk and records:
        assert rng is not None
        for _ in range(junk):
            pos = rng.randint(1, len(lines))
            lines.insert(pos, _junk_json_line(rng, rng.choice(records)))
            bad_at = [b + 1 if b >= pos else b for b in bad_at] + [pos]
    _write_text(path, "\n".join(lines) + "\n", gz)
    rel = path.relative_to(root).as_posix()
    return [(rel, i + 1) for i in sorted(bad_at)]


def write_json_array(path: Path, records: Sequence[dict[str, Any]]) -> None:
    _write_text(path, json.dumps({"conversations": list(records)}, ensure_ascii=False, indent=1), False)


def _write_text(path: Path, text: str, gz: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    if gz:
        # mtime=0 keeps the bytes identical from run to run
        with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
            fh.write(data)
    else:
        path.write_bytes(data)


# ------------------------------------------------------------------------------------------------ CSV
def write_csv(
    path: Path,
    root: Path,
    convs: Sequence[Conv],
    *,
    extra: Sequence[str] = (),
    junk: int = 0,
    rng: random.Random | None = None,
    order: Callable[[list[list[str]]], list[list[str]]] | None = None,
) -> Malformed:
    """One row per turn. Tool-using conversations do not belong in a helpdesk CSV, so they are refused."""
    header = ["conversation_id", "timestamp", "user_id", "role", "content", "feedback", *extra]
    rows: list[list[str]] = []
    for c in convs:
        if any(t.tool_calls or t.role == "tool" for t in c.turns):
            raise ValueError(f"{c.id}: CSV exports carry no tool calls")
        last = len(c.turns) - 1
        for i, t in enumerate(c.turns):
            fb = _dump(c.feedback) if (c.feedback is not None and i == last) else ""
            rows.append(
                [
                    c.id,
                    iso(t.at) or "",
                    c.user_id,
                    t.role,
                    t.text or "",
                    fb,
                    *[str(c.metadata.get(k, "")) for k in extra],
                ]
            )
    if order is not None:
        rows = order(rows)
    bad_rows: list[int] = []
    if junk and rows:
        assert rng is not None
        for _ in range(junk):
            pos = rng.randint(0, len(rows))
            src = list(rng.choice(rows))
            kind = rng.choice(["no_id", "no_role"])
            if kind == "no_id":
                src[0] = ""
            else:
                src[0] = f"{src[0]}-x{rng.randint(10, 99)}"
                src[3] = ""
            src[4] = " ".join(src[4].split())  # keep a broken row on one physical line
            rows.insert(pos, src)
            bad_rows = [b + 1 if b >= pos else b for b in bad_rows] + [pos]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    starts: list[int] = []
    line = 2
    for r in rows:
        starts.append(line)
        w.writerow(r)
        line += sum(cell.count("\n") for cell in r) + 1
    _write_text(path, buf.getvalue(), False)
    rel = path.relative_to(root).as_posix()
    return [(rel, starts[b]) for b in sorted(bad_rows)]
