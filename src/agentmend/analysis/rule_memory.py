"""Rule outcomes remembered between runs: a re-run pays the rules only for conversations it has not seen.

The rules (user-side signals and action checks) read one conversation at a time, so their outcome is a
function of the conversation and of what the rules read besides: the signal and action config, the
agent's policy and declared tools, the encoder (rephrasing compares embeddings) and the rules' own code.
All of that is in the key, so an edited config, prompt, encoder or upgraded rule re-runs them. What
depends on the whole corpus (labels, calibration, the learned detector, the judge) is never remembered
here and runs every time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Protocol

from agentmend.analysis.records import Outcome, SignalHit
from agentmend.conversations.model import Conversation

_ANALYSIS = Path(__file__).resolve().parent
RULE_SOURCES = ("signals.py", "detection.py", "actions")
RULE_LIBRARIES = ("dateparser",)  # libraries whose reading the rules depend on (relative days)


class RuleMemory(Protocol):
    """Where remembered outcomes live (the state database in the CLI and the App)."""

    def get_many(self, keys: Sequence[str]) -> dict[str, str]: ...

    def put_many(self, items: Mapping[str, str]) -> None: ...


@cache
def rules_code_digest() -> str:
    """A digest of the rules' source files and the libraries they read with, so a changed rule never reads
    an old outcome."""
    h = hashlib.sha256()
    for name in RULE_SOURCES:
        path = _ANALYSIS / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for f in files:
            h.update(f.relative_to(_ANALYSIS).as_posix().encode() + b"\x00" + f.read_bytes() + b"\x00")
    for lib in RULE_LIBRARIES:
        h.update(f"{lib}=={metadata.version(lib)}".encode() + b"\x00")
    return h.hexdigest()


def context_key(*parts: str) -> str:
    """What the rules read besides the conversation (config, policy, tools, encoder), with their code."""
    h = hashlib.sha256(rules_code_digest().encode())
    for part in parts:
        h.update(b"\x00" + part.encode())
    return h.hexdigest()


def conversation_key(conv: Conversation, context: str) -> str:
    """The conversation as the rules see it (not where it was read from) under `context`."""
    seen = (conv.id, conv.turns, conv.user_id, conv.started_at, sorted(conv.metadata.items()), conv.feedback)
    return hashlib.sha256((context + repr(seen)).encode()).hexdigest()


def dumps(outcome: Outcome) -> str:
    return json.dumps(
        [
            outcome.conversation_id,
            outcome.failed,
            [[h.name, h.turn_index, h.evidence, h.tool] for h in outcome.signals],
            outcome.failing_turn,
        ]
    )


def loads(text: str) -> Outcome | None:
    """An outcome written by `dumps`, or None when the text is not one (then the rules run again)."""
    try:
        cid, failed, hits, turn = json.loads(text)
        signals = tuple(SignalHit(name, int(i), str(ev), tool) for name, i, ev, tool in hits)
        return Outcome(str(cid), bool(failed), signals, None if turn is None else int(turn))
    except (TypeError, ValueError):
        return None


def remembered(
    conversations: Sequence[Conversation],
    run: Callable[[Conversation], Outcome],
    memory: RuleMemory | None,
    context: str,
) -> tuple[Outcome, ...]:
    """`run` on each conversation, reading and writing `memory` when given."""
    if memory is None:
        return tuple(run(c) for c in conversations)
    keys = [conversation_key(c, context) for c in conversations]
    known = memory.get_many(keys)
    out: list[Outcome] = []
    fresh: dict[str, str] = {}
    for conv, key in zip(conversations, keys, strict=True):
        text = known.get(key)
        outcome = loads(text) if text is not None else None
        if outcome is None or outcome.conversation_id != conv.id:
            outcome = run(conv)
            fresh[key] = dumps(outcome)
        out.append(outcome)
    if fresh:
        memory.put_many(fresh)
    return tuple(out)
