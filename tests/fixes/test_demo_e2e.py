"""End to end on the bundled example: `agentmend demo` gives one clean branch per planted cause."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from agentmend.cli import app
from agentmend.cli.demo import EXAMPLE, run_demo
from agentmend.fixes.records import Draft
from agentmend.forges.local_git import LocalGitForge
from agentmend.loop.propose import ForgeAnalysis, ProposalRun, propose_changes
from agentmend.models.base import ProposalRequest
from agentmend.models.offline import OfflineModel
from agentmend.repo_config import load_config
from agentmend.store.db import default_url, open_engine

TRUTH = json.loads((EXAMPLE / "ground_truth.json").read_text())


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


@pytest.mark.slow
def test_demo_end_to_end(tmp_path: Path, embedder, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    requests: list[ProposalRequest] = []
    original = OfflineModel.propose

    def recording(self: OfflineModel, request: ProposalRequest) -> Draft:
        requests.append(request)
        return original(self, request)

    monkeypatch.setattr(OfflineModel, "propose", recording)
    workdir = tmp_path / "demo"
    buffer = io.StringIO()
    run = run_demo(
        workdir, out=Console(file=buffer, width=200), err=Console(file=io.StringIO()), embedder=embedder
    )
    printed = buffer.getvalue()

    # one proposal branch per planted cause: the cause's conversations are the bulk of that branch's cluster
    written = {o.cause_id: o for o in run.outcomes if o.action == "created"}
    clusters = {c.id: c for c in run.report.clusters}
    for planted, ids in TRUTH["causes"].items():
        owners = [
            cid
            for cid in written
            if len(set(clusters[cid].member_ids) & set(ids)) > len(clusters[cid].member_ids) / 2
        ]
        assert owners, f"no branch for the planted cause {planted}"

    targets = {t.path for t in load_config(workdir).targets}
    for o in written.values():
        diff = git(workdir, "diff", "main", o.branch)
        (tmp_path / "p.diff").write_text(diff)
        subprocess.run(["git", "-C", str(workdir), "apply", "--check", str(tmp_path / "p.diff")], check=True)
        assert set(git(workdir, "diff", "--name-only", "main", o.branch).split()) <= targets
        assert git(workdir, "rev-list", "--count", f"main..{o.branch}").strip() == "1"
        assert str(o.change_url) in printed and Path(str(o.change_url)).is_file()
    assert git(workdir, "status", "--porcelain") == ""  # the checkout is untouched

    # planted PII is in the exports, and nowhere in what left them
    raw = b"".join(gzip.decompress(p.read_bytes()) for p in sorted((EXAMPLE / "exports").rglob("*.gz")))
    assert any(p.encode() in raw for p in TRUTH["pii"])
    left = repr(requests) + "".join(p.read_text() for p in LocalGitForge(workdir).changes_dir.glob("*.md"))
    assert not [p for p in TRUTH["pii"] if p in left]

    # proposing again on the same evidence changes nothing (the analysis itself is not repeated: too slow)
    forge = LocalGitForge(workdir)
    engine = open_engine(default_url(workdir))
    again = propose_changes(
        ProposalRun(forge, load_config(workdir), engine, OfflineModel()), ForgeAnalysis(run.report)
    )
    assert {o.cause_id: (o.action, o.head_sha) for o in again if o.cause_id in written} == {
        cid: ("unchanged", o.head_sha) for cid, o in written.items()
    }


def test_propose_on_a_folder_that_is_not_a_git_repo_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["propose", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a git working copy" in result.output
