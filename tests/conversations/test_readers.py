"""Reading exports: every format, gzip, auto-detection, and malformed records reported as file:line."""

from __future__ import annotations

import gzip
import io
import json
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from agentmend.conversations.formats.bounds import Limits
from agentmend.conversations.model import Conversation, Malformed
from agentmend.conversations.readers import ExportError, ExportFile, read_all, read_export

OPENAI_CONV = {
    "id": "conv-1",
    "user_id": "u-42",
    "started_at": "2026-11-03T09:15:00Z",
    "metadata": {"prompt_version": "v7", "channel": "web"},
    "feedback": {"rating": "thumbs_down", "comment": "did not help"},
    "messages": [
        {"role": "system", "content": "You are the Acme support agent."},
        {"role": "user", "content": "Where is my order #48213?"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "lookup_order", "arguments": '{"order_id": "48213"}'},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": '{"status": "shipped"}'},
        {"role": "assistant", "content": [{"type": "text", "text": "It shipped yesterday."}]},
    ],
}

ANTHROPIC_CONV = {
    "id": "a-1",
    "system": "You are a billing assistant.",
    "created_at": 1762160100,
    "feedback": [{"score": 2, "message_index": 2}],
    "messages": [
        {"role": "user", "content": "Why was I charged twice?"},
        {
            "role": "assistant",
            "content": [
                {"type": "text", "text": "Let me check your invoices."},
                {"type": "tool_use", "id": "tu_1", "name": "list_invoices", "input": {"customer": "c9"}},
            ],
        },
        {
            "role": "user",
            "content": [
                {
                    "type": "tool_result",
                    "tool_use_id": "tu_1",
                    "is_error": True,
                    "content": [{"type": "text", "text": "503 Service Unavailable"}],
                }
            ],
        },
        {"role": "assistant", "content": "Sorry, I can't reach the billing system right now."},
    ],
}


def read(name: str, payload: bytes, fmt: str = "auto") -> list[Conversation | Malformed]:
    return list(read_export(name, io.BytesIO(payload), fmt))


def jsonl(*records: object) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def test_openai_jsonl_keeps_tool_calls_metadata_and_feedback() -> None:
    [conv] = read("exports/nov.jsonl", jsonl(OPENAI_CONV))
    assert isinstance(conv, Conversation)
    assert conv.id == "conv-1" and conv.user_id == "u-42"
    assert conv.source == "exports/nov.jsonl:1"
    assert conv.started_at == datetime(2026, 11, 3, 9, 15, tzinfo=UTC)
    assert conv.metadata == {"prompt_version": "v7", "channel": "web"}
    assert [t.role for t in conv.turns] == ["system", "user", "assistant", "tool", "assistant"]
    assert conv.turns[2].tool_calls[0].name == "lookup_order"
    assert conv.turns[3].tool_call_id == "call_1"
    assert conv.turns[4].text == "It shipped yesterday."
    assert conv.opening_request == "Where is my order #48213?"
    [fb] = conv.feedback
    assert fb.negative and fb.kind == "thumbs" and fb.comment == "did not help"


def test_anthropic_blocks_become_turns_and_tool_errors_are_kept() -> None:
    [conv] = read("anthropic.jsonl", jsonl(ANTHROPIC_CONV))
    assert isinstance(conv, Conversation)
    assert [t.role for t in conv.turns] == ["system", "user", "assistant", "tool", "assistant"]
    assert conv.turns[2].tool_calls[0].name == "list_invoices"
    assert json.loads(conv.turns[2].tool_calls[0].arguments) == {"customer": "c9"}
    tool = conv.turns[3]
    assert tool.is_error and tool.text == "503 Service Unavailable" and tool.tool_call_id == "tu_1"
    assert conv.started_at == datetime.fromtimestamp(1762160100, tz=UTC)
    # CSAT 2 is negative; message_index 2 (the tool_result message) maps to its turn
    [fb] = conv.feedback
    assert fb.kind == "csat" and fb.negative and fb.turn_index == 3


