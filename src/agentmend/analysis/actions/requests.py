"""Half done: the agent completed part of what was asked and agreed, without handing the conversation over.

Two readings, each explainable by the words that fired it:
- the user asked for the same kind of action on several things (cancel A and B) and only some were done.
  Asked-for things are identifiers (tokens mixing letters and digits) in a user sentence with a write verb;
  done means the identifier is in the arguments of a successful state-changing call;
- the agent announced several actions ("I'll update your address and add Tomás as a driver. OK?"), the user
  said yes, and an announced action has no successful write after the yes that does it: a call of the verb's
  family (`claims.FAMILIES`) that names what the clause names (a word of the clause in the call's name,
  argument keys or values: "add Tomás as a driver" is not done by `update_policy(address=…)`), or, failing
  that, a call of the family no other announced action took;
- the user asked for several actions in one message ("update my address … and add my daughter as a driver"),
  a write after it succeeded, and a declared tool that does one of the others — its object named in the
  user's clause ("driver" → `add_driver`) — was never called;
- the agent spoke of two actions as one pair ("Shall I go ahead with both?", "both changes are in",
  "entrambe le modifiche") and exactly one write ran: after the user's yes to the offer, or before the
  claim since the user last spoke.
Nothing done at all is not flagged here (that is how a correct refusal looks); one of several done is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import takewhile

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from agentmend.analysis.actions.calls import CallResult, is_write, name_words
from agentmend.analysis.actions.claims import object_words, of_family, verb_family
from agentmend.analysis.actions.confirmation import user_says_yes
from agentmend.analysis.actions.text import normal
from agentmend.analysis.records import SignalHit
from agentmend.conversations.model import Conversation
from agentmend.repo_config import ActionsConfig

_TOKEN = re.compile(r"(?<![\w-])(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{5,}(?![\w-])")
# Two actions spoken of as a pair: "both changes", "go ahead with both?", "entrambe le modifiche"
_BOTH = re.compile(
    r"\b(?:both|the\s+two|entramb[ei]|ambos|ambas|los\s+dos|las\s+dos|os\s+dois|as\s+duas|les\s+deux|beide[n]?"
    r"|allebei|obie|oba|obydw[ae])\s+(?:of\s+(?:those|these|them|the|your)\s+|the\s+|le\s+|i\s+|los\s+|las\s+"
    r"|os\s+|as\s+)?(?:plan\s+)?(?:changes|updates|requests|modifications|modifiche|cambi|cambios|alterações"
    r"|mudanças|changements|änderungen|wijzigingen|zmiany)\b"
    r"|\b(?:with|do|set\s+up|apply|make)\s+both\s*[?.!]",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+")
# The agent says what it is about to do: "I'll update…", "To confirm: address changed…, Beatriz added".
_ANNOUNCES = re.compile(
    r"\b(?:i'?ll|i\s+will|i'?m\s+going\s+to|i\s+am\s+going\s+to|shall\s+i|should\s+i|to\s+confirm|let\s+me"
    r"|i\s+can\s+now)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]+")
# Verbs users ask for a change with that name no tool: "put me in an aisle seat", "get a seat next to my wife"
_REQUEST_VERBS = ("put", "switch", "swap", "get", "give", "make")
# "don't cancel it", "no need to change the date": an action the user does not want
_NEGATED = re.compile(r"(?:\bdon'?t|\bdo\s+not|\bno\s+need\s+to|\bnot|\bnever|\bwithout)\s+(?:\w+\s+)?$")
_RECAP = re.compile(r"\W*to\s+confirm\b")
_ACTION = re.compile(
    r"(?:i'?ll|i\s+will|shall\s+i|should\s+i|let\s+me|going\s+to|i\s+can\s+now|\band|\bthen|\balso|,)\s+"
    r"(?:also\s+|now\s+|then\s+|go\s+ahead\s+and\s+)?([a-z]+)"
)


def half_done(
    conv: Conversation,
    calls: tuple[CallResult, ...],
    cfg: ActionsConfig,
    declared_writes: Iterable[str] = (),
    handed_over: bool = False,
) -> list[SignalHit]:
    if handed_over:
        return []
    declared_writes = tuple(declared_writes)
    # a write verb and its inflections ("cancelled", "booking"), not words that start like one ("postcode")
    verbs = re.compile(
        r"\b(?:" + "|".join(re.escape(v) for v in cfg.write_verbs) + r")(?:e?[sd]|ing|led|ling|ation)?\b",
        re.IGNORECASE,
    )
    asked: dict[str, int] = {}
    for t in conv.turns:
        if t.role != "user":
            continue
        for sentence in _SENTENCE.findall(normal(t.text)):
            if verbs.search(sentence):
                for tok in _TOKEN.findall(sentence):
                    asked.setdefault(tok.lower(), t.index)
    announced = _announced_not_done(conv, calls, cfg, declared_writes)
    if announced is not None:
        return [announced]
    requested = _requested_not_done(conv, calls, cfg, declared_writes) or _both_one_done(
        conv, calls, cfg, declared_writes
    )
    if requested is not None:
        return [requested]
    if len(asked) < 2:
        return []
    done_text = " ".join(
        c.call.arguments.lower() for c in calls if c.succeeded and is_write(c.name, cfg, declared_writes)
    )
    done = {tok for tok in asked if re.search(rf"(?<![a-z0-9]){re.escape(tok)}(?![a-z0-9])", done_text)}
    # only things of the kind the writes took: an account number said next to "cancel visit VIS-115588" is
    # how the agent found the visit, not a second thing to cancel
    missing = sorted(
        (k for k in set(asked) - done if any(_same_kind(k, d) for d in done)), key=lambda k: asked[k]
    )
    if not done or not missing:
        return []
    last = next((t.index for t in reversed(conv.turns) if t.role == "assistant"), len(conv.turns) - 1)
    return [
        SignalHit(
            "half_done",
            last,
            f"asked for {', '.join(sorted(asked))}; done for {', '.join(sorted(done))}, "
            f"not for {', '.join(missing)}",
        )
    ]


def _same_kind(a: str, b: str) -> bool:
    """Two identifiers of one sort: as many dashes, and one length or one letter prefix (SH213 ~ SH2472,
    59XX6W ~ XEHM4B; VIS-115588 ≁ VR41338173, 100GB ≁ VR20392874)."""
    if a.count("-") != b.count("-"):
        return False
    prefix = "".join(takewhile(str.isalpha, a))
    return len(a) == len(b) or (len(prefix) >= 2 and "".join(takewhile(str.isalpha, b)) == prefix)


def _clauses(text: str, write_verbs: Sequence[str]) -> list[tuple[str, set[str]]]:
    """Per announced action: its verb family and the content words of its clause, up to the next action.
    An action is a write verb in its base form right after "I'll", "let me", "and", "then", a comma…:
    "I'll update your address… and add Tomás as a driver" → (update, {address, …}), (add, {tomás, driver});
    the nouns of "your reason (change of plan, airline cancelled flight)" are no actions. A recap ("To
    confirm: address changed…, Beatriz added…") names its actions by their participles."""
    text = text.lower()
    verbs = set(write_verbs)
    starts = [(m.start(1), m.group(1)) for m in _ACTION.finditer(text) if m.group(1) in verbs]
    if _RECAP.match(text):  # "To confirm: address changed to…, and Beatriz added…": the participles
        starts += [
            (m.start(), m.group(0))
            for m in _WORD.finditer(text)
            if any(m.group(0) in (v + "d", v + "ed", v + v[-1] + "ed") for v in verbs)
        ]
        starts.sort()
    out: list[tuple[str, set[str]]] = []
    for n, (at, verb) in enumerate(starts):
        family = verb_family(verb)
        end = starts[n + 1][0] if n + 1 < len(starts) else len(text)
        words = {
            w
            for w in _WORD.findall(text[at + len(verb) : end])
            if len(w) >= 4 and w not in ENGLISH_STOP_WORDS
        }
        if family != "any":
            out.append((family, words))
    return out


def _requested_not_done(
    conv: Conversation, calls: tuple[CallResult, ...], cfg: ActionsConfig, declared_writes: tuple[str, ...]
) -> SignalHit | None:
    """A user message asking for two or more actions, a successful write after it, and a declared tool that
    would do one of the others, named by its object in the user's clause, never called at all."""
    verbs = (*cfg.write_verbs, *_REQUEST_VERBS)
    base = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in verbs) + r")\b")
    called = {c.name for c in calls}
    idle = [t for t in declared_writes if t not in called]
    if not idle:
        return None
    for t in conv.turns:
        if t.role != "user":
            continue
        for sentence in _SENTENCE.findall(normal(t.text).lower()):
            starts = [m for m in base.finditer(sentence) if not _NEGATED.search(sentence[: m.start()])]
            if len(starts) < 2:
                continue
            done = [
                c
                for c in calls
                if c.call_turn > t.index and c.succeeded and is_write(c.name, cfg, declared_writes)
            ]
            if not done:
                continue
            for n, m in enumerate(starts):
                end = starts[n + 1].start() if n + 1 < len(starts) else len(sentence)
                words = set(_WORD.findall(sentence[m.end() : end]))
                words |= {w[:-1] for w in words if w.endswith("s")}  # "drivers" names `add_driver`
                family = verb_family(m.group(0))
                would = sorted(
                    tool for tool in idle if of_family(tool, family) and words & object_words(tool)
                )
                if would:
                    what = sentence[m.start() : end].strip(" ,;")
                    return SignalHit(
                        "half_done",
                        next((x.index for x in reversed(conv.turns) if x.role == "assistant"), t.index),
                        f"asked to {what!r} (turn {t.index}); done: "
                        f"{', '.join(dict.fromkeys(c.name for c in done))}; {would[0]} never called",
                        tool=would[0],
                    )
    return None


