"""Does conversation text try to instruct the agent, or agentmend? Judged on folded text, whole conversations.

Conversation text reaches a model (as quoted data) and can shape a proposed edit, so an attempt to give
orders through it must be recognised however it is dressed: lookalike letters, zero-width characters,
letters spelled out, leetspeak (all undone by `normalize.fold`), paraphrases ("ignore everything above",
"disregard prior rules", "you are now…"), French, German and Spanish, base64-wrapped text (decoded and
judged again), and an attempt split over several user turns (the turns are also judged joined).

Hand-written patterns: no maintained offline library for prompt-injection detection exists on PyPI
(the ones there call a hosted model or download one, which agentmend must not do at run time). The
patterns describe the *intent* (override earlier instructions, take a new role, reach the system prompt,
smuggle instructions into the prompt) rather than exact sentences, and are tested on a corpus of crafted
attempts and of ordinary support conversations in `tests/fixes/test_injection_corpus.py`.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable

from agentmend.conversations.normalize import fold, unleet

_ANY = (
    r"(?:all|any|the|your|my|these|those|every|each|of|previous|prior|earlier|above|preceding|former"
    r"|original|initial|existing|old|system|safety|current|given|other|\s)*"
)
_RULES = (
    r"(?:instructions?|rules?|prompts?|guidelines?|directions?|directives?|polic(?:y|ies)|constraints?"
    r"|restrictions?|programming|guardrails?|training)"  # not "order", "message": "cancel my order"
)
_OVERRIDE_VERBS = (
    r"(?:ignore|disregard|forget|override|overrule|bypass|skip|drop|discard|abandon|neglect|cancel"
    r"|erase|delete|set aside)"
)

# Nouns an override aims at, for the looser "verb … noun within a few words" forms (no "message":
# "disregard my last message" is ordinary talk).
_AIMS = (
    r"(?:instructions?|rules?|prompts?|guidelines?|guidance|directions?|directives?|polic(?:y|ies)"
    r"|constraints?|restrictions?|programming|guardrails?|training|vorgaben|anweisungen|regeln|consignes"
    r"|instrucciones|reglas|normas)"
)
_OVERRIDDEN = (
    r"(?:ignored|disregarded|forgotten|overridden|overruled|void|invalid|revoked|cancell?ed|obsolete)"
)

_EN = (
    rf"\b{_OVERRIDE_VERBS}\b(?:\W+\w+){{0,6}}?\W+{_AIMS}\b",
    rf"\b{_AIMS}\b(?:\W+\w+){{0,4}}?\W+(?:are|is|be|been|now)\W+(?:\w+\W+)?{_OVERRIDDEN}\b",
    rf"\b{_AIMS}\b(?:\W+\w+){{0,3}}?\W+no longer (?:apply|valid|in effect|count)\b",
    r"\b(?:you(?:'re| are)|the (?:assistant|bot|agent|ai|model)(?: is)?) (?:now )?(?:allowed|permitted"
    r"|authori[sz]ed|required|instructed) to\b",
    r"\bthe (?:assistant|bot|agent|ai|model) (?:must|shall|has to|needs to) (?!be\b|have\b)",
    r"\brepeat after me\b",
    r"\b(?:remember|store|save|memori[sz]e|keep) (?:this|that|it)\b.{0,20}\b(?:permanently|forever"
    r"|in your (?:memory|prompt|instructions|rules))",
    rf"\b{_OVERRIDE_VERBS} {_ANY}{_RULES}\b",
    (
        rf"\b{_OVERRIDE_VERBS} (?:everything|anything|all(?: of)? that|what (?:i|you were|was) (?:said"
        rf"|told|given))"
        r"(?: (?:above|before|earlier|previously|so far|until now|you (?:were|have been) told))?"
    ),
    r"\b(?:do not|don't|stop) (?:follow|obey|listen to|apply) (?:your |the |any |those |these )?"
    r"(?:previous |prior |original )?" + _RULES,
    r"\b(?:no longer|not) (?:bound|restricted|limited) by\b",
    r"\byou are now\b",
    r"\byou(?:'re| are) no longer\b",
    r"\bfrom now on,? (?:you|act|respond|answer|behave|always|never|reply)",
    r"\b(?:pretend|imagine) (?:that )?(?:you are|you're|to be)\b",
    r"\bact as (?:if|an? |the |my )",
    r"\b(?:roleplay|role-play|role play) as\b",
    r"\bnew (?:system )?(?:instructions?|prompt|persona)\b",  # not "new rules for our team"
    r"\bsystem (?:prompt|message|instructions?)\b",
    r"\b(?:developer|debug|god|admin|sudo|unrestricted|dan) mode\b",
    r"\bjailbreak",
    r"\bdo anything now\b",
    (
        r"\b(?:reveal|show|print|repeat|output|leak|display|tell me) (?:me )?(?:your|the) (?:system "
        r"|hidden |initial |original )?(?:prompt|instructions|rules)\b"
    ),
    (
        r"\b(?:add|write|put|insert|include|append|save|store) (?:this|that|the following|these"
        r"|it)?\s*(?:rule |line |note |sentence )?(?:to|in|into|inside) (?:your"
        r"|the) (?:system )?(?:prompt|instructions|rules|memory|configuration)\b"
    ),
    r"\b(?:update|change|modify|rewrite|edit) (?:your|the) (?:system )?(?:prompt|instructions|rules)\b",
    (
        r"\b(?:note|message|instruction|request) (?:to|for) (?:the )?(?:ai|assistant|model|bot|llm"
        r"|agent|agentmend|reviewer|developer)s?\b"
    ),
    r"\b(?:tell|instruct|make|order|teach) (?:the |your )?(?:ai|assistant|model|bot|agent|llm)"
    r" (?:to|that)\b",
    r"\bagentmend\b.{0,40}\b(?:add|write|change|propose|insert|put)\b",
    r"</?\s*(?:system|instructions?|assistant|developer|im_start|im_end)\s*>",
    r"<\|im_(?:start|end)\|>|\[/?(?:system|inst)\]|^#{1,4} ?(?:system|instructions?)\b",
    r"\b(?:without|with no|no) (?:any )?(?:restrictions|filters|limits|rules|guardrails|censorship)\b",
    (
        r"\b(?:override|bypass|disable|turn off) (?:the |your |all )?(?:safety|security|content"
        r"|filters?|guardrails?|checks?)\b"
    ),
)
_FR = (
    (
        r"\b(?:ignore[rz]?|oublie[rz]?|neglige[rz]?|annule[rz]?) (?:toutes |tous |tout )?(?:les |tes "
        r"|vos |ces |mes )?"
        r"(?:instructions?|regles?|consignes?|directives?|ordres?)"
    ),
    r"\b(?:ignore[rz]?|oublie[rz]?) (?:tout )?(?:ce qui precede|ce qui est au-dessus|ce que j'ai dit)",
    r"\bne (?:tiens|tenez) (?:pas|plus) compte\b",
    r"\bfai(?:s|tes) (?:abstraction|comme si)\b",
    r"\b(?:tu es|vous etes) (?:maintenant|desormais|dorenavant)\b",
    r"\b(?:a partir de maintenant|desormais|dorenavant),? (?:tu|vous|reponds|repondez|agis|agissez)\b",
    r"\bnouvelles? (?:instructions?|regles?|consignes?)\b",
    r"\b(?:prompt|invite|message) (?:du )?systeme\b",
    r"\bagi(?:s|ssez) (?:comme|en tant que)\b",
)
_FR_MORE = (
    r"\b(?:reponds|repondez|agis|agissez|comporte-toi|comportez-vous)\b.{0,20}\b(?:desormais|dorenavant"
    r"|a partir de maintenant)\b",
)
_DE = (
    r"\b(?:anweisungen|regeln|vorgaben|instruktionen|richtlinien|befehle)\b.{0,30}\b(?:ignorieren"
    r"|vergessen|missachten|uberschreiben)\b",
    r"\b(?:ignoriere|ignorier|ignorieren|vergiss|vergessen|missachte|missachten|uberschreibe)\b.{0,40}"
    r"\b(?:anweisungen|anweisung|regeln|instruktionen|befehle|vorgaben|richtlinien)\b",
    r"\b(?:ignoriere|vergiss) (?:alles|alle|das) (?:oben|vorher|davor|bisherige|vorherige)",
    r"\bdu bist (?:jetzt|nun|ab sofort|ab jetzt)\b",
    r"\bab (?:jetzt|sofort),? (?:bist|antwortest|verhaltst|handelst) du\b",
    r"\bneue (?:anweisungen|regeln|instruktionen)\b",
    r"\bsystem-?(?:prompt|anweisung|nachricht)\b",
    r"\b(?:tu|tue) so,? als (?:ob|warst|seist)\b",
)
_ES = (
    (
        r"\b(?:ignora|ignore|ignorar|olvida|olvide|olvidar|descarta|omite)\b.{0,30}\b(?:instrucciones"
        r"|reglas|indicaciones|normas|ordenes)\b"
    ),
    r"\bhaz caso omiso\b",
    r"\b(?:ahora eres|ahora seras|a partir de ahora,? (?:eres|seras|responde|actua))\b",
    r"\bnuevas (?:instrucciones|reglas)\b",
    r"\b(?:prompt|mensaje|instrucciones) del sistema\b",
    r"\b(?:finge|actua como|haz como si)\b",
)
INJECTION = re.compile(
    "|".join(f"(?:{p})" for p in (*_EN, *_FR, *_FR_MORE, *_DE, *_ES)), re.IGNORECASE | re.MULTILINE
)

# Words that only ever appear in a cause's keywords because users tried to instruct the agent.
INJECTION_WORDS = frozenset(
    {"ignore", "previous", "instructions", "disregard", "prompt", "system", "jailbreak"}
)

_BASE64 = re.compile(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{16,}={0,2}(?![A-Za-z0-9+/=_-])")
_ROLE = re.compile(
    r"^\s*(?:user|customer|human|client|assistant|agent|bot|ai|tool|system)\s*:\s*", re.IGNORECASE
)


def _decoded(text: str) -> list[str]:
    """Text hidden in base64 runs (standard or URL-safe) that decodes to readable UTF-8."""
    out = []
    for m in _BASE64.finditer(text):
        run = m.group(0)
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                raw = decode(run + "=" * (-len(run) % 4))
                plain = raw.decode("utf-8")
            except (binascii.Error, ValueError, UnicodeDecodeError):
                continue
            if plain and sum(c.isprintable() or c.isspace() for c in plain) / len(plain) > 0.95:
                out.append(plain)
                break
    return out


def _scan(text: str, depth: int = 0) -> list[str]:
    folded = fold(text)
    found = [m.group(0).strip() for m in INJECTION.finditer(folded)]
    # leetspeak, and the words alone ("IGNORE. ALL. PREVIOUS. INSTRUCTIONS.")
    for variant in {unleet(folded), " ".join(re.findall(r"[a-z0-9']+", folded))} - {folded}:
        found += [m.group(0).strip() for m in INJECTION.finditer(variant)]
    if depth < 2:
        for plain in _decoded(text):
            found += [f"base64: {hit}" for hit in _scan(plain, depth + 1)]
    return found


_AGENT_ROLES = frozenset({"assistant", "agent", "bot", "ai", "tool", "system"})


def _turns(text: str) -> list[tuple[str, str]]:
    """(role, text) of the turns of a transcript excerpt (`User: …` / `Agent: …` lines)."""
    turns: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        m = _ROLE.match(line)
        if m or not turns:
            role = m.group(0).split(":")[0].strip().lower() if m else "user"
            turns.append((role, []))
        turns[-1][1].append(_ROLE.sub("", line))
    return [(role, " ".join(lines)) for role, lines in turns]


def injection_suspects(text: str) -> list[str]:
    """The phrases in `text` that read like an attempt to instruct the agent or agentmend (folded form).

    A transcript excerpt is judged turn by turn, and its user turns joined (a split attempt).
    """
    turns = _turns(text)
    if len(turns) <= 1:
        return list(dict.fromkeys(_scan(text)))
    return conversation_suspects(
        [t for role, t in turns if role not in _AGENT_ROLES], also=[t for _, t in turns]
    )


def conversation_suspects(user_turns: Iterable[str], also: Iterable[str] = ()) -> list[str]:
    """Suspects in any turn, and in the user's turns joined (an attempt split over several messages)."""
    turns = list(user_turns)
    found = [hit for turn in [*turns, *also] for hit in _scan(turn)]
    if len(turns) > 1:
        found += _scan(" ".join(turns))
    return list(dict.fromkeys(found))