def test_feedback_shapes_are_normalised() -> None:
    def verdicts(feedback: object) -> list[bool]:
        rec = {"id": "x", "feedback": feedback, "messages": [{"role": "user", "content": "hi"}]}
        [conv] = read("f.jsonl", jsonl(rec))
        assert isinstance(conv, Conversation)
        return [f.negative for f in conv.feedback]

    assert verdicts({"thumbs": "down"}) == [True]
    assert verdicts({"rating": "thumbs_up"}) == [False]
    assert verdicts([{"score": 5}, {"score": 1}, {"score": 3}]) == [False, True, False]


def test_json_array_gzipped_without_gz_suffix_is_detected() -> None:
    doc = json.dumps([OPENAI_CONV, {**OPENAI_CONV, "id": "conv-2"}], indent=2).encode()
    items = read("exports/dump.json", gzip.compress(doc))
    assert [c.id for c in items if isinstance(c, Conversation)] == ["conv-1", "conv-2"]
    # the second conversation starts on the line where its object opens in the pretty-printed file
    second_line = doc.decode().splitlines().index("  {", 2) + 1
    assert items[1].source == f"exports/dump.json:{second_line}"


def test_json_object_with_conversations_list() -> None:
    doc = json.dumps({"exported_at": "2026-11-04", "conversations": [ANTHROPIC_CONV]}, indent=1).encode()
    [conv] = read("wrapped.json", doc)
    assert isinstance(conv, Conversation) and conv.id == "a-1"


def test_csv_rows_group_into_conversations_in_row_order() -> None:
    payload = (
        b"conversation_id,role,content,timestamp,user_id,channel\n"
        b'c1,user,"My invoice, the one from May, is wrong",2026-11-05T10:00:00Z,u1,email\n'
        b"c2,user,How do I reset my password?,2026-11-05T10:01:00Z,u2,web\n"
        b'c1,assistant,"Which amount looks wrong?\nThe total or the tax?",2026-11-05T10:00:05Z,u1,email\n'
        b"c2,assistant,Use the reset link on the login page.,1762336865,u2,web\n"
    )
    convs = read("turns.csv", payload)
    assert [c.id for c in convs if isinstance(c, Conversation)] == ["c1", "c2"]
    c1 = convs[0]
    assert isinstance(c1, Conversation)
    assert [t.role for t in c1.turns] == ["user", "assistant"]
    assert c1.turns[1].text == "Which amount looks wrong?\nThe total or the tax?"
    assert c1.user_id == "u1" and c1.metadata == {"channel": "email"}
    assert c1.started_at == datetime(2026, 11, 5, 10, 0, tzinfo=UTC)
    assert c1.source == "turns.csv:2"


def test_csv_malformed_rows_are_reported_with_their_line_and_skipped() -> None:
    payload = (
        b"conversation_id,role,content,timestamp\n"
        b"c1,user,hello,2026-11-05T10:00:00Z\n"
        b"c1,wizard,abracadabra,2026-11-05T10:00:01Z\n"
        b'c1,assistant,"two\nlines",2026-11-05T10:00:02Z\n'
        b"c1,assistant,hi\n"
        b"c1,assistant,hi,yesterday-ish\n"
    )
    items = read("t.csv", payload)
    bad = [m for m in items if isinstance(m, Malformed)]
    assert [(m.line, m.reason.split(" ")[0]) for m in bad] == [(3, "unknown"), (6, "row"), (7, "'timestamp'")]
    assert "missing timestamp" in bad[1].reason
    [conv] = [c for c in items if isinstance(c, Conversation)]
    assert [t.text for t in conv.turns] == ["hello", "two\nlines"]


