"""Replay before merge: would the proposed targets have answered better, and would they break anything?

Before a change is opened or updated, the failing turn of a sample of the cause's failed conversations,
and one answer of healthy conversations from other intents, are answered again with the proposed target
files in place of the current ones, through the Model door; the detection judge (`analysis/judge.py`) then
judges the conversation ending with the exported answer under the current targets, and ending with the
replayed answer under the proposed ones. A proposal that makes healthy conversations worse is not opened.
Offline (no model that can answer as the agent, no judge) nothing is replayed, and the change text says so.

Conversation text is untrusted data all the way: the history is replayed as the conversation it was (the
proposed targets are the only instructions), the judge sees it inside its delimited data block, and a case
that reads like a prompt-injection attempt is left out and counted.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from agentmend import markdown as md
from agentmend.analysis.judge import Judge, JudgeAnswer, JudgeRequest, render
from agentmend.conversations.injection import injection_suspects
from agentmend.conversations.model import Conversation, Turn
from agentmend.token_usage import TokenUsage

Kind = Literal["failing", "healthy"]
MAX_TURN_CHARS = 4_000  # one message as replayed; longer ones are cut (the head carries the request)
MAX_HISTORY = 12  # messages before the replayed answer


@dataclass(frozen=True)
class ReplayCase:
    """One conversation cut at the answer to replay: what came before, and what the agent said then."""

    conversation_id: str
    intent_id: str | None
    kind: Kind
    history: tuple[tuple[Literal["user", "assistant"], str], ...]  # ends with a user message
    original: str  # the agent's answer at that turn, as exported

    @property
    def request(self) -> str:
        """The user message(s) that answer had to serve."""
        return self.history[-1][1]


@dataclass(frozen=True)
class Replayed:
    """A case answered again with the proposed targets, both answers judged."""

    case: ReplayCase
    answer: str
    resolved_before: bool
    resolved_after: bool

    @property
    def worse(self) -> bool:
        return self.resolved_before and not self.resolved_after


@dataclass(frozen=True)
class ReplayReport:
    """What ran and what it found; `ran` False is the offline path (or nothing to replay)."""

    ran: bool
    model_path: str
    note: str = ""
    failing: tuple[Replayed, ...] = ()
    healthy: tuple[Replayed, ...] = ()
    skipped_untrusted: int = 0
    calls: int = 0
    usage: TokenUsage = field(default_factory=TokenUsage)
    max_worse: int = 0
    judge: str = ""
    judge_cost_usd: float = 0.0
    unjudged: int = 0  # cases the judge gave no verdict on (errors); left out of the figures

    @property
    def healthy_worse(self) -> int:
        return sum(r.worse for r in self.healthy)

    @property
    def blocks(self) -> bool:
        """Whether the proposal must not be opened: it makes healthy conversations worse."""
        return self.ran and self.healthy_worse > self.max_worse

    def headline(self) -> str:
        if not self.ran:
            return f"No replay ran: {self.note}"
        fixed_now = sum(r.resolved_after for r in self.failing)
        fixed_then = sum(r.resolved_before for r in self.failing)
        return (
            f"Replayed {len(self.failing)} failing conversations: {fixed_now} now resolved ({fixed_then} "
            f"before); {len(self.healthy)} healthy: {self.healthy_worse} worse"
        )


@dataclass(frozen=True)
class ReplayPool:
    """Replayable cases kept from the analysis: failed ones by cause, healthy ones with their intent."""

    failing: dict[str, tuple[ReplayCase, ...]] = field(default_factory=dict)
    healthy: tuple[ReplayCase, ...] = ()

    def for_cause(
        self, cause_id: str, intent_id: str | None, sample: int, seed: int = 0
    ) -> tuple[list[ReplayCase], list[ReplayCase]]:
        """Up to `sample` of the cause's failed cases, and up to `sample` healthy ones from other intents."""
        rng = random.Random(f"{seed}:{cause_id}")
        failing = list(self.failing.get(cause_id, ()))
        others = [c for c in self.healthy if c.intent_id != intent_id or intent_id is None]
        return _sample(failing, sample, rng), _sample(others, sample, rng)


def _sample(items: list[ReplayCase], k: int, rng: random.Random) -> list[ReplayCase]:
    return items if len(items) <= k else rng.sample(items, k)


