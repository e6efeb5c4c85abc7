"""Said it cannot, although it could: the assistant says it cannot see or do something that a tool result
earlier in the same conversation contains, or that one of its tools (declared, or called in this
conversation) offers. Policy refusals ("I can't cancel this: basic economy is non-refundable") are not
capability denials and are left alone; only "I don't have access / the ability / a way to…", "I can't
see/view/access/look up…".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from agentmend.analysis.actions.calls import CallResult, name_words
from agentmend.analysis.actions.text import excerpt, normal
from agentmend.analysis.records import SignalHit
from agentmend.conversations.model import Conversation

CANNOT = re.compile(
    r"\bi\s+(?:don't|do\s+not|dont)\s+have\s+(?:the\s+)?(?:access|ability|capability|visibility|a\s+way|any\s+way"
    r"|tools?|permission)\s+(?:to\s+)?(?:(?:see|view|access|check|look\s+up|retrieve|do|make|perform)\s+)?"
    r"(?P<obj1>[^.?!\n]{0,80})"
    r"|\bi(?:\s+(?:can't|cannot|can\s+not)|'m\s+(?:unable|not\s+able)\s+to|\s+am\s+(?:unable|not\s+able)\s+to)"
    r"\s+(?:see|view|access|look\s+up|retrieve|pull\s+up|find\s+any\s+record\s+of)\s+(?P<obj2>[^.?!\n]{0,80})"
    r"|\b(?:that'?s|this\s+is)\s+not\s+something\s+i\s+(?:can|am\s+able\s+to)\s+(?:do|help\s+with)\b"
    r"(?P<obj3>)",
    re.IGNORECASE,
)
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "your",
        "you",
        "my",
        "our",
        "any",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "is",
        "are",
        "be",
        "and",
        "or",
        "with",
        "from",
        "information",
        "details",
        "detail",
        "data",
        "about",
        "me",
        "us",
        "them",
        "here",
        "there",
        "their",
        "which",
        "what",
    ]
)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z0-9]{2,}", text.lower()) if w not in _STOP}


def said_cannot(
    conv: Conversation, calls: tuple[CallResult, ...], declared_tools: Iterable[str] = ()
) -> list[SignalHit]:
    tools = {*declared_tools, *(c.name for c in calls)}
    tool_words = {name: {w for w in name_words(name) if len(w) > 2} for name in tools}
    hits = []
    for turn in conv.turns:
        if turn.role != "assistant" or not turn.text.strip():
            continue
        text = normal(turn.text)
        m = CANNOT.search(text)
        if not m:
            continue
        obj = _words(next((g for g in (m.group("obj1"), m.group("obj2"), m.group("obj3")) if g), ""))
        seen = " ".join(
            c.result.text.lower() for c in calls if c.succeeded and c.result and c.result.index < turn.index
        )
        seen_words = _words(seen)
        in_result = sorted(w for w in obj if w in seen_words and len(w) > 3)
        offering = next(
            (
                n
                for n, ws in sorted(tool_words.items())
                if obj and len({w[:5] for w in ws} & {w[:5] for w in obj}) >= 2
            ),
            None,
        )
        if in_result and len(in_result) >= max(1, len(obj) // 2):
            why = f"an earlier tool result holds {', '.join(in_result[:3])}"
        elif offering is not None:
            why = f"the {offering} tool offers it"
        else:
            continue
        hits.append(
            SignalHit(
                "said_cannot",
                turn.index,
                f"“{excerpt(turn.text, m.start(), m.end(), 30)}” — {why}",
                tool=offering,
            )
        )
    return hits
