"""CSV exports: one row per turn, grouped into conversations by `conversation_id` in row order."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain

from agentmend.conversations.formats.fields import (
    ROLE_ALIASES,
    RecordError,
    flag,
    parse_one_feedback,
    parse_timestamp,
)
from agentmend.conversations.model import Conversation, Feedback, Malformed, ToolCall, Turn

REQUIRED = ("conversation_id", "role", "content")
_KNOWN = (
    "conversation_id",
    "role",
    "content",
    "timestamp",
    "user_id",
    "feedback",
    "is_error",
    "tool_call_id",
    "tool_name",
)


@dataclass
class _CsvConversation:
    line: int
    turns: list[Turn] = field(default_factory=list)
    user_id: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    feedback: list[Feedback] = field(default_factory=list)


def read_csv(
    name: str, lines: Iterator[bytes], bad_lines: dict[int, str]
) -> Iterator[Conversation | Malformed]:
    """One row per turn; rows are grouped by `conversation_id` and keep their order in the file.

    The delimiter is the one of `,`, `;`, tab or `|` that the header line uses most (spreadsheet exports in
    many locales use `;`).
    """
    text_lines = _decoded(lines, bad_lines)
    first = next(text_lines, "")
    delimiter = max(",;\t|", key=first.count) if first else ","
    reader = csv.reader(chain([first], text_lines), delimiter=delimiter)
    try:
        header = [h.strip().lstrip("\ufeff").lower() for h in next(reader)]
    except StopIteration:
        return
    except csv.Error as exc:
        yield Malformed(name, 1, f"not valid CSV: {exc}")
        return
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        yield Malformed(
            name,
            1,
            f"CSV header lacks required column(s) {', '.join(missing)}; "
            f"expected at least {', '.join(REQUIRED)} (got {', '.join(header)})",
        )
        return
    groups: dict[str, _CsvConversation] = {}
    row_start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Malformed(name, row_start, f"not valid CSV: {exc}")
            row_start = reader.line_num + 1
            continue
        line, row_start = row_start, reader.line_num + 1
        undecodable = [n for n in range(line, row_start) if n in bad_lines]
        if undecodable:
            yield Malformed(name, line, bad_lines[undecodable[0]])
            continue
        if not any(cell.strip() for cell in row):
            continue
        try:
            _csv_row(line, header, row, groups)
        except RecordError as exc:
            yield Malformed(name, line, str(exc))
    for conv_id, group in groups.items():
        yield Conversation(
            id=conv_id,
            turns=tuple(group.turns),
            source=f"{name}:{group.line}",
            user_id=group.user_id,
            started_at=next((t.timestamp for t in group.turns if t.timestamp), None),
            metadata=group.metadata,
            feedback=tuple(group.feedback),
        )


def _decoded(lines: Iterator[bytes], bad_lines: dict[int, str]) -> Iterator[str]:
    """Decode line by line; an undecodable line is remembered so its row is reported, not mangled."""
    for lineno, raw in enumerate(lines, start=1):
        try:
            yield raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            bad_lines[lineno] = f"not valid UTF-8 (byte {exc.start})"
            yield raw.decode("utf-8", errors="replace")


def _csv_row(line: int, header: list[str], row: list[str], groups: dict[str, _CsvConversation]) -> None:
    if len(row) < len(header):
        absent = header[len(row) :]
        needed = [c for c in absent if c in REQUIRED or c == "timestamp"]
        if needed:
            raise RecordError(f"row has {len(row)} of {len(header)} columns; missing {', '.join(needed)}")
    if len(row) > len(header):
        raise RecordError(f"row has {len(row)} columns but the header has {len(header)}")
    cells = dict(zip(header, row, strict=False))
    conv_id = cells.get("conversation_id", "").strip()
    if not conv_id:
        raise RecordError("empty conversation_id")
    role = ROLE_ALIASES.get(cells.get("role", "").strip().lower())
    if role is None:
        raise RecordError(f"unknown role {cells.get('role')!r}; allowed: system, user, assistant, tool")
    ts = parse_timestamp(cells.get("timestamp"), "timestamp")
    is_error = flag(cells.get("is_error"), "is_error")
    feedback = _row_feedback(cells.get("feedback", "").strip())  # checked before the row counts at all
    group = groups.get(conv_id)
    if group is None:
        group = groups[conv_id] = _CsvConversation(line)
    index = len(group.turns)
    calls: tuple[ToolCall, ...] = ()
    if role == "assistant" and cells.get("tool_name", "").strip():
        calls = (ToolCall(id=cells.get("tool_call_id", "").strip(), name=cells["tool_name"].strip()),)
    group.turns.append(
        Turn(
            index=index,
            role=role,
            text=cells.get("content", ""),
            timestamp=ts,
            tool_calls=calls,
            tool_call_id=(cells.get("tool_call_id") or None) if role == "tool" else None,
            is_error=is_error,
        )
    )
    if cells.get("user_id", "").strip() and group.user_id is None:
        group.user_id = cells["user_id"].strip()
    group.feedback.extend(Feedback(fb.kind, fb.value, fb.negative, fb.comment, index) for fb in feedback)
    for key, value in cells.items():
        if key not in _KNOWN and value.strip() and key not in group.metadata:
            group.metadata[key] = value


def _row_feedback(raw: str) -> list[Feedback]:
    if not raw:
        return []
    try:
        parsed = json.loads(raw) if raw.startswith(("{", "[")) else raw
    except ValueError:
        raise RecordError(f"feedback {raw[:80]!r} is not valid JSON") from None
    except RecursionError:
        raise RecordError("feedback JSON is nested too deeply") from None
    items = parsed if isinstance(parsed, list) else [parsed]
    return [parse_one_feedback(item, "feedback", [], 0) for item in items]
