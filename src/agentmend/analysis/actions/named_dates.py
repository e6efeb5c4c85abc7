"""The calendar days a user named in words, relative ones resolved against when they said them.

"yesterday", "el lunes", "ontem", "last Friday", "two days ago" name a day only together with the moment the
message was sent: the turn's timestamp, else the conversation's start. dateparser does the multilingual
reading (its date-search, with past dates preferred, as an incident or a trip already taken); a message with
no known moment cannot ground a relative day and is left to the absolute forms (`grounding._month_days`).

A part of the day ("last night", "esta mañana", "in the night", "heute Morgen") names the day it was said
or the one before, and dateparser reads some of them a day off ("mañana" is also "tomorrow"): such a
mention grounds the day it resolves to and its neighbours, or, when no phrase dateparser found holds it, the
day the message was sent and the day before.

Users type these words fast: "yday", "ontme", "yesterdya". Before the search, identifiers (policy numbers,
postcodes, references: dateparser reads "H91" as 1991) are dropped, a few shorthands are spelled out, and a
word one edit away from a day word of dateparser's own locale data (weekdays, "yesterday", "ontem",
"gisteren"…, five letters or more) is read as that word. A wrong correction only grounds one more day, so it
can hide a wrong date but never invent one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import cache

from agentmend.analysis.typos import one_edit

# The languages dateparser searches in: the ones the agentmend user lexicons cover. Searching all of its
# 200 locales is slow and finds dates in ordinary words.
LANGUAGES = ("en", "es", "pt", "fr", "de", "it", "nl", "pl")
_MAX_CHARS = 2_000  # the first part of a long message is where users say when something happened
_PART_OF_DAY = re.compile(
    r"\b(night|tonight|morning|evening|overnight|noche|anoche|madrugada|mañana|manana|tarde|noite|manhã|"
    r"manha|madrugada|nuit|matin|soir|nacht|morgen|abend|notte|stanotte|mattina|stamattina|sera|ochtend|"
    r"avond|noc|rano|wieczorem|wieczór)\b",
    re.IGNORECASE,
)
# Shorthands no locale lists. Hand-written: chat spellings of day words, not a date grammar.
_SHORTHAND = {
    "yday": "yesterday", "ydy": "yesterday", "yest": "yesterday", "yesterdy": "yesterday",
    "2day": "today", "tdy": "today", "2nite": "tonight", "tonite": "tonight", "nite": "night",
    "hj": "hoje", "ontê": "ontem",
}  # fmt: skip
_IDENTIFIER = re.compile(r"\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]+\b|\b\d{5,}\b|\b\d+(?:-\d+)+\b")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MIN_FUZZY = 5  # shorter day words ("hoy", "ieri", "noc") are one edit from too many ordinary words

_DAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@cache
def _day_words() -> frozenset[str]:
    """Single-word day names of dateparser's locales for LANGUAGES: weekdays, and today/yesterday/tomorrow
    and the like from its relative types, plus the parts of the day above."""
    from dateparser.languages.loader import default_loader

    words: set[str] = set()
    for lang in LANGUAGES:
        info = default_loader.get_locale(lang).info
        names = [n for key in _DAY_KEYS for n in info.get(key, [])]
        names += [n for key, ns in info.get("relative-type", {}).items() if key.endswith(" day ago") or
                  key == "in 1 day" for n in ns]  # fmt: skip
        words.update(n.lower() for n in names if _WORD.fullmatch(n))
    words.update(w.lower() for w in _PART_OF_DAY.pattern.strip(r"\b()").split("|") if _WORD.fullmatch(w))
    return frozenset(w for w in words if len(w) >= 3)


def _typo_of(token: str, word: str) -> bool:
    """One edit away; for five-letter words only a dropped letter or two swapped neighbours, since one
    substituted letter turns "night" into "right", "light" and "might"."""
    if abs(len(word) - len(token)) > 1 or not one_edit(token, word):
        return False
    return len(word) > _MIN_FUZZY or len(token) < len(word) or sorted(token) == sorted(word)


def readable(text: str) -> str:
    """The text as the date search should see it: no identifiers, shorthands and typos of day words fixed."""
    text = _IDENTIFIER.sub(" ", text[:_MAX_CHARS])
    known = _day_words()
    fuzzy = [w for w in known if len(w) >= _MIN_FUZZY]

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if low in known:
            return word
        if low in _SHORTHAND:
            return _SHORTHAND[low]
        if len(low) >= _MIN_FUZZY - 1:
            near = sorted(w for w in fuzzy if _typo_of(low, w))
            if len(near) == 1:
                return near[0]
        return word

    return _WORD.sub(fix, text)


def relative_days(texts: Iterable[tuple[str, datetime | None]]) -> set[date]:
    """Every day named in `(text, sent_at)` pairs; texts with no `sent_at` add nothing."""
    from dateparser.search import search_dates  # a 0.1 s import, needed only when a write passes a date

    days: set[date] = set()
    for text, sent_at in texts:
        if sent_at is None or not text.strip():
            continue
        base = sent_at.replace(tzinfo=None)
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
        try:
            clean = readable(text)
            found = search_dates(clean, languages=list(LANGUAGES), settings=settings)
        except Exception as exc:  # noqa: BLE001 - dateparser raises assorted errors on odd input
            logging.getLogger(__name__).debug("date search failed: %s", exc)
            continue
        placed_part = False
        for phrase, when in found or ():
            day = when.date()
            days.add(day)
            if _PART_OF_DAY.search(phrase):
                placed_part = True
                days.update((day - timedelta(days=1), day + timedelta(days=1)))
        # a part of the day no found phrase covers ("overnight" beside an "out" read as October)
        if not placed_part and _PART_OF_DAY.search(clean):
            days.update((base.date(), base.date() - timedelta(days=1)))
    return days
