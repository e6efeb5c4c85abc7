"""OpenTelemetry GenAI spans in OTLP JSON (`resourceSpans[].scopeSpans[].spans[]`), and GenAI events logged
as OTLP log records (`resourceLogs[].scopeLogs[].logRecords[]`, joined to their span by span id).

A conversation is the spans sharing `gen_ai.conversation.id` (else `session.id`, else the trace), in start
order. Messages come from whichever convention the instrumentation emits: `gen_ai.input.messages` /
`gen_ai.output.messages` / `gen_ai.system_instructions` attributes (semconv 1.37+), span events
`gen_ai.{system,user,assistant,tool}.message` and `gen_ai.choice` (1.28-1.36), `gen_ai.content.prompt` /
`gen_ai.content.completion` events, or OpenLLMetry's flat `gen_ai.prompt.N.*` attributes. `execute_tool`
spans give the tool result and, through the span status, whether the tool failed. Evaluation events
(`gen_ai.evaluation.result`) are kept as `metadata["scores"]`; the service's version as `service.version`.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from agentmend.conversations.formats import chat
from agentmend.conversations.formats.calls import History, as_json, normalise, normalise_all
from agentmend.conversations.formats.fields import RecordError, type_name
from agentmend.conversations.formats.json_stream import JsonValue
from agentmend.conversations.model import Conversation, Malformed

_MESSAGE_EVENTS = {
    "gen_ai.system.message": "system",
    "gen_ai.user.message": "user",
    "gen_ai.assistant.message": "assistant",
    "gen_ai.tool.message": "tool",
}
_FLAT = re.compile(r"^gen_ai\.(prompt|completion)\.(\d+)\.(.+)$")
_KEEP = {
    "gen_ai.request.model": "model",
    "gen_ai.agent.name": "agent",
    "gen_ai.provider.name": "provider",
    "gen_ai.system": "provider",
}
_USER_KEYS = ("user.id", "enduser.id", "gen_ai.user.id")
_STATUS_ERROR = (2, "STATUS_CODE_ERROR")


def matches(obj: Mapping[str, Any], container: str | None) -> bool:
    if container in ("resourceSpans", "resourceLogs") or any(
        k in obj for k in ("resourceSpans", "scopeSpans", "resourceLogs", "scopeLogs")
    ):
        return True
    return "spanId" in obj and "traceId" in obj


def any_value(value: Any) -> Any:
    """An OTLP JSON AnyValue as a plain value (int64 travels as a string in OTLP JSON)."""
    if not isinstance(value, dict):
        return value
    if "stringValue" in value:
        return value["stringValue"]
    if "intValue" in value:
        try:
            return int(value["intValue"])
        except (TypeError, ValueError):
            raise RecordError(f"intValue {value['intValue']!r} is not an integer") from None
    if "doubleValue" in value:
        return value["doubleValue"]
    if "boolValue" in value:
        return value["boolValue"]
    if "arrayValue" in value:
        return [any_value(v) for v in (value["arrayValue"] or {}).get("values", [])]
    if "kvlistValue" in value:
        return attributes((value["kvlistValue"] or {}).get("values", []), "kvlistValue")
    if "bytesValue" in value:
        return base64.b64decode(value["bytesValue"]).decode("utf-8", "replace")
    return None


def attributes(raw: Any, where: str) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, list):
        raise RecordError(f"{where} must be a list of {{key, value}}, got {type_name(raw)}")
    out: dict[str, Any] = {}
    for i, kv in enumerate(raw):
        if not isinstance(kv, dict) or not isinstance(kv.get("key"), str):
            raise RecordError(f"{where}[{i}] must be an object with 'key' and 'value'")
        out[kv["key"]] = any_value(kv.get("value"))
    return out


def _nanos(value: Any, where: str) -> int | None:
    if value in (None, "", 0, "0"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise RecordError(f"{where} {value!r} is not a time in Unix nanoseconds") from None


def _iso(nanos: int | None) -> str | None:
    return datetime.fromtimestamp(nanos / 1e9, tz=UTC).isoformat() if nanos else None


@dataclass
class _Span:
    line: int
    trace_id: str
    span_id: str
    parent_id: str
    name: str
    start: int | None
    end: int | None
    attrs: dict[str, Any]
    events: list[tuple[str, int | None, dict[str, Any]]]
    error: str | None
    resource: dict[str, Any] = field(default_factory=dict)
    from_log: bool = False


def _logs(item: JsonValue) -> Iterator[_Span]:
    """GenAI events emitted as OTLP log records (how the 1.28-1.36 instrumentations record content): each
    becomes an event of the span it was logged in (its body merged into its attributes)."""
    obj = item.value
    groups = obj.get("resourceLogs", [obj])
    if not isinstance(groups, list):
        raise RecordError("'resourceLogs' must be a list")
    for g, group in enumerate(groups):
        if not isinstance(group, dict):
            raise RecordError(f"resourceLogs[{g}] is {type_name(group)}, expected an object")
        resource = attributes((group.get("resource") or {}).get("attributes"), "resource.attributes")
        for s, scope in enumerate(group.get("scopeLogs") or []):
            if not isinstance(scope, dict) or not isinstance(scope.get("logRecords", []), list):
                raise RecordError(f"scopeLogs[{s}] must be an object with a 'logRecords' list")
            for k, rec in enumerate(scope.get("logRecords") or []):
                where = f"scopeLogs[{s}].logRecords[{k}]"
                if not isinstance(rec, dict) or not rec.get("traceId"):
                    raise RecordError(f"{where} has no traceId: it cannot be joined to a conversation")
                attrs = attributes(rec.get("attributes"), f"{where}.attributes")
                body = any_value(rec.get("body"))
                name = str(rec.get("eventName") or attrs.get("event.name") or "")
                merged = {**attrs, **(body if isinstance(body, dict) else {"content": body})}
                when = _nanos(
                    rec.get("timeUnixNano") or rec.get("observedTimeUnixNano"), f"{where}.timeUnixNano"
                )
                keep = {
                    k: v
                    for k, v in attrs.items()
                    if k in ("gen_ai.conversation.id", "session.id", *_USER_KEYS)
                }
                yield _Span(
                    line=item.line,
                    trace_id=str(rec["traceId"]),
                    span_id=str(rec.get("spanId") or ""),
                    parent_id="",
                    name=name,
                    start=when,
                    end=when,
                    attrs=keep,
                    events=[(name, when, merged)],
                    error=None,
                    resource=resource,
                    from_log=True,
                )


def _joined(spans: list[_Span]) -> list[_Span]:
    """Log-record events joined to the span they were logged in (or to each other, per span id)."""
    by_id: dict[tuple[str, str], _Span] = {}
    out: list[_Span] = []
    for span in sorted(spans, key=lambda s: s.from_log):  # a real span hosts the records logged in it
        key = (span.trace_id, span.span_id)
        host = by_id.get(key) if span.span_id else None
        if host is None:
            by_id[key] = span
            out.append(span)
            continue
        host.events.extend(span.events)
        host.start = min(filter(None, (host.start, span.start)), default=None)
        host.end = max(filter(None, (host.end, span.end)), default=None)
        for attr, value in span.attrs.items():
            host.attrs.setdefault(attr, value)
    for span in out:
        span.events.sort(key=lambda e: e[1] or 0)
    return out


def _spans(item: JsonValue) -> Iterator[_Span]:
    """Every span in one record: a ResourceSpans, an ExportTraceServiceRequest, or one bare span."""
    obj = item.value
    if "resourceLogs" in obj or "scopeLogs" in obj:
        yield from _logs(item)
        return
    if "resourceSpans" in obj:
        groups = obj["resourceSpans"]
        if not isinstance(groups, list):
            raise RecordError("'resourceSpans' must be a list")
    else:
        groups = [obj] if "scopeSpans" in obj else [{"scopeSpans": [{"spans": [obj]}]}]
    for g, group in enumerate(groups):
        if not isinstance(group, dict):
            raise RecordError(f"resourceSpans[{g}] is {type_name(group)}, expected an object")
        resource = attributes((group.get("resource") or {}).get("attributes"), "resource.attributes")
        for s, scope in enumerate(group.get("scopeSpans") or []):
            if not isinstance(scope, dict) or not isinstance(scope.get("spans", []), list):
                raise RecordError(f"scopeSpans[{s}] must be an object with a 'spans' list")
            for k, raw in enumerate(scope.get("spans") or []):
                yield _span(item.line, raw, f"scopeSpans[{s}].spans[{k}]", resource)


def _span(line: int, raw: Any, where: str, resource: dict[str, Any]) -> _Span:
    if not isinstance(raw, dict):
        raise RecordError(f"{where} is {type_name(raw)}, expected a span object")
    if not raw.get("traceId") or not raw.get("spanId"):
        raise RecordError(f"{where} has no traceId/spanId")
    events = []
    for e, ev in enumerate(raw.get("events") or []):
        if not isinstance(ev, dict):
            raise RecordError(f"{where}.events[{e}] is {type_name(ev)}, expected an event object")
        attrs = attributes(ev.get("attributes"), f"{where}.events[{e}].attributes")
        events.append(
            (str(ev.get("name", "")), _nanos(ev.get("timeUnixNano"), f"{where}.events[{e}]"), attrs)
        )
    status = raw.get("status") or {}
    error = None
    if isinstance(status, dict) and status.get("code") in _STATUS_ERROR:
        error = str(status.get("message") or "error")
    return _Span(
        line=line,
        trace_id=str(raw["traceId"]),
        span_id=str(raw["spanId"]),
        parent_id=str(raw.get("parentSpanId") or ""),
        name=str(raw.get("name", "")),
        start=_nanos(raw.get("startTimeUnixNano"), f"{where}.startTimeUnixNano"),
        end=_nanos(raw.get("endTimeUnixNano"), f"{where}.endTimeUnixNano"),
        attrs=attributes(raw.get("attributes"), f"{where}.attributes"),
        events=events,
        error=error,
        resource=resource,
    )


def _group_key(span: _Span) -> str:
    for key in ("gen_ai.conversation.id", "session.id"):
        if span.attrs.get(key):
            return str(span.attrs[key])
    return span.trace_id


def read(name: str, values: Iterable[JsonValue | Malformed]) -> Iterator[Conversation | Malformed]:
    groups: dict[str, list[_Span]] = {}
    collected: list[_Span] = []
    for item in values:
        if isinstance(item, Malformed):
            yield item
            continue
        try:
            if not isinstance(item.value, dict):
                raise RecordError(f"expected an OTLP JSON object, got {type_name(item.value)}")
            spans = list(_spans(item))
        except RecordError as exc:
            yield Malformed(name, item.line, str(exc))
            continue
        collected.extend(spans)
    for span in _joined(collected):
        groups.setdefault(_group_key(span), []).append(span)
    for key, spans in groups.items():
        try:
            conv = _conversation(name, key, spans)
        except RecordError as exc:
            yield Malformed(name, spans[0].line, f"conversation {key}: {exc}")
            continue
        if conv is not None:
            yield conv


def _messages_of(span: _Span) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(input, output) messages of one inference span, from whichever convention it uses."""
    a = span.attrs
    inputs: list[dict[str, Any]] = []
    outputs: list[dict[str, Any]] = []
    if "gen_ai.system_instructions" in a:
        parts = as_json(a["gen_ai.system_instructions"])
        parts = parts if isinstance(parts, list) else [{"type": "text", "content": str(parts)}]
        inputs.extend(normalise({"role": "system", "parts": parts}, "gen_ai.system_instructions"))
    if "gen_ai.input.messages" in a:
        inputs.extend(normalise_all(a["gen_ai.input.messages"], "gen_ai.input.messages"))
    if "gen_ai.output.messages" in a:
        outputs.extend(normalise_all(a["gen_ai.output.messages"], "gen_ai.output.messages"))
    for ev_name, _, attrs in span.events:
        where = f"event {ev_name}"
        if ev_name in _MESSAGE_EVENTS:
            body = as_json(attrs.get("gen_ai.event.content", attrs))
            body = body if isinstance(body, dict) else {"content": body}
            msg = {"role": _MESSAGE_EVENTS[ev_name], "content": as_json(body.get("content")) or ""}
            if body.get("tool_calls"):
                msg["tool_calls"] = as_json(body["tool_calls"])
            if body.get("id") and msg["role"] == "tool":
                msg["tool_call_id"] = body["id"]
            inputs.extend(normalise(msg, where))
        elif ev_name == "gen_ai.choice":
            body = as_json(attrs.get("gen_ai.event.content", attrs))
            message = as_json(body.get("message")) if isinstance(body, dict) else None
            message = message if isinstance(message, dict) else {"content": body.get("content", "")}
            outputs.extend(normalise({"role": "assistant", **message}, where))
        elif ev_name == "gen_ai.content.prompt" and "gen_ai.prompt" in attrs:
            inputs.extend(normalise_all(attrs["gen_ai.prompt"], where))
        elif ev_name == "gen_ai.content.completion" and "gen_ai.completion" in attrs:
            outputs.extend(normalise_all(attrs["gen_ai.completion"], where))
    flat: dict[tuple[str, int], dict[str, Any]] = {}
    for key, value in a.items():
        m = _FLAT.match(key)
        if m:
            flat.setdefault((m.group(1), int(m.group(2))), {})[m.group(3)] = value
    for (kind, _), fields in sorted(flat.items()):
        msg = {
            "role": fields.get("role", "user" if kind == "prompt" else "assistant"),
            "content": fields.get("content", ""),
        }
        calls = sorted({k.split(".")[1] for k in fields if k.startswith("tool_calls.")}, key=int)
        if calls:
            msg["tool_calls"] = [
                {
                    "id": fields.get(f"tool_calls.{c}.id", ""),
                    "name": fields.get(f"tool_calls.{c}.name", ""),
                    "arguments": fields.get(f"tool_calls.{c}.arguments", ""),
                }
                for c in calls
            ]
        if fields.get("tool_call_id"):
            msg["tool_call_id"] = fields["tool_call_id"]
        (inputs if kind == "prompt" else outputs).extend(normalise(msg, f"gen_ai.{kind}"))
    return inputs, outputs


