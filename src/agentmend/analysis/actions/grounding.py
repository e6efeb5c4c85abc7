"""Ungrounded argument: a state-changing call passes an identifier, amount or date that nothing earlier in the
conversation supplied (the user's words, a tool result, the system prompt) — the agent made it up.

Only values that could be made up are checked: identifiers (a token mixing letters and digits, or a long
number), amounts (numbers under keys naming money) and dates. A date counts as grounded when the user named
the same day in words ("May 24", "24 May", "5/24" or "24/5", or relative to when they wrote:
"yesterday", "el lunes", see `named_dates.py`), or a tool result or the user gave it in ISO form.
A value picked from a list a tool offered must be the option the user chose (`choice.py`), and a write that
concludes reads of one entity must act on it (`switched.py`). Amounts are
grounded by the same number, or by a sum or product of two earlier numbers (a fare times
passengers, two fares). Reading calls are not checked unless `actions.ground_read_calls` is set: a lookup
with a wrong guess harms nobody. Identifiers are only checked once the agent has looked something up
successfully: an agent that acts with no lookup at all works from a session context the export does not show
(the signed-in user's booking).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from agentmend.analysis.actions.calls import MIXED_ID, MONEY_KEY, CallResult, argument_leaves, is_write
from agentmend.analysis.actions.choice import wrong_choice
from agentmend.analysis.actions.named_dates import relative_days
from agentmend.analysis.actions.switched import switched_entity
from agentmend.analysis.actions.text import call_text
from agentmend.analysis.records import SignalHit
from agentmend.conversations.model import Conversation
from agentmend.repo_config import ActionsConfig

_ID = re.compile(MIXED_ID.pattern + r"|^\d{5,}$")  # or a long number
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?![\w])")
_MONTHS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
_MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b"
    r"|\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b(\d{1,2})/(\d{1,2})(?:/\d{2,4})?\b",
    re.IGNORECASE,
)


def _month_days(text: str) -> set[tuple[int, int]]:
    out = set()
    for m in _MONTH_DAY.finditer(text):
        if m.group(1):
            month, day = _MONTHS.index(m.group(1)[:3].lower()) + 1, int(m.group(2))
        elif m.group(4):
            month, day = _MONTHS.index(m.group(4)[:3].lower()) + 1, int(m.group(3))
        else:  # 5/24 or 24/5: both readings when both could be a month
            a, b = int(m.group(5)), int(m.group(6))
            if a <= 12:
                out.add((a, b))
            if b <= 12:
                out.add((b, a))
            continue
        out.add((month, day))
    return out


class _Ground:
    """What the conversation had said before a turn: its text, the days named, the numbers seen."""

    def __init__(self, texts: Iterable[str], user_turns: Iterable[tuple[str, datetime | None]]) -> None:
        self.text = "\n".join(texts)
        self.lower = self.text.lower()
        self._user_turns = tuple(user_turns)
        self.days = _month_days("\n".join(t for t, _ in self._user_turns))
        self._relative: set[date] | None = None
        nums = {float(n.replace(",", "")) for n in _NUMBER.findall(self.text)}
        self.numbers = {n for n in nums if n < 1e7}

    def has_token(self, token: str) -> bool:
        """The token itself, or its spoken form (`FULL_FIBRE_900` as "Full Fibre 900")."""
        parts = re.findall(r"[a-z]+|\d+", token.lower())
        if not parts:
            return False
        between = r"[\s_\-./]*" if len(parts) > 1 else ""
        spoken = between.join(re.escape(p) for p in parts)
        return re.search(rf"(?<![a-z0-9]){spoken}(?![a-z0-9])", self.lower) is not None

    def has_date(self, iso: str) -> bool:
        m = _ISO_DATE.match(iso)
        if m is None:
            return True
        y, mo, d = (int(g) for g in m.groups())
        try:
            date(y, mo, d)
        except ValueError:
            return False
        if f"{y:04d}-{mo:02d}-{d:02d}" in self.text or (mo, d) in self.days:
            return True
        if self._relative is None:
            self._relative = relative_days(self._user_turns)
        return date(y, mo, d) in self._relative

    def has_amount(self, x: float) -> bool:
        if x in self.numbers or x == 0:
            return True
        small = sorted(self.numbers)[:400]
        return any(abs(a + b - x) < 0.01 or abs(a * b - x) < 0.01 for a in small for b in small)


def ungrounded_arguments(
    conv: Conversation,
    calls: tuple[CallResult, ...],
    cfg: ActionsConfig,
    declared_writes: Iterable[str] = (),
    policy: str = "",
) -> list[SignalHit]:
    declared_writes = tuple(declared_writes)
    hits = []
    for c in calls:
        if not (cfg.ground_read_calls or is_write(c.name, cfg, declared_writes)):
            continue
        before = [t for t in conv.turns[: c.call_turn + 1] if t.role in ("user", "tool", "system")]
        accepted = [  # an id an earlier call used and the system answered without error exists
            p.call.arguments
            for p in calls
            if p.succeeded and p.result is not None and p.result.index < c.call_turn
        ]
        ground = _Ground(
            [policy, *(t.text for t in before), *accepted],
            [(t.text, t.timestamp or conv.started_at) for t in before if t.role == "user"],
        )
        args = c.arguments
        if not isinstance(args, dict | list):
            continue
        looked_up = any(
            p.succeeded
            and p.result is not None
            and p.result.index < c.call_turn
            and not is_write(p.name, cfg, declared_writes)
            for p in calls
        )
        for key, value in argument_leaves(args):
            why = _ungrounded(key, value, ground, looked_up)
            if why and not _corrected(c, key, value, calls, cfg, declared_writes):
                hits.append(
                    SignalHit(
                        "ungrounded_argument",
                        c.call_turn,
                        f"{call_text(c.name, c.call.arguments, 80)} — {key}={value!r} {why}",
                        tool=c.name,
                    )
                )
                break  # one hit per call: the first made-up value explains it
        else:  # every value was given by someone: is it the one the user chose, on the entity at hand?
            if not is_write(c.name, cfg, declared_writes):
                continue
            why = wrong_choice(conv, c, calls, cfg) or switched_entity(conv, c, calls, cfg, declared_writes)
            if why:
                evidence = f"{call_text(c.name, c.call.arguments, 80)} — {why}"
                hits.append(SignalHit("ungrounded_argument", c.call_turn, evidence, tool=c.name))
    return hits


def _corrected(
    c: CallResult, key: str, value: Any, calls: tuple[CallResult, ...], cfg: ActionsConfig,
    declared_writes: tuple[str, ...],
) -> bool:
    """A later write succeeded with another value for the same argument ("it was yesterday, not the 23rd" →
    `update_claim(changes={incident_date: …})`): the made-up value was put right, the task was not harmed."""
    for later in calls:
        if later.call_turn <= c.call_turn or not later.succeeded:
            continue
        if not is_write(later.name, cfg, declared_writes) or not isinstance(later.arguments, dict | list):
            continue
        if any(k == key and v != value for k, v in argument_leaves(later.arguments)):
            return True
    return False


def _ungrounded(key: str, value: Any, ground: _Ground, looked_up: bool) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        if MONEY_KEY.search(key) and not ground.has_amount(float(value)):
            return "appears nowhere earlier (no user turn or tool result gave this amount)"
        return None
    if not isinstance(value, str):
        return None
    v = value.strip()
    if _ISO_DATE.match(v):
        return None if ground.has_date(v) else "is a date no one named earlier"
    if looked_up and _ID.match(v) and not ground.has_token(v):
        return "appears nowhere earlier (no user turn or tool result mentioned it)"
    return None
