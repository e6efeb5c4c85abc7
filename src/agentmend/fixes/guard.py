"""Risk class of a proposed change, and the prompt-injection screen for conversation text.

Conversation text is untrusted input. A change that copies it into instructions, touches policy wording,
removes lines or edits routing/config is high risk and always waits for a human.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from unidiff.patch import PatchSet

from agentmend.fixes.records import Edit
from agentmend.repo_config import RiskClass

NGRAM = 8  # a shared run of this many tokens counts as copied text

POLICY_WORDS = re.compile(
    r"\b(refunds?|refunded|prices?|pricing|discounts?|legal|lawsuits?|security|passwords?|compliance|gdpr"
    r"|escalation rules?|routing)\b",
    re.IGNORECASE,
)

_INJECTION_PATTERNS = (
    r"ignore (?:all |any |the )?(?:previous|prior|above|earlier|your) (?:instructions|rules|prompts?)",
    r"disregard (?:all |any |the )?(?:previous|prior|above|your) (?:instructions|rules)",
    r"forget (?:all |your )?(?:previous |prior )?instructions",
    r"system prompt",
    r"you are now",
    r"from now on,? you",
    r"new instructions",
    r"(?:add|write|put) (?:this |that )?(?:to|in|into) your (?:system )?(?:prompt|instructions)",
    r"developer mode",
    r"jailbreak",
    r"</?\s*(?:system|instructions?)\s*>",
    r"act as (?:an? )?(?:unrestricted|different)",
)
INJECTION = re.compile("|".join(f"(?:{p})" for p in _INJECTION_PATTERNS), re.IGNORECASE)
# Words that only ever appear in a cause's keywords because users tried to instruct the agent.
INJECTION_WORDS = frozenset(
    {"ignore", "previous", "instructions", "disregard", "prompt", "system", "jailbreak"}
)

_DESCRIPTION_KEY = re.compile(r'^(\s*)(?:-\s+)?["\']?description["\']?\s*:')
_TOKEN = re.compile(r"[a-z0-9]+")


def injection_suspects(text: str) -> list[str]:
    """The phrases in `text` that read like an attempt to instruct the agent or agentmend."""
    return [m.group(0) for m in INJECTION.finditer(text)]


class Assessment(NamedTuple):
    """Unpacks as `(risk, reasons)`."""

    risk: RiskClass
    reasons: tuple[str, ...]


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


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
        for word in sorted({m.group(0).lower() for m in POLICY_WORDS.finditer(added_text)}):
            high.append(f"touches policy-sensitive wording in {path}: '{word}'")
        for phrase in injection_suspects(added_text):
            high.append(f"added text in {path} reads like a prompt injection: '{phrase}'")
        if kind == "tool_descriptions":
            if rewording:
                low.append(f"rewords tool descriptions in {path}")
            else:
                medium.append(f"changes tool definitions in {path} beyond description wording")
        elif kind == "system_prompt" and added:
            medium.append(f"adds {len(added)} line(s) to the system prompt {path}")
    copied = copied_text("\n".join(added_all), conversation_texts)
    if copied:
        high.append(f"copies conversation text into instructions: '{copied}'")
    if high:
        return Assessment("high", tuple(dict.fromkeys(high)))
    if medium:
        return Assessment("medium", tuple(medium))
    return Assessment("low", tuple(low) or ("no instruction text changes",))
