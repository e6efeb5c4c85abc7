"""Edits become a minimal, validated unified diff; anything unsafe is refused with the file and reason."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from unidiff import PatchSet

from agentmend.fixes.patch import EditRejected, apply_edits
from agentmend.fixes.records import Edit

PROMPT = "# Agent\n\nBe kind.\n\n## Escalation\nHand off when asked.\n"
TOOLS = (
    "# tools the agent may call\n"
    "tools:\n"
    "  - name: lookup_order   # order lookup\n"
    "    description: Look up an order.\n"
    "  - name: reset_password\n"
    "    description: Reset a password.\n"
)
TARGETS = {"prompts/system.md": PROMPT, "agent/tools.yaml": TOOLS, "agent/routing.json": '{"a": 1}\n'}
ALLOWED = set(TARGETS)


def test_edits_change_only_their_lines_and_keep_comments() -> None:
    result = apply_edits(
        TARGETS,
        [
            Edit(
                "agent/tools.yaml",
                "    description: Look up an order.\n",
                "    description: Look up an order by its number (e.g. #1234); ask for it if missing.\n",
            ),
            Edit("prompts/system.md", "## Escalation\n", "## SSO setup\nGive the steps.\n\n## Escalation\n"),
        ],
        ALLOWED,
    )
    assert set(result.new_texts) == {"agent/tools.yaml", "prompts/system.md"}
    assert "# order lookup" in result.new_texts["agent/tools.yaml"]
    patch = PatchSet(result.diff)
    assert {f.path for f in patch} == {"agent/tools.yaml", "prompts/system.md"}
    assert (patch.added, patch.removed) == (4, 1)
    assert result.new_texts["prompts/system.md"].endswith("Hand off when asked.\n")
    assert result.stat == "2 file(s) changed, +4 -1"


def test_the_diff_applies_with_git(tmp_path: Path) -> None:
    for path, text in TARGETS.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    result = apply_edits(TARGETS, [Edit("prompts/system.md", "Be kind.\n", "Be kind and brief.\n")], ALLOWED)
    (tmp_path / "p.diff").write_text(result.diff)
    subprocess.run(["git", "apply", "--check", "p.diff"], cwd=tmp_path, check=True)


def test_a_file_without_final_newline_keeps_it_that_way() -> None:
    result = apply_edits({"p.md": "a\nb"}, [Edit("p.md", "a\n", "a\nc\n")], {"p.md"})
    assert result.new_texts["p.md"] == "a\nc\nb"
    assert "\\ No newline at end of file" in result.diff


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (Edit("prompts/system.md", "Be rude.\n", "x"), "anchor not found"),
        (Edit("agent/tools.yaml", "    description: ", "    desc: "), "ambiguous (2 matches)"),
        (Edit("secrets.env", "A", "B"), "not a declared target"),
        (Edit("prompts/system.md", "", "x"), "empty anchor"),
        (Edit("agent/tools.yaml", "tools:\n", "tools: [\n"), "no longer parses"),
        (Edit("agent/routing.json", '"a": 1', '"a": '), "no longer parses"),
    ],
)
def test_unsafe_edits_are_rejected_with_the_file_and_reason(edit: Edit, reason: str) -> None:
    with pytest.raises(EditRejected) as err:
        apply_edits(TARGETS, [edit], ALLOWED)
    assert err.value.path == edit.path
    assert reason in str(err.value)
