"""What every Forge implementation answers to (LocalGitForge, GitHubForge), and what the App's handlers
need on top (`PullRequestForge`: GitHubForge, and the recording fake the handler tests use)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol

ChangeState = Literal["open", "closed", "merged"]
CheckConclusion = Literal["success", "failure", "neutral"]
Reaction = Literal["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"]


class ForgeError(RuntimeError):
    """The forge refused or failed a call for good (GitHub's answer, a protected branch, a conflict)."""


class NotARegularFile(ValueError):
    """A repository path is a symlink (or lies under one): agentmend neither reads nor writes through it."""


def read_regular(forge: Forge, path: str, ref: str | None = None) -> bytes | None:
    """A file's bytes for reading only (detection's policy and tools); a symlinked one reads as absent."""
    try:
        return forge.read_file(path, ref)
    except NotARegularFile:
        return None


@dataclass(frozen=True)
class Change:
    """A proposed change as the forge holds it: a local branch + text file, or a GitHub PR."""

    branch: str
    number: int | None  # PR number; None for a local change
    url: str  # html url, or the path of the local change text
    state: ChangeState
    head_sha: str
    body: str
    title: str = ""
    merge_sha: str | None = None
    merged_by: str | None = None
    merged_at: datetime | None = None  # when the forge knows it; the watch starts its clock here


@dataclass(frozen=True)
class PublishResult:
    change: Change
    action: Literal["created", "updated", "unchanged"]
    foreign: bool = False  # the branch holds someone else's commits: nothing written, its head is not ours


class Forge(Protocol):
    """The only door to a repository. The core calls these; adapters implement them."""

    @property
    def repo_key(self) -> str:
        """Stable name of the repository for the state store ("owner/name", or the local path)."""
        ...

    @property
    def default_branch(self) -> str: ...

    def head_sha(self, ref: str | None = None) -> str: ...

    def parent_sha(self, sha: str) -> str:
        """First parent of a commit (for reverts of a merge)."""
        ...

    def read_file(self, path: str, ref: str | None = None) -> bytes | None: ...

    def list_files(self, ref: str | None = None) -> list[str]: ...

    def open_or_update_change(
        self, branch: str, files: dict[str, str], title: str, body: str
    ) -> PublishResult:
        """One commit on `branch` over the default branch head; nothing written when nothing differs."""
        ...

    def get_change(self, branch: str) -> Change | None: ...

    def find_changes(self, state: ChangeState | None = None) -> list[Change]:
        """Changes agentmend opened (branch prefix `agentmend/`)."""
        ...

    def upsert_comment(self, change: Change, key: str, body: str) -> None:
        """Create, or edit in place, the one comment carrying the hidden marker `<!-- agentmend:key -->`."""
        ...

    def close(self, change: Change, comment: str | None = None) -> None: ...

    def merge(self, change: Change) -> str:
        """Merge a change (automerge policy only); returns the merge commit sha."""
        ...

    def set_check(
        self, sha: str, name: str, title: str, summary: str, conclusion: CheckConclusion | None
    ) -> None:
        """Report a status on a commit (a check run on GitHub); `conclusion=None` means still in progress."""
        ...


class PullRequestForge(Forge, Protocol):
    """A forge with pull requests, comments and collaborators: what the App's handlers call.

    PRs travel as the JSON GitHub sends (in webhooks and API answers alike), because ownership is judged
    from the same fields in both (`app/ownership.py`).
    """

    installation_id: int
    app_login: str | None  # set by the App: only PRs and comments by this bot are agentmend's
    pushed_head: Callable[[str], str | None] | None  # set by the App: the head agentmend recorded pushing
    allow_overwrite: bool  # set by `regenerate`: replace a branch someone else pushed to

    def pull(self, number: int) -> dict[str, Any] | None:
        """A PR by number, whoever opened it (author, head repo and sha included); None when there is none."""
        ...

    def open_pulls(self) -> list[dict[str, Any]]:
        """The open PRs the app opened from this repository."""
        ...

    def change_of(self, pr: dict[str, Any]) -> Change: ...

    def comment(self, number: int, body: str) -> int:
        """A new comment on PR `number`; returns its id."""
        ...

    def upsert_comment_on(self, number: int, key: str, body: str) -> int:
        """Create or edit the app's one comment carrying the marker for `key`; returns its id."""
        ...

    def react(self, comment_id: int, content: Reaction = "eyes") -> None: ...

    def can_write(self, login: str) -> bool:
        """Whether `login` may push to the repository (and so run agentmend commands)."""
        ...