def test_csv_without_required_columns_is_one_clear_error() -> None:
    [bad] = read("t.csv", b"id,speaker,text\n1,user,hi\n")
    assert isinstance(bad, Malformed) and bad.line == 1
    assert "conversation_id, role, content" in bad.reason


def test_malformed_json_records_are_reported_as_file_line_and_skipped() -> None:
    good = json.dumps({"id": "ok", "messages": [{"role": "user", "content": ""}]})
    lines = [
        good,
        "{not json",
        "",
        "[1, 2]",
        json.dumps({"id": "no-msgs"}),
        json.dumps({"id": "r", "messages": [{"role": "robot", "content": "beep"}]}),
        json.dumps({"id": "t", "started_at": "last tuesday", "messages": [{"role": "user", "content": "x"}]}),
        json.dumps({"id": "c", "messages": [{"role": "user", "content": 42}]}),
        json.dumps({"messages": [{"role": "user", "content": "no id here"}]}),
    ]
    items = read("exports/x.jsonl", ("\n".join(lines) + "\n").encode())
    got = [(m.line, m.reason) for m in items if isinstance(m, Malformed)]
    assert [line for line, _ in got] == [2, 4, 5, 6, 7, 8]
    reasons = dict(got)
    assert reasons[2].startswith("not valid JSON")
    assert "expected a JSON object" in reasons[4]
    assert "no 'messages'" in reasons[5]
    assert "unknown role 'robot'" in reasons[6]
    assert "'started_at' is not a timestamp" in reasons[7]
    assert "content must be a string" in reasons[8]
    convs = [c for c in items if isinstance(c, Conversation)]
    # an empty content string is fine; a conversation without an id gets one derived from its content
    assert convs[0].id == "ok" and convs[1].id.startswith("h-") and convs[1].source == "exports/x.jsonl:9"
    assert str(Malformed("exports/x.jsonl", 2, "boom")) == "exports/x.jsonl:2: boom"


def test_mixing_formats_in_one_file_is_reported() -> None:
    items = read("mixed.jsonl", jsonl(OPENAI_CONV, {**ANTHROPIC_CONV, "id": "a-2"}))
    assert isinstance(items[0], Conversation)
    assert isinstance(items[1], Malformed) and "Anthropic-shaped" in items[1].reason and items[1].line == 2


def test_forced_format_overrides_detection() -> None:
    items = read("a.jsonl", jsonl(ANTHROPIC_CONV), fmt="openai")
    assert isinstance(items[0], Malformed) and "Anthropic-shaped" in items[0].reason
    # a CSV that happens to start with "{" is still read as CSV when forced
    [bad] = read("odd.csv", b"{weird header}\n", fmt="csv")
    assert isinstance(bad, Malformed) and "lacks required column" in bad.reason


def _files(tmp_path: Path, **contents: bytes) -> list[ExportFile]:
    out = []
    for name, payload in contents.items():
        path = tmp_path / name
        path.write_bytes(payload)
        out.append(ExportFile(name=name, open=lambda p=path: p.open("rb")))
    return out


def test_read_all_reports_duplicate_ids_across_files(tmp_path: Path) -> None:
    twice = {"a.jsonl": jsonl(OPENAI_CONV), "b.jsonl.gz": gzip.compress(jsonl(OPENAI_CONV))}
    files = _files(tmp_path, **twice)
    items = list(read_all(files))
    assert isinstance(items[0], Conversation)
    assert items[1] == Malformed("b.jsonl.gz", 1, "duplicate conversation id conv-1, first seen at a.jsonl:1")


def test_strict_mode_raises_on_the_first_malformed_record(tmp_path: Path) -> None:
    files = _files(tmp_path, **{"a.jsonl": jsonl(OPENAI_CONV) + b"{oops\n"})
    with pytest.raises(ExportError, match=r"a\.jsonl:2: not valid JSON"):
        list(read_all(files, strict=True))


