"""Claimed but not done: the assistant says an action happened ("I've cancelled…", "your refund has been
issued") and no successful call of a matching tool came before it.

Only read where the export shows tool calls at all (a conversation with none may come from an agent whose
tool use is not logged). A claim right after successful calls that may write (since the user last spoke) is
taken to report them — a tool not known to only read counts, so "I've added the file" after `upload_document`
is no false claim; otherwise it must match an earlier successful call by its verb family (cancelled ↔
cancel/void, booked ↔ book/reserve/create, …); claims that name no family ("processed", "done") match any
successful write.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from agentmend.analysis.actions.calls import CallResult, is_read, is_write, name_words
from agentmend.analysis.actions.text import excerpt, normal
from agentmend.analysis.records import SignalHit
from agentmend.conversations.model import Conversation
from agentmend.repo_config import ActionsConfig

FAMILIES: dict[str, tuple[str, ...]] = {
    "cancel": ("cancel", "void", "delete", "remove", "terminate", "refund"),
    "book": ("book", "reserve", "create", "schedule", "order", "place", "purchase", "buy"),
    "update": ("update", "modify", "change", "edit", "set", "upgrade", "downgrade", "switch", "move"),
    "refund": ("refund", "cancel", "credit", "compensate", "certificate", "return", "update", "modify"),
    "send": ("send", "email", "notify", "message", "issue", "certificate", "mail"),
    "add": ("add", "update", "modify", "create", "attach", "insert"),
    "remove": ("remove", "delete", "update", "modify", "cancel"),
    "reset": ("reset", "update", "set"),
    "transfer": ("transfer", "escalate", "handoff"),
    "issue": ("issue", "send", "certificate", "refund", "credit", "create"),
    "any": (),
}
_VERB_FAMILY = {
    "cancel": "cancel",
    "cancell": "cancel",
    "void": "cancel",
    "delet": "remove",
    "remov": "remove",
    "book": "book",
    "reserv": "book",
    "creat": "book",
    "schedul": "book",
    "plac": "book",
    "order": "book",
    "updat": "update",
    "modifi": "update",
    "modif": "update",
    "chang": "update",
    "switch": "update",
    "upgrad": "update",
    "downgrad": "update",
    "mov": "update",
    "edit": "update",
    "refund": "refund",
    "credit": "refund",
    "sent": "send",
    "email": "send",
    "issu": "issue",
    "add": "add",
    "reset": "reset",
    "transferr": "transfer",
    "agend": "book",
    "program": "book",
    "marcad": "book",
    "réserv": "book",
    "gebucht": "book",
    "prenot": "book",
    "anul": "cancel",
    "annul": "cancel",
    "storn": "cancel",
    "confirm": "any",
    "bestätigt": "any",
    "conferm": "any",
    "process": "any",
    "submitt": "any",
    "complet": "any",
    "appli": "any",
    "done": "any",
}
_PAST = (
    r"cancel(?:l)?ed|voided|deleted|removed|booked|reserved|created|scheduled|placed|ordered|updated|modified|changed"
    r"|switched|upgraded|downgraded|moved|edited|refunded|credited|sent|emailed|issued|added|reset|transferred"
    r"|processed|submitted|completed|applied|dispatched|shipped|posted|activated"
)
# "I have done it" in the other languages agentmend's lexicons cover: the auxiliary (or Polish first-person
# past) and a participle of a write, each mapped to its family below
_FOREIGN_PAST = (
    # it: ho / abbiamo ordinato
    r"\b(?:ho|abbiamo)\s+(?:già\s+|appena\s+|anche\s+)?((?:ordinat|inviat|spedit|prenotat|annullat|cancellat|modificat"
    r"|cambiat|aggiornat|rimborsat|accreditat|fissat)[oaie])"
    # es: he / hemos enviado; envié
    r"|\b(?:he|hemos)\s+(?:ya\s+)?((?:pedid|enviad|reservad|cancelad|anulad|modificad|cambiad|actualizad"
    r"|reembolsad|programad|agendad)[oa]s?)|\b(envié|cancelé|reservé|cambié|actualicé|reembolsé)"
    # pt: enviei, cancelei
    r"|\b(enviei|cancelei|reservei|agendei|alterei|atualizei|reembolsei|encomendei)"
    # fr: j'ai / nous avons envoyé
    r"|\b(?:j'ai|nous\s+avons)\s+(?:bien\s+|déjà\s+)?((?:command|envoy|réserv|annul|modifi|chang|rembours|programm)ée?s?)"
    # de: ich habe / wir haben … bestellt
    r"|\b(?:ich\s+habe|wir\s+haben|habe\s+ich|haben\s+wir)\s+(?:[^\W\d]+\s+){0,5}?(bestellt|gesendet|geschickt"
    r"|verschickt|gebucht|storniert|geändert|aktualisiert|erstattet|reserviert)"
    # nl: ik heb / we hebben … besteld
    r"|\b(?:ik\s+heb|we\s+hebben|heb\s+ik|hebben\s+we)\s+(?:[^\W\d]+\s+){0,5}?(besteld|verstuurd|verzonden|gestuurd"
    r"|geboekt|geannuleerd|gewijzigd|aangepast|bijgewerkt|terugbetaald|ingepland)"
    # pl: zamówiłem / wysłałam
    r"|\b((?:zamówi|wysła|anulowa|zmieni|zarezerwowa|zaktualizowa|zwróci|umówi)(?:łem|łam|liśmy|łyśmy))"
)
_FOREIGN_STEMS = (
    (
        "book",
        "ordin pedid command bestel zamówi encomend geboekt zarezerw fissat ingepland umówi agend "
        "program reserv réserv prenot gebucht",
    ),
    ("send", "inviat spedit envi envoy gesendet geschickt verschickt verstuurd verzonden gestuurd wysła"),
    ("cancel", "annul anul cancel storn geannuleerd"),
    (
        "update",
        "modific modifi cambi aggiorn actualiz chang geändert aktualisiert gewijzigd aangepast "
        "bijgewerkt zmieni zaktualiz alter atualiz",
    ),
    ("refund", "rimbors reembols rembours erstattet terugbetaald zwróci accredit"),
)
_FOREIGN_FAMILY = {stem: family for family, stems in _FOREIGN_STEMS for stem in stems.split()}
CLAIM = re.compile(
    rf"\b(?:i(?:'ve|\s+have)|we(?:'ve|\s+have))\s+(?:now\s+|just\s+|already\s+|also\s+)?(?:successfully\s+)?({_PAST})\b"
    rf"|\b(?:has|have)\s+(?:now\s+|also\s+)?(?:been\s+)(?:successfully\s+)?({_PAST})\b"
    rf"|\b(?:is|are)\s+now\s+({_PAST})\b"
    rf"|\bsuccessfully\s+({_PAST})\b"
    r"|\b(?:all\s+done|it'?s\s+done|that'?s\s+done)\b"
    rf"|\b(?:is|are)\s+(?:now\s+)?being\s+({_PAST})\b"
    r"|\b(?:is|are|'s|'re)\s+all\s+set\s+up\b"
    r"|\b(?:is|are)\s+(?:now\s+)?on\s+(?:its|their|the)\s+way\b"
    # "on its way" in nl, pl, it, es, pt, de, fr
    r"|\b(?:is|zijn)\s+(?:al\s+)?onderweg\b|\bjest\s+(?:już\s+)?w\s+drodze|\bè\s+(?:già\s+)?in\s+(?:arrivo|viaggio)\b"
    r"|\b(?:va|está|están)\s+(?:ya\s+)?en\s+camino\b|\b(?:está|vai)\s+(?:já\s+)?a\s+caminho\b"
    r"|\bist\s+(?:schon\s+|bereits\s+)?(?:unterwegs|auf\s+dem\s+weg)\b|\best\s+(?:déjà\s+)?en\s+(?:route|chemin)\b|"
    + _FOREIGN_PAST,
    re.IGNORECASE,
)
# A state the assistant reports ("Booked: Gareth will visit on…", "la visita queda confirmada"): a claim
# unless a call since the user last spoke — a lookup too — just showed it. English "is booked" is left out:
# agents use it to describe ("your reservation is booked in basic economy", "the flight is cancelled by…").
STATE = re.compile(
    r"^\W*(booked|confirmed|cancel(?:l)?ed|scheduled|done)\s*[:—–-]"
    # the same in the other languages agentmend's lexicons cover: an auxiliary and a participle of a write
    r"|\b(?:queda|quedó|quedan|está|están|ha\s+sido|han\s+sido|fue|fueron|fica|ficou|ficam|foi|foram|est|sont"
    r"|a\s+été|ont\s+été|ist|sind|wurde|wurden|è|sono|è\s+stat[oa]|sono\s+stat[ie])\s+(?:ya\s+|já\s+|bien\s+"
    r"|jetzt\s+|ora\s+)?(reservad[oa]s?|agendad[oa]s?|programad[oa]s?|marcad[oa]s?|réservée?s?|gebucht|reserviert"
    r"|prenotat[oaie]|cancelad[oa]s?|anulad[oa]s?|annulée?s?|storniert|annullat[oaie]|confirmad[oa]s?|confirmée?s?"
    r"|bestätigt|confermat[oaie])(?!\w)",
    re.IGNORECASE | re.MULTILINE,
)
_NOT_A_CLAIM = re.compile(
    r"\b(?:not|never|n't|haven't|hasn't|if|once|after|when|will|would|could|can|before|unless|been\s+cancel\w*\s+by"
    r"|was\s+\w+\s+by\s+the\s+airline|already\s+been|no|não|pas|nicht|non|si|se|cuando|quando|quand|wenn"
    r"|niet|nie|kein|se\s+non|als|jeśli|gdy)\b",
    re.IGNORECASE,
)


_SIDE_EFFECT = re.compile(r"\b(?:confirmation|receipt|itinerary|details|e-?mail|summary)\b", re.IGNORECASE)
# "we've sent a 6-digit code by text", "enter the code we've just emailed": a sign-in step the harness runs,
# not a write the agent claims (no tool of the agent's sends it)
_VERIFICATION = re.compile(
    r"\b(?:(?:\d+|six|four)-digit|one-time|verification|security|sign-?in|log-?in|otp|pin|passcode|code"
    # the same in the other languages: codice, código, kod/kodem, Sicherheitscode, verifiëren, sicurezza …
    r"|codic[ei]|c[oó]digos?|kod(?:u|em|y)?|\w*code|\d+-cyfrow\w*|cifre|verifi\w*|sicurezza|seguridad"
    r"|segurança|sécurité|sicherheit|veiligheid|bezpiecze\w*|tożsamoś\w*)\b",
    re.IGNORECASE,
)
_CODE_WORDS = frozenset({"code", "codes", "otp", "pin", "passcode", "2fa", "mfa"})


def verb_family(verb: str) -> str:
    """The family of a past or base verb (\"cancelled\" → cancel), \"any\" for one that names none."""
    v = verb.lower()
    for table in (_VERB_FAMILY, _FOREIGN_FAMILY):
        for stem in sorted(table, key=len, reverse=True):
            if v.startswith(stem):
                return table[stem]
    return "any"


def of_family(tool: str, family: str) -> bool:
    """A tool whose name does what the verb family says ("schedule_adjuster" books); any tool for "any"."""
    if family == "any":
        return True
    words = [w for w in name_words(tool) if len(w) > 2]
    return any(w.startswith(f) or f.startswith(w) for w in words for f in (family, *FAMILIES[family]))


def _matches(call: CallResult, family: str) -> bool:
    return of_family(call.name, family)


def _named_tool(tools: Iterable[str], claim: str) -> str | None:
    """The one tool whose object the claim names ("a replacement SIM" → `send_sim`, whatever verb it uses)."""
    said = set(re.findall(r"[a-z0-9]{3,}", claim.lower()))
    named = sorted({t for t in tools if any(_names_object(w, o) for w in said for o in object_words(t))})
    return named[0] if len(named) == 1 else None


def _names_object(word: str, obj: str) -> bool:
    """A word of the claim names a tool's object: itself, or in a compound ("esim", "nanosim", "simkaart";
    not "simply")."""
    return word == obj or word.endswith(obj) or (word.startswith(obj) and len(word) >= len(obj) + 4)


def object_words(tool: str) -> set[str]:
    """The words of a tool's name that are not a verb: `send_sim` → {"sim"}."""
    return {w for w in name_words(tool) if len(w) >= 3 and verb_family(w) == "any"}


def _claimed_tool(
    calls: tuple[CallResult, ...], family: str, declared_writes: tuple[str, ...], writes: set[str], claim: str
) -> str | None:
    """The tool a claim is about: the one whose object it names, else a call of its family that failed, else
    the one tool of the family the agent has (declared or called), or the one of them the claim's words name
    ("certificate" → `send_certificate`). None when that is not clear."""
    tools = {*declared_writes, *(c.name for c in calls)}
    if named := _named_tool(writes, claim):
        return named
    if family == "any":
        return None
    failed = [c.name for c in calls if c.failed and of_family(c.name, family)]
    if failed:
        return failed[-1]
    known = sorted({t for t in tools if of_family(t, family)})
    if len(known) > 1:
        said = set(re.findall(r"[a-z]{4,}", claim.lower()))
        known = [t for t in known if said & {w for w in name_words(t) if len(w) >= 4}]
    return known[0] if len(known) == 1 else None


def claims_not_done(
    conv: Conversation, calls: tuple[CallResult, ...], cfg: ActionsConfig, declared_writes: Iterable[str] = ()
) -> list[SignalHit]:
    if not calls:
        return []
    declared_writes = tuple(declared_writes)
    # unless a tool of the agent's sends such codes ("send_verification_code"): then its calls are checked
    tools = (*declared_writes, *(c.name for c in calls))
    writes = {t for t in tools if is_write(t, cfg, declared_writes)}
    sends_codes = any(of_family(t, "send") and _CODE_WORDS & set(name_words(t)) for t in tools)
    hits = []
    for turn in conv.turns:
        if turn.role != "assistant" or not turn.text.strip():
            continue
        text = normal(turn.text)
        done = [
            c
            for c in calls
            if c.call_turn <= turn.index
            and c.succeeded
            and c.result is not None
            and c.result.index < turn.index
            and (is_write(c.name, cfg, declared_writes) or verb_family(c.name) == "transfer")
        ]
        last_user = next((t.index for t in reversed(conv.turns[: turn.index]) if t.role == "user"), -1)
        just_done = [  # what it did since the user last spoke, with any tool that may change state
            c
            for c in calls
            if c.call_turn > last_user
            and c.succeeded
            and c.result is not None
            and c.result.index < turn.index
            and not is_read(c.name, cfg)
        ]
        looked = any(  # a lookup since the user last spoke: the states it returned may be reported
            c.call_turn > last_user and c.succeeded and c.result is not None and c.result.index < turn.index
            for c in calls
        )
        found = [*CLAIM.finditer(text), *(() if looked else STATE.finditer(text))]
        for m in found:
            sentence_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            clause = text[sentence_start : m.start()]
            if _NOT_A_CLAIM.search(clause[-60:]):
                continue
            verb = next((g for g in m.groups() if g), "done")
            family = verb_family(verb)
            if _SIDE_EFFECT.search(clause[-80:]):
                family = "any"  # "your confirmation has been sent": what any completed write does
            if (
                family == "send"
                and not sends_codes
                and _VERIFICATION.search(clause[-40:] + " " + text[m.end() : m.end() + 30])
            ):
                continue
            claim = text[sentence_start : m.end() + 80]
            named = _named_tool((c.name for c in done), claim)  # "I've ordered a new SIM" after `send_sim`
            if just_done or named or any(_matches(c, family) for c in done):
                continue
            hits.append(
                SignalHit(
                    "claimed_not_done",
                    turn.index,
                    f"claims “{excerpt(turn.text, m.start(), m.end(), 40)}” with no successful "
                    f"{'write' if family == 'any' else family} call before it",
                    tool=_claimed_tool(calls, family, declared_writes, writes, claim),
                )
            )
            break
    return hits
