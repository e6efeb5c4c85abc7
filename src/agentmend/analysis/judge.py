"""The LLM judge's side of the Model door: what it is asked, what it answers, the budget, and the cache.

The judge answers four binary-ish questions per conversation (did the task fail, at which turn, which rule of
the agent's own system prompt was broken, was the user left frustrated). It reads at most
`judge.max_conversations` per run, chosen stratified by the rules' verdict so both sides are checked; verdicts
are cached by conversation content, policy and prompt version, so a re-run pays only for what changed.
Offline there is no judge: the rules decide, and every outcome says which path decided it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from agentmend.token_usage import TokenUsage

if TYPE_CHECKING:
    from agentmend.analysis.outcome_labels import Label
    from agentmend.analysis.records import Outcome
    from agentmend.conversations.model import Conversation
    from agentmend.repo_config import JudgeConfig

PROMPT_VERSION = "judge-v1"
MAX_TURN_CHARS = 1200


@dataclass(frozen=True)
class Verdict:
    failed: bool
    failing_turn: int | None
    broken_rule: str | None
    user_frustrated: bool
    reason: str


@dataclass(frozen=True)
class JudgeRequest:
    conversation_id: str
    transcript: str  # rendered turns; untrusted text, put inside a delimited block by the judge
    turns: int
    key: str  # cache key: content + policy + prompt version


@dataclass(frozen=True)
class JudgeAnswer:
    verdicts: Mapping[str, Verdict]
    usage: TokenUsage
    cost_usd: float
    batched: bool
    errors: tuple[str, ...] = ()


class Judge(Protocol):
    """An LLM that judges conversations. `path` names it in every output."""

    @property
    def path(self) -> str: ...

    def judge(self, requests: Sequence[JudgeRequest], policy: str, *, batch: bool) -> JudgeAnswer: ...


@runtime_checkable
class JudgingModel(Protocol):
    """A Model that comes with an LLM judge (Claude does; the offline model does not)."""

    def judge(self) -> Judge: ...


def judge_of(model: object | None) -> Judge | None:
    """The LLM judge that goes with a run's model; none offline."""
    return model.judge() if isinstance(model, JudgingModel) else None


class VerdictCache(Protocol):
    """Where verdicts live between runs (the loop passes a persistent one; tests a dict)."""

    def get(self, key: str) -> Verdict | None: ...

    def put(self, key: str, verdict: Verdict) -> None: ...


@dataclass
class MemoryVerdictCache:
    store: dict[str, Verdict] = field(default_factory=dict)

    def get(self, key: str) -> Verdict | None:
        return self.store.get(key)

    def put(self, key: str, verdict: Verdict) -> None:
        self.store[key] = verdict


@dataclass(frozen=True)
class JudgeRun:
    """What the judge did in one run."""

    path: str
    verdicts: Mapping[str, Verdict]
    judged: int  # sent to the model this run
    cached: int  # answered from the cache
    skipped: int  # over budget: the rules decided
    batched: bool
    usage: TokenUsage
    cost_usd: float
    errors: tuple[str, ...] = ()


def render(conv: Conversation) -> str:
    """The conversation as numbered lines; tool calls and results included, long turns clipped."""
    lines = []
    for t in conv.turns:
        if t.role == "system":
            continue
        text = " ".join(t.text.split())
        if len(text) > MAX_TURN_CHARS:
            text = text[:MAX_TURN_CHARS] + " …[clipped]"
        if text:
            lines.append(f"[{t.index}] {t.role}: {text}")
        for call in t.tool_calls:
            lines.append(f"[{t.index}] assistant calls {call.name}({' '.join(call.arguments.split())[:600]})")
    return "\n".join(lines)


def cache_key(conv: Conversation, policy: str, model_path: str) -> str:
    h = hashlib.sha256()
    for part in (PROMPT_VERSION, model_path, hashlib.sha256(policy.encode()).hexdigest()):
        h.update(part.encode() + b"\x00")
    for t in conv.turns:
        calls = json.dumps([[c.name, c.arguments] for c in t.tool_calls])
        h.update(f"{t.role}\x01{t.text}\x01{calls}\x01{t.is_error}\x02".encode())
    return h.hexdigest()


def sample(
    conversations: Sequence[Conversation], rules: Sequence[Outcome], budget: int, how: str
) -> list[int]:
    """Indices to judge: `first` takes them in order; `stratified` splits the budget between the rules'
    failed and not-failed sides in proportion (at least one from each side that exists), picking within a
    side by a hash of the id, so the same export gives the same sample."""
    idx = list(range(len(conversations)))
    if budget >= len(idx):
        return idx
    if how == "first":
        return idx[:budget]
    sides = [[i for i in idx if rules[i].failed], [i for i in idx if not rules[i].failed]]
    quota = [round(budget * len(s) / len(idx)) for s in sides]
    for k in (0, 1):
        if sides[k] and quota[k] == 0:
            quota[k], quota[1 - k] = 1, quota[1 - k] - 1
    chosen: list[int] = []
    for side, q in zip(sides, quota, strict=True):
        ranked = sorted(side, key=lambda i: hashlib.sha256(conversations[i].id.encode()).hexdigest())
        chosen += ranked[: max(0, q)]
    return sorted(chosen[:budget])


def judge_conversations(
    judge: Judge,
    conversations: Sequence[Conversation],
    rules: Sequence[Outcome],
    labels: Mapping[str, Label],
    cfg: JudgeConfig,
    policy: str,
    cache: VerdictCache | None = None,
) -> JudgeRun:
    """Judge the unlabelled conversations within budget, from the cache where possible."""
    cache = cache if cache is not None else MemoryVerdictCache()
    open_idx = [i for i, c in enumerate(conversations) if c.id not in labels]
    pool = [conversations[i] for i in open_idx]
    picked = [
        open_idx[j] for j in sample(pool, [rules[i] for i in open_idx], cfg.max_conversations, cfg.sample)
    ]
    verdicts: dict[str, Verdict] = {}
    todo: list[JudgeRequest] = []
    for i in picked:
        conv = conversations[i]
        key = cache_key(conv, policy, judge.path)
        hit = cache.get(key)
        if hit is not None:
            verdicts[conv.id] = hit
        else:
            todo.append(JudgeRequest(conv.id, render(conv), len(conv.turns), key))
    cached = len(verdicts)
    answer = JudgeAnswer({}, TokenUsage(), 0.0, False)
    if todo:
        answer = judge.judge(todo, policy, batch=len(todo) >= cfg.batch_from)
        for req in todo:
            v = answer.verdicts.get(req.conversation_id)
            if v is not None:
                cache.put(req.key, v)
                verdicts[req.conversation_id] = v
    return JudgeRun(
        path=judge.path,
        verdicts=verdicts,
        judged=len(todo),
        cached=cached,
        skipped=len(open_idx) - len(picked),
        batched=answer.batched,
        usage=answer.usage,
        cost_usd=answer.cost_usd,
        errors=answer.errors,
    )
