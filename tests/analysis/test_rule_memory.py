"""Rule outcomes remembered between runs: the rules run only for conversations not seen under the same
config, policy and encoder, and a remembered outcome is the one the rules would give."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from agentmend.analysis import detection
from agentmend.analysis.detection import Targets, run_detection
from agentmend.conversations.model import Conversation, Turn
from agentmend.repo_config import RepoConfig
from agentmend.store.analysis_memory import sql_memory
from agentmend.store.db import open_engine


def cfg(**extra: object) -> RepoConfig:
    return RepoConfig.model_validate({"version": 1, "exports": [{"path": "exports/*.jsonl"}], **extra})


def chat(cid: str, *texts: str) -> Conversation:
    roles = ("user", "assistant")
    turns = tuple(Turn(i, roles[i % 2], t) for i, t in enumerate(texts))  # type: ignore[arg-type]
    return Conversation(id=cid, turns=turns, source=f"e.jsonl:{cid}")


CHATS = [
    chat("a", "How do I export to CSV?", "I'm not able to help with that specific request.", "useless"),
    chat("b", "Where is my refund?", "It was sent on Monday and should arrive by Friday.", "ta"),
    chat("c", "Cancel my plan", "Could you confirm the account email?"),
]


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return open_engine(f"sqlite:///{tmp_path / 'state.db'}")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = detection.rule_outcome

    def counting(conv: Conversation, *args: object, **kwargs: object) -> object:
        seen.append(conv.id)
        return real(conv, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(detection, "rule_outcome", counting)
    return seen


def test_a_rerun_runs_the_rules_only_for_new_or_edited_conversations(
    engine: Engine, calls: list[str]
) -> None:
    config = cfg()
    first = run_detection(CHATS, config, memory=sql_memory(engine).rule_outcomes).outcomes
    assert sorted(calls) == ["a", "b", "c"]
    calls.clear()
    edited = chat("b", "Where is my refund?", "It was sent on Monday.", "that is not true")
    later = [CHATS[0], edited, CHATS[2], chat("d", "Hi", "Hello! How can I help?", "thanks")]
    again = run_detection(later, config, memory=sql_memory(engine).rule_outcomes).outcomes
    assert sorted(calls) == ["b", "d"]  # a and c unchanged; b's text changed
    fresh = run_detection(later, config).outcomes  # no memory: the rules on everything
    assert again == fresh
    assert again[0] == first[0] and again[2] == first[2]


def test_a_changed_config_or_policy_runs_the_rules_again(engine: Engine, calls: list[str]) -> None:
    memory = sql_memory(engine).rule_outcomes
    run_detection(CHATS, cfg(), memory=memory)
    calls.clear()
    quieter = cfg(signals={"enabled": ["escalation", "negative_feedback"]})
    outcomes = run_detection(CHATS, quieter, memory=memory).outcomes
    assert len(calls) == 3 and not any(h.name == "abandonment" for o in outcomes for h in o.signals)
    calls.clear()
    run_detection(CHATS, cfg(), targets=Targets(system_prompt="Never refund."), memory=memory)
    assert len(calls) == 3


def test_an_unreadable_remembered_outcome_is_recomputed_not_trusted(engine: Engine, calls: list[str]) -> None:
    memory = sql_memory(engine).rule_outcomes
    first = run_detection(CHATS, cfg(), memory=memory).outcomes
    with engine.begin() as conn:
        conn.execute(text("UPDATE rule_outcomes SET outcome_json = '{not json'"))
    calls.clear()
    assert run_detection(CHATS, cfg(), memory=memory).outcomes == first
    assert len(calls) == 3