def _both_one_done(
    conv: Conversation, calls: tuple[CallResult, ...], cfg: ActionsConfig, declared_writes: tuple[str, ...]
) -> SignalHit | None:
    """An offer or a claim of both of two actions with one write to show for it."""
    writes = [c for c in calls if c.succeeded and is_write(c.name, cfg, declared_writes)]
    turns = [t for t in conv.turns if t.text.strip()]
    for i, t in enumerate(turns):
        if t.role != "assistant" or not (pair := _BOTH.search(normal(t.text))):
            continue
        reply = turns[i + 1] if i + 1 < len(turns) else None
        if reply is not None and reply.role == "user" and user_says_yes(reply.text, cfg):
            done = [c for c in writes if c.call_turn > reply.index]
        else:
            since = max((u.index for u in turns[:i] if u.role == "user"), default=-1)
            done = [c for c in writes if since < c.call_turn < t.index]
        if len(done) == 1 and not any(c.call_turn > t.index for c in writes if c is not done[0]):
            # (a write after the claim: the agent caught up when the user asked)
            return SignalHit(
                "half_done",
                t.index,
                f"{pair.group(0)!r}, but one write ran: {done[0].name}",
                tool=done[0].name,
            )
    return None


def _names(call: CallResult) -> set[str]:
    """The words a call is about: its name, its argument keys and its argument values."""
    return set(name_words(call.name)) | set(_WORD.findall(call.call.arguments.lower().replace("_", " ")))


