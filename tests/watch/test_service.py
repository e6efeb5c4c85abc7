"""Service behaviour that needs no embeddings: refusals a reviewer must see on the change itself."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from agentmend.forges.local_git import LocalGitForge
from agentmend.loop import watch as service
from agentmend.repo_config import load_config
from agentmend.store.db import open_engine
from agentmend.watch.baseline import WatchError

CONFIG = """version: 1
exports: [{path: "exports/*.jsonl"}]
targets: [{path: prompts/system.md, kind: system_prompt}]
"""


class NoEmbedder:
    name = "none"

    def encode(self, texts: Any) -> Any:
        raise AssertionError("nothing should be embedded")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".github").mkdir(parents=True)
    (root / "prompts").mkdir()
    (root / "exports").mkdir()
    (root / ".github" / "agentmend.yml").write_text(CONFIG)
    (root / "prompts" / "system.md").write_text("You are helpful.\n")
    (root / "exports" / "a.jsonl").write_text("")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin"}  # fmt: skip
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "init"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)
    return root


def test_a_change_without_a_known_cause_says_why_its_watch_did_not_start(repo: Path, tmp_path: Path) -> None:
    forge = LocalGitForge(repo)
    files = {"prompts/system.md": "You are very helpful.\n"}
    published = forge.open_or_update_change("agentmend/by-hand", files, "A hand-made change", "no marker")
    merge_sha = forge.merge(published.change)
    change = forge.get_change("agentmend/by-hand")
    assert change is not None
    engine = open_engine(f"sqlite:///{tmp_path / 'state.db'}")
    with pytest.raises(WatchError, match="no failure cause recorded"):
        service.start_watch(forge, change, load_config(repo), engine=engine, embedder=NoEmbedder())
    comments = (forge.changes_dir / "agentmend__by-hand.comments.md").read_text()
    assert "agentmend watch: not started" in comments and "no failure cause recorded" in comments
    check = forge.read_check(merge_sha)["agentmend/watch"]
    assert check["conclusion"] == "neutral" and check["title"] == "Watch not started"
    assert service.watch_status(forge, change, engine=engine).startswith("This change has no metric watch")


def test_rollback_refuses_a_change_that_was_never_merged(repo: Path, tmp_path: Path) -> None:
    forge = LocalGitForge(repo)
    published = forge.open_or_update_change("agentmend/open", {"prompts/system.md": "x\n"}, "t", "b")
    engine = open_engine(f"sqlite:///{tmp_path / 'state.db'}")
    with pytest.raises(WatchError, match="not merged"):
        service.rollback(forge, published.change, load_config(repo), engine=engine, requested_by="dave")


class ConstantEmbedder:
    name = "constant"

    def encode(self, texts: Any) -> Any:
        import numpy as np

        return np.ones((len(texts), 4), dtype=np.float32) / 2.0


def test_the_watch_counts_failures_as_the_analysis_does_labels_included(tmp_path: Path) -> None:
    """A polite conversation the export labels failed is a failure after the merge too, not only in the
    diagnosis that opened the change (the watch used to run the user-side signals alone)."""
    root = tmp_path / "labelled"
    (root / ".github").mkdir(parents=True)
    (root / "exports").mkdir()
    (root / "prompts").mkdir()
    (root / ".github" / "agentmend.yml").write_text(
        CONFIG + 'outcomes: [{field: metadata.reward, failed_when: "< 1"}]\n'
    )
    (root / "prompts" / "system.md").write_text("You are helpful.\n")
    chat = [
        {"role": "user", "content": "Please move my booking to Friday."},
        {"role": "assistant", "content": "Done, your booking is now on Friday."},
        {"role": "user", "content": "Great, thank you!"},
    ]
    labelled = (("ok", 1.0), ("bad", 0.0))
    rows = [{"id": cid, "metadata": {"reward": r}, "messages": chat} for cid, r in labelled]
    (root / "exports" / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin"}  # fmt: skip
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "init"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)
    forge = LocalGitForge(root)
    config = load_config(root)
    head = forge.head_sha()
    pairs = service.outcomes_of(
        service.conversations_at(forge, config, head), config, ConstantEmbedder(), forge, head
    )
    by_id = {c.id: o for c, o in pairs}
    assert by_id["bad"].failed and by_id["bad"].decided_by == "label"
    assert not by_id["ok"].failed
