"""A record without an id gets one from its content, so it survives any layout of the same export."""

from __future__ import annotations

import io
import json

from agentmend.conversations.model import Conversation
from agentmend.conversations.readers import read_export

RECORDS = [
    {
        "messages": [
            {"role": "user", "content": f"How do I change plan {i}?"},
            {"role": "assistant", "content": "ok"},
        ]
    }
    for i in range(200)
]


def ids(name: str, payload: str) -> list[str]:
    items = list(read_export(name, io.BytesIO(payload.encode())))
    assert all(isinstance(c, Conversation) for c in items)
    return [c.id for c in items if isinstance(c, Conversation)]


def test_a_one_line_json_array_of_id_less_records_reads_every_record() -> None:
    got = ids("dump.json", json.dumps(RECORDS))
    assert len(got) == 200 and len(set(got)) == 200


def test_the_same_records_get_the_same_ids_in_any_layout() -> None:
    one_line = ids("a.json", json.dumps(RECORDS))
    pretty = ids("b.json", json.dumps(RECORDS, indent=2))
    jsonl = ids("c.jsonl", "".join(json.dumps(r) + "\n" for r in RECORDS))
    reordered = ids("d.json", json.dumps(RECORDS[::-1]))
    assert one_line == pretty == jsonl == reordered[::-1]


def test_exact_duplicates_in_one_file_are_told_apart_by_an_ordinal() -> None:
    got = ids("dup.jsonl", "".join(json.dumps(RECORDS[0]) + "\n" for _ in range(3)))
    assert got[1:] == [f"{got[0]}~2", f"{got[0]}~3"]
