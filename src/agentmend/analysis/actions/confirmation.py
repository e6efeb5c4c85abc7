"""Unconfirmed write: the agent changed state (booked, cancelled, refunded…) without the user's explicit yes
to the action it had stated.

A write is confirmed when the last user turn before it says yes ("yes", "go ahead", "please proceed",
"oui"…, not taken back by "no"/"wait"/"don't") and the assistant's last words before that yes stated the
action or asked for the go-ahead. Where the agent's own system prompt does not ask for confirmation
(`actions.require_confirmation: auto`, or `never`), acting on the user's request is what is expected and
only a write made right after the user's "no" or "wait" counts. Handoffs the user asked for
(`actions.no_confirmation_tools`) need no yes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from agentmend.analysis.actions.calls import CallResult, is_write, name_words
from agentmend.analysis.actions.text import call_text, excerpt, normal
from agentmend.analysis.records import SignalHit
from agentmend.conversations.model import Conversation, Turn
from agentmend.repo_config import ActionsConfig

YES_PHRASES: tuple[str, ...] = (
    r"yes",
    r"yeah",
    r"yep",
    r"yup",
    r"sure",
    r"ok(?:ay)?",
    r"correct",
    r"confirm(?:ed)?",
    r"i\s+confirm",
    r"go\s+ahead",
    r"go\s+for\s+it",
    r"go\s+on",
    r"(?:please\s+)?proceed",
    r"please\s+do",
    r"do\s+it",
    r"that'?s\s+(?:right|correct)",
    r"sounds\s+good",
    r"absolutely",
    r"definitely",
    r"of\s+course",
    r"let'?s\s+do\s+(?:it|that)",
    r"that\s+works",
    r"perfect",
    r"great",
    r"please\s+(?:book|cancel|change|update|modify|process|make|send|add"
    r"|remove|apply|upgrade|downgrade|refund|submit)",
    # other common languages
    r"oui",
    r"d'accord",
    r"ja",
    r"genau",
    r"s[ií]",
    r"claro",
    r"vale",
    r"certo",
    r"sim",
    r"confirmo",
    r"procede",
    r"prosegui",
    r"allez-y",
    r"bitte",
    r"gerne",
    r"tak",
    r"dawaj",
    r"jasne",
    r"graag",
    r"doe\s+maar",
    r"akkoord",
    r"va\s+bene",
    r"procedi",
    r"adelante",
    r"dale",
    r"pode\s+ser",
)
_NO = re.compile(
    r"^\W*(?:no|nope|nah|wait|hold\s+on|stop|don'?t|do\s+not|not\s+yet|actually|non|nein)\b"
    r"|\b(?:don'?t|do\s+not)\s+(?:go\s+ahead|proceed|do\s+it|book|cancel|change)\b",
    re.IGNORECASE,
)
_ASKS_GO_AHEAD = re.compile(
    r"\b(?:confirm|proceed|go\s+ahead|shall\s+i|should\s+i|would\s+you\s+like\s+me\s+to|do\s+you\s+want\s+me\s+to"
    r"|can\s+you\s+confirm|is\s+that\s+(?:correct|right|ok)|ready\s+to|yes\s*/\s*no|\(yes\)|want\s+me\s+to"
    # an offer to take: "would you like that instead?", "do you want it?", "shall we?"
    r"|(?:would\s+you\s+like|do\s+you\s+want)\s+(?:that|this|it|one)|shall\s+we"
    # the same asks in the other languages the yes-words cover
    r"|klopt\s+dat|zal\s+ik|wilt\s+u|wil\s+je|akkoord|è\s+corrett[oa]|procedo|vuole\s+che|va\s+bene\s+se"
    r"|czy\s+mam|czy\s+(?:to\s+)?(?:się\s+)?zgadza|potwierdza\w*|confirma\w*|procedemos|desea\s+que|quer\s+que"
    r"|posso\s+(?:prosseguir|continuar|procedere)|voulez-vous|je\s+(?:le\s+)?fais|soll\s+ich|möchten\s+sie"
    r"|einverstanden)\b|\bd'accord\s*\?",
    re.IGNORECASE,
)


def _yes(extra: Iterable[str]) -> re.Pattern[str]:
    words = [*YES_PHRASES, *(re.escape(p.lower()) for p in extra)]
    return re.compile(r"(?<!\w)(?<!not\s)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


_VETO = re.compile(
    r"\b(?:don'?t|do\s+not)\s+(?:go\s+ahead|proceed|do\s+it|book|cancel|change)\b|^\W*(?:wait|hold\s+on|stop)\b",
    re.IGNORECASE,
)


def _says_yes(text: str, yes: re.Pattern[str]) -> bool:
    """A sentence says yes and none takes it back ("No insurance. Yes, book it." is a yes to the booking)."""
    sentences = [s for s in re.split(r"[.!?;,\n\u2014]+", text) if s.strip()]
    if any(_VETO.search(s) for s in sentences):
        return False
    return any(yes.search(s) and not _NO.search(s) for s in sentences)


def user_says_yes(text: str, cfg: ActionsConfig) -> bool:
    """The user's message agrees to what the agent proposed (the phrases `unconfirmed_write` accepts)."""
    return _says_yes(normal(text), _yes(cfg.extra_confirmation_phrases))


