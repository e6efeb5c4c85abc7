"""τ-bench trajectories and τ²-bench simulation results: agent evaluations with a simulated user.

τ-bench (sierra-research/tau-bench) writes a JSON list of `{task_id, reward, info, traj, trial}` where
`traj` is the OpenAI chat transcript. τ²-bench (sierra-research/tau2-bench) writes one object whose
`simulations[]` each hold `messages` (tool calls carry `name`/`arguments` with the arguments as an object,
tool results carry the call's `id` and a `requestor`), `termination_reason`, `start_time`/`end_time` and
`reward_info.reward`.

The user simulator ends a conversation with a protocol token (`###STOP###`, `###TRANSFER###`,
`###OUT-OF-SCOPE###`). It is not something a user said, so it is removed from the turn text and kept as
`metadata["end_marker"]`; a user turn that was only the token is dropped. The reward is kept as
`metadata["reward"]` for an `outcomes:` declaration and is read by nothing else.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from agentmend.conversations.formats import chat
from agentmend.conversations.formats.fields import (
    RecordError,
    each_record,
    flag,
    parse_timestamp,
    str_field,
    type_name,
)
from agentmend.conversations.formats.json_stream import JsonValue
from agentmend.conversations.model import Conversation, Malformed, Role, ToolCall, Turn

END_MARKERS: Mapping[str, str] = {
    "###STOP###": "stop",
    "###TRANSFER###": "transfer",
    "###OUT-OF-SCOPE###": "out_of_scope",
}
_MARKER_RE = re.compile("|".join(re.escape(m) for m in END_MARKERS))
_TAU2_ROLES: Mapping[str, Role] = {
    "assistant": "assistant",
    "user": "user",
    "tool": "tool",
    "system": "system",
}


def is_tau_bench(obj: Mapping[str, Any]) -> bool:
    """A τ-bench result item: a `traj` transcript next to the task it ran."""
    return "traj" in obj and ("task_id" in obj or "reward" in obj)


def is_tau2_simulation(obj: Mapping[str, Any]) -> bool:
    """A τ²-bench simulation: `messages` plus the run's own fields (`task_id`, `termination_reason`...)."""
    return "messages" in obj and "task_id" in obj and ("termination_reason" in obj or "reward_info" in obj)


def strip_markers(text: str) -> tuple[str, str | None]:
    """The text without the simulator's protocol tokens, and the last marker found (if any)."""
    found = [END_MARKERS[m.group(0)] for m in _MARKER_RE.finditer(text)]
    if not found:
        return text, None
    return _MARKER_RE.sub("", text).strip(), found[-1]


def _without_markers(turns: list[Turn]) -> tuple[list[Turn], str | None]:
    out: list[Turn] = []
    marker: str | None = None
    for turn in turns:
        if turn.role == "user":
            text, found = strip_markers(turn.text)
            if found is not None:
                marker = found
                if not text and not turn.tool_calls:
                    continue
                turn = dataclasses.replace(turn, text=text)
        out.append(dataclasses.replace(turn, index=len(out)))
    return out, marker


