"""An export cannot cost unbounded time or memory: every bound stops with a reason naming file:line."""

from __future__ import annotations

import gzip
import io
import json
from typing import Any

from agentmend.conversations.formats.bounds import DEFAULT_LIMITS, Limits
from agentmend.conversations.model import Conversation, Malformed
from agentmend.conversations.readers import read_export


def rec(i: int, **extra: Any) -> dict[str, Any]:
    return {"id": f"c{i}", "messages": [{"role": "user", "content": f"question {i}"}], **extra}


def read(name: str, payload: bytes, limits: Limits = DEFAULT_LIMITS) -> list[Conversation | Malformed]:
    return list(read_export(name, io.BytesIO(payload), limits=limits))


def test_a_gzip_of_fifty_million_blank_lines_stops_early_with_a_clear_error() -> None:
    bomb = gzip.compress(json.dumps(rec(1)).encode() + b"\n" * 50_000_000, 6)
    assert len(bomb) < 300_000
    items = read("exports/bomb.jsonl.gz", bomb)
    assert isinstance(items[0], Conversation)
    last = items[-1]
    assert isinstance(last, Malformed) and "decompression bomb" in last.reason
    assert last.line < 2_000_000  # stopped after about a megabyte, not at line 50,000,001
    assert str(last).startswith("exports/bomb.jsonl.gz:")


def test_the_decompressed_size_is_bounded_even_for_honest_gzip() -> None:
    payload = "".join(json.dumps(rec(i)) + "\n" for i in range(3000)).encode()
    items = read("x.jsonl.gz", gzip.compress(payload), Limits(max_bytes=20_000))
    convs = [c for c in items if isinstance(c, Conversation)]
    assert 0 < len(convs) < 3000
    assert isinstance(items[-1], Malformed) and "after decompression" in items[-1].reason


def test_a_deeply_nested_jsonl_record_is_reported_and_skipped() -> None:
    deep = '{"id": "d", "messages": [{"role": "user", "content": ' + "[" * 200_000 + "]" * 200_000 + "}]}"
    payload = "\n".join([json.dumps(rec(1)), deep, json.dumps(rec(3))]) + "\n"
    items = read("deep.jsonl", payload.encode())
    assert [getattr(i, "id", None) for i in items] == ["c1", None, "c3"]
    assert str(items[1]) == "deep.jsonl:2: nested deeper than 64 levels; skipped"


def test_a_deeply_nested_record_in_a_json_document_is_reported_and_skipped() -> None:
    deep = '{"id": "d", "extra": ' + "[" * 200_000 + "]" * 200_000 + "}"
    doc = "[\n" + json.dumps(rec(1)) + ",\n" + deep + ",\n" + json.dumps(rec(3)) + "\n]\n"
    items = read("deep.json", doc.encode())
    assert [getattr(i, "id", None) for i in items] == ["c1", None, "c3"]
    assert str(items[1]) == "deep.json:3: nested deeper than 64 levels; skipped"


def test_an_oversized_record_in_a_json_document_is_skipped_and_reading_goes_on() -> None:
    big = rec(2, notes="x" * 50_000)
    doc = "[\n" + ",\n".join(json.dumps(r) for r in (rec(1), big, rec(3))) + "\n]\n"
    items = read("big.json", doc.encode(), Limits(max_record_bytes=10_000))
    assert [getattr(i, "id", None) for i in items] == ["c1", None, "c3"]
    assert isinstance(items[1], Malformed) and items[1].line == 3 and "record larger than" in items[1].reason


class _Counting(io.RawIOBase):
    def __init__(self, data: bytes) -> None:
        self.data = io.BytesIO(data)
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        chunk = self.data.read(len(b))
        b[: len(chunk)] = chunk
        self.served += len(chunk)
        return len(chunk)


def test_detection_and_the_first_record_need_only_a_bounded_prefix_of_a_one_line_document() -> None:
    one_line = json.dumps([rec(i) for i in range(20_000)]).encode()  # ~1.2 MB, no newline
    stream = _Counting(one_line)
    items = read_export("dump.json", io.BufferedReader(stream), limits=Limits(prefix_bytes=4096))
    first = next(items)
    assert isinstance(first, Conversation) and first.id == "c0"
    assert stream.served < 256 * 1024  # streamed: neither detection nor the first record read the file
    assert sum(1 for _ in items) == 19_999


def test_a_first_line_longer_than_the_detection_prefix_still_reads() -> None:
    long_first = json.dumps(rec(1, notes="y" * 10_000))
    payload = (long_first + "\n" + json.dumps(rec(2)) + "\n").encode()
    items = read("long.jsonl", payload, Limits(prefix_bytes=1024))
    assert [getattr(i, "id", None) for i in items] == ["c1", "c2"]


def test_a_plain_file_past_the_size_bound_stops_with_the_reason() -> None:
    payload = "".join(json.dumps(rec(i)) + "\n" for i in range(1000)).encode()
    items = read("big.jsonl", payload, Limits(max_bytes=10_000))
    assert isinstance(items[-1], Malformed) and "larger than" in items[-1].reason


def test_deep_json_inside_a_string_attribute_is_a_malformed_conversation_not_a_crash() -> None:
    deep = "[" * 50_000 + "]" * 50_000
    span = {
        "traceId": "5b8efff798038103d269b633813fc60c",
        "spanId": "a1b2c3d4e5f60002",
        "name": "chat gpt-4o",
        "startTimeUnixNano": "1730970000000000000",
        "attributes": [{"key": "gen_ai.input.messages", "value": {"stringValue": deep}}],
    }
    doc = {"resourceSpans": [{"resource": {}, "scopeSpans": [{"spans": [span]}]}]}
    [bad] = read("traces.json", json.dumps(doc).encode())
    assert isinstance(bad, Malformed) and "nests deeper than 64 levels" in bad.reason


def test_deep_json_in_a_csv_feedback_cell_is_a_malformed_row() -> None:
    payload = (
        'conversation_id,role,content,feedback\nc1,user,hi,"' + "[" * 5_000 + "]" * 5_000 + '"\nc2,user,ok,\n'
    )
    items = read("t.csv", payload.encode())
    assert [getattr(i, "id", None) for i in items] == [None, "c2"]
    assert isinstance(items[0], Malformed) and items[0].line == 2
