"""Field parsers every format shares: timestamps, feedback, flags, and the reason a record is refused."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from agentmend.conversations.formats.json_stream import JsonValue
from agentmend.conversations.model import Conversation, Feedback, Malformed, Role


class RecordError(ValueError):
    """One record is malformed; the message is the human-readable reason."""


ROLE_ALIASES: Mapping[str, Role] = {
    "system": "system",
    "developer": "system",  # OpenAI's newer name for the system role
    "user": "user",
    "human": "user",
    "assistant": "assistant",
    "tool": "tool",
    "function": "tool",  # OpenAI's legacy tool-result role
}


def str_field(obj: Mapping[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise RecordError(f"{where}.{key} must be a string, got {type_name(value)}")
    return value


def flag(value: Any, where: str) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no", ""):
        return False
    raise RecordError(f"{where} must be true or false, got {value!r}")


def type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )


# ------------------------------------------------------------------------------ timestamps and feedback


def parse_timestamp(value: Any, field_name: str) -> datetime | None:
    """ISO 8601 (naive means UTC) or epoch seconds; epoch values past year 5138 are read as milliseconds."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RecordError(f"'{field_name}' is not a timestamp: {value!r}")
    number: float | None = None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        stripped = value.strip()
        try:
            number = float(stripped)
        except ValueError:
            try:
                parsed = datetime.fromisoformat(stripped)
            except ValueError:
                raise RecordError(
                    f"'{field_name}' is not a timestamp: {value!r} (expected ISO 8601 or epoch seconds)"
                ) from None
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    else:
        raise RecordError(f"'{field_name}' is not a timestamp: {type_name(value)}")
    if not math.isfinite(number) or number < 0:
        raise RecordError(f"'{field_name}' is not a timestamp: {value!r}")
    if number > 1e11:
        number /= 1000.0
    try:
        return datetime.fromtimestamp(number, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise RecordError(f"'{field_name}' is not a timestamp: {value!r}") from None


THUMBS = {
    "thumbs_down": True,
    "down": True,
    "negative": True,
    "bad": True,
    "dislike": True,
    "-1": True,
    "thumbs_up": False,
    "up": False,
    "positive": False,
    "good": False,
    "like": False,
    "+1": False,
    "1": False,
}


def parse_feedback(
    raw: Any, first_turn_of: list[int], n_turns: int, where: str = "feedback"
) -> tuple[Feedback, ...]:
    if raw is None:
        return ()
    items = raw if isinstance(raw, list) else [raw]
    return tuple(
        parse_one_feedback(item, f"{where}[{i}]" if isinstance(raw, list) else where, first_turn_of, n_turns)
        for i, item in enumerate(items)
    )


def parse_one_feedback(item: Any, where: str, first_turn_of: list[int], n_turns: int) -> Feedback:
    """Normalise thumbs, ratings and CSAT scores (1-5, where 2 or less is negative)."""
    if isinstance(item, str | bool | int | float) and not isinstance(item, dict):
        item = {"rating": item}
    if not isinstance(item, dict):
        raise RecordError(f'{where} must be an object such as {{"rating": "thumbs_down"}}')
    comment = item.get("comment")
    turn_index = feedback_turn(item, where, first_turn_of, n_turns)
    for key in ("thumbs", "rating", "score", "csat", "value"):
        if key not in item:
            continue
        value = item[key]
        if isinstance(value, bool):
            return Feedback("thumbs", "up" if value else "down", not value, comment, turn_index)
        if isinstance(value, str) and value.strip().lower() in THUMBS and not value.strip().isdigit():
            label = value.strip().lower()
            return Feedback("thumbs", label, THUMBS[label], comment, turn_index)
        try:
            score = float(value)
        except (TypeError, ValueError):
            raise RecordError(
                f"{where}.{key}: {value!r} is not feedback (expected thumbs_up/thumbs_down, up/down or 1-5)"
            ) from None
        if not 1 <= score <= 5:
            raise RecordError(f"{where}.{key}: score {value!r} is outside 1-5")
        kind = "csat" if key in ("score", "csat") else "rating"
        return Feedback(kind, score, score <= 2, comment, turn_index)
    raise RecordError(f"{where} has none of 'rating', 'thumbs', 'score' or 'csat'")


def feedback_turn(item: Mapping[str, Any], where: str, first_turn_of: list[int], n_turns: int) -> int | None:
    if "message_index" in item:
        idx = item["message_index"]
        if not isinstance(idx, int) or isinstance(idx, bool) or not 0 <= idx < len(first_turn_of):
            raise RecordError(f"{where}.message_index {idx!r} does not point at a message")
        return first_turn_of[idx]
    if "turn" in item:
        idx = item["turn"]
        if not isinstance(idx, int) or isinstance(idx, bool) or not 0 <= idx < n_turns:
            raise RecordError(f"{where}.turn {idx!r} does not point at a turn")
        return idx
    return None


def blocks_text(content: Any, where: str) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for j, block in enumerate(content):
            if isinstance(block, str):
                parts.append(block)
            elif isinstance(block, dict) and block.get("type") in ("text", None) and "text" in block:
                parts.append(str_field(block, "text", f"{where}[{j}]"))
        return "\n".join(parts)
    raise RecordError(f"{where} must be a string or a list of blocks, got {type_name(content)}")


def each_record(
    name: str,
    values: Iterable[JsonValue | Malformed],
    parse: Callable[[str, int, Mapping[str, Any]], Conversation],
) -> Iterator[Conversation | Malformed]:
    """One conversation per JSON object; a record that is not an object, or that `parse` refuses, becomes
    `Malformed(file, line, reason)` and reading goes on."""
    for item in values:
        if isinstance(item, Malformed):
            yield item
            continue
        try:
            if not isinstance(item.value, dict):
                raise RecordError(f"expected a JSON object (a conversation), got {type_name(item.value)}")
            yield parse(name, item.line, item.value)
        except RecordError as exc:
            yield Malformed(name, item.line, str(exc))
