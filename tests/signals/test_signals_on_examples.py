"""Signals measured on the example corpora: planted failures fail, healthy conversations do not.

The travel corpus and the held-back wording of the Lumen generator were not what the phrase lists were
written from; they check that the signals carry over to wording and domains they were not tuned on.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import generator
import pytest
from generator import GroundTruth, load_ground_truth

from agentmend.analysis.signals import detect
from agentmend.conversations.model import Conversation
from agentmend.conversations.readers import read_all
from agentmend.conversations.sources import files_in_dir
from agentmend.repo_config import load_config

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _rates(root: Path, gt: GroundTruth) -> tuple[dict[str, float], float]:
    config = load_config(root)
    conversations = [c for c in read_all(files_in_dir(root, config)) if isinstance(c, Conversation)]
    failed = {c.id for c in conversations if detect(c, config.signals).failed}
    recall = {cause: len(failed & set(ids)) / len(ids) for cause, ids in gt.causes.items()}
    planted = {i for ids in gt.causes.values() for i in ids} | set(gt.background)
    healthy = [c.id for c in conversations if c.id not in planted]
    return recall, sum(i in failed for i in healthy) / len(healthy)


@pytest.mark.parametrize("example", ["support-agent", "travel-agent"])
def test_planted_causes_fail_and_healthy_conversations_do_not(example: str) -> None:
    root = EXAMPLES / example
    recall, false_rate = _rates(root, load_ground_truth(root / "ground_truth.json"))
    assert min(recall.values()) >= 0.9, recall
    assert false_rate <= 0.02


def test_signals_carry_over_to_held_back_wording(tmp_path: Path) -> None:
    source = EXAMPLES / "support-agent"
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "agentmend.yml").write_bytes((source / ".github" / "agentmend.yml").read_bytes())
    gt = generator.generate(tmp_path, holdout=True, id_prefix="h", conversations=300, seed=3)
    recall, false_rate = _rates(tmp_path, gt)
    assert min(recall.values()) >= 0.85, recall
    assert false_rate <= 0.02


def test_each_cause_fires_the_signals_its_story_implies() -> None:
    root = EXAMPLES / "support-agent"
    config, gt = load_config(root), load_ground_truth(root / "ground_truth.json")
    by_id = {c.id: c for c in read_all(files_in_dir(root, config)) if isinstance(c, Conversation)}
    expected = {
        "sso_setup_vague": {"non_answer", "abandonment"},
        "annual_refund_tool_error": {"tool_error", "escalation"},
        "csv_export_refused": {"non_answer", "expectation_downgrade"},
        "password_reset_loop": {"frustration", "abandonment"},
        "slack_webhook_generic": {"negative_feedback", "frustration"},
    }
    for cause, signals in expected.items():
        seen = Counter(s for i in gt.causes[cause] for s in detect(by_id[i], config.signals).signal_names)
        top = {name for name, _ in seen.most_common(len(signals) + 1)}
        assert signals <= top, (cause, seen)