@runtime_checkable
class Replayer(Protocol):
    """The part of the Model door a replay needs (AnthropicModel has it; the offline model does not)."""

    @property
    def path(self) -> str: ...

    def replay_answer(self, system: str, history: Sequence[tuple[str, str]]) -> tuple[str, TokenUsage]: ...


def _cut(text: str) -> str:
    return text if len(text) <= MAX_TURN_CHARS else text[:MAX_TURN_CHARS] + " …"


def case_of(conv: Conversation, *, turn: int | None, kind: Kind, intent_id: str | None) -> ReplayCase | None:
    """The case for the assistant answer at `turn` (the failing turn), or the last answer when None.

    Tool calls and results are replayed as the text the agent saw, folded into the neighbouring message:
    the replay asks how the new instructions change the answer, not how the tools behave.
    """
    answers = [t for t in conv.turns if t.role == "assistant" and t.text.strip()]
    if not answers:
        return None
    at = (
        next((t for t in answers if turn is not None and t.index >= turn), None) if turn is not None else None
    )
    target = at or answers[-1]
    history: list[tuple[Literal["user", "assistant"], str]] = []
    for t in conv.turns[: target.index]:
        role: Literal["user", "assistant"] = "assistant" if t.role == "assistant" else "user"
        text = t.text if t.role != "tool" else f"[tool result{' (error)' if t.is_error else ''}] {t.text}"
        if not text.strip():
            continue
        if history and history[-1][0] == role:
            history[-1] = (role, history[-1][1] + "\n" + _cut(text))
        else:
            history.append((role, _cut(text)))
    while history and history[0][0] != "user":
        history.pop(0)
    if not history or history[-1][0] != "user":
        return None
    return ReplayCase(conv.id, intent_id, kind, tuple(history[-MAX_HISTORY:]), _cut(target.text))


def pool_from(
    conversations: Iterable[Conversation],
    rows: Iterable[tuple[str, bool, int | None, str | None, str | None]],
    keep: int,
) -> ReplayPool:
    """Cases from an analysis: rows are (id, failed, failing turn, intent id, cause id) of its report.

    Keeps up to `keep` failed conversations per cause and `keep` healthy ones per intent, the first
    ones in export order (deterministic), so a later sample has enough to draw from.
    """
    by_id = {c.id: c for c in conversations}
    failing: dict[str, list[ReplayCase]] = {}
    healthy: dict[str | None, list[ReplayCase]] = {}
    for cid, failed, turn, intent_id, cause_id in rows:
        conv = by_id.get(cid)
        if conv is None or keep <= 0:
            continue
        if failed and cause_id is not None and len(failing.setdefault(cause_id, [])) < keep:
            case = case_of(conv, turn=turn, kind="failing", intent_id=intent_id)
            if case is not None:
                failing[cause_id].append(case)
        elif not failed and len(healthy.setdefault(intent_id, [])) < keep:
            case = case_of(conv, turn=None, kind="healthy", intent_id=intent_id)
            if case is not None:
                healthy[intent_id].append(case)
    return ReplayPool(
        failing={k: tuple(v) for k, v in failing.items()},
        healthy=tuple(c for cases in healthy.values() for c in cases),
    )


def system_text(targets: Iterable[tuple[str, str, str]]) -> str:
    """The agent's instructions as the proposal would ship them: every target file, labelled by path."""
    parts: list[str] = []
    for path, kind, text in targets:
        if kind == "system_prompt":
            parts.insert(0, text)
        else:
            parts.append(f'<{kind} path="{path}">\n{text}\n</{kind}>')
    return "\n\n".join(parts)


def _transcript(case: ReplayCase, answer: str) -> str:
    """The conversation as the judge renders it, cut after the answer being judged."""
    turns = [Turn(i, role, text) for i, (role, text) in enumerate(case.history)]
    turns.append(Turn(len(turns), "assistant", answer))
    return render(Conversation(id=case.conversation_id, turns=tuple(turns), source="replay"))


def _verdicts(judge: Judge, cases: Sequence[tuple[ReplayCase, str]], policy: str) -> tuple[JudgeAnswer, int]:
    requests = [
        JudgeRequest(case.conversation_id, _transcript(case, answer), len(case.history) + 1, "")
        for case, answer in cases
    ]
    answer = judge.judge(requests, policy, batch=False)
    return answer, len(requests) - len(answer.verdicts)


