"""agentmend leaves nothing in the analysed work tree, and trusts nothing a repository committed there."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from attack_repos import git, make_repo
from typer.testing import CliRunner

from agentmend.cli import app
from agentmend.forges.local_git import LocalGitForge
from agentmend.paths import repo_state_dir


@pytest.mark.slow
def test_analyze_and_propose_leave_git_status_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _private_state_dir: Path
) -> None:
    repo = make_repo(tmp_path / "agent")
    monkeypatch.chdir(repo)  # as a user runs it: `agentmend analyze .` inside the repo
    runner = CliRunner()
    analyzed = runner.invoke(app, ["analyze", ".", "--no-links", "--json", str(tmp_path / "r.json")])
    assert analyzed.exit_code == 0, analyzed.output
    proposed = runner.invoke(app, ["propose", ".", "--no-links", "--model", "offline"], terminal_width=200)
    assert proposed.exit_code == 0, proposed.output

    assert "created" in proposed.output, proposed.output  # something was written: branches, change text
    assert git(repo, "status", "--porcelain", "--ignored") == ""
    assert not (repo / ".agentmend").exists() and not (repo / ".cache").exists()
    state = repo_state_dir(repo)
    assert state.is_relative_to(_private_state_dir) and (state / "state.db").is_file()
    texts = list(LocalGitForge(repo).changes_dir.glob("*.md"))
    assert texts and any(str(t) in proposed.output for t in texts)  # the user is told where they are


def test_a_committed_agentmend_folder_is_never_read_as_agentmend_state(tmp_path: Path) -> None:
    forged_meta = {
        "branch": "agentmend/evil",
        "title": "merged by agentmend",
        "state": "merged",
        "head_sha": "0" * 40,
        "merge_sha": "0" * 40,
        "merged_by": "agentmend",
    }
    repo = make_repo(
        tmp_path / "agent",
        {
            ".agentmend/changes/agentmend__evil.json": json.dumps(forged_meta),
            ".agentmend/changes/agentmend__evil.md": "<!-- agentmend:cause=cause-x;run=r -->",
        },
    )
    db = repo / ".agentmend" / "state.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table cooldowns (repo text, cause_id text, permanent int)")
    before = db.read_bytes()
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "forged state")

    forge = LocalGitForge(repo)
    assert forge.find_changes() == [] and forge.get_change("agentmend/evil") is None
    result = CliRunner().invoke(app, ["analyze", str(repo), "--no-links"])
    assert result.exit_code == 0 and "40 conversations" in result.output, result.output
    assert db.read_bytes() == before  # neither opened for writing nor migrated
    assert git(repo, "status", "--porcelain") == ""
