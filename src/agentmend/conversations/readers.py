"""Read conversation exports (OpenAI chat, Anthropic Messages, CSV; optionally gzipped) into records.

Reading streams: JSONL and CSV are consumed line by line, and every bad record becomes a `Malformed`
(`file:line: reason`, 1-based physical line) while reading continues.

Format detection, per file (`format="auto"`):
1. gzip is recognised by its magic bytes (1f 8b), whatever the file is called.
2. The first non-blank line decides the container: `[` starts a JSON document (a list of conversations);
   `{` starts JSONL when that line is a complete JSON object holding a conversation, and a JSON document
   otherwise (a pretty-printed object, or `{"conversations": [...]}`); anything else is CSV.
3. Inside JSON, the dialect is fixed by the first record that shows one: Anthropic when it has a
   top-level `system` or content blocks of type `tool_use`/`tool_result`; OpenAI when a message has role
   `system`/`tool`, `tool_calls` or `tool_call_id`. Records without either marker read the same in both
   dialects. A later record in the other dialect is reported as malformed (a file should not mix formats).
`format="openai"|"anthropic"` fixes the dialect from the start, `format="csv"` forces CSV.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import IO, Any, BinaryIO, Literal, cast

from agentmend.conversations.formats import chat, tau_bench
from agentmend.conversations.formats.chat import Dialect, dialect_of
from agentmend.conversations.formats.fields import (
    ROLE_ALIASES,
    RecordError,
    flag,
    parse_one_feedback,
    parse_timestamp,
    type_name,
)
from agentmend.conversations.ids import with_content_ids
from agentmend.conversations.model import Conversation, Feedback, Malformed, ToolCall, Turn

Format = Literal["auto", "openai", "anthropic", "csv"]
FORMATS: tuple[str, ...] = ("auto", "openai", "anthropic", "csv")
# a top-level object holding one of these lists is a wrapper around records, not a record itself
_RECORD_LISTS = ("conversations", "simulations")

_GZIP_MAGIC = b"\x1f\x8b"
_CSV_REQUIRED = ("conversation_id", "role", "content")
_CSV_KNOWN = (
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


class ExportError(ValueError):
    """An export could not be read (strict mode, or a file that cannot be opened)."""


@dataclass(frozen=True)
class ExportFile:
    """One export to read: its name (repo-relative path or URL) and how to open it as bytes."""

    name: str
    open: Callable[[], BinaryIO]
    format: str = "auto"


# --------------------------------------------------------------------------------------------- public API


def read_export(name: str, data: BinaryIO, format: str = "auto") -> Iterator[Conversation | Malformed]:
    """Yield the conversations of one export and a `Malformed` for every record that could not be read.

    A conversation the export gives no id gets one derived from its content (see `ids`).
    """
    return with_content_ids(_read_export(name, data, format))


def _read_export(name: str, data: BinaryIO, format: str) -> Iterator[Conversation | Malformed]:
    if format not in FORMATS:
        raise ExportError(f"{name}: unknown export format {format!r}; allowed: {', '.join(FORMATS)}")
    stream = _maybe_gunzip(data)
    lines = _Lines(stream)
    head: list[bytes] = []
    for raw in lines:
        head.append(raw)
        if raw.strip():
            break
    if head and head[-1].strip():
        all_lines = chain(head, lines)
        first = head[-1].strip().lstrip(b"\xef\xbb\xbf")
        dialect = _Dialect(None if format == "auto" else cast(Dialect, format))
        lines.max_line = MAX_LINE_BYTES
        if format == "csv" or (format == "auto" and not first.startswith((b"[", b"{"))):
            yield from _read_csv(name, all_lines, lines.bad)
        elif first.startswith(b"{") and _is_jsonl_record(first):
            yield from _read_jsonl(name, all_lines, dialect, lines.bad)
        else:
            yield from _read_json_document(name, b"".join(head) + lines.rest(), dialect)
    if lines.error is not None:
        yield Malformed(name, lines.count + 1, f"the file could not be read past this line: {lines.error}")


def read_all(files: Iterable[ExportFile], strict: bool = False) -> Iterator[Conversation | Malformed]:
    """Read many exports in order; later duplicates of a conversation id are reported, not kept.

    A file that cannot be opened is reported as `Malformed(name, 0, reason)`. With `strict`, the first
    malformed record raises `ExportError`.
    """
    seen: dict[str, str] = {}
    for export in files:
        try:
            data = export.open()
        except Exception as exc:  # noqa: BLE001 - any failure to open is reported with its reason
            bad = Malformed(export.name, 0, f"could not open the export: {exc}")
            if strict:
                raise ExportError(str(bad)) from exc
            yield bad
            continue
        with data:
            for item in read_export(export.name, data, export.format):
                if isinstance(item, Conversation):
                    first = seen.get(item.id)
                    if first is None:
                        seen[item.id] = item.source
                        yield item
                        continue
                    file, _, line = item.source.rpartition(":")
                    reason = f"duplicate conversation id {item.id}, first seen at {first}"
                    item = Malformed(file, int(line), reason)
                if strict:
                    raise ExportError(str(item))
                yield item


# ------------------------------------------------------------------------------------------ byte handling


def _maybe_gunzip(data: BinaryIO) -> IO[bytes]:
    buffered: IO[bytes] = data if hasattr(data, "peek") else io.BufferedReader(cast(Any, data))
    magic = cast(io.BufferedReader, buffered).peek(2)[:2]
    if magic == _GZIP_MAGIC:
        return cast(IO[bytes], gzip.GzipFile(fileobj=buffered, mode="rb"))
    return buffered


MAX_LINE_BYTES = 64 * 1024 * 1024


class _Lines:
    """Physical lines of a byte stream. A line past `max_line` is dropped and remembered in `bad`; a read
    error (a truncated or corrupt gzip) ends the lines and is kept in `error`, so readers report it."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.count = 0
        self.max_line = -1  # no limit while detecting the format: a JSON document may be one line
        self.bad: dict[int, str] = {}
        self.error: str | None = None

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> bytes:
        if self.error is not None:
            raise StopIteration
        try:
            line = self.stream.readline(self.max_line + 1 if self.max_line > 0 else -1)
            if self.max_line > 0 and len(line) > self.max_line and not line.endswith(b"\n"):
                while (rest := self.stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                self.bad[self.count + 1] = f"line longer than {self.max_line // (1024 * 1024)} MiB; skipped"
                line = b"\n"
        except (OSError, EOFError, zlib.error) as exc:
            self.error = str(exc) or type(exc).__name__
            raise StopIteration from None
        if not line:
            raise StopIteration
        self.count += 1
        return line

    def rest(self) -> bytes:
        try:
            return self.stream.read()
        except (OSError, EOFError, zlib.error) as exc:
            self.error = str(exc) or type(exc).__name__
            return b""


def _is_jsonl_record(first_line: bytes) -> bool:
    try:
        obj = json.loads(first_line)
    except ValueError:
        return False  # a pretty-printed JSON document starts with a lone "{"
    return isinstance(obj, dict) and not any(k in obj and "messages" not in obj for k in _RECORD_LISTS)


# ------------------------------------------------------------------------------------------------- JSON


def _read_jsonl(
    name: str, lines: Iterable[bytes], dialect: _Dialect, bad_lines: dict[int, str]
) -> Iterator[Conversation | Malformed]:
    for lineno, raw in enumerate(lines, start=1):
        if lineno in bad_lines:
            yield Malformed(name, lineno, bad_lines[lineno])
            continue
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield Malformed(name, lineno, f"not valid UTF-8 (byte {exc.start})")
            continue
        try:
            obj = json.loads(text)
        except ValueError as exc:
            yield Malformed(name, lineno, f"not valid JSON: {_json_reason(exc)}")
            continue
        yield _record(name, lineno, obj, dialect)


def _read_json_document(name: str, blob: bytes, dialect: _Dialect) -> Iterator[Conversation | Malformed]:
    try:
        text = blob.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield Malformed(name, blob.count(b"\n", 0, exc.start) + 1, f"not valid UTF-8 (byte {exc.start})")
        return
    for item in _json_elements(text):
        if isinstance(item, _JsonFailure):
            yield Malformed(name, item.line, item.reason)
            return
        yield _record(name, item.line, item.value, dialect)


@dataclass(frozen=True)
class _JsonElement:
    line: int
    value: Any


@dataclass(frozen=True)
class _JsonFailure:
    line: int
    reason: str


_DECODER = json.JSONDecoder()


def _json_elements(text: str) -> Iterator[_JsonElement | _JsonFailure]:
    """Walk a JSON list (or an object's `conversations` list) element by element, keeping line numbers."""

    def line_at(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    def skip_ws(pos: int) -> int:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        return pos

    def failure(pos: int, reason: str) -> _JsonFailure:
        return _JsonFailure(line_at(pos), reason)

    def elements(pos: int) -> Iterator[_JsonElement | _JsonFailure | int]:
        """Elements of the array whose `[` is at `pos`; finally the position after `]`."""
        pos = skip_ws(pos + 1)
        if pos < len(text) and text[pos] == "]":
            yield pos + 1
            return
        while True:
            pos = skip_ws(pos)
            try:
                value, end = _DECODER.raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                yield failure(exc.pos, f"not valid JSON: {exc.msg}; the rest of the file was not read")
                return
            yield _JsonElement(line_at(pos), value)
            pos = skip_ws(end)
            if pos < len(text) and text[pos] == ",":
                pos += 1
                continue
            if pos < len(text) and text[pos] == "]":
                yield pos + 1
                return
            yield failure(pos, "not valid JSON: expected ',' or ']' after a conversation; rest not read")
            return

    pos = skip_ws(0)
    if text.startswith("[", pos):
        for item in elements(pos):
            if not isinstance(item, int):
                yield item
        return
    # An object: find its "conversations" list; a lone conversation object is read as one record.
    try:
        whole, _ = _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError as exc:
        yield failure(exc.pos, f"not valid JSON: {exc.msg}")
        return
    list_key = next((k for k in _RECORD_LISTS if isinstance(whole, dict) and k in whole), None)
    if list_key is None:
        yield _JsonElement(line_at(pos), whole)
        return
    if not isinstance(whole[list_key], list):
        yield failure(pos, f"'{list_key}' must be a list of conversations")
        return
    key_pos = pos + 1
    while True:  # top-level keys, to find where the list starts and so the line of each element
        key_pos = skip_ws(key_pos)
        key, end = _DECODER.raw_decode(text, key_pos)
        value_pos = skip_ws(skip_ws(end) + 1)  # past ':'
        if key == list_key and text.startswith("[", value_pos):
            for item in elements(value_pos):
                if not isinstance(item, int):
                    yield item
            return
        _, end = _DECODER.raw_decode(text, value_pos)
        key_pos = skip_ws(end) + 1  # past ','


def _json_reason(exc: ValueError) -> str:
    return exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)


# ----------------------------------------------------------------------------------------- JSON records


@dataclass
class _Dialect:
    """The dialect of a JSON export: fixed up front, or by the first record that shows one."""

    fixed: Dialect | None
    seen_at: int | None = None

    def observe(self, found: Dialect | None, line: int) -> None:
        if found is None:
            return
        if self.fixed is None:
            self.fixed, self.seen_at = found, line
        elif found != self.fixed:
            where = f" (detected from line {self.seen_at})" if self.seen_at else ""
            raise RecordError(
                f"record is {_DIALECT_NAMES[found]}-shaped but this export is "
                f"{_DIALECT_NAMES[self.fixed]}{where}; "
                "a file should hold one format (set 'format' on the export to force one)"
            )


_DIALECT_NAMES = {"openai": "OpenAI", "anthropic": "Anthropic"}


def _record(name: str, line: int, obj: Any, dialect: _Dialect) -> Conversation | Malformed:
    try:
        if not isinstance(obj, dict):
            raise RecordError(f"expected a JSON object (a conversation), got {type_name(obj)}")
        if tau_bench.is_tau2_simulation(obj):
            return tau_bench.tau2_conversation(name, line, obj)
        if tau_bench.is_tau_bench(obj):
            return tau_bench.tau_bench_conversation(name, line, obj)
        dialect.observe(dialect_of(obj), line)
        return chat.conversation(name, line, obj)
    except RecordError as exc:
        return Malformed(name, line, str(exc))


# -------------------------------------------------------------------------------------------------- CSV


@dataclass
class _CsvConversation:
    line: int
    turns: list[Turn] = field(default_factory=list)
    user_id: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    feedback: list[Feedback] = field(default_factory=list)


def _read_csv(
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
    missing = [c for c in _CSV_REQUIRED if c not in header]
    if missing:
        yield Malformed(
            name,
            1,
            f"CSV header lacks required column(s) {', '.join(missing)}; "
            f"expected at least {', '.join(_CSV_REQUIRED)} (got {', '.join(header)})",
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
        needed = [c for c in absent if c in _CSV_REQUIRED or c == "timestamp"]
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
            is_error=flag(cells.get("is_error"), "is_error"),
        )
    )
    if cells.get("user_id", "").strip() and group.user_id is None:
        group.user_id = cells["user_id"].strip()
    if cells.get("feedback", "").strip():
        raw = cells["feedback"].strip()
        try:
            parsed = json.loads(raw) if raw.startswith(("{", "[")) else raw
        except ValueError:
            raise RecordError(f"feedback {raw!r} is not valid JSON") from None
        items = parsed if isinstance(parsed, list) else [parsed]
        for item in items:
            fb = parse_one_feedback(item, "feedback", [], 0)
            group.feedback.append(Feedback(fb.kind, fb.value, fb.negative, fb.comment, index))
    for key, value in cells.items():
        if key not in _CSV_KNOWN and value.strip() and key not in group.metadata:
            group.metadata[key] = value
