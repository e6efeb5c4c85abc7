"""`agentmend analyze` exit codes a CI can trust, and the one summary line it always prints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from agentmend.cli import app

CONFIG = "version: 1\nexports:\n  - path: exports/*.jsonl\n"
QUESTIONS = [
    "How do I reset my password?",
    "Can I export my invoices as CSV?",
    "Why was I charged twice this month?",
    "How do I add a teammate to my workspace?",
    "Where do I change my billing address?",
]


def _good(i: int) -> str:
    return json.dumps(
        {
            "id": f"c{i}",
            "started_at": f"2026-11-0{1 + i % 5}T10:00:00Z",
            "messages": [
                {"role": "user", "content": QUESTIONS[i % len(QUESTIONS)] + f" (ticket {i})"},
                {"role": "assistant", "content": "Here is how: open Settings and follow the steps."},
            ],
        }
    )


def _repo(tmp_path: Path, lines: list[str], config: str = CONFIG) -> Path:
    (tmp_path / ".github").mkdir(parents=True)
    (tmp_path / ".github" / "agentmend.yml").write_text(config)
    if lines:
        (tmp_path / "exports").mkdir()
        (tmp_path / "exports" / "chats.jsonl").write_text("\n".join(lines) + "\n")
    return tmp_path


def _analyze(repo: Path, *args: str) -> Any:
    db = f"sqlite:///{repo / 'state.db'}"
    return CliRunner().invoke(app, ["analyze", str(repo), "--db", db, "--no-links", *args])


BAD = ["{not json", json.dumps({"id": "r", "messages": [{"role": "robot", "content": "beep"}]})]


def test_nothing_to_read_exits_3_with_the_summary(tmp_path: Path) -> None:
    result = _analyze(_repo(tmp_path, []))
    assert result.exit_code == 3, result.output
    assert "read 0 export files: 0 conversations, 0 malformed" in result.output
    assert "no export file matched" in result.output


def test_only_malformed_records_exits_3_and_counts_them_by_reason(tmp_path: Path) -> None:
    result = _analyze(_repo(tmp_path, BAD + ["[1, 2]"]))
    assert result.exit_code == 3, result.output
    assert "0 conversations, 3 malformed (100.0%)" in result.output
    assert "1 not valid JSON" in result.output and "1 message N has unknown role" in result.output
    assert "exports/chats.jsonl:1: not valid JSON" in result.output


def test_a_malformed_share_over_the_default_bound_exits_4(tmp_path: Path) -> None:
    result = _analyze(_repo(tmp_path, [_good(i) for i in range(30)] + BAD))  # 2 of 32: 6.2%
    assert result.exit_code == 4, result.output
    assert "30 conversations, 2 malformed (6.2%): 1 not valid JSON, 1 message N has unknown role" in (
        " ".join(result.output.split())
    )
    assert "over the 5.0% bound" in result.output


@pytest.fixture
def shared_embedder(embedder: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    import agentmend.analysis.embed as embed

    monkeypatch.setattr(embed, "SentenceEmbedder", lambda: embedder)
    return embedder


def test_the_bound_is_set_by_the_flag_or_the_config(tmp_path: Path, shared_embedder: Any) -> None:
    lines = [_good(i) for i in range(30)] + BAD
    by_flag = _analyze(_repo(tmp_path / "a", lines), "--max-malformed", "0.1")
    assert by_flag.exit_code == 0, by_flag.output
    assert "30 conversations, 2 malformed (6.2%)" in by_flag.output and "30 conversations, " in by_flag.output
    config = CONFIG + "exports_policy:\n  max_malformed_share: 0.1\n"
    by_config = _analyze(_repo(tmp_path / "b", lines, config))
    assert by_config.exit_code == 0, by_config.output
    stricter = _analyze(_repo(tmp_path / "c", lines, config), "--max-malformed", "0.01")
    assert stricter.exit_code == 4


def test_within_the_bound_the_analysis_runs_and_exits_0(tmp_path: Path, shared_embedder: Any) -> None:
    result = _analyze(_repo(tmp_path, [_good(i) for i in range(40)] + BAD[:1]))  # 1 of 41: 2.4%
    assert result.exit_code == 0, result.output
    assert "40 conversations, 1 malformed (2.4%): 1 not valid JSON" in result.output


def test_strict_still_fails_on_the_first_malformed_record(tmp_path: Path) -> None:
    result = _analyze(_repo(tmp_path, [_good(i) for i in range(40)] + BAD[:1]), "--strict")
    assert result.exit_code == 1
    assert "exports/chats.jsonl:41: not valid JSON" in result.output
