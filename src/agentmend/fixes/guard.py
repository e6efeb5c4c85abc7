"""Risk class of a proposed change, judged by what the edit does; conversation text is never trusted.

A change that copies conversation text into instructions, reads like an injection, changes what the agent
does about money, permissions, escalation, safety or its own safeguards, removes lines, or edits
routing/config is high risk and always waits for a human. Every check runs on folded text
(`conversations/normalize.fold`), so `rеfund` with a Cyrillic е is a refund. The injection screen itself
lives in `conversations/injection.py`, beside the other rules for untrusted conversation text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from unidiff.patch import PatchSet

from agentmend.conversations.injection import INJECTION_WORDS, conversation_suspects, injection_suspects
from agentmend.conversations.normalize import fold
from agentmend.fixes.records import Edit
from agentmend.repo_config import RiskClass

__all__ = [
    "CONVERSATION_WORDING",
    "INJECTION_WORDS",
    "NO_CONVERSATION_WORDING",
    "Assessment",
    "classify",
    "conversation_suspects",
    "conversation_wording",
    "copied_text",
    "effects",
    "injection_suspects",
]

NGRAM = 8  # a shared run of this many tokens counts as copied text

POLICY_WORDS = re.compile(
    r"\b(refunds?|refunded|prices?|pricing|discounts?|legal|lawsuits?|security|passwords?|compliance|gdpr"
    r"|escalation rules?|routing)\b",
    re.IGNORECASE,
)


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


# What an edit *does*, judged on folded text: a rule that moves money, grants access, keeps users from a
# human, touches safety or legal ground, or removes a safeguard needs a human, whatever words it uses.
_EFFECTS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    (
        "money",
        "moves money (refunds, credits, prices)",
        _rx(
            r"refund\w*",
            r"reimburs\w*",
            r"money back",
            r"pay(?:s|ing)? (?:them |users |customers |it |people )?(?:back|out)",
            r"payouts?",
            r"compensat\w*",
            r"chargebacks?",
            r"rebates?",
            r"vouchers?",
            r"coupons?",
            r"discount\w*",
            r"(?:store|account) credit",
            r"(?:issue|give|grant|add) (?:a |an |the )?(?:credit|refund)",
            r"credit (?:the|their|his|her) account",
            r"free of charge",
            r"for free",
            r"waive\w* (?:the |any )?(?:fee|charge|cost)s?",
            r"cash ?back",
            r"pric(?:e|es|ing)",
            r"(?:give|send|return|transfer|wire) (?:the |their |them |back )?(?:money|funds|payments?)",
            r"rembours\w*",
            r"erstatt\w*",
            r"ruckerstatt\w*",
            r"geld zuruck",
            r"gutschrift\w*",
            r"reembols\w*",
            r"devolver (?:el )?dinero",
        ),
    ),
    (
        "permissions",
        "changes who may do what (access, accounts, credentials)",
        _rx(
            r"(?:grant|give|add|elevate|escalate|extend|assign|upgrade|make) (?:\w+ ){0,3}(?:admin\w*|owners?"
            r"|permissions?|privileges?|access|rights|roles?)",
            r"admin (?:access|rights|roles?|privileges?|permissions?)",
            r"(?:full|root|sudo|owner) (?:access|rights)",
            r"impersonat\w*",
            r"unlock\w* (?:the |their |any )?accounts?",
            (
                r"(?:reset|disable|remove|turn off|skip) (?:the |their )?(?:mfa|2fa|two-factor"
                r"|password|verification)"
            ),
            r"passwords?",
            r"credentials?",
            r"api keys?",
            r"delete (?:the |their |a )?(?:account|data|user)s?",
        ),
    ),
    (
        "escalation",
        "keeps users from a human",
        _rx(
            (
                r"(?:never|don't|do not|avoid|stop|no longer) (?:\w+ )?(?:escalat\w*|hand ?off"
                r"|hand over|transfer\w*"
                r"|offer (?:a )?(?:human|handoff))"
            ),
            r"escalation rules?",
            r"(?:without|instead of) (?:\w+ )?(?:escalat\w*|a human|hand ?off)",
        ),
    ),
    (
        "safety",
        "touches safety, legal or privacy ground",
        _rx(
            r"legal\w*",
            r"lawsuits?",
            r"complian\w*",
            r"gdpr",
            r"hipaa",
            r"medical",
            r"diagnos\w*",
            r"dosage",
            r"self-harm",
            r"suicid\w*",
            r"weapons?",
            r"security",
            r"privacy",
            r"personal data",
            r"consent",
        ),
    ),
    (
        "safeguards",
        "removes a check or safeguard",
        _rx(
            (
                r"without (?:any |a |the |further )?(?:checks?|checking|verif\w*|approv\w*|confirm\w*"
                r"|review\w*|asking"
                r"|limits?|questions?)"
            ),
            r"no (?:need (?:to|for) )?(?:checks?|verif\w*|approv\w*|confirm\w*)",
            r"skip\w* (?:the |any )?(?:checks?|verif\w*|approv\w*|confirm\w*)",
            r"(?:never|don't|do not) (?:need to )?(?:ask|check|verify|confirm|refuse|decline|deny)",
            r"always (?:approve|accept|grant|agree|say yes|comply)",
            r"automatically (?:approve|grant|accept)",
            r"regardless of",
            r"no matter what",
            r"unconditional\w*",
            r"ohne (?:prufung|kontrolle|nachfrage|bestatigung)",
            r"sans (?:verification|controle|confirmation)",
            r"sin (?:verificacion|comprobacion|confirmacion)",
        ),
    ),
)

# Runs of this many words shared with a conversation and new to the target are wording the conversations
# wrote. Such an edit may be proposed, but never merged without a human (`watch/automerge.py`).
WORDING_NGRAM = 3
CONVERSATION_WORDING = "carries wording taken from the conversations"
NO_CONVERSATION_WORDING = (
    "no wording taken from the conversations (no 3-word run of theirs is new to the target)"
)

_DESCRIPTION_KEY = re.compile(r'^(\s*)(?:-\s+)?["\']?description["\']?\s*:')
_TOKEN = re.compile(r"[a-z0-9]+")


class Assessment(NamedTuple):
    """Unpacks as `(risk, reasons)`."""

    risk: RiskClass
    reasons: tuple[str, ...]


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def _ngrams(tokens: list[str], n: int = NGRAM) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def copied_text(added: str, conversation_texts: Iterable[str], n: int = NGRAM) -> str | None:
    """The longest run of ≥ n tokens that the added text shares with any conversation text, if any."""
    wanted = _ngrams(_tokens(added), n)
    if not wanted:
        return None
    best: list[str] = []
    for text in conversation_texts:
        toks = _tokens(text)
        i = 0
        while i <= len(toks) - n:
            if tuple(toks[i : i + n]) not in wanted:
                i += 1
                continue
            end = i + n
            while end < len(toks) and tuple(toks[end - n + 1 : end + 1]) in wanted:
                end += 1
            if end - i > len(best):
                best = toks[i:end]
            i = end
    return " ".join(best) or None


def _effect_text(text: str) -> str:
    return fold(text).replace("_", " ")  # `reset_mfa` and "reset MFA" are one thing


def effects(text: str, existing: str = "") -> list[tuple[str, str]]:
    """(what the text does, the words that say so) for each effect that needs a human, on folded text.

    Words the target already had (`existing`, e.g. the tool `reset_mfa` being described) are not new.
    """
    folded, before = _effect_text(text), _effect_text(existing)
    found: list[tuple[str, str]] = []
    for _name, label, pattern in _EFFECTS:
        hits = list(dict.fromkeys(m.group(0) for m in pattern.finditer(folded) if m.group(0) not in before))
        if hits:
            found.append((label, "', '".join(hits[:3])))
    return found


def conversation_wording(
    added: str, conversation_texts: Iterable[str], existing: Iterable[str] = (), n: int = WORDING_NGRAM
) -> str | None:
    """A run of ≥ n words the added text shares with a conversation and the target did not have before."""
    known: set[tuple[str, ...]] = set()
    for text in existing:
        known |= _ngrams(_tokens(text), n)
    wanted = _ngrams(_tokens(added), n) - known
    if not wanted:
        return None
    for text in conversation_texts:
        toks = _tokens(text)
        for i in range(len(toks) - n + 1):
            if tuple(toks[i : i + n]) in wanted:
                end = i + n
                while end < len(toks) and tuple(toks[end - n + 1 : end + 1]) in wanted:
                    end += 1
                return " ".join(toks[i:end])
    return None


def description_lines(text: str) -> set[int]:
    """1-based numbers of the lines that belong to a `description` field (key line and continuations)."""
    lines = text.splitlines()
    found: set[int] = set()
    i = 0
    while i < len(lines):
        m = _DESCRIPTION_KEY.match(lines[i])
        if not m:
            i += 1
            continue
        indent = len(m.group(1))
        found.add(i + 1)
        i += 1
        while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
            if _DESCRIPTION_KEY.match(lines[i]):
                break
            found.add(i + 1)
            i += 1
    return found


def classify(
    edits: Iterable[Edit],
    diff: str,
    target_kinds: Mapping[str, str],
    conversation_texts: Iterable[str],
    *,
    old_texts: Mapping[str, str] | None = None,
    new_texts: Mapping[str, str] | None = None,
) -> Assessment:
    """Risk class with every reason that led to it; the highest reason wins."""
    del edits  # the diff is the ground truth of what changes; edits are accepted for the signature's sake
    conversation_texts = list(conversation_texts)
    high: list[str] = []
    medium: list[str] = []
    low: list[str] = []
    added_all: list[str] = []
    for pf in PatchSet(diff):
        path = pf.path
        kind = target_kinds.get(path, "unknown")
        if kind in ("routing", "config") or kind == "unknown":
            high.append(f"edits {path}, a {kind} target (routing and config changes always need a human)")
        old_desc = description_lines(old_texts[path]) if old_texts and path in old_texts else None
        new_desc = description_lines(new_texts[path]) if new_texts and path in new_texts else None
        added = [line for hunk in pf for line in hunk if line.is_added]
        removed = [line for hunk in pf for line in hunk if line.is_removed]
        added_text = "".join(line.value for line in added)
        added_all.append(added_text)

        def in_desc(line_no: int | None, desc: set[int] | None, value: str) -> bool:
            if desc is not None and line_no is not None:
                return line_no in desc
            return bool(_DESCRIPTION_KEY.match(value))

        rewording = (
            kind == "tool_descriptions"
            and all(in_desc(line.source_line_no, old_desc, line.value) for line in removed)
            and all(in_desc(line.target_line_no, new_desc, line.value) for line in added)
        )
        if removed and not rewording:
            shown = ", ".join(str(line.source_line_no) for line in removed[:5])
            high.append(f"removes or rewrites {len(removed)} line(s) of {path} (line {shown})")
        for word in sorted({m.group(0).lower() for m in POLICY_WORDS.finditer(fold(added_text))}):
            high.append(f"touches policy-sensitive wording in {path}: '{word}'")
        for label, words in effects(added_text, (old_texts or {}).get(path, "")):
            high.append(f"the edit to {path} {label}: '{words}'")
        for phrase in injection_suspects(added_text):
            high.append(f"added text in {path} reads like a prompt injection: '{phrase}'")
        if kind == "tool_descriptions":
            if rewording:
                low.append(f"rewords tool descriptions in {path}")
            else:
                medium.append(f"changes tool definitions in {path} beyond description wording")
        elif kind == "system_prompt" and added:
            medium.append(f"adds {len(added)} line(s) to the system prompt {path}")
    added_text = "\n".join(added_all)
    copied = copied_text(added_text, conversation_texts)
    if copied:
        high.append(f"copies conversation text into instructions: '{copied}'")
    wording = conversation_wording(added_text, conversation_texts, (old_texts or {}).values())
    said = f"{CONVERSATION_WORDING}: '{wording}'" if wording else NO_CONVERSATION_WORDING
    if high:
        return Assessment("high", (*dict.fromkeys(high), said))
    if medium:
        return Assessment("medium", (*medium, said))
    return Assessment("low", (*(low or ["no instruction text changes"]), said))
