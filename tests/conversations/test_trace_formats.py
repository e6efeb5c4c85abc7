"""Tracing exports (OpenTelemetry GenAI, LangSmith, Langfuse) read as conversations, detected by shape."""

from __future__ import annotations

import io
import json
from pathlib import Path

from agentmend.conversations.model import Conversation, Malformed
from agentmend.conversations.readers import read_export

FIXTURES = Path(__file__).parent / "fixtures"


def read(fixture: str, payload: bytes | None = None, fmt: str = "auto") -> list[Conversation | Malformed]:
    data = payload if payload is not None else (FIXTURES / fixture).read_bytes()
    return list(read_export(f"exports/{fixture}", io.BytesIO(data), fmt))


def by_id(items: list[Conversation | Malformed]) -> dict[str, Conversation]:
    return {c.id: c for c in items if isinstance(c, Conversation)}


def shape(conv: Conversation) -> list[str]:
    return [t.role + ("+call" if t.tool_calls else "") + ("!" if t.is_error else "") for t in conv.turns]


def test_otel_spans_of_one_conversation_become_one_history_with_tool_failures() -> None:
    items = read("otel_genai_traces.json")
    conv = by_id(items)["conv-7f3a"]
    # the agent span repeats its children, so each message appears once, in call order
    assert shape(conv) == ["system", "user", "assistant+call", "tool", "assistant+call", "tool!", "assistant"]
    assert conv.turns[1].text == "I was charged twice for order 5512, please refund one."
    refund = conv.turns[4].tool_calls[0]
    assert refund.name == "refund_charge" and json.loads(refund.arguments) == {"charge_id": "ch_2"}
    assert conv.turns[5].tool_call_id == refund.id and "timeout" in conv.turns[5].text
    assert conv.user_id == "cust-2231"
    assert conv.metadata["service.version"] == "2.4.1" and conv.metadata["model"] == "gpt-4o-2024-08-06"
    assert conv.metadata["scores"] == {"task_success": 0.0}
    assert conv.started_at is not None and conv.started_at.isoformat() == "2024-11-07T09:00:00+00:00"


def test_otel_legacy_events_group_by_session_and_spans_without_genai_content_are_not_conversations() -> None:
    items = read("otel_genai_traces.json")
    convs = by_id(items)
    assert set(convs) == {"conv-7f3a", "sess-91"}  # the /health span is no conversation
    sess = convs["sess-91"]
    assert [t.text for t in sess.turns] == [
        "How do I export my invoices as CSV?",
        "Go to Billing > Invoices and click Export.",
        "There is no Export button there.",
        "Sorry, I can't help with that.",
    ]
    assert sess.user_id == "u-88" and sess.metadata["session_id"] == "sess-91"
    [bad] = [m for m in items if isinstance(m, Malformed)]
    lines = (FIXTURES / "otel_genai_traces.json").read_text().splitlines()
    assert "no traceId/spanId" in bad.reason and lines[bad.line - 1].strip() == "{"


def test_otel_file_exporter_jsonl_reads_the_same() -> None:
    doc = json.loads((FIXTURES / "otel_genai_traces.json").read_text())
    lines = "".join(json.dumps({"resourceSpans": [rs]}) + "\n" for rs in doc["resourceSpans"])
    items = read("traces.jsonl", lines.encode())
    assert set(by_id(items)) == {"conv-7f3a", "sess-91"}
    assert [m.line for m in items if isinstance(m, Malformed)] == [3]
    assert shape(by_id(items)["conv-7f3a"])[-2:] == ["tool!", "assistant"]


def test_langsmith_runs_group_into_threads_by_metadata_not_by_project() -> None:
    items = read("langsmith_runs.jsonl")
    convs = by_id(items)
    # both runs carry the same project session_id; only the thread_id in metadata joins traces
    assert set(convs) == {"thr-2041", "1ef6a2b0-0003-4000-8000-000000000003"}
    thread = convs["thr-2041"]
    assert shape(thread) == ["system", "user", "assistant+call", "tool", "assistant", "user", "assistant"]
    assert thread.turns[3].tool_call_id == "call_8Xk2" and "eta: unknown" in thread.turns[3].text
    assert thread.turns[5].text.startswith("Tomorrow? The tracking page")
    assert thread.user_id == "shopper-19" and thread.metadata["version"] == "prompt-v12"
    assert thread.metadata["scores"] == {"user_score": 0.0}
    faq = convs["1ef6a2b0-0003-4000-8000-000000000003"]
    assert [t.text for t in faq.turns] == [
        "Do you ship to Norway?",
        "Yes, we ship to Norway in 5-8 business days.",
    ]
    [bad] = [m for m in items if isinstance(m, Malformed)]
    assert (bad.line, bad.reason) == (6, "'inputs' must be an object, got a string")