def _announced_not_done(
    conv: Conversation, calls: tuple[CallResult, ...], cfg: ActionsConfig, declared_writes: tuple[str, ...]
) -> SignalHit | None:
    turns = [t for t in conv.turns if t.text.strip() or t.role == "assistant"]
    for i, t in enumerate(turns[:-1]):
        if t.role != "assistant" or not t.text.strip():
            continue
        reply = turns[i + 1]
        if reply.role != "user" or not user_says_yes(reply.text, cfg):
            continue
        sentences = [s for s in _SENTENCE.findall(normal(t.text)) if _ANNOUNCES.search(s)]
        clauses = [c for s in sentences for c in _clauses(s, cfg.write_verbs)]
        if len(clauses) < 2:
            continue
        after = [
            c
            for c in calls
            if c.call_turn > reply.index and c.succeeded and is_write(c.name, cfg, declared_writes)
        ]
        if not after:
            continue  # nothing done at all: a refusal or an error, the other checks' business
        unmatched = _unmatched(clauses, after, {*declared_writes, *(c.name for c in calls)})
        if unmatched:
            return SignalHit(
                "half_done",
                t.index,
                f"announced {' and '.join(f for f, _ in clauses)} and the user agreed; done: "
                f"{', '.join(dict.fromkeys(c.name for c in after))}; not done: "
                f"{', '.join(text for text, _ in unmatched)}",
                tool=unmatched[0][1],  # the tool that was never called: the step a fix is about
            )
    return None


def _unmatched(
    clauses: list[tuple[str, set[str]]], calls: list[CallResult], tools: Iterable[str]
) -> list[tuple[str, str]]:
    """Announced actions left undone: no call after the yes names it, none of its family is left over, and
    a tool that would do it exists (`tools`: declared writes and tools called in the conversation) and was
    not called — "add Tomás as a driver" with `add_driver` declared. Without such a tool one call may do
    several ("I'll cancel it and refund $164" is one `cancel_reservation`). Each: (what, tool not called)."""
    called = {c.name for c in calls}
    left: list[tuple[str, set[str]]] = []
    used: set[int] = set()
    for family, words in clauses:
        naming = [i for i, c in enumerate(calls) if of_family(c.name, family) and words & _names(c)]
        if naming:
            used.update(naming[:1])
        else:
            left.append((family, words))
    missing: list[tuple[str, str]] = []
    for family, words in left:
        free = next((i for i, c in enumerate(calls) if i not in used and of_family(c.name, family)), None)
        if free is not None:
            used.add(free)
            continue
        would = sorted(
            t for t in tools if t not in called and of_family(t, family) and words & set(name_words(t))
        )
        if would:
            missing.append((f"{family} {' '.join(sorted(words)[:3])} (no {would[0]} call)", would[0]))
    return missing

