"""Said it cannot, although it could: the assistant says it cannot see or do something that a tool result
earlier in the same conversation contains, or that one of its tools (declared, or called in this
conversation) offers. Policy refusals ("I can't cancel this: basic economy is non-refundable") are not
capability denials and are left alone; only "I don't have access / the ability / a way to…", "I can't
see/view/access/look up…", and a bare "that isn't something I can help with" (no reason given) when what
the user asked about is a field of an earlier tool result ("am I still in contract?" after a lookup that
returned `contract`) that the user did not supply.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from agentmend.analysis.actions.calls import CallResult, name_words, parse_arguments
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
# A refusal that names nothing: "I'm afraid that isn't something I can help with over chat"
BARE_REFUSAL = re.compile(
    r"\b(?:that|this|it)(?:'s|\s+is)?\s*(?:n't|not)\s+something\s+(?:i|we)\s+(?:can|am\s+able\s+to|are\s+able\s+to)"
    r"\s+(?:help|assist)\s+with"
    r"|\bi(?:'m|\s+am)\s+(?:afraid\s+)?(?:unable|not\s+able)\s+to\s+help\s+with\s+(?:that|this)\b"
    r"|\bi\s+(?:can't|cannot)\s+help\s+(?:you\s+)?with\s+(?:that|this)\b"
    # nl, pl, it, es, pt, de, fr
    r"|\bkan\s+ik\s+(?:je|u)\s+(?:daar\s+|daarmee\s+|hierbij\s+)?(?:\w+\s+){0,3}niet\s+(?:mee\s+)?helpen"
    r"|\bnie\s+mogę\s+(?:w\s+tym\s+)?pomóc|\bw\s+tym\s+nie\s+mogę\s+pomóc"
    r"|\bnon\s+(?:posso|riesco\s+a)\s+aiutarl[aoe]|\bnon\s+è\s+qualcosa\s+(?:in|con)\s+cui\s+posso"
    r"|\bno\s+puedo\s+ayudarl[eo]\s+con\s+(?:eso|esto)|\bnão\s+posso\s+ajudar\s+com\s+isso"
    r"|\bkann\s+ich\s+(?:ihnen|dir)\s+(?:leider\s+)?(?:\w+\s+){0,3}nicht\s+helfen"
    r"|\bje\s+ne\s+peux\s+pas\s+vous\s+aider",
    re.IGNORECASE,
)
# …a refusal with a reason is a policy refusal, not a capability denial
_REASON = re.compile(
    r"\b(?:because|since|as\s+per|policy|policies|only|eligib\w*|allowed|permitted|non-?refundable|rules?|terms)\b",
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
            if hit := _bare_refusal(conv, calls, turn.index, text):
                hits.append(hit)
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


def _fields(value: Any) -> Iterator[tuple[str, Any]]:
    """Every key of a JSON result, at any depth, with its value."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield str(k), v
            yield from _fields(v)
    elif isinstance(value, list):
        for v in value:
            yield from _fields(v)


def _bare_refusal(conv: Conversation, calls: tuple[CallResult, ...], at: int, text: str) -> SignalHit | None:
    """A short refusal with no reason, of a question whose topic an earlier result holds as a field."""
    m = BARE_REFUSAL.search(text)
    if not m or _REASON.search(text) or len(text.split()) > 30:
        return None
    said = " ".join(t.text.lower() for t in conv.turns if t.role == "user" and t.index < at)
    asked = {w for w in re.findall(r"[^\W\d_]{4,}", said) if w not in _STOP}
    for c in calls:
        if not (c.succeeded and c.result and c.result.index < at):
            continue
        for key, value in _fields(parse_arguments(c.result.text)):
            if value in (None, "", [], {}) or _identifies(key, value) or _said(value, said):
                continue  # an account number, a line id, the user's own name: how the thing was found
            named = next((w for w in name_words(key) if _asked_about(w, asked)), None)
            if named and not _answered_later(conv, at, key):
                return SignalHit(
                    "said_cannot",
                    at,
                    f"“{excerpt(text, m.start(), m.end(), 30)}” — the user asked about {named}; "
                    f"the earlier {c.name} result holds `{key}`",
                    tool=c.name,
                )
    return None


_ID_KEY = frozenset(
    {"id", "number", "no", "code", "ref", "reference", "phone", "email", "msisdn", "postcode", "name"}
)


def _identifies(key: str, value: Any) -> bool:
    """A field that names a thing rather than tells about it: `account_number`, `line_id`, `MOB-3210923`."""
    words = name_words(key)
    if words and words[-1] in _ID_KEY:
        return True
    return (
        isinstance(value, str)
        and " " not in value
        and bool(re.search(r"\d", value) and re.search(r"[a-z]", value, re.IGNORECASE))
    )


def _said(value: Any, said: str) -> bool:
    return isinstance(value, (str, int, float)) and len(str(value)) >= 4 and str(value).lower() in said


def _asked_about(word: str, asked: set[str]) -> bool:
    """The user's words name a field word: the word itself, a plural, or one stem in a language or a compound
    ("contract" ~ "contracts", "contratto", "internetcontract")."""
    if len(word) < 4:
        return False
    if word in asked or word + "s" in asked:
        return True
    return len(word) >= 6 and any(a[:6] == word[:6] or word in a for a in asked if len(a) >= 6)


def _answered_later(conv: Conversation, at: int, key: str) -> bool:
    """After the refusal the user spoke again and the agent answered: a reply that refuses nothing and gives
    a figure or a date, or speaks of the field ("your contract runs until 18 March 2027")."""
    words = [w for w in name_words(key) if len(w) > 3]
    user_again = next((t.index for t in conv.turns if t.role == "user" and t.index > at), None)
    if user_again is None:
        return False
    for t in conv.turns:
        if t.role != "assistant" or t.index < user_again or not t.text.strip():
            continue
        text = normal(t.text)
        if CANNOT.search(text) or BARE_REFUSAL.search(text):
            continue
        if re.search(r"\d", text) or any(re.search(rf"\b{w}", text, re.IGNORECASE) for w in words):
            return True
    return False
