"""`agentmend formats`, the README table and the config schema name the same formats the readers read."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

from typer.testing import CliRunner

from agentmend.cli import app
from agentmend.conversations.readers import FORMATS
from agentmend.repo_config import ExportFormat

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_formats_command_lists_every_format_with_how_it_is_detected() -> None:
    result = CliRunner().invoke(app, ["formats"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for name in FORMATS:
        if name != "auto":
            assert re.search(rf"│ {re.escape(name)}\s+│", result.output), name
    assert '{"simulations": [{"task_id"' in result.output and "resourceSpans" in result.output


def test_the_readme_table_and_the_config_schema_cover_every_format() -> None:
    text = README.read_text()
    section = text[text.index("## Conversation exports") : text.index("## Failure signals")]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \|", section, flags=re.M)
    assert set(rows) == set(FORMATS) - {"auto"}
    assert set(get_args(ExportFormat)) == set(FORMATS)