def _conversation(name: str, key: str, spans: list[_Span]) -> Conversation | None:
    spans = sorted(spans, key=lambda s: (s.start or 0, s.line))
    messages = {s.span_id: _messages_of(s) for s in spans}
    with_messages = {sid for sid, (i, o) in messages.items() if i or o}
    parents = {s.parent_id for s in spans if s.span_id in with_messages}
    history = History()
    scores: dict[str, Any] = {}
    tools: list[_Span] = []
    for span in spans:
        inputs, outputs = messages[span.span_id]
        if (
            span.span_id in with_messages and span.span_id not in parents
        ):  # an agent span repeats its children
            history.add(inputs, _iso(span.start))
            history.add(history.messages + outputs, _iso(span.end))
        if span.attrs.get("gen_ai.operation.name") == "execute_tool" or "gen_ai.tool.call.id" in span.attrs:
            tools.append(span)
        for ev_name, _, attrs in span.events:
            if ev_name == "gen_ai.evaluation.result" and attrs.get("gen_ai.evaluation.name"):
                value = attrs.get("gen_ai.evaluation.score.value", attrs.get("gen_ai.evaluation.score.label"))
                scores[str(attrs["gen_ai.evaluation.name"])] = value
    for span in tools:  # after the model calls, which usually replay the results already
        _add_tool(history, span)
    if not history.messages:
        return None  # a trace with no GenAI content (HTTP, DB spans) is not a conversation
    first = spans[0]
    metadata: dict[str, Any] = {"trace_id": first.trace_id}
    for span in spans:
        for attr, meta in _KEEP.items():
            if attr in span.attrs and meta not in metadata:
                metadata[meta] = span.attrs[attr]
        for attr in ("service.name", "service.version", "deployment.environment"):
            if attr in span.resource and attr not in metadata:
                metadata[attr] = span.resource[attr]
        if "session.id" in span.attrs:
            metadata.setdefault("session_id", span.attrs["session.id"])
    if scores:
        metadata["scores"] = scores
    user = next((s.attrs[k] for s in spans for k in _USER_KEYS if s.attrs.get(k)), None)
    record: dict[str, Any] = {
        "id": key,
        "messages": history.messages,
        "metadata": metadata,
        "started_at": _iso(next((s.start for s in spans if s.start), None)),
    }
    if user is not None:
        record["user_id"] = str(user)
    return chat.conversation(name, first.line, record)


def _add_tool(history: History, span: _Span) -> None:
    """An `execute_tool` span: marks its result failed when the span's status says so, and adds the result
    (and the call, if no model call recorded it) when no model call replayed it."""
    a = span.attrs
    call_id = str(a.get("gen_ai.tool.call.id") or span.span_id)
    tool = str(a.get("gen_ai.tool.name") or span.name.removeprefix("execute_tool ").strip())
    if history.has_result(call_id):
        if span.error is not None:
            history.mark_error(call_id)
        return
    if "gen_ai.tool.call.result" not in a and span.error is None:
        return  # nothing to add: the span only says the tool ran
    result = a.get("gen_ai.tool.call.result", span.error or "")
    message: dict[str, Any] = {
        "role": "tool",
        "tool_call_id": call_id,
        "content": result if isinstance(result, str) else str(result),
        "timestamp": _iso(span.end),
    }
    if span.error is not None:
        message["is_error"] = True
    if not history.has_call(call_id):
        call = {"id": call_id, "name": tool, "arguments": a.get("gen_ai.tool.call.arguments", "")}
        history.add(
            [*history.messages, *normalise({"role": "assistant", "content": "", "tool_calls": [call]}, tool)]
        )
    history.insert_result(call_id, message)
