"""A switched entity: a write that concludes a flow of reads on one entity acts on another ("line BB-9436076"
tested, its faults found, its slots listed — and the visit booked on BB-6899638, the account's other line).

The flow is the last two or more successful reading calls that carry the write's key, all with one value;
the write passes another value that the user never gave since the flow began.
"""

from __future__ import annotations

from agentmend.analysis.actions.calls import MIXED_ID, CallResult, is_write
from agentmend.conversations.model import Conversation
from agentmend.repo_config import ActionsConfig

FLOW = 2  # reads of one entity before the write that make a flow


def switched_entity(
    conv: Conversation, c: CallResult, calls: tuple[CallResult, ...], cfg: ActionsConfig,
    declared_writes: tuple[str, ...],
) -> str | None:  # fmt: skip
    """Why the write acts on another entity than the reads it concludes, or None."""
    args = c.arguments
    if not isinstance(args, dict):
        return None
    earlier = [p for p in calls if p.call_turn < c.call_turn and p.succeeded]
    earlier = [p for p in earlier if isinstance(p.arguments, dict)]
    for key, value in args.items():
        if not (isinstance(value, str) and MIXED_ID.match(value)):
            continue
        with_key = [p for p in earlier if isinstance(p.arguments.get(key), str)]
        flow = with_key[-FLOW:]
        if len(flow) < FLOW or any(is_write(p.name, cfg, declared_writes) for p in flow):
            continue
        values = {p.arguments[key] for p in flow}
        if len(values) != 1 or value in values:
            continue
        [other] = values
        since = flow[0].call_turn
        said = " ".join(t.text for t in conv.turns[since : c.call_turn] if t.role == "user")
        if value.lower() in said.lower():
            continue  # the user asked for this one
        names = ", ".join(dict.fromkeys(p.name for p in flow))
        return f"{key}={value!r}, but {names} ran on {other!r}"
    return None
