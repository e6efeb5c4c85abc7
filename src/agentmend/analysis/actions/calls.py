"""Tool calls paired with their results, and which tools change state.

Results are matched to calls by id *and* position: a result takes the earliest still-unanswered call with its
id (or, without an id, the earliest unanswered call), so an id the agent reused never makes a later result
answer an earlier call of another tool.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from agentmend.conversations.model import Conversation, ToolCall, Turn
from agentmend.repo_config import ActionsConfig

MIXED_ID = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_\-]{4,}$")
"""A token that mixes letters and digits ("SLT-09F09", "BB-2955421"): an identifier, not a word."""
MONEY_KEY = re.compile(
    r"amount|price|cost|fee|refund|total|balance|charge|credit|compensation|value|sum", re.IGNORECASE
)
"""An argument key whose number is money."""


def argument_leaves(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    """Every scalar in a call's arguments with the key it sits under (list items keep their list's key)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from argument_leaves(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from argument_leaves(v, key)
    else:
        yield key, value


@dataclass(frozen=True)
class CallResult:
    """One tool call, the assistant turn that made it, and the tool turn that answered it (if any)."""

    call: ToolCall
    call_turn: int
    result: Turn | None

    @property
    def name(self) -> str:
        return self.call.name

    @property
    def failed(self) -> bool:
        return self.result is not None and is_error_result(self.result)

    @property
    def succeeded(self) -> bool:
        return self.result is not None and not is_error_result(self.result)

    @property
    def arguments(self) -> Any:
        return parse_arguments(self.call.arguments)


def parse_arguments(text: str) -> Any:
    """Arguments as JSON when they are JSON (they nearly always are), else the raw string."""
    try:
        return json.loads(text) if text.strip() else {}
    except ValueError:
        return text


def pair_calls(conv: Conversation) -> tuple[CallResult, ...]:
    pending: list[tuple[ToolCall, int]] = []
    results: dict[int, Turn] = {}  # position in `order` -> result
    order: list[tuple[ToolCall, int]] = []
    for turn in conv.turns:
        if turn.role == "assistant":
            for call in turn.tool_calls:
                pending.append((call, len(order)))
                order.append((call, turn.index))
        elif turn.role == "tool" and pending:
            pos = next((k for k, (c, _) in enumerate(pending) if c.id == turn.tool_call_id), None)
            if pos is None and (
                turn.tool_call_id is None or all(c.id != turn.tool_call_id for c, _ in order)
            ):
                pos = 0  # no id, or an id no call carries: the earliest unanswered call
            if pos is None:
                continue  # a second answer to a call already answered: keep the first
            _, slot = pending.pop(pos)
            results[slot] = turn
    return tuple(CallResult(call, t, results.get(k)) for k, (call, t) in enumerate(order))


def tool_of(conv: Conversation, tool_turn: Turn) -> str | None:
    """Which tool a result answers, by id and position."""
    for cr in pair_calls(conv):
        if cr.result is not None and cr.result.index == tool_turn.index:
            return cr.name
    return None


_ERROR_TEXT = re.compile(
    r"^\s*[\"'{\[]*\s*(?:error|errors|exception|failed|failure)\b"
    r"|Traceback \(most recent call last\)|\b[A-Z]\w*(?:Error|Exception)\s*[:(]"
    r"|[\"']error[\"']\s*:\s*(?!null|false|\"\"|none)",
    re.IGNORECASE,
)


def is_error_result(turn: Turn) -> bool:
    return turn.is_error or bool(_ERROR_TEXT.search(turn.text[:400]))


# A tool named or described with one of these first ("get_order", "Find a customer…") only reads.
READ_VERBS = frozenset(
    {"get", "list", "search", "find", "lookup", "look", "fetch", "read", "check", "calculate", "show", "view"}
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def name_words(name: str) -> tuple[str, ...]:
    """`cancel_reservation` / `cancelReservation` / `orders.cancel` → ("cancel", "reservation")."""
    return tuple(w.lower() for w in re.split(r"[_\-.\s/:]+", _CAMEL.sub("_", name)) if w)


@lru_cache(maxsize=4096)
def _is_write(name: str, verbs: tuple[str, ...], writes: tuple[str, ...], reads: tuple[str, ...]) -> bool:
    if name in reads:
        return False
    if name in writes:
        return True
    words = name_words(name)
    if words and words[0] in READ_VERBS:
        return False
    return any(w in verbs for w in words)


def is_write(name: str, cfg: ActionsConfig, declared_writes: Iterable[str] = ()) -> bool:
    """A state-changing tool: declared as such, or named with a write verb (and not a read verb first)."""
    return _is_write(
        name, tuple(cfg.write_verbs), tuple((*cfg.write_tools, *declared_writes)), tuple(cfg.read_tools)
    )


def is_read(name: str, cfg: ActionsConfig) -> bool:
    """A tool known only to read: listed in `actions.read_tools`, or named with a read verb first."""
    words = name_words(name)
    return name in cfg.read_tools or bool(words and words[0] in READ_VERBS)


def writes(calls: Sequence[CallResult], cfg: ActionsConfig, declared: Iterable[str] = ()) -> list[CallResult]:
    declared = tuple(declared)
    return [c for c in calls if is_write(c.name, cfg, declared)]
