"""Conversations rebuilt from traced model calls: message shapes normalised, histories merged.

Tracing tools record each model call with the whole history it was sent, so a conversation is the union of
its calls: call k+1's input repeats call k's input and output. `History.add` appends only what is new.
Messages are normalised to OpenAI chat dicts (what `chat.message_turns` reads) from the shapes tracers
write: OpenAI, LangChain (`{"type": "human"}` and the serialised `{"lc": 1, ...}`), and OpenTelemetry GenAI
parts (`{"role": "user", "parts": [{"type": "text", "content": ...}]}`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from agentmend.conversations.formats.bounds import DEFAULT_LIMITS
from agentmend.conversations.formats.fields import RecordError, type_name
from agentmend.conversations.formats.json_stream import too_deep

_LANGCHAIN_ROLES = {
    "human": "user",
    "HumanMessage": "user",
    "HumanMessageChunk": "user",
    "ai": "assistant",
    "AIMessage": "assistant",
    "AIMessageChunk": "assistant",
    "system": "system",
    "SystemMessage": "system",
    "tool": "tool",
    "ToolMessage": "tool",
    "function": "tool",
    "FunctionMessage": "tool",
}


def as_json(value: Any) -> Any:
    """Tracers store structured values as JSON strings; parse those, keep everything else. The string is
    untrusted too: its nesting is bounded like a record's."""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        except RecursionError:
            parsed = None
        if parsed is None or too_deep(parsed, DEFAULT_LIMITS.max_depth):
            raise RecordError(f"a JSON string value nests deeper than {DEFAULT_LIMITS.max_depth} levels")
        return parsed
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _arguments(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value if value is not None else {}, sort_keys=True)


def normalise(msg: Any, where: str) -> list[dict[str, Any]]:
    """One traced message as OpenAI chat messages (a parts message with several tool results gives one
    tool message per result)."""
    if not isinstance(msg, dict):
        if isinstance(msg, str):
            return [{"role": "user", "content": msg}]
        raise RecordError(f"{where} is {type_name(msg)}, expected a message object")
    if msg.get("lc") == 1 and isinstance(msg.get("kwargs"), dict):  # LangChain serialised message
        ids = msg.get("id") or []
        kind = ids[-1] if isinstance(ids, list) and ids else ""
        return normalise({**msg["kwargs"], "type": kind}, where)
    if "parts" in msg and isinstance(msg.get("parts"), list):
        return _from_parts(msg, where)
    if "role" not in msg and "type" in msg:
        role = _LANGCHAIN_ROLES.get(str(msg["type"]))
        if role is None:
            raise RecordError(f"{where} has unknown message type {msg['type']!r}")
        out: dict[str, Any] = {"role": role, "content": msg.get("content") or ""}
        calls = msg.get("tool_calls") or (msg.get("additional_kwargs") or {}).get("tool_calls") or []
        if calls:
            out["tool_calls"] = [_call(c, f"{where}.tool_calls[{j}]") for j, c in enumerate(calls)]
        if msg.get("tool_call_id"):
            out["tool_call_id"] = msg["tool_call_id"]
        if msg.get("status") == "error":
            out["is_error"] = True
        return [out]
    if "role" in msg:
        out = {k: v for k, v in msg.items() if k in ("role", "content", "tool_call_id", "name", "is_error")}
        if msg.get("tool_calls"):
            out["tool_calls"] = [
                _call(c, f"{where}.tool_calls[{j}]") for j, c in enumerate(msg["tool_calls"])
            ]
        if out.get("content") is not None and not isinstance(out["content"], str | list):
            out["content"] = _text(out["content"])
        return [out]
    raise RecordError(f"{where} has neither 'role' nor 'type'")


