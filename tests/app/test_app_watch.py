"""The metric watch through the GitHub App: merge webhook → comment + check; export push → verdict in place.

(Lives next to the app fixtures; owned by the watch.)
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import payloads
import pytest
from conftest import AppHarness
from fake_github import FakeRepo
from generator import generate

pytestmark = pytest.mark.slow

WATCH = "<!-- agentmend:watch -->"


def _watch_config(files: dict[str, bytes]) -> dict[str, bytes]:
    """The example config sized for a small corpus: >= 100 conversations, a fix expected to remove 90%."""
    text = files[".github/agentmend.yml"].decode()
    text = text.replace("min_conversations: 200", "min_conversations: 100\n  expected_reduction: 0.9")
    assert "expected_reduction: 0.9" in text
    return {**files, ".github/agentmend.yml": text.encode()}


def _after_exports(tmp_path: Path) -> dict[str, bytes]:
    """A week after the fix: prompt v15, the CSV-export cause gone, everything else as before."""
    root = tmp_path / "after"
    generate(root, seed=8, conversations=200, start=date(2026, 10, 22), days=7, id_prefix="n",
             prompt_version="v15", cause_rates={"csv_export_refused": 0.0})  # fmt: skip
    files = {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    shutil.rmtree(root)
    return files


def _check(repo: FakeRepo, sha: str) -> dict[str, Any]:
    [run] = [r for r in repo.check_runs.values() if r["head_sha"] == sha and r["name"] == "agentmend/watch"]
    return run


def test_merge_then_new_exports_conclude_the_watch_in_place(
    app_harness: AppHarness, support_agent_files: dict[str, bytes], tmp_path: Path
) -> None:
    fake = app_harness.fake
    repo = fake.add_repo("acme/support-bot", _watch_config(support_agent_files))
    app_harness.deliver("installation", payloads.installation_created(fake, repo))
    app_harness.run_jobs()
    csv_prs = [p for p in repo.open_pulls() if "export" in p["title"].lower() or "csv" in p["title"].lower()]
    assert csv_prs, [p["title"] for p in repo.open_pulls()]
    pr = csv_prs[0]

    # the reviewer bumps the prompt version on the PR branch, then merges
    prompt = repo.files_at(pr["head"])["prompts/system.md"].decode()
    repo.commit_files({"prompts/system.md": prompt + "\n<!-- prompt_version: v15 -->\n"}, branch=pr["head"])
    merge_sha = fake.merge_pull(repo, pr["number"], merged_by="carol")
    app_harness.deliver("pull_request", payloads.pull_request_closed(fake, repo, pr["number"], merged=True))
    app_harness.run_jobs()

    [started] = [c for c in repo.comments_on(pr["number"]) if WATCH in c["body"]]
    assert "agentmend watch: started" in started["body"] and "`prompt_version: v15`" in started["body"]
    assert _check(repo, merge_sha)["status"] == "in_progress"

    before = repo.refs["heads/main"]
    after_files = _after_exports(tmp_path)
    head = repo.commit_files(dict(after_files), message="nightly export")
    app_harness.deliver("push", payloads.push(fake, repo, before, head, added=sorted(after_files)))
    app_harness.run_jobs()

    watch_comments = [c for c in repo.comments_on(pr["number"]) if WATCH in c["body"]]
    assert [c["id"] for c in watch_comments] == [started["id"]]  # edited in place, not a new comment
    body = watch_comments[0]["body"]
    print("\n" + body)
    run = _check(repo, merge_sha)
    assert run["status"] == "completed" and run["conclusion"] == "success", run["output"]["title"]
    assert "improved" in body and "xychart-beta" in body and "| Metric | Before | After |" in body
    assert run["output"]["summary"].startswith("Improved:")
    assert not any(p["head"].startswith("agentmend/revert-") for p in repo.open_pulls())
