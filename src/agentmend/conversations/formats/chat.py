"""OpenAI chat and Anthropic Messages conversation records (one JSON object with a `messages` list)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from agentmend.conversations.formats.fields import (
    ROLE_ALIASES,
    RecordError,
    blocks_text,
    each_record,
    flag,
    parse_feedback,
    parse_timestamp,
    str_field,
    type_name,
)
from agentmend.conversations.formats.json_stream import JsonValue
from agentmend.conversations.model import Conversation, Feedback, Malformed, ToolCall, Turn

Dialect = Literal["openai", "anthropic"]

CONVERSATION_KEYS = (
    "id",
    "conversation_id",
    "user_id",
    "started_at",
    "created_at",
    "metadata",
    "feedback",
    "messages",
    "system",
)


def dialect_of(obj: Mapping[str, Any]) -> Dialect | None:
    if isinstance(obj.get("system"), str | list):
        return "anthropic"
    for msg in obj.get("messages") or ():
        if not isinstance(msg, dict):
            continue
        if (
            msg.get("role") in ("system", "tool", "developer", "function")
            or "tool_calls" in msg
            or ("tool_call_id" in msg)
        ):
            return "openai"
        content = msg.get("content")
        if isinstance(content, list) and any(
            isinstance(b, dict) and b.get("type") in ("tool_use", "tool_result") for b in content
        ):
            return "anthropic"
    return None


def conversation(name: str, line: int, obj: Mapping[str, Any]) -> Conversation:
    messages = obj.get("messages")
    if messages is None:
        raise RecordError("no 'messages' list in this conversation")
    if not isinstance(messages, list) or not messages:
        raise RecordError("'messages' must be a non-empty list")
    turns: list[Turn] = []
    first_turn_of: list[int] = []  # message index -> index of its first turn
    system = obj.get("system")
    if system is not None:
        turns.append(Turn(0, "system", blocks_text(system, "system")))
    message_feedback: list[Feedback] = []
    for i, msg in enumerate(messages):
        first_turn_of.append(len(turns))
        turns.extend(message_turns(msg, i, len(turns)))
        if isinstance(msg, dict) and msg.get("feedback") is not None:
            # feedback attached to a message rates that message's (last) turn
            for fb in parse_feedback(msg["feedback"], first_turn_of, len(turns), f"message {i}.feedback"):
                turn = fb.turn_index if fb.turn_index is not None else len(turns) - 1
                message_feedback.append(Feedback(fb.kind, fb.value, fb.negative, fb.comment, turn))
    raw_id = obj.get("id", obj.get("conversation_id"))
    if raw_id is not None and not isinstance(raw_id, str | int):
        raise RecordError(f"'id' must be a string or number, got {type_name(raw_id)}")
    metadata = obj.get("metadata", {})
    if not isinstance(metadata, dict):
        raise RecordError(f"'metadata' must be an object, got {type_name(metadata)}")
    extra = {k: v for k, v in obj.items() if k not in CONVERSATION_KEYS and k not in metadata}
    started_field = "started_at" if "started_at" in obj else "created_at"
    started = parse_timestamp(obj.get(started_field), started_field)
    if started is None:
        started = next((t.timestamp for t in turns if t.timestamp), None)
    user_id = obj.get("user_id")
    return Conversation(
        id=str(raw_id) if raw_id not in (None, "") else "",
        turns=tuple(turns),
        source=f"{name}:{line}",
        user_id=str(user_id) if user_id not in (None, "") else None,
        started_at=started,
        metadata={**metadata, **extra},
        feedback=(*parse_feedback(obj.get("feedback"), first_turn_of, len(turns)), *message_feedback),
    )


def message_turns(msg: Any, i: int, next_index: int) -> list[Turn]:
    where = f"message {i}"
    if not isinstance(msg, dict):
        raise RecordError(f"{where} is {type_name(msg)}, expected an object with 'role' and 'content'")
    role_name = msg.get("role")
    role = ROLE_ALIASES.get(str(role_name).lower()) if isinstance(role_name, str) else None
    if role is None:
        allowed = "system, user, assistant, tool"
        raise RecordError(f"{where} has unknown role {role_name!r}; allowed: {allowed}")
    ts_field = next((k for k in ("timestamp", "created_at", "created") if k in msg), None)
    ts = parse_timestamp(msg.get(ts_field), f"{where}.{ts_field}") if ts_field else None
    content = msg.get("content")
    if content is not None and not isinstance(content, str | list):
        raise RecordError(f"{where}.content must be a string or a list of blocks, got {type_name(content)}")

    turns: list[Turn] = []
    text_parts: list[str] = []
    calls: list[ToolCall] = []
    for j, raw_call in enumerate(msg.get("tool_calls") or ()):
        calls.append(openai_call(raw_call, f"{where}.tool_calls[{j}]"))
    for j, block in enumerate(content if isinstance(content, list) else ()):
        bwhere = f"{where}.content[{j}]"
        if isinstance(block, str):
            text_parts.append(block)
            continue
        if not isinstance(block, dict):
            raise RecordError(f"{bwhere} is {type_name(block)}, expected a content block object")
        kind = block.get("type")
        if kind in ("text", "input_text", "output_text"):
            text_parts.append(str_field(block, "text", bwhere))
        elif kind == "tool_use":
            args = block.get("input", {})
            arguments = args if isinstance(args, str) else json.dumps(args, sort_keys=True)
            calls.append(ToolCall(str(block.get("id", "")), str_field(block, "name", bwhere), arguments))
        elif kind == "tool_result":
            # An Anthropic tool result travels in a user message; it is a tool turn of its own here.
            turns.append(
                Turn(
                    index=next_index + len(turns),
                    role="tool",
                    text=blocks_text(block.get("content", ""), bwhere + ".content"),
                    timestamp=ts,
                    tool_call_id=str(block["tool_use_id"]) if block.get("tool_use_id") else None,
                    is_error=flag(block.get("is_error"), bwhere + ".is_error"),
                )
            )
        # images, documents, thinking and other non-text blocks carry no text the signals could read
    text = content if isinstance(content, str) else "\n".join(p for p in text_parts if p)
    if text or calls or not turns:
        tool_call_id = msg.get("tool_call_id")
        turns.append(
            Turn(
                index=next_index + len(turns),
                role=role,
                text=text,
                timestamp=ts,
                tool_calls=tuple(calls),
                tool_call_id=str(tool_call_id) if tool_call_id is not None else None,
                is_error=flag(msg.get("is_error"), f"{where}.is_error"),
            )
        )
    return turns


def openai_call(raw: Any, where: str) -> ToolCall:
    if not isinstance(raw, dict):
        raise RecordError(f"{where} is {type_name(raw)}, expected an object with 'function'")
    fn = raw.get("function", raw)
    if not isinstance(fn, dict):
        raise RecordError(f"{where}.function must be an object with 'name' and 'arguments'")
    args = fn.get("arguments", "")
    return ToolCall(
        id=str(raw.get("id", "")),
        name=str_field(fn, "name", where + ".function"),
        arguments=args if isinstance(args, str) else json.dumps(args, sort_keys=True),
    )


_DIALECT_NAMES = {"openai": "OpenAI", "anthropic": "Anthropic"}


@dataclass
class _Dialect:
    """The dialect of one export: fixed up front, or by the first record that shows one."""

    fixed: Dialect | None
    seen_at: int | None = None

    def parse(self, file: str, line: int, obj: Mapping[str, Any]) -> Conversation:
        found = dialect_of(obj)
        if found is not None:
            if self.fixed is None:
                self.fixed, self.seen_at = found, line
            elif found != self.fixed:
                where = f" (detected from line {self.seen_at})" if self.seen_at else ""
                raise RecordError(
                    f"record is {_DIALECT_NAMES[found]}-shaped but this export is "
                    f"{_DIALECT_NAMES[self.fixed]}{where}; "
                    "a file should hold one format (set 'format' on the export to force one)"
                )
        return conversation(file, line, obj)


def read_chat(
    name: str, values: Iterable[JsonValue | Malformed], fixed: Dialect | None = None
) -> Iterator[Conversation | Malformed]:
    """Chat records of one dialect. A later record in the other dialect is malformed (a file should hold
    one format)."""
    return each_record(name, values, _Dialect(fixed).parse)
