"""Read conversation exports into records: the public entry point over `conversations.formats`.

Every format, its detection and its limits live in `conversations/formats/` (one module per format,
`detect` for the choice, `bounds` for the limits). Reading streams: JSONL and CSV line by line, JSON
documents event by event; every bad record becomes a `Malformed` (`file:line: reason`, 1-based physical
line) while reading continues, and a file that breaks a bound stops with a reason that names it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from agentmend.conversations.formats import csv_rows, detect
from agentmend.conversations.formats.bounds import DEFAULT_LIMITS, Limits, open_bounded
from agentmend.conversations.formats.json_stream import Lines, document_values, jsonl_values
from agentmend.conversations.ids import with_content_ids
from agentmend.conversations.model import Conversation, Malformed

FORMATS: tuple[str, ...] = detect.FORMAT_NAMES


class ExportError(ValueError):
    """An export could not be read (strict mode, or a file that cannot be opened)."""


@dataclass(frozen=True)
class ExportFile:
    """One export to read: its name (repo-relative path or URL) and how to open it as bytes."""

    name: str
    open: Callable[[], BinaryIO]
    format: str = "auto"


def read_export(
    name: str, data: BinaryIO, format: str = "auto", limits: Limits = DEFAULT_LIMITS
) -> Iterator[Conversation | Malformed]:
    """Yield the conversations of one export and a `Malformed` for every record that could not be read.

    A conversation the export gives no id gets one derived from its content (see `ids`).
    """
    if format not in FORMATS:
        raise ExportError(f"{name}: unknown export format {format!r}; allowed: {', '.join(FORMATS)}")
    return with_content_ids(_read_export(name, data, format, limits))


def _read_export(
    name: str, data: BinaryIO, format: str, limits: Limits
) -> Iterator[Conversation | Malformed]:
    prefix, stream = open_bounded(data, limits)
    container = "csv" if format == "csv" else detect.container_of(prefix)
    if container == "csv" and format not in ("auto", "csv"):
        container = "json"  # a JSON format was asked for: let the JSON reader say what is wrong
    if container == "csv":
        lines = Lines(stream, limits.max_line_bytes)
        yield from csv_rows.read_csv(name, lines, lines.bad)
        tail = lines.malformed_tail(name)
        if tail is not None:
            yield tail
        return
    if container == "jsonl":
        values = jsonl_values(name, Lines(stream, limits.max_line_bytes), limits)
    else:
        values = document_values(name, stream, limits)
    yield from detect.reader_for(name, values, None if format == "auto" else format)


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