def _call(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise RecordError(f"{where} is {type_name(raw)}, expected a tool call object")
    fn: dict[str, Any] = raw["function"] if isinstance(raw.get("function"), dict) else raw
    name = fn.get("name")
    if not isinstance(name, str):
        raise RecordError(f"{where}.name must be a string, got {type_name(name)}")
    args = fn.get("arguments", fn.get("args", raw.get("args")))
    return {"id": str(raw.get("id") or ""), "function": {"name": name, "arguments": _arguments(args)}}


def _from_parts(msg: Mapping[str, Any], where: str) -> list[dict[str, Any]]:
    role = msg.get("role")
    texts: list[str] = []
    calls: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for j, part in enumerate(msg["parts"]):
        if not isinstance(part, dict):
            raise RecordError(f"{where}.parts[{j}] is {type_name(part)}, expected a part object")
        kind = part.get("type")
        if kind == "text":
            texts.append(_text(part.get("content")))
        elif kind == "tool_call":
            calls.append(
                _call({"id": part.get("id"), "name": part.get("name"), "args": part.get("arguments")}, where)
            )
        elif kind == "tool_call_response":
            content = part.get("response", part.get("result"))
            results.append(
                {"role": "tool", "tool_call_id": str(part.get("id") or ""), "content": _text(content)}
            )
        # reasoning, blobs, files and uris carry no text the signals read
    if results:
        return results
    out: dict[str, Any] = {"role": role, "content": "\n".join(t for t in texts if t)}
    if calls:
        out["tool_calls"] = calls
    return [out]


def normalise_all(messages: Any, where: str) -> list[dict[str, Any]]:
    """A list of traced messages (LangChain nests one list per prompt: the first is used)."""
    messages = as_json(messages)
    if isinstance(messages, dict):
        messages = [messages]
    if not isinstance(messages, list):
        raise RecordError(f"{where} must be a list of messages, got {type_name(messages)}")
    if messages and all(isinstance(m, list) for m in messages):
        messages = messages[0]
    out: list[dict[str, Any]] = []
    for i, msg in enumerate(messages):
        out.extend(normalise(msg, f"{where}[{i}]"))
    return out


def _key(msg: Mapping[str, Any]) -> tuple[Any, ...]:
    if msg.get("role") == "tool" and msg.get("tool_call_id"):
        return ("tool", msg["tool_call_id"])
    content = msg.get("content")
    text = content if isinstance(content, str) else _text(content)
    calls = tuple(c.get("id") or c["function"]["name"] for c in msg.get("tool_calls") or ())
    return (msg.get("role"), text.strip(), calls)


class History:
    """The messages of one conversation, grown call by call without repeating what a call replays."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        self._keys: list[tuple[Any, ...]] = []

    def add(self, new: Iterable[dict[str, Any]], timestamp: Any = None) -> None:
        new = list(new)
        keys = [_key(m) for m in new]
        have = self._keys
        start = 0
        if keys[: len(have)] == have:
            start = len(have)
        else:
            for k in range(min(len(have), len(keys)), 0, -1):
                if have[-k:] == keys[:k]:
                    start = k
                    break
            else:
                seen = set(have)
                new = [m for m, key in zip(new, keys, strict=True) if key not in seen]
                keys = [_key(m) for m in new]
        for msg, key in zip(new[start:], keys[start:], strict=True):
            if timestamp is not None and "timestamp" not in msg:
                msg = {**msg, "timestamp": timestamp}
            self.messages.append(msg)
            self._keys.append(key)

    def has_result(self, call_id: str) -> bool:
        return ("tool", call_id) in self._keys

    def has_call(self, call_id: str) -> bool:
        return any(call_id in key[2] for key in self._keys if key[0] == "assistant")

    def mark_error(self, call_id: str) -> None:
        for i, msg in enumerate(self.messages):
            if msg.get("role") == "tool" and msg.get("tool_call_id") == call_id:
                self.messages[i] = {**msg, "is_error": True}

    def insert_result(self, call_id: str, message: dict[str, Any]) -> None:
        """Put a tool result right after the call it answers (and the results already there)."""
        at = len(self.messages)
        for i, msg in enumerate(self.messages):
            if any(c.get("id") == call_id for c in msg.get("tool_calls") or ()):
                at = i + 1
                while at < len(self.messages) and self.messages[at].get("role") == "tool":
                    at += 1
                break
        self.messages.insert(at, message)
        self._keys.insert(at, _key(message))

    def open_call(self, tool: str) -> str | None:
        """The id of the latest call of `tool` that has no result yet (tracers record a tool run by name)."""
        for msg in reversed(self.messages):
            for call in reversed(msg.get("tool_calls") or ()):
                if call["function"]["name"] == tool and call.get("id") and not self.has_result(call["id"]):
                    return str(call["id"])
        return None

    def add_tool_result(self, tool: str, content: Any, is_error: bool, timestamp: Any = None) -> None:
        """A tool run's result, answering the open call of that tool (or, if none, a call it implies)."""
        call_id = self.open_call(tool)
        if call_id is None:
            call_id = f"{tool}-{len(self.messages)}"
            self.add(
                [
                    *self.messages,
                    {
                        "role": "assistant",
                        "content": "",
                        "tool_calls": [{"id": call_id, "function": {"name": tool, "arguments": ""}}],
                    },
                ]
            )
        message: dict[str, Any] = {"role": "tool", "tool_call_id": call_id, "content": _text(content)}
        if is_error:
            message["is_error"] = True
        self.add([*self.messages, message], timestamp)
