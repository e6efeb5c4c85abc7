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
    r"|processed|submitted|completed|applied"
)
CLAIM = re.compile(
    rf"\b(?:i(?:'ve|\s+have)|we(?:'ve|\s+have))\s+(?:now\s+|just\s+|already\s+|also\s+)?(?:successfully\s+)?({_PAST})\b"
    rf"|\b(?:has|have)\s+(?:now\s+|also\s+)?(?:been\s+)(?:successfully\s+)?({_PAST})\b"
    rf"|\b(?:is|are)\s+now\s+({_PAST})\b"
    rf"|\bsuccessfully\s+({_PAST})\b"
    r"|\b(?:all\s+done|it'?s\s+done|that'?s\s+done)\b",
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
    r"|was\s+\w+\s+by\s+the\s+airline|already\s+been|no|não|pas|nicht|non|si|se|cuando|quando|quand|wenn)\b",
    re.IGNORECASE,
)


_SIDE_EFFECT = re.compile(r"\b(?:confirmation|receipt|itinerary|details|e-?mail|summary)\b", re.IGNORECASE)


def verb_family(verb: str) -> str:
    """The family of a past or base verb (\"cancelled\" → cancel), \"any\" for one that names none."""
    v = verb.lower()
    for stem in sorted(_VERB_FAMILY, key=len, reverse=True):
        if v.startswith(stem):
            return _VERB_FAMILY[stem]
    return "any"


def of_family(tool: str, family: str) -> bool:
    """A tool whose name does what the verb family says ("schedule_adjuster" books); any tool for "any"."""
    if family == "any":
        return True
    words = [w for w in name_words(tool) if len(w) > 2]
    return any(w.startswith(f) or f.startswith(w) for w in words for f in (family, *FAMILIES[family]))


def _matches(call: CallResult, family: str) -> bool:
    return of_family(call.name, family)


def _claimed_tool(
    calls: tuple[CallResult, ...], family: str, declared_writes: tuple[str, ...], claim: str
) -> str | None:
    """The tool a claim is about: a call of its family that failed, else the one tool of the family the
    agent has (declared or called), or the one of them the claim's words name ("certificate" →
    `send_certificate`). None when that is not clear."""
    if family == "any":
        return None
    failed = [c.name for c in calls if c.failed and of_family(c.name, family)]
    if failed:
        return failed[-1]
    known = sorted({t for t in (*declared_writes, *(c.name for c in calls)) if of_family(t, family)})
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
            if just_done or any(_matches(c, family) for c in done):
                continue
            hits.append(
                SignalHit(
                    "claimed_not_done",
                    turn.index,
                    f"claims “{excerpt(turn.text, m.start(), m.end(), 40)}” with no successful "
                    f"{'write' if family == 'any' else family} call before it",
                    tool=_claimed_tool(calls, family, declared_writes, text[sentence_start : m.end() + 80]),
                )
            )
            break
    return hits
