"""LocalGitForge: branches stand in for pull requests, and the user's checkout is never touched."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from agentmend.forges.local_git import GitError, LocalGitForge


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args],
        check=True,
        capture_output=True,
        text=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@x",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@x",
            "PATH": "/usr/bin:/bin",
        },
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "agent"
    (root / "prompts").mkdir(parents=True)
    (root / "prompts" / "system.md").write_text("# Support agent\n\nBe kind.\n")
    (root / "agent.yaml").write_text("tools:\n  - name: lookup  # keep\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "initial")
    return root


NEW = {"prompts/system.md": "# Support agent\n\nBe kind.\n\n## SSO\nGive the steps.\n"}


def test_a_change_is_one_commit_over_main_and_the_checkout_is_untouched(repo: Path) -> None:
    forge = LocalGitForge(repo)
    status_before = git(repo, "status", "--porcelain")
    result = forge.open_or_update_change("agentmend/sso", NEW, "agentmend: SSO", "body <!-- m -->\n")

    assert result.action == "created"
    assert git(repo, "rev-parse", "agentmend/sso^") == git(repo, "rev-parse", "main")
    assert git(repo, "log", "-1", "--format=%an <%ae>", "agentmend/sso") == (
        "agentmend <agentmend@users.noreply.local>"
    )
    assert forge.read_file("prompts/system.md", "agentmend/sso") == NEW["prompts/system.md"].encode()
    assert git(repo, "symbolic-ref", "--short", "HEAD") == "main"
    assert git(repo, "status", "--porcelain") == status_before  # change texts live outside the work tree
    assert Path(result.change.url).read_text() == "body <!-- m -->\n"
    assert Path(result.change.url).name == "agentmend__sso.md"


def test_publishing_the_same_change_twice_changes_nothing(repo: Path) -> None:
    forge = LocalGitForge(repo)
    first = forge.open_or_update_change("agentmend/sso", NEW, "agentmend: SSO", "body\n")
    second = forge.open_or_update_change("agentmend/sso", NEW, "agentmend: SSO", "body\n")
    assert second.action == "unchanged"
    assert second.change.head_sha == first.change.head_sha


def test_new_content_rewrites_the_branch_as_one_commit(repo: Path) -> None:
    forge = LocalGitForge(repo)
    forge.open_or_update_change("agentmend/sso", NEW, "agentmend: SSO", "body\n")
    newer = {"prompts/system.md": NEW["prompts/system.md"] + "Offer a handoff.\n"}
    result = forge.open_or_update_change("agentmend/sso", newer, "agentmend: SSO", "body v2\n")
    assert result.action == "updated"
    assert git(repo, "rev-list", "--count", "main..agentmend/sso") == "1"
    assert result.change.body == "body v2\n"


def test_a_change_identical_to_main_is_refused(repo: Path) -> None:
    forge = LocalGitForge(repo)
    with pytest.raises(ValueError, match="do not differ"):
        forge.open_or_update_change(
            "agentmend/x", {"prompts/system.md": "# Support agent\n\nBe kind.\n"}, "t", "b"
        )


def test_find_changes_merge_close_comments_and_checks(repo: Path) -> None:
    forge = LocalGitForge(repo)
    a = forge.open_or_update_change("agentmend/a", NEW, "A", "a\n").change
    b = forge.open_or_update_change(
        "agentmend/b",
        {"agent.yaml": "tools:\n  - name: lookup  # keep\n    description: Find an order.\n"},
        "B",
        "b\n",
    ).change
    assert [c.branch for c in forge.find_changes("open")] == ["agentmend/a", "agentmend/b"]

    merge_sha = forge.merge(a)
    merged = forge.get_change("agentmend/a")
    assert merged is not None and merged.state == "merged" and merged.merge_sha == merge_sha
    assert forge.parent_sha(merge_sha) == git(repo, "rev-parse", "HEAD~1")
    assert (repo / "prompts" / "system.md").read_text() == NEW["prompts/system.md"]  # checkout followed main

    forge.close(b, comment="Closed: not needed.")
    closed = forge.get_change("agentmend/b")
    assert closed is not None and closed.state == "closed" and closed.body == "b\n"
    assert "agentmend/b" not in git(repo, "branch", "--list", "agentmend/*")

    forge.upsert_comment(merged, "watch", "watching: 10 of 200")
    forge.upsert_comment(merged, "watch", "improved")
    forge.upsert_comment(merged, "help", "commands")
    comments = (forge.changes_dir / "agentmend__a.comments.md").read_text()
    assert "improved" in comments and "10 of 200" not in comments and "commands" in comments

    forge.set_check(merge_sha, "agentmend/watch", "Watching", "0 of 200", None)
    forge.set_check(merge_sha, "agentmend/watch", "Improved", "done", "success")
    assert forge.read_check(merge_sha)["agentmend/watch"]["conclusion"] == "success"


def test_a_branch_merged_by_hand_is_seen_as_merged(repo: Path) -> None:
    forge = LocalGitForge(repo)
    forge.open_or_update_change("agentmend/a", NEW, "A", "a\n")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge by hand", "agentmend/a")
    change = forge.get_change("agentmend/a")
    assert change is not None and change.state == "merged" and change.merged_by == "t"
    assert forge.find_changes("open") == []


def test_merge_while_another_branch_is_checked_out_leaves_that_checkout_alone(repo: Path) -> None:
    forge = LocalGitForge(repo)
    change = forge.open_or_update_change("agentmend/a", NEW, "A", "a\n").change
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "prompts" / "other.md").write_text("work in progress\n")
    merge_sha = forge.merge(change)
    assert git(repo, "rev-parse", "main") == merge_sha
    assert git(repo, "rev-list", "--parents", "-n", "1", merge_sha).split()[1:] == [
        git(repo, "rev-parse", "feature"),
        change.head_sha,
    ]
    assert git(repo, "symbolic-ref", "--short", "HEAD") == "feature"
    assert (repo / "prompts" / "system.md").read_text() == "# Support agent\n\nBe kind.\n"
    assert forge.read_file("prompts/system.md") == NEW["prompts/system.md"].encode()


def test_a_checked_out_agentmend_branch_is_not_rewritten_under_the_user(repo: Path) -> None:
    forge = LocalGitForge(repo)
    forge.open_or_update_change("agentmend/a", NEW, "A", "a\n")
    git(repo, "checkout", "-q", "agentmend/a")
    with pytest.raises(GitError, match="is checked out"):
        forge.open_or_update_change("agentmend/a", {"prompts/system.md": "x\n"}, "A", "a\n")


def test_a_folder_without_git_gets_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GitError, match="not a git working copy"):
        LocalGitForge(tmp_path)