def test_langfuse_sessions_join_traces_and_keep_scores_release_and_version() -> None:
    items = read("langfuse_traces.json")
    convs = by_id(items)
    session = convs["sess_3b1c"]
    assert shape(session) == ["system", "user", "assistant+call", "tool", "assistant", "user", "assistant"]
    assert session.turns[3].tool_call_id == "call_fx01"
    assert session.user_id == "hiker-5"
    assert session.metadata["release"] == "2025.02.1" and session.metadata["version"] == "booking-prompt-v3"
    assert session.metadata["scores"] == {"user-feedback": 0, "escalated": "yes"}
    faq = convs["a7f2c9e0-3333-4c3b-9d0e-000000000003"]
    assert [t.role for t in faq.turns] == ["user", "assistant"] and faq.turns[0].text.startswith("Are dogs")
    [bad] = [m for m in items if isinstance(m, Malformed)]
    assert bad.reason == "a trace needs an 'id'"
    lines = (FIXTURES / "langfuse_traces.json").read_text().splitlines()
    assert lines[bad.line - 1].strip() == "{"


def test_langfuse_flat_observations_group_by_trace() -> None:
    doc = json.loads((FIXTURES / "langfuse_traces.json").read_text())
    observations = [ob for trace in doc["data"][:1] for ob in trace["observations"]]
    items = read("observations.json", json.dumps({"data": observations}).encode())
    [conv] = [c for c in items if isinstance(c, Conversation)]
    assert conv.id == "a7f2c9e0-1111-4c3b-9d0e-000000000001"
    assert shape(conv) == ["system", "user", "assistant+call", "tool", "assistant"]


def test_a_forced_format_reads_a_file_detection_would_not_guess() -> None:
    run = json.loads((FIXTURES / "langsmith_runs.jsonl").read_text().splitlines()[-1])
    del run["run_type"]  # an export stripped of run_type is not recognisable, but is still runs
    items = read("runs.jsonl", (json.dumps(run) + "\n").encode(), fmt="langsmith")
    assert [c.turns[0].text for c in items if isinstance(c, Conversation)] == ["Do you ship to Norway?"]


def test_otel_genai_events_logged_as_log_records_join_their_calls_into_one_conversation() -> None:
    items = read("otel_genai_logs.jsonl")
    [conv] = [c for c in items if isinstance(c, Conversation)]
    # the second call replays the user turn and the tool call: each appears once
    assert shape(conv) == ["user", "assistant+call", "tool", "assistant"]
    assert conv.turns[2].tool_call_id == conv.turns[1].tool_calls[0].id == "call_abc123"
    assert conv.turns[3].text == "Yes: 80% chance of rain in Lisbon tomorrow."
    assert conv.metadata["service.version"] == "0.9.3"


def test_openllmetry_flat_prompt_and_completion_attributes_read_as_messages() -> None:
    def kv(key: str, value: str) -> dict[str, object]:
        return {"key": key, "value": {"stringValue": value}}

    span = {
        "traceId": "6e0c63257de34c92bf9efcd03927272e",
        "spanId": "d9b1a3e2c4f60711",
        "name": "openai.chat",
        "startTimeUnixNano": "1731500000000000000",
        "endTimeUnixNano": "1731500002000000000",
        "attributes": [
            kv("gen_ai.system", "openai"),
            kv("gen_ai.request.model", "gpt-4o-mini"),
            kv("session.id", "chat-552"),
            kv("gen_ai.prompt.0.role", "system"),
            kv("gen_ai.prompt.0.content", "You are a cooking assistant."),
            kv("gen_ai.prompt.1.role", "user"),
            kv("gen_ai.prompt.1.content", "Convert 350F to Celsius"),
            kv("gen_ai.completion.0.role", "assistant"),
            kv("gen_ai.completion.0.tool_calls.0.id", "call_t1"),
            kv("gen_ai.completion.0.tool_calls.0.name", "convert_units"),
            kv("gen_ai.completion.0.tool_calls.0.arguments", '{"value": 350, "from": "F", "to": "C"}'),
        ],
    }
    doc = {
        "resourceSpans": [{"resource": {}, "scopeSpans": [{"scope": {"name": "traceloop"}, "spans": [span]}]}]
    }
    [conv] = read("openllmetry.json", json.dumps(doc).encode())
    assert isinstance(conv, Conversation) and conv.id == "chat-552"
    assert shape(conv) == ["system", "user", "assistant+call"]
    assert conv.turns[2].tool_calls[0].name == "convert_units" and conv.metadata["model"] == "gpt-4o-mini"


def test_a_langsmith_run_exported_as_a_tree_reads_like_its_flat_runs() -> None:
    runs = [json.loads(line) for line in (FIXTURES / "langsmith_runs.jsonl").read_text().splitlines()]
    first_trace = [r for r in runs if r.get("trace_id") == "1ef6a2b0-0001-4000-8000-000000000001"]
    root, children = first_trace[0], first_trace[1:]
    for child in children:
        child["extra"] = {}  # children of a tree export often carry no metadata of their own
    tree = {**root, "child_runs": children}
    [conv] = [c for c in read("tree.json", json.dumps(tree).encode()) if isinstance(c, Conversation)]
    assert conv.id == "thr-2041"
    assert shape(conv) == ["system", "user", "assistant+call", "tool", "assistant"]
