"""JSON records out of a byte stream, one at a time, each with the line it starts on.

JSONL is parsed line by line (`json.loads`, so a bad line is skipped and reading goes on). A JSON document
(a list of records, an object wrapping one, or one record) is streamed with ijson: the parser is fed one
line (or 64 KiB of a long line) at a time, so the line an event comes from is known exactly, and records
are built from its events here so nesting depth and record size are checked while building, before any
recursion or allocation they would cost.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import ijson

from agentmend.conversations.formats.bounds import READ_ERRORS, Limits, MiB
from agentmend.conversations.model import Malformed

# a top-level object holding one of these lists wraps records; it is not a record itself
RECORD_LISTS = (
    "conversations",
    "simulations",
    "resourceSpans",
    "resourceLogs",
    "runs",
    "traces",
    "data",
    "sessions",
)
_PIECE = 64 * 1024


@dataclass(frozen=True)
class JsonValue:
    """One record: where it starts, its value, and the wrapper list it came from (None when top-level)."""

    line: int
    value: Any
    container: str | None = None


class Lines:
    """Physical lines of a byte stream. A line past `max_line` is dropped and remembered in `bad`; a read
    error (a truncated gzip, a broken bound) ends the lines and is kept in `error`, so readers report it."""

    def __init__(self, stream: IO[bytes], max_line: int) -> None:
        self.stream = stream
        self.count = 0
        self.max_line = max_line
        self.bad: dict[int, str] = {}
        self.error: str | None = None

    def __iter__(self) -> Lines:
        return self

    def __next__(self) -> bytes:
        if self.error is not None:
            raise StopIteration
        try:
            line = self.stream.readline(self.max_line + 1)
            if len(line) > self.max_line and not line.endswith(b"\n"):
                while (rest := self.stream.readline(MiB)) and not rest.endswith(b"\n"):
                    pass
                self.bad[self.count + 1] = f"line longer than {_size(self.max_line)}; skipped"
                line = b"\n"
        except READ_ERRORS as exc:
            self.error = str(exc) or type(exc).__name__
            raise StopIteration from None
        if not line:
            raise StopIteration
        self.count += 1
        return line

    def malformed_tail(self, name: str) -> Malformed | None:
        if self.error is None:
            return None
        return Malformed(name, self.count + 1, f"the file could not be read past this line: {self.error}")


def _size(n: int) -> str:
    return f"{n // MiB} MiB" if n >= MiB else f"{n} bytes"


def too_deep(value: Any, max_depth: int) -> bool:
    """Whether `value` nests deeper than `max_depth` containers (iterative: no recursion to exhaust)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > max_depth:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return False


def jsonl_values(name: str, lines: Lines, limits: Limits) -> Iterator[JsonValue | Malformed]:
    for lineno, raw in enumerate(lines, start=1):
        if lineno in lines.bad:
            yield Malformed(name, lineno, lines.bad[lineno])
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
        except RecursionError:
            yield Malformed(name, lineno, f"nested deeper than {limits.max_depth} levels; skipped")
            continue
        except ValueError as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            yield Malformed(name, lineno, f"not valid JSON: {reason}")
            continue
        if too_deep(obj, limits.max_depth):
            yield Malformed(name, lineno, f"nested deeper than {limits.max_depth} levels; skipped")
            continue
        if isinstance(obj, dict):
            key = _wrapper_key(obj)
            if key is not None:
                for element in obj[key]:
                    yield JsonValue(lineno, element, key)
                continue
        yield JsonValue(lineno, obj)
    tail = lines.malformed_tail(name)
    if tail is not None:
        yield tail


def _wrapper_key(obj: dict[str, Any]) -> str | None:
    """The record list a JSONL line wraps (OTLP's file exporter writes `{"resourceSpans": [...]}` lines)."""
    if "messages" in obj:
        return None
    return next((k for k in RECORD_LISTS if isinstance(obj.get(k), list)), None)


class _TooBig(Exception):
    pass


