"""Langfuse trace exports: traces with their observations and scores (the public API's `TraceWithFullDetails`,
or the UI's JSON/JSONL export), or flat observations (`GET /api/public/observations`).

A conversation is a session (`sessionId`: all its traces, in time order), or one trace when it has no
session. Within a trace, `GENERATION` observations give the chat history (each one's `input` replays it),
`TOOL` observations the tool results (`level: ERROR` marks a failure); a trace without generations reads
its own `input`/`output`. Scores become `metadata["scores"]`; `release`, `version`, `userId`, `tags` and
`environment` are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from agentmend.conversations.formats import chat
from agentmend.conversations.formats.calls import History, as_json, normalise, normalise_all
from agentmend.conversations.formats.fields import RecordError, parse_timestamp, type_name
from agentmend.conversations.formats.json_stream import JsonValue
from agentmend.conversations.model import Conversation, Malformed

_OBSERVATION_TYPES = ("GENERATION", "SPAN", "EVENT", "TOOL", "AGENT", "CHAIN", "RETRIEVER", "EMBEDDING")
_TEXT_KEYS = ("content", "text", "input", "query", "question", "message", "output", "answer", "response")


def matches(obj: Mapping[str, Any], container: str | None) -> bool:
    if "observations" in obj and ("sessionId" in obj or "timestamp" in obj or "input" in obj):
        return True
    if "traceId" in obj and obj.get("type") in _OBSERVATION_TYPES and "spanId" not in obj:
        return True
    return "sessionId" in obj and ("htmlPath" in obj or "scores" in obj) and "messages" not in obj


@dataclass
class _Trace:
    id: str
    line: int
    obj: dict[str, Any]
    observations: list[dict[str, Any]] = field(default_factory=list)
    order: str = ""


def read(name: str, values: Iterable[JsonValue | Malformed]) -> Iterator[Conversation | Malformed]:
    traces: dict[str, _Trace] = {}
    for item in values:
        if isinstance(item, Malformed):
            yield item
            continue
        try:
            _take(item, traces)
        except RecordError as exc:
            yield Malformed(name, item.line, str(exc))
    sessions: dict[str, list[_Trace]] = {}
    for trace in traces.values():
        key = str(trace.obj.get("sessionId") or trace.id)
        sessions.setdefault(key, []).append(trace)
    for key, group in sessions.items():
        group.sort(key=lambda t: (t.order, t.line))
        try:
            conv = _conversation(name, key, group)
        except RecordError as exc:
            yield Malformed(name, group[0].line, f"session {key}: {exc}")
            continue
        if conv is not None:
            yield conv


def _take(item: JsonValue, traces: dict[str, _Trace]) -> None:
    obj = item.value
    if not isinstance(obj, dict):
        raise RecordError(f"expected a trace or observation object, got {type_name(obj)}")
    if "traceId" in obj and obj.get("type") in _OBSERVATION_TYPES:  # a flat observation
        trace_id = str(obj["traceId"])
        trace = traces.setdefault(trace_id, _Trace(trace_id, item.line, {"id": trace_id}))
        trace.observations.append(_observation(obj, f"observation {obj.get('id')}"))
        trace.order = min(filter(None, (trace.order, str(obj.get("startTime") or "")))) or ""
        return
    if not obj.get("id"):
        raise RecordError("a trace needs an 'id'")
    trace_id = str(obj["id"])
    observations = obj.get("observations") or []
    if not isinstance(observations, list):
        raise RecordError(f"'observations' must be a list, got {type_name(observations)}")
    trace = traces.setdefault(trace_id, _Trace(trace_id, item.line, obj))
    trace.obj, trace.line = obj, item.line
    for i, ob in enumerate(observations):
        if isinstance(ob, dict):  # a list of observation ids (the list endpoint) carries no content
            trace.observations.append(_observation(ob, f"observations[{i}]"))
    ts = parse_timestamp(obj.get("timestamp"), "timestamp")
    trace.order = ts.isoformat() if ts else trace.order


def _observation(ob: dict[str, Any], where: str) -> dict[str, Any]:
    start = parse_timestamp(ob.get("startTime"), f"{where}.startTime")
    return {**ob, "_order": start.isoformat() if start else ""}


def _plain(value: Any, role: str, where: str) -> list[dict[str, Any]]:
    """A trace's own input or output: a string, a message, a list of messages, or an app's own object."""
    value = as_json(value)
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [{"role": role, "content": value}]
    if isinstance(value, list) or (isinstance(value, dict) and ("role" in value or "messages" in value)):
        msgs = normalise_all(value.get("messages", value) if isinstance(value, dict) else value, where)
        return msgs if role == "user" else [m for m in msgs if m.get("role") != "user"]
    if isinstance(value, dict):
        text = next((value[k] for k in _TEXT_KEYS if isinstance(value.get(k), str)), None)
        if text is not None:
            return [{"role": role, "content": text}]
    return [{"role": role, "content": str(value)}]


def _conversation(name: str, key: str, traces: list[_Trace]) -> Conversation | None:
    history = History()
    scores: dict[str, Any] = {}
    for trace in traces:
        observations = sorted(trace.observations, key=lambda o: o["_order"])
        generations = [o for o in observations if o.get("type") == "GENERATION"]
        if not generations:
            history.add(
                [*history.messages, *_plain(trace.obj.get("input"), "user", "input")],
                trace.obj.get("timestamp"),
            )
        for ob in observations:
            where = f"observation {ob.get('id')}"
            if ob.get("type") == "GENERATION":
                if ob.get("input") is not None:
                    inputs = as_json(ob["input"])
                    if isinstance(inputs, dict) and "messages" in inputs:
                        inputs = inputs["messages"]
                    history.add(
                        normalise_all(inputs, f"{where}.input")
                        if not isinstance(inputs, str)
                        else [{"role": "user", "content": inputs}],
                        ob.get("startTime"),
                    )
                output = as_json(ob.get("output"))
                if isinstance(output, dict) and isinstance(output.get("choices"), list) and output["choices"]:
                    output = output["choices"][0].get("message", output)
                if output not in (None, ""):
                    out = (
                        normalise(output, f"{where}.output")
                        if isinstance(output, dict)
                        else [
                            {
                                "role": "assistant",
                                "content": output if isinstance(output, str) else str(output),
                            }
                        ]
                    )
                    history.add([*history.messages, *out], ob.get("endTime"))
            elif ob.get("type") == "TOOL":
                failed = ob.get("level") == "ERROR"
                result = ob.get("output") if ob.get("output") is not None else ob.get("statusMessage", "")
                history.add_tool_result(
                    str(ob.get("name", "tool")), as_json(result), failed, ob.get("endTime")
                )
        if not generations:
            history.add([*history.messages, *_plain(trace.obj.get("output"), "assistant", "output")])
        for score in trace.obj.get("scores") or ():
            if isinstance(score, dict) and score.get("name"):
                value = score.get("value") if score.get("value") is not None else score.get("stringValue")
                scores[str(score["name"])] = value
    if not history.messages:
        return None
    first = traces[0].obj
    metadata: dict[str, Any] = {}
    if isinstance(first.get("metadata"), dict):
        metadata.update(
            {k: v for k, v in first["metadata"].items() if isinstance(v, str | int | float | bool)}
        )
    for attr, meta in (
        ("release", "release"),
        ("version", "version"),
        ("environment", "environment"),
        ("name", "trace_name"),
    ):
        value = next((t.obj[attr] for t in traces if t.obj.get(attr)), None)
        if value is not None:
            metadata[meta] = value
    if first.get("sessionId"):
        metadata["session_id"] = first["sessionId"]
    metadata["trace_ids"] = [t.id for t in traces]
    tags = sorted({tag for t in traces for tag in t.obj.get("tags") or () if isinstance(tag, str)})
    if tags:
        metadata["tags"] = tags
    if scores:
        metadata["scores"] = scores
    record: dict[str, Any] = {
        "id": key,
        "messages": history.messages,
        "metadata": metadata,
        "started_at": first.get("timestamp"),
    }
    user = next((t.obj["userId"] for t in traces if t.obj.get("userId")), None)
    if user is not None:
        record["user_id"] = str(user)
    return chat.conversation(name, traces[0].line, record)
