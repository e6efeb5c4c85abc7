"""Unrecovered tool errors and repeated identical calls, by call (paired with its result by id and position),
so each hit names the tool that really failed."""

from __future__ import annotations

import json

from agentmend.analysis.actions.calls import CallResult
from agentmend.analysis.actions.text import call_text, excerpt
from agentmend.analysis.records import SignalHit
from agentmend.conversations.model import Conversation


def unrecovered_errors(calls: tuple[CallResult, ...]) -> list[SignalHit]:
    """An error result with no later successful call of the same tool."""
    hits = []
    for k, c in enumerate(calls):
        if not c.failed or c.result is None:
            continue
        if any(later.name == c.name and later.succeeded for later in calls[k + 1 :]):
            continue
        hits.append(
            SignalHit(
                "unrecovered_tool_error",
                c.result.index,
                f"{call_text(c.name, c.call.arguments, 60)} → {excerpt(c.result.text, 0, 0, 80)}",
                tool=c.name,
            )
        )
    return hits


def _key(c: CallResult) -> str:
    args = c.arguments
    try:
        return c.name + "\x00" + json.dumps(args, sort_keys=True)
    except (TypeError, ValueError):
        return c.name + "\x00" + str(args)


def repeated_calls(conv: Conversation, calls: tuple[CallResult, ...]) -> list[SignalHit]:
    """The same call with the same arguments again, with no user turn between, after it had succeeded (or a
    third time after errors): the agent is looping instead of acting on what it got."""
    hits = []
    for k, c in enumerate(calls):
        same = [p for p in calls[:k] if _key(p) == _key(c)]
        if not same:
            continue
        prev = same[-1]
        users_between = any(
            t.role == "user" and t.text.strip() for t in conv.turns[prev.call_turn + 1 : c.call_turn]
        )
        if users_between:
            continue
        if prev.succeeded or len(same) >= 2:
            hits.append(
                SignalHit(
                    "repeated_call",
                    c.call_turn,
                    f"{call_text(c.name, c.call.arguments, 80)} called again with the same arguments "
                    f"(first at turn {same[0].call_turn})",
                    tool=c.name,
                )
            )
    return hits
