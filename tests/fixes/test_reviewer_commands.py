"""The commands a PR offers are the ones the App parses and runs, and its help answer lists the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_change_text import context

from agentmend.app.commands import HANDLERS, HELP, Command, parse_command
from agentmend.fixes import change_text
from agentmend.reviewer_commands import COMMANDS, NAMES, ReviewerCommand

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_offered_command_is_parsed_and_has_a_handler(command: ReviewerCommand) -> None:
    assert parse_command(f"@agentmend {command.name} shorter please") == Command(
        command.name, "shorter please"
    )
    assert command.name in HANDLERS


def test_the_app_runs_no_command_it_does_not_offer() -> None:
    assert set(HANDLERS) == NAMES
    assert parse_command("@agentmend dance") == Command("help", unknown="dance")


def test_the_pr_body_and_the_help_answer_offer_the_same_commands() -> None:
    body = change_text.body(context())
    for c in COMMANDS:
        assert f"- `@agentmend {c.usage}`: {c.help}" in body
        assert f"| `@agentmend {c.usage}` | {c.help} |" in HELP


@pytest.mark.parametrize("doc", ["README.md", "docs/github-app.md"])
def test_the_docs_list_every_command(doc: str) -> None:
    text = (ROOT / doc).read_text(encoding="utf-8")
    assert all(f"`@agentmend {c.name}" in text for c in COMMANDS)
