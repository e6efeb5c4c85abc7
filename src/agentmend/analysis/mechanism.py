"""How the agent failed a conversation: the failing step, as a small record a cause can be keyed on.

A cause is "what users wanted" × "how the agent failed". The how comes, most specific first, from a signal
that names a tool call (an action check or a tool error: `hit.name` + `hit.tool`), from a tool result that
reported an error, or else from what the agent did in its reply at the failing turn (handed over, refused,
claimed an action, apologised, asked, answered). Signal names are read, never listed here, so new action
checks become mechanisms without a change to this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from agentmend.analysis.records import Outcome, SignalHit
from agentmend.conversations.model import Conversation, Turn

MechanismKind = Literal["signal", "tool_error", "reply"]
ReplyAction = Literal["transfer", "refusal", "claim", "apology", "question", "answer", "none"]

# How much a mechanism says about what to fix: a named tool step points at one tool or one rule; a bare
# "answer" says only that the user was not served. Used to rank proposals and to decide what is coherent.
SPECIFICITY: dict[str, float] = {
    "signal": 1.0,
    "tool_error": 1.0,
    "stock": 0.7,
    "transfer": 0.6,
    "refusal": 0.6,
    "claim": 0.6,
    "apology": 0.5,
    "question": 0.3,
    "answer": 0.3,
    "none": 0.2,
}

_DONE = (
    "(cancel|book|updat|chang|process|sent|issu|refund|reset|creat|submit|confirm|add|remov|modif|upgrad"
    "|rebook|appl)"
)
_REPLY_RULES: tuple[tuple[ReplyAction, re.Pattern[str]], ...] = (
    (
        "transfer",
        re.compile(
            r"\b(transferr?(ing|ed)? you|connect(ing)? you (with|to)|hand(ing)? (you |this )?(over|off)|"
            r"human agent|live agent|a (colleague|specialist|representative)|escalat(e|ing) (this|your))",
            re.I,
        ),
    ),
    (
        "refusal",
        re.compile(
            r"\b(i|we) ?(can ?not|can'?t|cannot|am not able|'m not able|are not able|am unable|'m unable|"
            r"won'?t be able|do not have access|don'?t have access|have no access)\b|\bunable to\b|"
            r"\bnot (able|allowed|possible|permitted) to\b|\bnot something i can\b|\boutside (of )?what i\b",
            re.I,
        ),
    ),
    (
        "claim",
        re.compile(
            rf"\b(i'?ve|i have|we'?ve|we have)( now| just| successfully)? {_DONE}\w*|"
            rf"\b(has|have) been( successfully)? {_DONE}\w*|\byou'?re all set\b|\ball done\b",
            re.I,
        ),
    ),
    ("apology", re.compile(r"\b(sorry|apologi[sz]e|apologies|unfortunately|regret)\b", re.I)),
)
_CALL_TEXT = re.compile(r"\bcall(?:s|ed|ing)?\s+`?([A-Za-z_][\w.-]*)`?\s*\(")
_ERROR_BODY = re.compile(r'^\s*\{\s*"(error|errors|exception|fault)"\s*:|^\s*(error|exception)\b', re.I)
_ERROR_NOISE = re.compile(r"\b[\w-]*\d[\w-]*\b|['\"`].*?['\"`]|[^\w\s]")
ERROR_CLASS_WORDS = 4


@dataclass(frozen=True)
class Mechanism:
    """The failing step. `key` is what causes are grouped by; `label` is what a reviewer reads."""

    kind: MechanismKind
    name: str  # the signal name, "tool_error", or the reply action
    tool: str | None = None
    detail: str = ""  # error class of a tool error, or the evidence of the signal

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.name, self.tool or "")

    @property
    def label(self) -> str:
        if self.kind == "reply" and self.name == "stock":
            return "stock apology" if self.detail in ("refusal", "apology") else "stock reply"
        if self.kind == "reply":
            return _reply_label(self.name)
        name = self.name.replace("_", " ")
        return f"{name}: {self.tool}" if self.tool else name

    @property
    def specificity(self) -> float:
        return SPECIFICITY.get(self.kind if self.kind != "reply" else self.name, SPECIFICITY["answer"])

    def stock(self) -> Mechanism:
        """The same reply seen across many intents: a stock reply, whatever its wording."""
        return Mechanism("reply", "stock", None, self.name)


def _reply_label(action: str) -> str:
    return {
        "transfer": "handed over to a human",
        "refusal": "refusal",
        "claim": "claimed an action",
        "apology": "apology",
        "question": "asked back",
        "answer": "answer did not serve",
        "none": "no reply",
    }.get(action, action)


def reply_action(text: str) -> ReplyAction:
    """What the agent did in one reply, by explainable English patterns; "answer" when none matches."""
    text = " ".join(text.split())
    if not text:
        return "none"
    for action, pattern in _REPLY_RULES:
        if pattern.search(text):
            return action
    return "question" if text.rstrip().endswith("?") else "answer"


def error_class(text: str) -> str:
    """A tool error without its ids, numbers and quoted values: "reservation not found", "timeout"."""
    words = _ERROR_NOISE.sub(" ", text.lower()).split()
    return " ".join(words[:ERROR_CLASS_WORDS])


def _tool_of(conv: Conversation, turn: Turn) -> str | None:
    """The tool a tool-result turn answers, from its call id (or the nearest earlier call; a flat export
    that wrote the call as text, "[calls issue_refund(…)]", names it there)."""
    calls = [(t.index, c.id, c.name) for t in conv.turns if t.role == "assistant" for c in t.tool_calls]
    calls += [
        (t.index, "", m.group(1))
        for t in conv.turns
        if t.role == "assistant" and not t.tool_calls
        for m in _CALL_TEXT.finditer(t.text)
    ]
    if turn.tool_call_id:
        for _, call_id, name in calls:
            if call_id == turn.tool_call_id:
                return name
    earlier = sorted((i, name) for i, _, name in calls if i < turn.index)
    return earlier[-1][1] if earlier else None


def is_tool_error(turn: Turn) -> bool:
    """A tool result that failed: flagged by the export, or a result whose body is an error object (flat
    exports drop the flag but keep `{"error": …}`)."""
    return turn.role == "tool" and (turn.is_error or bool(_ERROR_BODY.match(turn.text)))


def _tool_hit(conv: Conversation, hit: SignalHit) -> str | None:
    if hit.tool:
        return hit.tool
    if 0 <= hit.turn_index < len(conv.turns) and conv.turns[hit.turn_index].role == "tool":
        return _tool_of(conv, conv.turns[hit.turn_index])
    return None


def failing_reply(conv: Conversation, outcome: Outcome) -> str:
    """The agent's reply at the failing turn: the failing turn itself when the agent spoke there, else the
    first non-empty assistant text after the last user turn at or before it."""
    if outcome.failing_turn is None or not conv.turns:
        return ""
    at = min(outcome.failing_turn, len(conv.turns) - 1)
    turn = conv.turns[at]
    if turn.role == "assistant" and turn.text.strip():
        return turn.text
    users = [t.index for t in conv.turns if t.role == "user" and t.index <= at]
    start = users[-1] if users else at
    return next((t.text for t in conv.turns[start + 1 :] if t.role == "assistant" and t.text.strip()), "")


def mechanism_of(conv: Conversation, outcome: Outcome, reply: str | None = None) -> Mechanism:
    """The most specific failing step of one failed conversation (see the module docstring)."""
    tooled = [(h, tool) for h in outcome.signals if (tool := _tool_hit(conv, h))]
    if tooled:
        at = outcome.failing_turn
        hit, tool = min(tooled, key=lambda ht: (ht[0].turn_index != at, ht[0].turn_index))
        if hit.name == "tool_error":
            return Mechanism("tool_error", "tool_error", tool, error_class(hit.evidence))
        return Mechanism("signal", hit.name, tool, hit.evidence)
    limit = outcome.failing_turn if outcome.failing_turn is not None else len(conv.turns)
    errors = [t for t in conv.turns if is_tool_error(t)]
    errors = [t for t in errors if t.index <= limit + 1] or errors
    if errors:
        turn = errors[-1]
        return Mechanism("tool_error", "tool_error", _tool_of(conv, turn), error_class(turn.text))
    text = failing_reply(conv, outcome) if reply is None else reply
    return Mechanism("reply", reply_action(text))


def steps_of(conv: Conversation, outcome: Outcome) -> frozenset[tuple[str, str, str]]:
    """Every failing step of a conversation that names a tool (signal hits and tool errors), as keys."""
    keys: set[tuple[str, str, str]] = set()
    for hit in outcome.signals:
        tool = _tool_hit(conv, hit)
        if tool:
            kind: MechanismKind = "tool_error" if hit.name == "tool_error" else "signal"
            keys.add(Mechanism(kind, hit.name, tool).key)
    for turn in conv.turns:
        if is_tool_error(turn) and (tool := _tool_of(conv, turn)):
            keys.add(Mechanism("tool_error", "tool_error", tool).key)
    return frozenset(keys)
