"""Over a policy limit: a write passes an amount above a cap the agent's own system prompt states ("Goodwill
credits must not exceed 20 GBP / 25 EUR / 60 PLN", "compensation of up to $100").

A cap is an amount with its currency after "must not exceed", "no more than", "up to", "at most",
"maximum", "capped at" in a sentence of the system prompt (a bare "up to 5 passengers" is none; "$100 per
passenger" caps no total). It applies to a write when the sentence names it: a word of its text arguments
(reason "goodwill"), or, for a write with none, its name's object ("issue_compensation"). Where the
sentence gives one cap per currency, the conversation's currency (an argument, a tool result's `currency`,
or a symbol the agent wrote) picks it; with none known, the largest cap. Running totals ("including the
credits of the last 12 months") are not added up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from agentmend.analysis.actions.calls import MONEY_KEY, CallResult, argument_leaves, is_write, name_words
from agentmend.analysis.actions.text import call_text
from agentmend.analysis.records import SignalHit
from agentmend.conversations.model import Conversation
from agentmend.repo_config import ActionsConfig

_CAP_WORDS = re.compile(
    r"\b(?:must\s+not|may\s+not|cannot|can\s*not|never|should\s+not|do\s+not)\s+(?:be\s+)?exceed(?:s|ing)?"
    r"|\b(?:no|not)\s+more\s+than|\bup\s+to|\bat\s+most|\bmaximum(?:\s+of)?|\bcapped\s+at|\blimit(?:ed)?\s+(?:of|to)",
    re.IGNORECASE,
)
_SYMBOL = {"£": "GBP", "$": "USD", "€": "EUR", "zł": "PLN"}
_CODES = {"gbp": "GBP", "usd": "USD", "eur": "EUR", "pln": "PLN", "dollars": "USD", "euros": "EUR",
          "pounds": "GBP", "złoty": "PLN", "zloty": "PLN"}  # fmt: skip
_AMOUNT_AT = re.compile(  # an amount with its currency, right where the search starts
    r"\s*(?P<pre>[£$€])?\s?(?P<n>\d+(?:[.,]\d{1,2})?)\s?(?P<post>gbp|usd|eur|pln|dollars|euros|pounds|złoty|zloty|zł)?"
    r"(?!\w)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*(?:[-*#]|\d+\.)\s*|\n\s*\n")  # or a bullet, or a blank line
_PER_UNIT = re.compile(r"\s*(?:per|each|a|an)\s+(?!year|month|week|day|rolling)\w+", re.IGNORECASE)
_SEP = re.compile(r"\s*(?:/|or\b|,)\s*", re.IGNORECASE)
_WORDS = re.compile(r"[a-z]{4,}")


@dataclass(frozen=True)
class Cap:
    amount: float
    currency: str
    words: frozenset[str]  # content words of the sentence that states it
    sentence: str


def caps_in(policy: str) -> list[Cap]:
    """Every amount with a currency right after a cap phrase; "20 GBP / 25 EUR / 60 PLN" is three caps."""
    caps = []
    for sentence in _SENTENCE_END.split(policy):
        sentence = " ".join(sentence.split())  # a sentence wrapped over lines is one sentence
        words = frozenset(_WORDS.findall(sentence.lower()))
        for m in _CAP_WORDS.finditer(sentence):
            pos = m.end()
            while a := _AMOUNT_AT.match(sentence, pos):
                symbol = (a["pre"] or a["post"] or "").lower()
                currency = _SYMBOL.get(symbol) or _CODES.get(symbol)
                if currency is None:
                    break  # "up to 5 passengers" is no money cap
                if not _PER_UNIT.match(sentence, a.end()):  # "$100 per passenger" caps no total
                    caps.append(Cap(float(a["n"].replace(",", ".")), currency, words, sentence.strip()))
                if not (sep := _SEP.match(sentence, a.end())):
                    break
                pos = sep.end()
    return caps


def _currency(conv: Conversation, c: CallResult) -> str | None:
    args = c.arguments if isinstance(c.arguments, dict) else {}
    if isinstance(code := args.get("currency"), str):
        return code.upper()
    for turn in reversed(conv.turns[: c.call_turn]):
        if turn.role == "tool":
            m = re.search(r'"currency"\s*:\s*"([A-Za-z]{3})"', turn.text)
            if m:
                return m[1].upper()
        elif turn.role == "assistant":
            for symbol, code in _SYMBOL.items():
                if symbol in turn.text:
                    return code
    return None


def _is_money(key: str, value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and bool(MONEY_KEY.search(key))


def _value_words(args: object) -> set[str]:
    """The words of the call's text values (reason "goodwill", a note), never of its keys."""
    if isinstance(args, dict):
        return {w for v in args.values() for w in _value_words(v)}
    if isinstance(args, list):
        return {w for v in args for w in _value_words(v)}
    return set(_WORDS.findall(args.lower())) if isinstance(args, str) else set()


def _about(c: CallResult, caps: list[Cap]) -> list[Cap]:
    """The caps whose sentence names this write: by a word of its text values when it has any (a credit with
    reason "billing_error" is not the goodwill credit a cap is about), else by its name's object."""
    said = _value_words(c.arguments)
    if said:
        return [cap for cap in caps if cap.words & said]
    objects = {w for w in name_words(c.name) if len(w) >= 4}
    return [cap for cap in caps if any(w in cap.words or w + "s" in cap.words for w in objects)]


def over_limits(
    conv: Conversation, calls: tuple[CallResult, ...], cfg: ActionsConfig, declared_writes: Iterable[str],
    policy: str,
) -> list[SignalHit]:  # fmt: skip
    caps = caps_in(policy)
    if not caps:
        return []
    declared_writes = tuple(declared_writes)
    hits = []
    for c in calls:
        if not is_write(c.name, cfg, declared_writes) or c.failed:
            continue
        relevant = _about(c, caps)
        if not relevant:
            continue
        currency = _currency(conv, c)
        amounts = [(k, float(v)) for k, v in argument_leaves(c.arguments) if _is_money(k, v)]
        for key, amount in amounts:
            same = [cap for cap in relevant if cap.currency == currency] if currency else relevant
            if not same:
                continue
            limit = max(same, key=lambda cap: cap.amount)
            if amount > limit.amount + 1e-9:
                cur = f" {limit.currency}"
                hits.append(SignalHit(
                    "over_policy_limit", c.call_turn,
                    f"{call_text(c.name, c.call.arguments, 80)} — {key}={amount:g} over the policy's "
                    f"{limit.amount:g}{cur}: “{limit.sentence[:90]}”",
                    tool=c.name,
                ))  # fmt: skip
                break
    return hits
