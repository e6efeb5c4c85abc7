"""Detection: decide per conversation whether it failed, where, and what decided it.

Order of authority: an export label (`outcomes:`) where the conversation carries one; else the LLM judge
where it read the conversation; else the learned detector where labels were plentiful and it measured
better than the rules in cross-validation; else the rules (user-side signals + action checks). Every
outcome keeps the rule hits, whatever decided it, so a reader can see the evidence.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from agentmend.analysis import rule_memory
from agentmend.analysis import signals as user_signals
from agentmend.analysis.actions import ACTION_SIGNALS, check_actions
from agentmend.analysis.actions.declared import DeclaredTools, declared_tools
from agentmend.analysis.calibration import Calibration, calibrate
from agentmend.analysis.learned import LearnedResult, fit_learned
from agentmend.analysis.outcome_labels import Label, label_of
from agentmend.analysis.records import Outcome, SignalHit
from agentmend.analysis.rule_memory import RuleMemory
from agentmend.conversations.model import Conversation
from agentmend.repo_config import RepoConfig

if TYPE_CHECKING:
    from agentmend.analysis.judge import Judge, JudgeRun, VerdictCache

VectorOf = Callable[[str], np.ndarray]

# Action hits that decide a failure on their own; the others count as weak signals.
STRONG_ACTIONS = frozenset(
    {
        "unconfirmed_write",
        "ungrounded_argument",
        "claimed_not_done",
        "unrecovered_tool_error",
        "said_cannot",
        "half_done",
        "over_policy_limit",
    }
)
_WEAK_USER = frozenset({"frustration", "rephrasing", "non_answer", "long_unresolved", "tool_error"})


@dataclass(frozen=True)
class Targets:
    """The agent's own files, as detection reads them: its policy and the tools it declares."""

    system_prompt: str = ""
    tool_descriptions: tuple[str, ...] = ()

    @property
    def tools(self) -> DeclaredTools:
        return declared_tools(self.tool_descriptions)


@dataclass(frozen=True)
class Detection:
    """Outcomes plus what the detector measured about itself."""

    outcomes: tuple[Outcome, ...]
    rules: tuple[Outcome, ...]  # the rules' own verdicts, before labels/judge/learned overrode any
    labels: Mapping[str, Label] = field(default_factory=dict)
    calibration: Calibration | None = None
    learned: LearnedResult | None = None
    judge: JudgeRun | None = None

    @property
    def decided_by(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for o in self.outcomes:
            counts[o.decided_by] = counts.get(o.decided_by, 0) + 1
        return counts


def rule_outcome(
    conv: Conversation,
    config: RepoConfig,
    vector_of: VectorOf | None = None,
    declared: DeclaredTools | None = None,
    policy: str = "",
) -> Outcome:
    """The rules alone: user-side signals and action checks, with the failing turn."""
    base = user_signals.detect(conv, config.signals, vector_of)
    enabled = set(config.signals.enabled) & ACTION_SIGNALS
    actions: list[SignalHit] = []
    if enabled:
        handed_off = "half_done" in enabled and user_signals.handoff_turn(conv) is not None
        actions = check_actions(conv, config.actions, enabled, declared, policy, handed_off=handed_off)
    hits = sorted((*base.signals, *actions), key=lambda h: (h.turn_index, h.name))
    strong_actions = [h for h in actions if h.name in STRONG_ACTIONS]
    weak = {h.name for h in base.signals if h.name in _WEAK_USER} | {
        h.name for h in actions if h.name not in STRONG_ACTIONS
    }
    failed = base.failed or bool(strong_actions) or len(weak) >= 2
    turns = [t for t in (base.failing_turn,) if t is not None] + [h.turn_index for h in strong_actions]
    if failed and not turns:
        turns = [h.turn_index for h in hits]
    return Outcome(
        conversation_id=conv.id,
        failed=failed,
        signals=tuple(hits),
        failing_turn=min(turns) if failed and turns else None,
        decided_by="signals",
    )


def run_detection(
    conversations: Sequence[Conversation],
    config: RepoConfig,
    *,
    vector_of: VectorOf | None = None,
    targets: Targets | None = None,
    judge: Judge | None = None,
    cache: VerdictCache | None = None,
    memory: RuleMemory | None = None,
    encoder: str = "",
) -> Detection:
    """Outcomes for `conversations`; `memory` remembers the rules' outcomes between runs (`encoder` names
    the embedder behind `vector_of`, part of what they depend on)."""
    targets = targets or Targets()
    declared = targets.tools
    policy = targets.system_prompt
    context = rule_memory.context_key(
        config.signals.model_dump_json(),
        config.actions.model_dump_json(),
        json.dumps([sorted(declared.names), sorted(declared.writes), sorted(declared.reads)]),
        policy,
        encoder if vector_of is not None else "no vectors",
    )
    rules = rule_memory.remembered(
        conversations, lambda c: rule_outcome(c, config, vector_of, declared, policy), memory, context
    )
    labels = {c.id: lab for c in conversations if (lab := label_of(c, config.outcomes)) is not None}
    calibration = calibrate(conversations, rules, labels) if labels else None
    learned = None
    if labels and config.detection.learned:
        learned = fit_learned(conversations, rules, labels, config.detection)
    judge_run = None
    if judge is not None and config.judge.max_conversations > 0:
        from agentmend.analysis.judge import judge_conversations

        judge_run = judge_conversations(
            judge, conversations, rules, labels, config.judge, targets.system_prompt, cache
        )
    outcomes = []
    for conv, rule in zip(conversations, rules, strict=True):
        outcomes.append(_decide(conv, rule, labels.get(conv.id), judge_run, learned))
    return Detection(tuple(outcomes), rules, labels, calibration, learned, judge_run)


def _decide(
    conv: Conversation,
    rule: Outcome,
    label: Label | None,
    judge_run: JudgeRun | None,
    learned: LearnedResult | None,
) -> Outcome:
    if label is not None:
        turn = rule.failing_turn if label.failed else None
        if label.failed and turn is None:
            turn = _last_assistant(conv)
        return replace(rule, failed=label.failed, failing_turn=turn, decided_by="label")
    verdict = judge_run.verdicts.get(conv.id) if judge_run is not None else None
    if verdict is not None:
        turn = verdict.failing_turn if verdict.failing_turn is not None else rule.failing_turn
        if verdict.failed and turn is None:
            turn = _last_assistant(conv)
        return replace(
            rule, failed=verdict.failed, failing_turn=turn if verdict.failed else None, decided_by="judge"
        )
    if learned is not None and learned.used and conv.id in learned.scores:
        failed = learned.scores[conv.id] >= learned.threshold
        turn = rule.failing_turn if failed else None
        if failed and turn is None:
            turn = _last_assistant(conv)
        return replace(rule, failed=failed, failing_turn=turn, decided_by="learned")
    return rule


def _last_assistant(conv: Conversation) -> int | None:
    return next((t.index for t in reversed(conv.turns) if t.role == "assistant"), None)


def read_targets(config: RepoConfig, read: Callable[[str], bytes | None]) -> Targets:
    """The declared system prompt and tool descriptions, through `read` (a forge or a working copy)."""
    prompts: list[str] = []
    tools: list[str] = []
    for t in config.targets:
        if t.kind not in ("system_prompt", "tool_descriptions"):
            continue
        data = read(t.path)
        if data is None:
            continue
        text = data.decode("utf-8", errors="replace")
        (prompts if t.kind == "system_prompt" else tools).append(text)
    return Targets("\n\n".join(prompts), tuple(tools))
