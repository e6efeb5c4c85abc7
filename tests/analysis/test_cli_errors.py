"""`agentmend analyze` refuses bad input with a message that says where, before loading any model."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from agentmend.cli import app


def test_a_bad_config_names_the_file_and_key_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "agentmend.yml").write_text("version: 1\nexports: []\nclustering: {seed: x}\n")
    result = CliRunner().invoke(app, ["analyze", str(tmp_path), "--db", f"sqlite:///{tmp_path / 's.db'}"])
    assert result.exit_code == 2
    assert "agentmend.yml" in result.output and "clustering.seed" in result.output


def test_a_missing_config_says_where_it_was_expected(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["analyze", str(tmp_path), "--db", f"sqlite:///{tmp_path / 's.db'}"])
    assert result.exit_code == 2
    assert "not found" in result.output