class _Builder:
    """Builds one JSON value from ijson's basic events; refuses depth and size past the limits."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.stack: list[Any] = []
        self.keys: list[str | None] = []
        self.value: Any = None
        self.done = False
        self.failure: str | None = None
        self.depth = 0  # counted even after a failure, to find where the value ends
        self.size = 0  # roughly the bytes the value takes as JSON

    def event(self, kind: str, value: Any) -> None:
        if self.failure is None:
            self.size += len(value) + 4 if isinstance(value, str) else 8
            if self.size > self.limits.max_record_bytes:
                self.too_big()
        if kind in ("start_map", "start_array"):
            self.depth += 1
            if self.depth > self.limits.max_depth and self.failure is None:
                self.failure = f"nested deeper than {self.limits.max_depth} levels; skipped"
                self.stack.clear()
            if self.failure is None:
                self.stack.append({} if kind == "start_map" else [])
                self.keys.append(None)
            return
        if kind in ("end_map", "end_array"):
            self.depth -= 1
            if self.failure is None:
                self.keys.pop()
                self._put(self.stack.pop())
            elif self.depth == 0:
                self.done = True
            return
        if kind == "map_key":
            if self.failure is None:
                self.keys[-1] = value
            return
        if self.failure is None:
            self._put(value)
        elif self.depth == 0:
            self.done = True

    def _put(self, value: Any) -> None:
        if not self.stack:
            self.value, self.done = value, True
            return
        top = self.stack[-1]
        if isinstance(top, dict):
            top[self.keys[-1]] = value
        else:
            top.append(value)

    def too_big(self) -> None:
        if self.failure is None:
            self.failure = f"record larger than {_size(self.limits.max_record_bytes)}; skipped"
            self.stack.clear()


def document_values(name: str, stream: IO[bytes], limits: Limits) -> Iterator[JsonValue | Malformed]:
    """Records of a JSON document: the elements of a top-level list, of a wrapper object's record list
    (`RECORD_LISTS`), or the top-level object itself. Several top-level values in a row are read too."""
    events: list[tuple[str, Any]] = []
    parser = ijson.basic_parse_coro(_Sink(events), multiple_values=True, use_float=True)
    walker = _Walker(name, limits)
    line = 1
    while True:
        try:
            piece = stream.readline(_PIECE)
        except READ_ERRORS as exc:
            yield Malformed(name, line, f"the file could not be read past this line: {exc}")
            return
        if line == 1 and piece.startswith(b"\xef\xbb\xbf"):
            piece = piece[3:]
        try:
            if piece:
                parser.send(piece)
            else:
                parser.close()
        except ijson.JSONError as exc:
            yield from walker.feed(events, line)
            yield Malformed(
                name, line, f"not valid JSON: {_ijson_reason(exc)}; the rest of the file was not read"
            )
            return
        yield from walker.feed(events, line)
        events.clear()
        if not piece:
            return
        if piece.endswith(b"\n"):
            line += 1


def _ijson_reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


class _Sink:
    def __init__(self, events: list[tuple[str, Any]]) -> None:
        self.events = events

    def send(self, event: tuple[str, Any]) -> None:
        self.events.append(event)


class _Walker:
    """Turns the event stream into records, tracking the wrapper level and where each record began."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.in_list = False  # inside the top-level list, or a wrapper object's record list
        self.wrapper_key: str | None = None
        self.pending_key: str | None = None
        self.record: _Builder | None = None
        self.record_line = 0
        self.header: _Builder | None = None  # a top-level object: one record, or a wrapper
        self.header_line = 0

    def feed(self, events: list[tuple[str, Any]], line: int) -> Iterator[JsonValue | Malformed]:
        for kind, value in events:
            yield from self._event(kind, value, line)
        events.clear()

    def _finish(self, builder: _Builder, line: int, container: str | None) -> Iterator[JsonValue | Malformed]:
        if builder.failure is not None:
            yield Malformed(self.name, line, builder.failure)
        else:
            yield JsonValue(line, builder.value, container)

    def _event(self, kind: str, value: Any, line: int) -> Iterator[JsonValue | Malformed]:
        if self.record is not None:
            self.record.event(kind, value)
            if self.record.done:
                record, self.record = self.record, None
                yield from self._finish(record, self.record_line, self.wrapper_key)
            return
        if self.in_list:
            if kind == "end_array":
                self.in_list = False
                if self.header is not None:  # the wrapper keeps an empty list in the key's place
                    self.header.event("start_array", None)
                    self.header.event("end_array", None)
                return
            self.record = _Builder(self.limits)
            self.record_line = line
            yield from self._event(kind, value, line)
            return
        if self.header is not None:
            if self.header.depth == 1 and kind == "map_key":
                top = self.header.stack[0] if self.header.stack else {}
                wraps = value in RECORD_LISTS and "messages" not in top  # a record may have a "data" list
                self.pending_key = value if wraps else None
            elif self.pending_key is not None and kind == "start_array" and self.header.depth == 1:
                self.in_list, self.wrapper_key, self.pending_key = True, self.pending_key, None
                return
            else:
                self.pending_key = None
            self.header.event(kind, value)
            if self.header.done:
                header, self.header = self.header, None
                if self.wrapper_key is None:
                    yield from self._finish(header, self.header_line, None)
                self.wrapper_key = None
            return
        if kind == "start_array":
            self.in_list = True
        elif kind == "start_map":
            self.header = _Builder(self.limits)
            self.header_line = line
            self.header.event(kind, value)
        else:
            yield JsonValue(line, value)  # a bare scalar: the record reader reports it