def replay(
    model: object,
    judge: Judge | None,
    pool: ReplayPool | None,
    *,
    cause_id: str,
    intent_id: str | None,
    current: Iterable[tuple[str, str, str]],
    proposed: Iterable[tuple[str, str, str]],
    sample: int,
    max_worse: int,
) -> ReplayReport:
    """Replay a sample of the cause's failures and of healthy conversations with the proposed targets.

    `current`/`proposed`: (path, kind, text) of every target before and after the proposal.
    """
    path = str(getattr(model, "path", "unknown"))
    if not isinstance(model, Replayer) or judge is None:
        return ReplayReport(False, path, f"the {path} model cannot answer as the agent (offline path)")
    if pool is None or sample <= 0:
        return ReplayReport(False, path, "replay is off (`watch.replay_conversations: 0`) or had no cases")
    failing, healthy = pool.for_cause(cause_id, intent_id, sample)
    trusted = [c for c in (*failing, *healthy) if not _untrusted(c)]
    skipped = len(failing) + len(healthy) - len(trusted)
    if not any(c.kind == "failing" for c in trusted):
        return ReplayReport(False, path, "no failed conversation of this cause could be replayed",
                            skipped_untrusted=skipped)  # fmt: skip
    system = system_text(proposed)
    usage = TokenUsage()
    answers: list[str] = []
    for case in trusted:
        text, u = model.replay_answer(system, case.history)
        usage = _add(usage, u)
        answers.append(text)
    before, missing_before = _verdicts(judge, [(c, c.original) for c in trusted], system_text(current))
    after, missing_after = _verdicts(judge, list(zip(trusted, answers, strict=True)), system)
    done = [
        Replayed(
            case,
            answer,
            not before.verdicts[case.conversation_id].failed,
            not after.verdicts[case.conversation_id].failed,
        )  # fmt: skip
        for case, answer in zip(trusted, answers, strict=True)
        if case.conversation_id in before.verdicts and case.conversation_id in after.verdicts
    ]
    return ReplayReport(
        True, path,
        failing=tuple(r for r in done if r.case.kind == "failing"),
        healthy=tuple(r for r in done if r.case.kind == "healthy"),
        skipped_untrusted=skipped, calls=len(trusted) * 3,
        usage=_add(_add(usage, before.usage), after.usage), max_worse=max_worse,
        judge=f"the detection judge ({judge.path}, `analysis/judge.py`), on the conversation cut after each "
        "answer: the exported one under the current targets, the replayed one under the proposed targets",
        judge_cost_usd=before.cost_usd + after.cost_usd, unjudged=len(trusted) - len(done),
    )  # fmt: skip


def _untrusted(case: ReplayCase) -> bool:
    return any(injection_suspects(text) for _, text in case.history)


def _add(a: TokenUsage, b: TokenUsage) -> TokenUsage:
    return TokenUsage(
        a.input_tokens + b.input_tokens,
        a.output_tokens + b.output_tokens,
        a.cache_read_input_tokens + b.cache_read_input_tokens,
        a.cache_creation_input_tokens + b.cache_creation_input_tokens,
    )


def markdown(report: ReplayReport) -> str:
    """The change text's section: the headline, the cost, what was judged how, and the worse cases."""
    lines = ["### Replay before merge", ""]
    if not report.ran:
        lines += [f"**{report.headline()}.** The watch after merge is the only check of this change.", ""]
        return "\n".join(lines)
    u = report.usage
    lines += [
        f"**{report.headline()}.**",
        "",
        f"The failing turn of a sample of this cause's failed conversations, and an answer of healthy "
        f"conversations from other intents, answered again by **{report.model_path}** with the proposed "
        f"files in place of the current ones. Judge: {report.judge}",
        "",
        f"Cost: {report.calls} API calls, {u.input_tokens:,} input and {u.output_tokens:,} output tokens "
        f"({u.cache_read_input_tokens:,} read from cache); the judge's part ${report.judge_cost_usd:.2f}.",
    ]
    if report.unjudged:
        lines.append(f"{report.unjudged} replayed conversation(s) got no verdict from the judge; left out.")
    if report.skipped_untrusted:
        lines.append(
            f"{report.skipped_untrusted} conversation(s) left out: they read like prompt-injection attempts."
        )
    worse = [r for r in report.healthy if r.worse]
    if worse:
        ids = ", ".join(md.code(r.case.conversation_id) for r in worse[:10])  # ids come from the export
        lines.append(f"Healthy conversations the proposal made worse: {ids}.")
    lines.append("")
    return "\n".join(lines)
