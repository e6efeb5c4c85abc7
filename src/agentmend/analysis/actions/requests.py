"""Half done: the user asked for the same kind of action on several things (cancel A and B) and the agent
completed it for some of them only, without handing the conversation over.

Asked-for things are identifiers (tokens mixing letters and digits) in a user sentence with a write verb; done
means the identifier is in the arguments of a successful state-changing call. Nothing done at all is not
flagged here (that is how a correct refusal looks); one of several done is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from agentmend.analysis.actions.calls import CallResult, is_write
from agentmend.analysis.actions.text import normal
from agentmend.analysis.records import SignalHit
from agentmend.conversations.model import Conversation
from agentmend.repo_config import ActionsConfig

_TOKEN = re.compile(r"(?<![\w-])(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{5,}(?![\w-])")
_SENTENCE = re.compile(r"[^.!?\n]+")


def half_done(
    conv: Conversation,
    calls: tuple[CallResult, ...],
    cfg: ActionsConfig,
    declared_writes: Iterable[str] = (),
    handed_over: bool = False,
) -> list[SignalHit]:
    if handed_over:
        return []
    declared_writes = tuple(declared_writes)
    verbs = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in cfg.write_verbs) + r")\w*\b", re.IGNORECASE)
    asked: dict[str, int] = {}
    for t in conv.turns:
        if t.role != "user":
            continue
        for sentence in _SENTENCE.findall(normal(t.text)):
            if verbs.search(sentence):
                for tok in _TOKEN.findall(sentence):
                    asked.setdefault(tok.lower(), t.index)
    if len(asked) < 2:
        return []
    done_text = " ".join(
        c.call.arguments.lower() for c in calls if c.succeeded and is_write(c.name, cfg, declared_writes)
    )
    done = {tok for tok in asked if re.search(rf"(?<![a-z0-9]){re.escape(tok)}(?![a-z0-9])", done_text)}
    missing = sorted(set(asked) - done, key=lambda k: asked[k])
    if not done or not missing:
        return []
    last = next((t.index for t in reversed(conv.turns) if t.role == "assistant"), len(conv.turns) - 1)
    return [
        SignalHit(
            "half_done",
            last,
            f"asked for {', '.join(sorted(asked))}; done for {', '.join(sorted(done))}, "
            f"not for {', '.join(missing)}",
        )
    ]