def _reward(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RecordError(f"'{where}' must be a number, got {type_name(value)}")
    return float(value)


def tau_bench_conversation(name: str, line: int, obj: Mapping[str, Any]) -> Conversation:
    """One τ-bench result item; the transcript is OpenAI chat, read by the chat reader."""
    traj = obj.get("traj")
    if not isinstance(traj, list) or not traj:
        raise RecordError("'traj' must be a non-empty list of chat messages")
    base = chat.conversation(name, line, {"messages": traj})
    turns, marker = _without_markers(list(base.turns))
    metadata: dict[str, Any] = {}
    if "task_id" in obj:
        metadata["task_id"] = str(obj["task_id"])
    if "trial" in obj:
        metadata["trial"] = obj["trial"]
    reward = _reward(obj.get("reward"), "reward")
    if reward is not None:
        metadata["reward"] = reward
    info = obj.get("info")
    if isinstance(info, dict):
        for key in ("source", "user_cost"):
            if key in info:
                metadata[key] = info[key]
    if marker is not None:
        metadata["end_marker"] = marker
    raw_id = obj.get("id")
    return Conversation(
        id=str(raw_id) if raw_id not in (None, "") else "",
        turns=tuple(turns),
        source=f"{name}:{line}",
        metadata=metadata,
    )


def tau2_conversation(name: str, line: int, obj: Mapping[str, Any]) -> Conversation:
    """One τ²-bench simulation."""
    messages = obj.get("messages")
    if not isinstance(messages, list) or not messages:
        raise RecordError("'messages' must be a non-empty list")
    turns = [_tau2_turn(msg, i) for i, msg in enumerate(messages)]
    turns, marker = _without_markers(turns)
    metadata: dict[str, Any] = {"task_id": str(obj["task_id"])}
    for key in ("termination_reason", "trial", "seed", "duration", "agent_cost", "user_cost"):
        if obj.get(key) is not None:
            metadata[key] = obj[key]
    reward_info = obj.get("reward_info")
    if reward_info is not None:
        if not isinstance(reward_info, dict):
            raise RecordError(f"'reward_info' must be an object, got {type_name(reward_info)}")
        reward = _reward(reward_info.get("reward"), "reward_info.reward")
        if reward is not None:
            metadata["reward"] = reward
    if marker is not None:
        metadata["end_marker"] = marker
    started = parse_timestamp(obj.get("start_time"), "start_time")
    ended = parse_timestamp(obj.get("end_time"), "end_time")
    if ended is not None:
        metadata["ended_at"] = ended.isoformat()
    raw_id = obj.get("id")
    if raw_id is not None and not isinstance(raw_id, str | int):
        raise RecordError(f"'id' must be a string or number, got {type_name(raw_id)}")
    return Conversation(
        id=str(raw_id) if raw_id not in (None, "") else "",
        turns=tuple(turns),
        source=f"{name}:{line}",
        started_at=started or next((t.timestamp for t in turns if t.timestamp), None),
        metadata=metadata,
    )


def _tau2_turn(msg: Any, i: int) -> Turn:
    where = f"message {i}"
    if not isinstance(msg, dict):
        raise RecordError(f"{where} is {type_name(msg)}, expected an object with 'role'")
    role_name = msg.get("role")
    role = _TAU2_ROLES.get(role_name) if isinstance(role_name, str) else None
    if role is None:
        raise RecordError(f"{where} has unknown role {role_name!r}; allowed: assistant, user, tool")
    content = msg.get("content")
    if content is not None and not isinstance(content, str):
        raise RecordError(f"{where}.content must be a string or null, got {type_name(content)}")
    ts = parse_timestamp(msg.get("timestamp"), f"{where}.timestamp")
    calls: list[ToolCall] = []
    raw_calls = msg.get("tool_calls")
    raw_calls = [] if raw_calls is None else raw_calls
    if not isinstance(raw_calls, list):
        raise RecordError(f"{where}.tool_calls must be a list, got {type_name(raw_calls)}")
    for j, call in enumerate(raw_calls):
        cwhere = f"{where}.tool_calls[{j}]"
        if not isinstance(call, dict):
            raise RecordError(f"{cwhere} is {type_name(call)}, expected an object with 'name'")
        args = call.get("arguments", {})
        arguments = args if isinstance(args, str) else json.dumps(args, sort_keys=True)
        calls.append(ToolCall(str(call.get("id", "")), str_field(call, "name", cwhere), arguments))
    if role == "tool":
        # a τ² tool result carries the id of the call it answers as its own `id`
        call_id = msg.get("id", msg.get("tool_call_id"))
        return Turn(
            index=i,
            role="tool",
            text=content or "",
            timestamp=ts,
            tool_call_id=str(call_id) if call_id not in (None, "") else None,
            is_error=flag(msg.get("error"), f"{where}.error"),
        )
    return Turn(index=i, role=role, text=content or "", timestamp=ts, tool_calls=tuple(calls))


def read_tau_bench(name: str, values: Iterable[JsonValue | Malformed]) -> Iterator[Conversation | Malformed]:
    return each_record(name, values, tau_bench_conversation)


def read_tau2(name: str, values: Iterable[JsonValue | Malformed]) -> Iterator[Conversation | Malformed]:
    return each_record(name, values, tau2_conversation)
