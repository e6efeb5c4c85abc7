"""`agentmend propose` prints, per cause, the branch, risk, diff stat, action, change text and model path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from proposal_factories import cluster, git, make_repo, report
from typer.testing import CliRunner

import agentmend.analysis.embed
import agentmend.loop.propose
from agentmend.cli import app
from agentmend.forges.local_git import LocalGitForge


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real git repo; the analysis is replaced by a hand-built report (it has its own tests)."""
    rep = report(cluster(), cluster("cause-billing", keywords=("invoice", "vat"), size=3))
    monkeypatch.setattr(agentmend.analysis.embed, "default_embedder", lambda: None)
    analysis = agentmend.loop.propose.ForgeAnalysis(rep)
    monkeypatch.setattr(agentmend.loop.propose, "analyze_forge_with_texts", lambda *a, **k: analysis)
    return make_repo(tmp_path / "agent")


def test_propose_prints_what_it_did_and_where_the_text_is(repo: Path) -> None:
    result = CliRunner().invoke(app, ["propose", str(repo), "--model", "offline"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert re.search(r"created +agentmend/sso +risk medium +1 file\(s\) changed, \+\d+ -0", result.output)
    assert f"change text: {LocalGitForge(repo).changes_dir / 'agentmend__sso.md'}" in result.output
    assert "proposals (offline — no LLM)" in result.output
    assert "skipped   invoice / vat: too small: 3 failed conversations" in result.output


def test_guidance_for_one_cause_regenerates_only_that_one(repo: Path) -> None:
    CliRunner().invoke(app, ["propose", str(repo)])
    result = CliRunner().invoke(
        app,
        ["propose", str(repo), "--cause", "cause-sso", "--guidance", "Link the SAML guide"],
        terminal_width=200,
    )
    assert result.exit_code == 0, result.output
    assert "updated   agentmend/sso" in result.output and "invoice / vat:" not in result.output
    assert "Link the SAML guide" in (LocalGitForge(repo).changes_dir / "agentmend__sso.md").read_text()


def test_an_unknown_cause_is_an_error(repo: Path) -> None:
    result = CliRunner().invoke(app, ["propose", str(repo), "--cause", "cause-nope"])
    assert result.exit_code == 1 and "no cause 'cause-nope'" in result.output


def test_asking_for_anthropic_without_a_key_stops_with_the_variable_name(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    result = CliRunner().invoke(app, ["propose", str(repo), "--model", "anthropic"])
    assert result.exit_code == 2 and "ANTHROPIC_API_KEY is not set" in result.output


def test_a_declared_target_missing_from_the_repo_is_reported(repo: Path) -> None:
    cfg = (
        (repo / ".github" / "agentmend.yml")
        .read_text()
        .replace("targets:\n", "targets:\n  - {path: agent/routing.yaml, kind: routing}\n")
    )
    (repo / ".github" / "agentmend.yml").write_text(cfg)
    git(repo, "commit", "-qam", "declare routing")
    result = CliRunner().invoke(app, ["propose", str(repo)], terminal_width=200)
    assert "declared target agent/routing.yaml is not on main; skipped" in result.output
