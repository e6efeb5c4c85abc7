"""Export globs and targets stay inside the repository: `..`, absolute paths and symlinks are refused."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from attack_repos import CONFIG, conversations, git, make_repo
from typer.testing import CliRunner

from agentmend.cli import app
from agentmend.forges.local_git import LocalGitForge

SECRET = "TOPSECRET-OUTSIDE-7f3a"
ESCAPING_GLOBS = ["../../../../etc/passw?", "../outside/*.jsonl", "/etc/passwd", "exports/../../x/*.jsonl"]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """Files next to the repository that a crafted repo tries to reach."""
    folder = tmp_path / "outside"
    folder.mkdir()
    secret_conv = {"id": "s1", "messages": [{"role": "user", "content": f"my key is {SECRET}"}]}
    (folder / "secret.jsonl").write_text(json.dumps(secret_conv) + "\n")
    (folder / "passwd").write_text(f"root:x:0:0:{SECRET}:/root:/bin/bash\n")
    (folder / "prompt.md").write_text(f"# Operator notes\n{SECRET}\n")
    return folder


@pytest.mark.parametrize("glob", ESCAPING_GLOBS)
def test_a_glob_that_leaves_the_repo_is_refused_at_config_load(tmp_path: Path, glob: str) -> None:
    config = CONFIG.replace(
        '  - path: "exports/*.jsonl"\n', f'  - path: "exports/*.jsonl"\n  - path: "{glob}"\n'
    )
    repo = make_repo(tmp_path / "evil", config=config)
    result = CliRunner().invoke(app, ["analyze", str(repo), "--no-links"])
    assert result.exit_code == 2
    assert "exports.1.path" in result.output and "relative to the repo root" in result.output
    assert "root:" not in result.output


def test_a_target_outside_the_repo_is_refused_at_config_load(tmp_path: Path) -> None:
    config = CONFIG.replace(
        "targets:\n",
        "targets:\n  - {path: ../outside/prompt.md, kind: system_prompt}\n"
        "  - {path: /etc/passwd, kind: config}\n",
    )
    repo = make_repo(tmp_path / "evil", config=config)
    result = CliRunner().invoke(app, ["analyze", str(repo), "--no-links"])
    assert result.exit_code == 2 and "targets.0.path" in result.output and "targets.1.path" in result.output


def _symlinked_repo(tmp_path: Path, outside: Path) -> Path:
    config = CONFIG.replace('"exports/*.jsonl"', '"exports/**/*.jsonl"')
    repo = make_repo(tmp_path / "evil", {"exports/more.jsonl": conversations(80, "m")}, config=config)
    os.symlink(outside / "secret.jsonl", repo / "exports" / "abs.jsonl")  # absolute, to a file
    os.symlink("../../outside/secret.jsonl", repo / "exports" / "rel.jsonl")  # relative, to a file
    os.symlink(outside, repo / "exports" / "linked")  # a folder outside
    (repo / "prompts" / "system.md").unlink()
    os.symlink(outside / "prompt.md", repo / "prompts" / "system.md")  # a target
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "symlinks")
    return repo


@pytest.mark.slow
def test_committed_symlinks_out_of_the_repo_are_reported_and_never_read(
    tmp_path: Path, outside: Path
) -> None:
    repo = _symlinked_repo(tmp_path, outside)
    before = {p.name: p.read_bytes() for p in outside.iterdir()}
    report_json, report_md = tmp_path / "r.json", tmp_path / "r.md"
    result = CliRunner().invoke(
        app, ["analyze", str(repo), "--no-links", "--json", str(report_json), "--markdown", str(report_md)]
    )
    assert report_json.is_file(), result.output
    report = json.loads(report_json.read_text())
    reasons = {m["file"]: m["reason"] for m in report["run"]["malformed"]}
    assert (
        "exports.0.path" in reasons["exports/abs.jsonl"]
        and "leaves the repository" in reasons["exports/abs.jsonl"]
    )
    assert "exports.0.path" in reasons["exports/rel.jsonl"]
    assert "exports.0.path" in reasons["exports/linked/"] and "not followed" in reasons["exports/linked/"]
    assert report["run"]["conversations"] == 120  # every file inside the repo was read
    everything = result.output + report_json.read_text() + report_md.read_text()
    assert SECRET not in everything and "s1" not in {c["id"] for c in report["conversations"]}

    # propose reads through git: the symlinked target is refused by its key, nothing is written through it
    proposed = CliRunner().invoke(
        app, ["propose", str(repo), "--no-links", "--model", "offline"], terminal_width=250
    )
    assert "targets.0.path" in proposed.output and "symlink" in proposed.output, proposed.output
    forge = LocalGitForge(repo)
    written = (
        "".join(p.read_text() for p in forge.changes_dir.glob("*")) if forge.changes_dir.is_dir() else ""
    )
    branches = git(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads/agentmend/").split()
    diffs = "".join(git(repo, "diff", "main", b) for b in branches)
    assert SECRET not in proposed.output + written + diffs
    assert "prompts/system.md" not in diffs  # the symlinked target was never edited
    assert {p.name: p.read_bytes() for p in outside.iterdir()} == before


def test_the_forge_never_writes_a_branch_through_a_symlink(tmp_path: Path, outside: Path) -> None:
    repo = _symlinked_repo(tmp_path, outside)
    forge = LocalGitForge(repo)
    with pytest.raises(ValueError, match="symlink"):
        forge.read_file("prompts/system.md")
    with pytest.raises(ValueError, match="symlink"):
        forge.open_or_update_change("agentmend/x", {"prompts/system.md": "pwned\n"}, "t", "b")
    with pytest.raises(ValueError, match="symlink"):
        forge.open_or_update_change("agentmend/y", {"exports/linked/new.md": "pwned\n"}, "t", "b")
    assert not (outside / "new.md").exists() and SECRET in (outside / "prompt.md").read_text()
