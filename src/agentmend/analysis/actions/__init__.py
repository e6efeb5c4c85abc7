"""Action checks: offline, domain-agnostic checks on what a tool-using agent did, each an explainable hit
naming the turn and the tool call. One module per check; `check_actions` runs the enabled ones."""

from __future__ import annotations

from collections.abc import Collection
from typing import get_args

from agentmend.analysis.actions.calls import READ_VERBS, is_write, pair_calls
from agentmend.analysis.actions.capability import said_cannot
from agentmend.analysis.actions.claims import claims_not_done
from agentmend.analysis.actions.confirmation import unconfirmed_writes
from agentmend.analysis.actions.declared import DeclaredTools
from agentmend.analysis.actions.grounding import ungrounded_arguments
from agentmend.analysis.actions.limits import over_limits
from agentmend.analysis.actions.requests import half_done
from agentmend.analysis.actions.retries import repeated_calls, unrecovered_errors
from agentmend.analysis.records import SignalHit
from agentmend.conversations.model import Conversation
from agentmend.repo_config import ActionsConfig, ActionSignalName

ACTION_SIGNALS: frozenset[str] = frozenset(get_args(ActionSignalName))


def check_actions(
    conv: Conversation,
    cfg: ActionsConfig,
    enabled: Collection[str],
    declared: DeclaredTools | None = None,
    policy: str = "",
    *,
    handed_off: bool,
) -> list[SignalHit]:
    """The enabled checks' hits. `handed_off`: the conversation went to a human (`signals.handoff_turn`),
    so a request left half done is the human's to finish."""
    declared = _with_descriptions(declared or DeclaredTools(), cfg)
    if declared.reads:
        cfg = cfg.model_copy(update={"read_tools": [*cfg.read_tools, *declared.reads]})
    calls = pair_calls(conv)
    hits: list[SignalHit] = []
    if "unconfirmed_write" in enabled:
        hits += unconfirmed_writes(conv, calls, cfg, declared.writes, policy)
    if "ungrounded_argument" in enabled:
        hits += ungrounded_arguments(conv, calls, cfg, declared.writes, policy)
    if "claimed_not_done" in enabled:
        hits += claims_not_done(conv, calls, cfg, declared.writes)
    if "unrecovered_tool_error" in enabled:
        hits += unrecovered_errors(calls)
    if "repeated_call" in enabled:
        hits += repeated_calls(conv, calls)
    if "said_cannot" in enabled:
        hits += said_cannot(conv, calls, declared.names)
    if "half_done" in enabled:
        hits += half_done(conv, calls, cfg, declared.writes, handed_off)
    if "over_policy_limit" in enabled:
        hits += over_limits(conv, calls, cfg, declared.writes, policy)
    return hits


def _with_descriptions(declared: DeclaredTools, cfg: ActionsConfig) -> DeclaredTools:
    """Unflagged tools whose description starts with a write verb ("Open a new claim") write; with a read
    verb ("Find a customer…") they only read, unless their name says they write (`cancel_order`).
    A tool named in `actions.read_tools` stays a read."""
    verbs = set(cfg.write_verbs)
    writes = {n for n, w in declared.described if w in verbs and n not in cfg.read_tools}
    reads = {n for n, w in declared.described if w in READ_VERBS and not is_write(n, cfg)}
    if not writes and not reads:
        return declared
    return DeclaredTools(declared.names, declared.writes | writes, declared.reads | reads, declared.described)
