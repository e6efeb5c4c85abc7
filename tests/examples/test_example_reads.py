"""The readers on the bundled example: every planted conversation arrives, every bad line is reported."""

from __future__ import annotations

from pathlib import Path

from generator import load_ground_truth

from agentmend.conversations.model import Conversation, Malformed
from agentmend.conversations.readers import ExportFile, read_all
from agentmend.conversations.sources import files_in_dir
from agentmend.repo_config import load_config

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "support-agent"


def _export_files(root: Path) -> list[ExportFile]:
    paths = sorted(p for p in (root / "exports").rglob("*") if p.is_file())
    return [ExportFile(p.relative_to(root).as_posix(), lambda p=p: p.open("rb")) for p in paths]


def test_reading_the_example_reports_exactly_the_planted_malformed_lines() -> None:
    gt = load_ground_truth(EXAMPLE / "ground_truth.json")
    files = files_in_dir(EXAMPLE, load_config(EXAMPLE))
    # the config globs see every export file
    assert sorted(f.name for f in files) == sorted(f.name for f in _export_files(EXAMPLE))
    items = list(read_all(files))
    malformed = [m for m in items if isinstance(m, Malformed)]
    conversations = [c for c in items if isinstance(c, Conversation)]
    assert sorted((m.file, m.line) for m in malformed) == sorted(gt.malformed)
    assert sorted(c.id for c in conversations) == gt.conversation_ids


def test_tool_errors_feedback_and_metadata_survive_reading() -> None:
    gt = load_ground_truth(EXAMPLE / "ground_truth.json")
    by_id = {c.id: c for c in read_all(_export_files(EXAMPLE)) if isinstance(c, Conversation)}
    refunds = [by_id[i] for i in gt.causes["annual_refund_tool_error"]]
    anthropic = [c for c in refunds if "anthropic" in c.source]
    assert anthropic and all(any(t.is_error for t in c.turns) for c in anthropic)
    assert all(any(tc.name == "issue_refund" for t in c.turns for tc in t.tool_calls) for c in anthropic)
    slack = [by_id[i] for i in gt.causes["slack_webhook_generic"] if "csv" not in by_id[i].source]
    assert sum(any(f.negative for f in c.feedback) for c in slack) >= 0.8 * len(slack)
    json_sourced = [c for c in by_id.values() if "csv" not in c.source]
    assert all(c.metadata.get("prompt_version") == "v14" and c.user_id for c in json_sourced)
    assert all(t.timestamp is not None for c in by_id.values() for t in c.turns if t.role != "system")


def test_no_planted_pii_survives_redaction_of_the_example() -> None:
    from agentmend.conversations.redact import redact

    gt = load_ground_truth(EXAMPLE / "ground_truth.json")
    convs = [c for c in read_all(_export_files(EXAMPLE)) if isinstance(c, Conversation)]
    redacted = "\n".join(redact(t.text) for c in convs for t in c.turns if t.role == "user")
    leaked = [value for value in gt.pii if value in redacted]
    assert not leaked