def test_an_export_that_cannot_be_opened_is_reported(tmp_path: Path) -> None:
    def boom() -> io.BytesIO:
        raise OSError("connection reset")

    [bad] = list(read_all([ExportFile("https://example.com/x.jsonl", boom)]))
    assert isinstance(bad, Malformed) and "connection reset" in bad.reason


def test_a_truncated_gzip_keeps_what_was_read_and_reports_where_it_broke() -> None:
    noise = [{"role": "user", "content": random.Random(i).randbytes(300).hex()} for i in range(200)]
    records = jsonl(*({**OPENAI_CONV, "id": f"c{i}", "messages": [noise[i]]} for i in range(200)))
    packed = gzip.compress(records)
    broken = packed[: len(packed) // 2]
    items = read("exports/cut.jsonl.gz", broken)
    convs = [c for c in items if isinstance(c, Conversation)]
    assert 0 < len(convs) < 200
    last = items[-1]
    assert isinstance(last, Malformed) and "could not be read past" in last.reason
    assert last.line > len(convs)


def test_an_overlong_line_is_reported_and_skipped() -> None:
    huge = {**OPENAI_CONV, "id": "huge", "messages": [{"role": "user", "content": "x" * 5000}]}
    payload = jsonl(OPENAI_CONV, huge, {**OPENAI_CONV, "id": "after"})
    items = list(read_export("big.jsonl", io.BytesIO(payload), limits=Limits(max_line_bytes=2000)))
    assert [getattr(i, "id", None) or (i.line, "longer than" in i.reason) for i in items] == [  # type: ignore[union-attr]
        "conv-1",
        (2, True),
        "after",
    ]


def test_feedback_on_a_message_rates_that_turn() -> None:
    rec = {
        "id": "m",
        "messages": [
            {"role": "user", "content": "Is the API rate limit per key?"},
            {"role": "assistant", "content": "It is per workspace.", "feedback": {"thumbs": "down"}},
            {"role": "user", "content": "hm ok"},
        ],
    }
    [conv] = read("m.jsonl", jsonl(rec))
    assert isinstance(conv, Conversation)
    assert [(f.negative, f.turn_index) for f in conv.feedback] == [(True, 1)]


def test_semicolon_separated_csv_from_a_spreadsheet() -> None:
    payload = (
        "conversation_id;role;content;timestamp\nk1;user;Wo ist meine Rechnung?;2026-11-05T10:00:00+01:00\n"
    )
    [conv] = read("de.csv", payload.encode())
    assert isinstance(conv, Conversation) and conv.turns[0].text == "Wo ist meine Rechnung?"
    assert conv.started_at is not None and conv.started_at.utcoffset() is not None


def test_json_array_reports_bad_elements_by_line_and_stops_at_broken_syntax() -> None:
    good = json.dumps({"id": "j1", "messages": [{"role": "user", "content": "hi"}]})
    bot = json.dumps({"id": "j2", "messages": [{"role": "bot", "content": "hi"}]})
    doc = f"[\n{good},\n{bot},\n42,\n{good.replace('j1', 'j3')}\n{good.replace('j1', 'j4')}\n]\n"
    items = read("chat.json", doc.encode())
    assert [getattr(i, "id", None) for i in items] == ["j1", None, None, "j3", None]
    bad = [(m.line, m.reason.split(":")[0]) for m in items if isinstance(m, Malformed)]
    assert bad == [
        (3, "message 0 has unknown role 'bot'; allowed"),
        (4, "expected a JSON object (a conversation), got a number"),
        (6, "not valid JSON"),
    ]


def test_a_lone_conversation_with_a_data_list_is_one_record_not_a_wrapper() -> None:
    doc = json.dumps({**OPENAI_CONV, "data": [{"order": 1}]}, indent=2).encode()
    [conv] = read("one.json", doc)
    assert isinstance(conv, Conversation) and conv.id == "conv-1" and conv.metadata["data"] == [{"order": 1}]