def _states(turn: Turn, call: CallResult) -> bool:
    text = normal(turn.text)
    if _ASKS_GO_AHEAD.search(text):
        return True
    words = [w for w in name_words(call.name) if len(w) > 2]
    return any(re.search(rf"\b{re.escape(w[:5])}", text, re.IGNORECASE) for w in words)


POLICY_ASKS = re.compile(
    r"\b(?:explicit(?:ly)?\s+(?:user\s+)?confirm\w*|confirm\w*\s+before|before\s+(?:you\s+)?\w+ing[^.\n]{0,80}"
    r"confirm\w*|must\s+(?:first\s+)?(?:get\s+|obtain\s+)?(?:the\s+user'?s?\s+)?confirm\w*|ask\s+(?:the\s+\w+\s+)?"
    r"(?:for|to)\s+confirm\w*|after\s+the\s+\w+\s+confirms?|only\s+after\s+[^.\n]{0,40}confirm\w*)",
    re.IGNORECASE,
)
"""A system prompt that demands a yes before changes ("obtain explicit user confirmation (yes)")."""


_GENERIC = re.compile(
    r"\b(?:any|every|all)\s+(?:\w+\s+)?(?:actions?|changes?|updates?|writes?|operations?)\b", re.I
)
_SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"updat", "modif", "chang", "edit", "switc", "upgra", "downg", "set"}),
    frozenset({"cance", "void", "delet", "remov"}),
    frozenset({"book", "reser", "purch", "order", "creat"}),
    frozenset({"refun", "credi", "compe", "certi"}),
)


def strict_for(call: CallResult, cfg: ActionsConfig, policy: str) -> bool:
    """Whether this write needs a yes: always/never by config; on `auto`, when a sentence of the system prompt
    asks for confirmation before any action, or before this kind of action (its verb or a synonym)."""
    if cfg.require_confirmation != "auto":
        return cfg.require_confirmation == "always"
    stems = {w[:5] for w in name_words(call.name)}
    for group in _SYNONYMS:
        if stems & group:
            stems |= group
    for sentence in re.split(r"(?<=[.!?])\s+|\n", policy):
        if not POLICY_ASKS.search(sentence):
            continue
        if _GENERIC.search(sentence):
            return True
        if stems & {w[:5] for w in re.findall(r"[a-z]{3,}", sentence.lower())}:
            return True
    return False


def unconfirmed_writes(
    conv: Conversation,
    calls: tuple[CallResult, ...],
    cfg: ActionsConfig,
    declared_writes: Iterable[str] = (),
    policy: str = "",
) -> list[SignalHit]:
    yes = _yes(cfg.extra_confirmation_phrases)
    exempt = {t.lower() for t in cfg.no_confirmation_tools}
    hits = []
    for c in calls:
        if not is_write(c.name, cfg, declared_writes) or c.name.lower() in exempt:
            continue
        before = conv.turns[: c.call_turn]
        last_user = next((t for t in reversed(before) if t.role == "user" and t.text.strip()), None)
        if last_user is None:
            hits.append(_hit(c, "no user turn before the write"))
            continue
        text = normal(last_user.text)
        said_yes = _says_yes(text, yes)
        prompt = next(
            (t for t in reversed(before[: last_user.index]) if t.role == "assistant" and t.text.strip()), None
        )
        stated = prompt is not None and _states(prompt, c)
        if said_yes and stated:
            continue
        if not strict_for(c, cfg, policy) and not _NO.search(text):
            continue  # no policy asks for a yes: acting on the user's request is what is expected
        reason = (
            "the user's last words before it were not a yes"
            if not said_yes
            else "the action was never stated"
        )
        hits.append(_hit(c, f"{reason}: “{excerpt(last_user.text, 0, 0, 70)}”"))
    return hits


def _hit(c: CallResult, why: str) -> SignalHit:
    return SignalHit(
        "unconfirmed_write", c.call_turn, f"{call_text(c.name, c.call.arguments, 80)} — {why}", tool=c.name
    )
