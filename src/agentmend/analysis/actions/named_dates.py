"""The calendar days a user named in words, relative ones resolved against when they said them.

"yesterday", "el lunes", "ontem", "last Friday", "two days ago" name a day only together with the moment the
message was sent: the turn's timestamp, else the conversation's start. dateparser does the multilingual
reading (its date-search, with past dates preferred, as an incident or a trip already taken); a message with
no known moment cannot ground a relative day and is left to the absolute forms (`grounding._month_days`).

A part of the day ("last night", "esta mañana", "in the night", "heute Morgen") names the day it was said
or the one before, and dateparser reads some of them a day off ("mañana" is also "tomorrow"): such a
mention grounds the day it resolves to and its neighbours, or, when dateparser finds nothing, the day the
message was sent and the day before.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

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
            found = search_dates(text[:_MAX_CHARS], languages=list(LANGUAGES), settings=settings)
        except Exception as exc:  # noqa: BLE001 - dateparser raises assorted errors on odd input
            logging.getLogger(__name__).debug("date search failed: %s", exc)
            continue
        for phrase, when in found or ():
            day = when.date()
            days.add(day)
            if _PART_OF_DAY.search(phrase):
                days.update((day - timedelta(days=1), day + timedelta(days=1)))
        if not found and _PART_OF_DAY.search(text):
            days.update((base.date(), base.date() - timedelta(days=1)))
    return days
