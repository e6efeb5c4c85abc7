"""The option the user chose: a write that passes one element of a list a tool offered ("slots", "flights")
while the user's words picked another ("monday morning is best" — the Monday afternoon slot booked).

Each offered element is described by what a person would call it: the weekday and day of its dates, the part
of the day and the hour of its times ("morning", "am", "8am"). The user's last message after the offer that
names any of these is the choice; the write is wrong when another element fits that message strictly better
than the one passed. English words only; elsewhere nothing fires.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from agentmend.analysis.actions.calls import MIXED_ID, CallResult
from agentmend.analysis.actions.confirmation import user_says_yes
from agentmend.conversations.model import Conversation
from agentmend.repo_config import ActionsConfig

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WORD = re.compile(r"[a-z0-9]+")


def _elements(payload: Any) -> Iterator[list[dict[str, Any]]]:
    """Every list of two or more objects inside a tool result."""
    if isinstance(payload, list):
        objects = [x for x in payload if isinstance(x, dict)]
        if len(objects) >= 2:
            yield objects
        for x in payload:
            yield from _elements(x)
    elif isinstance(payload, dict):
        for v in payload.values():
            yield from _elements(v)


def _names(element: dict[str, Any]) -> set[str]:
    """What a person calls this option: "monday", "mon", "5", "morning", "am", "8am"."""
    words: set[str] = set()
    for value in element.values():
        if not isinstance(value, str):
            continue
        if m := _ISO_DATE.match(value):
            try:
                day = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
            weekday = _WEEKDAYS[day.weekday()]
            words |= {weekday, weekday[:3], str(day.day)}
        elif m := _TIME.match(value):
            hour = int(m[1])
            part = "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"
            words |= {part, "am" if hour < 12 else "pm", f"{hour % 12 or 12}{'am' if hour < 12 else 'pm'}"}
    return words


def _score(names: set[str], words: set[str]) -> int:
    return len(names & words)


def wrong_choice(
    conv: Conversation, c: CallResult, calls: tuple[CallResult, ...], cfg: ActionsConfig
) -> str | None:
    """Why the value `c` passes is not the option the user chose, or None."""
    args = c.arguments
    if not isinstance(args, dict):
        return None
    offers = [p for p in calls if p.succeeded and p.result is not None and p.result.index < c.call_turn]
    for offer in reversed(offers):
        assert offer.result is not None
        try:
            payload = json.loads(offer.result.text)
        except ValueError:
            continue
        for elements in _elements(payload):
            for key, value in args.items():
                if not (isinstance(value, str) and MIXED_ID.match(value)):
                    continue  # an option is named by its id ("SLT-09F09"), not by a shared field ("SFO")
                chosen = [e for e in elements if e.get(key) == value]
                if len(chosen) != 1:
                    continue
                return _against_words(conv, offer.result.index, c, key, value, chosen[0], elements, cfg)
    return None


def _against_words(
    conv: Conversation, offered_at: int, c: CallResult, key: str, value: str,
    chosen: dict[str, Any], elements: list[dict[str, Any]], cfg: ActionsConfig,
) -> str | None:  # fmt: skip
    named = [(_names(e), e) for e in elements]
    between = conv.turns[offered_at + 1 : c.call_turn]
    turns = [t for t in between if t.role in ("user", "assistant") and t.text.strip()]
    for i in range(len(turns) - 1, -1, -1):  # the latest words that name an option are the choice
        turn = turns[i]
        if turn.role != "user":
            continue
        words = _words(turn.text)
        if not any(_score(n, words) for n, _ in named) and user_says_yes(turn.text, cfg):
            # "yes" to the agent's "I can do Wednesday instead — would that work?": the agent's words choose
            before = [t for t in turns[:i] if t.role == "assistant"]
            words = _words(before[-1].text) if before else words
        scores = [(_score(n, words), e) for n, e in named]
        best = max(s for s, _ in scores)
        if best == 0:
            continue
        mine = next(s for s, e in scores if e is chosen)
        winners = [e for s, e in scores if s == best]
        if mine < best and len(winners) == 1:
            quoted = turn.text.strip()[:60]
            fits = winners[0].get(key)
            return f"{key}={value!r} is not the option the user chose (“{quoted}” fits {fits!r})"
        return None
    return None


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))
