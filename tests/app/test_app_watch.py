"""The metric watch through the App's handlers: merge → comment + check; export push → verdict in place.

(Lives next to the app fixtures; owned by the watch.)
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import events
import pytest
from fake_forge import Commented, FakeRepo
from generator import generate
from handler_harness import Handlers

pytestmark = pytest.mark.slow


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


def _watch_comment(repo: FakeRepo, number: int) -> tuple[int, str]:
    comment = repo.app_comment(number, "watch")
    assert comment is not None
    return comment.id, comment.body


def test_merge_then_new_exports_conclude_the_watch_in_place(
    handlers: Handlers, support_agent_files: dict[str, bytes], tmp_path: Path
) -> None:
    repo = handlers.add_repo("acme/support-bot", _watch_config(support_agent_files))
    handlers.deliver("installation", events.installation_created(repo))
    csv_prs = [p for p in repo.open_pulls() if "export" in p.title.lower() or "csv" in p.title.lower()]
    assert csv_prs, [p.title for p in repo.open_pulls()]
    pr = csv_prs[0]

    # the reviewer bumps the prompt version on the PR branch, then merges
    prompt = repo.files_at(pr.branch)["prompts/system.md"].decode()
    repo.commit({"prompts/system.md": prompt + "\n<!-- prompt_version: v15 -->\n"}, branch=pr.branch)
    merge_sha = repo.merge_pull(pr.number, merged_by="carol")
    handlers.deliver("pull_request", events.pull_request_closed(repo, pr.number))

    started_id, started = _watch_comment(repo, pr.number)
    assert "agentmend watch: started" in started and "`prompt_version: v15`" in started
    assert repo.checks[(merge_sha, "agentmend/watch")].conclusion is None  # in progress

    before = repo.refs["main"]
    after_files = _after_exports(tmp_path)
    head = repo.commit(after_files, message="nightly export")
    comments_before = len(repo.written(Commented))
    handlers.deliver("push", events.push(repo, before, head, added=sorted(after_files)))

    comment_id, body = _watch_comment(repo, pr.number)
    assert comment_id == started_id  # edited in place, not a new comment
    assert not [w for w in repo.written(Commented)[comments_before:] if w.number == pr.number]
    run = repo.checks[(merge_sha, "agentmend/watch")]
    assert run.conclusion == "success", run.title
    assert "improved" in body and "xychart-beta" in body and "| Metric | Before | After |" in body
    assert run.summary.startswith("Improved:")
    assert not any(p.branch.startswith("agentmend/revert-") for p in repo.open_pulls())
