"""Export labels (reward, CSAT, a resolved flag) decide `failed` read by a small safe grammar."""

from __future__ import annotations

import pytest

from agentmend.analysis.detection import run_detection
from agentmend.analysis.outcome_labels import label_of
from agentmend.comparison import parse_comparison
from agentmend.conversations.model import Conversation, Feedback, Turn
from agentmend.repo_config import ConfigError, parse_config

BASE = "version: 1\nexports: [{path: 'x/*.jsonl'}]\n"
OUTCOMES = (
    BASE + "outcomes:\n"
    "  - {field: metadata.reward, failed_when: '< 1'}\n"
    "  - {field: feedback.csat, failed_when: '<= 2'}\n"
    "  - {field: metadata.ticket.resolved, failed_when: '== false'}\n"
)


def conv(
    cid: str, metadata: dict[str, object] | None = None, feedback: tuple[Feedback, ...] = ()
) -> Conversation:
    turns = (
        Turn(0, "user", "How do I export my invoices?"),
        Turn(1, "assistant", "Open Billing, then Export; pick CSV."),
        Turn(2, "user", "Got it, thanks!"),
    )
    return Conversation(cid, turns, "t.jsonl:1", metadata=metadata or {}, feedback=feedback)


@pytest.mark.parametrize(
    ("text", "value", "failed"),
    [
        ("< 1", 0.0, True),
        ("< 1", 1, False),
        ("<= 2", "2", True),
        ("== false", False, True),
        ("== false", "true", False),
        ("!= 'refunded'", "refunded", False),
        ("== resolved", "open", False),
    ],
)
def test_comparisons_read_numbers_booleans_and_strings(text: str, value: object, failed: bool) -> None:
    assert parse_comparison(text).holds(value) is failed


@pytest.mark.parametrize("text", ["", "< ", "reward < 1", "__import__('os')", "< 'a'", "=~ x"])
def test_anything_but_operator_and_literal_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_comparison(text)


def test_a_bad_failed_when_names_its_config_key() -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(BASE + "outcomes:\n  - {field: metadata.reward, failed_when: 'reward < 1'}\n")
    assert "outcomes.0.failed_when" in str(err.value)
    with pytest.raises(ConfigError) as err:
        parse_config(BASE + "outcomes:\n  - {field: reward, failed_when: '< 1'}\n")
    assert "outcomes.0.field" in str(err.value)


def test_the_first_declared_label_a_conversation_carries_decides() -> None:
    cfg = parse_config(OUTCOMES)
    assert label_of(conv("a", {"reward": 0.0}), cfg.outcomes).failed  # type: ignore[union-attr]
    csat = (Feedback("csat", 1, True),)
    lab = label_of(conv("b", feedback=csat), cfg.outcomes)
    assert lab is not None and lab.failed and "feedback.csat" in lab.evidence
    nested = label_of(conv("c", {"ticket": {"resolved": False}}), cfg.outcomes)
    assert nested is not None and nested.failed
    assert label_of(conv("d", {"reward": "n/a"}), cfg.outcomes) is None  # not comparable: no label
    assert label_of(conv("e"), cfg.outcomes) is None


def test_labelled_conversations_are_decided_by_the_label_and_say_so() -> None:
    cfg = parse_config(OUTCOMES)
    convs = [conv("happy-but-failed", {"reward": 0.0}), conv("unlabelled")]
    outcomes = run_detection(convs, cfg).outcomes
    assert outcomes[0].failed and outcomes[0].decided_by == "label" and outcomes[0].failing_turn == 1
    assert not outcomes[1].failed and outcomes[1].decided_by == "signals"


def test_without_an_outcomes_section_a_reward_in_the_metadata_is_never_read() -> None:
    cfg = parse_config(BASE)
    [out] = run_detection([conv("a", {"reward": 0.0})], cfg).outcomes
    assert not out.failed and out.decided_by == "signals"
