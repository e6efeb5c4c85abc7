"""An in-memory forge for the App's handler tests: a repository's commits, branches, PRs, comments and check
runs, and every write agentmend made to it as a typed record a test can assert on.

`FakeRepo` is the repository (what people do to it: commit, open a PR, comment, merge); `FakeForge` is the
`PullRequestForge` agentmend gets over it, one per job as the App builds a `GitHubForge` per job. No HTTP,
no GitHub JSON beyond the PR fields the handlers read from webhooks too.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

from agentmend import markers
from agentmend.fixes.branches import BRANCH_PREFIX, require_agentmend_branch
from agentmend.fixes.patch import EditRejected
from agentmend.forges.base import (
    Change,
    ChangeState,
    CheckConclusion,
    ForgeError,
    PublishResult,
    PullRequestForge,
    Reaction,
)
from agentmend.forges.pull_request import change_of_pull

BOT = "agentmend[bot]"
WRITE_ROLES = frozenset({"admin", "maintain", "write"})


# -- what agentmend wrote ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pushed:
    branch: str
    sha: str
    paths: tuple[str, ...]


@dataclass(frozen=True)
class Opened:
    number: int
    branch: str
    title: str


@dataclass(frozen=True)
class PullEdited:
    number: int
    fields: tuple[str, ...]  # "title", "body"


@dataclass(frozen=True)
class Commented:
    number: int
    comment_id: int
    body: str


@dataclass(frozen=True)
class CommentEdited:
    comment_id: int
    body: str


@dataclass(frozen=True)
class Reacted:
    comment_id: int
    content: str


@dataclass(frozen=True)
class Closed:
    number: int


@dataclass(frozen=True)
class Merged:
    number: int
    sha: str


@dataclass(frozen=True)
class CheckSet:
    sha: str
    name: str
    conclusion: CheckConclusion | None
    title: str
    summary: str


Write = Pushed | Opened | PullEdited | Commented | CommentEdited | Reacted | Closed | Merged | CheckSet
W = TypeVar("W", bound=Write)


# -- the repository ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Commit:
    sha: str
    files: Mapping[str, bytes]
    parents: tuple[str, ...]
    author: str
    message: str


@dataclass
class Pull:
    number: int
    branch: str
    title: str
    body: str
    user: str
    user_type: Literal["User", "Bot"] = "User"
    state: Literal["open", "closed"] = "open"
    fork: str | None = None  # the fork's full name when the head branch is not in this repository
    labels: tuple[str, ...] = ()
    head_sha: str = ""  # a fork's head (this repo's own branches are read from `refs`)
    merged: bool = False
    merge_sha: str | None = None
    merged_by: str | None = None
    merged_at: str | None = None


@dataclass
class Comment:
    id: int
    number: int
    body: str
    user: str
    user_type: Literal["User", "Bot"] = "User"


@dataclass
class CheckRun:
    sha: str
    name: str
    title: str
    summary: str
    conclusion: CheckConclusion | None  # None: still in progress


@dataclass
class FakeRepo:
    full_name: str
    id: int = 1001
    installation_id: int = 4242
    bot_login: str = BOT
    default_branch: str = "main"
    commits: dict[str, Commit] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)  # branch -> commit sha
    pulls: dict[int, Pull] = field(default_factory=dict)
    comments: dict[int, Comment] = field(default_factory=dict)
    checks: dict[tuple[str, str], CheckRun] = field(default_factory=dict)  # (sha, name) -> run
    permissions: dict[str, str] = field(default_factory=dict)  # login -> role
    reactions: list[Reacted] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)  # what agentmend wrote, in order
    refuse_merges: str | None = None  # set to make every merge fail with this reason (branch protection)
    _ids: Any = field(default_factory=lambda: itertools.count(1), repr=False)

    @classmethod
    def create(cls, full_name: str, files: Mapping[str, bytes | str], **kw: Any) -> FakeRepo:
        repo = cls(full_name, **kw)
        repo.commit(files, message="initial commit")
        return repo

    @property
    def owner(self) -> str:
        return self.full_name.split("/", 1)[0]

    @property
    def name(self) -> str:
        return self.full_name.split("/", 1)[1]

    # -- what people do ----------------------------------------------------------------------------

    def commit(
        self,
        files: Mapping[str, bytes | str],
        *,
        branch: str | None = None,
        author: str = "octocat",
        message: str = "update",
        parents: tuple[str, ...] | None = None,
    ) -> str:
        """A commit of `files` over the head of `branch` (created from the default head if new); its sha."""
        branch = branch or self.default_branch
        base = self.refs.get(branch) or self.refs.get(self.default_branch)
        if parents is None:
            parents = (base,) if base else ()
        old = dict(self.commits[parents[0]].files) if parents else {}
        new = {**old, **{p: c.encode() if isinstance(c, str) else c for p, c in files.items()}}
        digest = hashlib.sha1(repr((sorted(new.items()), parents, author, message)).encode()).hexdigest()
        self.commits[digest] = Commit(digest, new, parents, author, message)
        self.refs[branch] = digest
        return digest

    def open_pull(
        self,
        branch: str,
        *,
        title: str,
        body: str,
        user: str,
        user_type: Literal["User", "Bot"] = "User",
        fork: str | None = None,
    ) -> Pull:
        """A PR opened by `user` (from a fork's branch of the same name when `fork` is given)."""
        head = self.refs.get(branch, self.refs[self.default_branch])
        pr = Pull(
            self._next(), branch, title, body, user, user_type, fork=fork, head_sha=head if fork else ""
        )
        self.pulls[pr.number] = pr
        return pr

    def add_comment(
        self, number: int, body: str, user: str, user_type: Literal["User", "Bot"] = "User"
    ) -> Comment:
        c = Comment(self._next(), number, body, user, user_type)
        self.comments[c.id] = c
        return c

    def merge_pull(self, number: int, merged_by: str = "octocat") -> str:
        """Merge PR `number` into the default branch (a merge commit whose first parent is the old head)."""
        pr = self.pulls[number]
        head = self.head_of(pr)
        base = self._merge_base(head)
        main = self.refs[self.default_branch]
        branch_files, base_files = self.commits[head].files, self.commits[base].files
        changed = {p: c for p, c in branch_files.items() if base_files.get(p) != c}
        sha = self.commit(changed, author=merged_by, message=f"Merge #{number}", parents=(main, head))
        pr.state, pr.merged, pr.merge_sha, pr.merged_by = "closed", True, sha, merged_by
        pr.merged_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return sha

    # -- what a test reads -------------------------------------------------------------------------

    def files_at(self, ref: str) -> dict[str, bytes]:
        return dict(self.commits[self.refs.get(ref, ref)].files)

    def head_of(self, pr: Pull) -> str:
        return pr.head_sha if pr.fork else self.refs[pr.branch]

    def first_parents(self, sha: str) -> list[str]:
        """`sha` and its first-parent ancestors, newest first (`git log --first-parent`)."""
        chain = [sha]
        while self.commits[chain[-1]].parents:
            chain.append(self.commits[chain[-1]].parents[0])
        return chain

    def open_pulls(self) -> list[Pull]:
        return sorted((p for p in self.pulls.values() if p.state == "open"), key=lambda p: p.number)

    def comments_on(self, number: int) -> list[Comment]:
        return [c for c in self.comments.values() if c.number == number]

    def app_comment(self, number: int, key: str) -> Comment | None:
        """The app's comment carrying the marker for `key` (e.g. "status", "watch") on PR `number`."""
        found = [
            c
            for c in self.comments_on(number)
            if c.user == self.bot_login and markers.is_comment(c.body, key)
        ]
        assert len(found) <= 1, f"more than one {key} comment on #{number}"
        return found[0] if found else None

    def written(self, kind: type[W]) -> list[W]:
        return [w for w in self.writes if isinstance(w, kind)]

    def pull_json(self, pr: Pull) -> dict[str, Any]:
        """The PR as GitHub shows it in webhooks and API answers, with just the fields the handlers read."""
        this = {"id": self.id, "full_name": self.full_name}
        head_repo = {"id": self.id + 1, "full_name": pr.fork} if pr.fork else this
        return {
            "number": pr.number,
            "state": pr.state,
            "title": pr.title,
            "body": pr.body,
            "html_url": f"https://github.com/{self.full_name}/pull/{pr.number}",
            "user": {"login": pr.user, "type": pr.user_type},
            "head": {"ref": pr.branch, "sha": self.head_of(pr), "repo": head_repo},
            "base": {"ref": self.default_branch, "sha": self.refs[self.default_branch], "repo": this},
            "merged": pr.merged,
            "merged_at": pr.merged_at,
            "merge_commit_sha": pr.merge_sha,
            "merged_by": {"login": pr.merged_by, "type": "User"} if pr.merged_by else None,
        }

    # -- plumbing ----------------------------------------------------------------------------------

    def _next(self) -> int:
        return int(next(self._ids))

    def _merge_base(self, head: str) -> str:
        on_main = set(self.first_parents(self.refs[self.default_branch]))
        return next(sha for sha in self.first_parents(head) if sha in on_main)


class FakeForge:
    """A `PullRequestForge` over a `FakeRepo` that records each write in `repo.writes`."""

    def __init__(self, repo: FakeRepo) -> None:
        self.repo = repo
        self.installation_id = repo.installation_id
        self.app_login: str | None = None
        self.pushed_head: Callable[[str], str | None] | None = None
        self.allow_overwrite = False

    # -- Forge -------------------------------------------------------------------------------------

    @property
    def repo_key(self) -> str:
        return self.repo.full_name

    @property
    def default_branch(self) -> str:
        return self.repo.default_branch

    def head_sha(self, ref: str | None = None) -> str:
        if ref is not None and re.fullmatch(r"[0-9a-f]{40}", ref) and ref in self.repo.commits:
            return ref
        branch = (ref or self.default_branch).removeprefix("refs/heads/")
        if branch not in self.repo.refs:
            raise ForgeError(f"{self.repo_key}: no branch {branch!r}")
        return self.repo.refs[branch]

    def parent_sha(self, sha: str) -> str:
        parents = self.repo.commits[sha].parents
        if not parents:
            raise ForgeError(f"{self.repo_key}: commit {sha[:7]} has no parent")
        return parents[0]

    def read_file(self, path: str, ref: str | None = None) -> bytes | None:
        return self.repo.commits[self.head_sha(ref)].files.get(path)

    def list_files(self, ref: str | None = None) -> list[str]:
        return sorted(self.repo.commits[self.head_sha(ref)].files)

    def open_or_update_change(
        self, branch: str, files: dict[str, str], title: str, body: str
    ) -> PublishResult:
        require_agentmend_branch(branch)
        repo, base = self.repo, self.head_sha()
        wanted = {p: c.encode("utf-8") for p, c in files.items()}
        base_files = repo.commits[base].files
        if all(base_files.get(p) == c for p, c in wanted.items()):
            raise ValueError(
                f"{branch}: the files do not differ from {self.default_branch}; nothing to propose"
            )
        pr = self._app_pull(branch, state="open")
        old = repo.refs.get(branch)
        foreign = old is not None and self._pushed_by_someone_else(branch, old)
        if foreign and not self.allow_overwrite:
            if pr is None:
                raise EditRejected(branch, "the branch holds someone else's commits and no agentmend PR")
            return PublishResult(self.change_of(repo.pull_json(pr)), "unchanged", foreign=True)
        pushed = old is None or foreign or not self._is_current(old, base, wanted)
        if pushed:
            sha = repo.commit(wanted, branch=branch, author=repo.bot_login, message=title, parents=(base,))
            repo.writes.append(Pushed(branch, sha, tuple(sorted(wanted))))
        if pr is None:
            pr = Pull(repo._next(), branch, title, body, self._login, "Bot", labels=("agentmend",))
            repo.pulls[pr.number] = pr
            repo.writes.append(Opened(pr.number, branch, title))
            return PublishResult(self.change_of(repo.pull_json(pr)), "created")
        edited = tuple(
            name
            for name, same in (
                ("title", pr.title == title),
                ("body", markers.same_ignoring_run(pr.body, body)),
            )
            if not same
        )
        if edited:
            pr.title, pr.body = title, body
            repo.writes.append(PullEdited(pr.number, edited))
        action: Literal["updated", "unchanged"] = "updated" if pushed or edited else "unchanged"
        return PublishResult(self.change_of(repo.pull_json(pr)), action)

    def get_change(self, branch: str) -> Change | None:
        pr = self._app_pull(branch)
        return None if pr is None else self.change_of(self.repo.pull_json(pr))

    def find_changes(self, state: ChangeState | None = None) -> list[Change]:
        found = [
            self.change_of(self.repo.pull_json(p))
            for p in self._app_pulls()
            if p.branch.startswith(BRANCH_PREFIX)
        ]
        return [c for c in found if state is None or c.state == state]

    def upsert_comment(self, change: Change, key: str, body: str) -> None:
        self.upsert_comment_on(_number(change), key, body)

    def close(self, change: Change, comment: str | None = None) -> None:
        number = _number(change)
        if comment:
            self.comment(number, comment)
        if change.state == "open":
            self.repo.pulls[number].state = "closed"
            self.repo.writes.append(Closed(number))

    def merge(self, change: Change) -> str:
        number = _number(change)
        pr = self.repo.pulls[number]
        if self.repo.refuse_merges:
            raise ForgeError(f"merge of #{number} refused: {self.repo.refuse_merges}")
        if pr.state != "open" or self.repo.head_of(pr) != change.head_sha:
            raise ForgeError(f"merge of #{number} refused: the PR is closed or its head moved")
        sha = self.repo.merge_pull(number, merged_by=self._login)
        self.repo.writes.append(Merged(number, sha))
        return sha

    def set_check(
        self, sha: str, name: str, title: str, summary: str, conclusion: CheckConclusion | None
    ) -> None:
        self.repo.checks[(sha, name)] = CheckRun(sha, name, title, summary, conclusion)
        self.repo.writes.append(CheckSet(sha, name, conclusion, title, summary))

    # -- PullRequestForge --------------------------------------------------------------------------

    def pull(self, number: int) -> dict[str, Any] | None:
        pr = self.repo.pulls.get(number)
        return None if pr is None else self.repo.pull_json(pr)

    def open_pulls(self) -> list[dict[str, Any]]:
        return [self.repo.pull_json(p) for p in self._app_pulls() if p.state == "open"]

    def change_of(self, pr: dict[str, Any]) -> Change:
        return change_of_pull(pr)

    def comment(self, number: int, body: str) -> int:
        c = self.repo.add_comment(number, body, self._login, "Bot")
        self.repo.writes.append(Commented(number, c.id, body))
        return c.id

    def upsert_comment_on(self, number: int, key: str, body: str) -> int:
        text = markers.comment_body(key, body)
        mine = [
            c
            for c in self.repo.comments_on(number)
            if self._by_app(c.user, c.user_type) and markers.is_comment(c.body, key)
        ]
        if not mine:
            return self.comment(number, text)
        if mine[0].body != text:
            mine[0].body = text
            self.repo.writes.append(CommentEdited(mine[0].id, text))
        return mine[0].id

    def react(self, comment_id: int, content: Reaction = "eyes") -> None:
        self.repo.reactions.append(Reacted(comment_id, content))
        self.repo.writes.append(Reacted(comment_id, content))

    def can_write(self, login: str) -> bool:
        return self.repo.permissions.get(login, "none") in WRITE_ROLES

    # -- plumbing ----------------------------------------------------------------------------------

    @property
    def _login(self) -> str:
        return self.app_login or self.repo.bot_login

    def _by_app(self, login: str, user_type: str) -> bool:
        if self.app_login is None:  # outside the App: at least a bot wrote it
            return user_type == "Bot"
        return user_type == "Bot" and login.lower() == self.app_login.lower()

    def _app_pulls(self) -> list[Pull]:
        """PRs the app opened from a branch of this repository (a fork's are never agentmend's)."""
        return [p for p in self.repo.pulls.values() if p.fork is None and self._by_app(p.user, p.user_type)]

    def _app_pull(self, branch: str, state: str | None = None) -> Pull | None:
        """The app's PR on `branch`: the open one, else the newest."""
        found = [p for p in self._app_pulls() if p.branch == branch and (state is None or p.state == state)]
        found.sort(key=lambda p: (p.state != "open", -p.number))
        return found[0] if found else None

    def _pushed_by_someone_else(self, branch: str, sha: str) -> bool:
        recorded = self.pushed_head(branch) if self.pushed_head is not None else None
        if recorded is not None:
            return sha != recorded
        return self.repo.commits[sha].author != self.repo.bot_login

    def _is_current(self, head: str, base: str, wanted: dict[str, bytes]) -> bool:
        """The branch is one commit changing exactly `wanted` over a parent whose versions of those files
        are still the default head's: a new commit would propose the same diff."""
        commit = self.repo.commits[head]
        if len(commit.parents) != 1:
            return False
        parent = self.repo.commits[commit.parents[0]].files
        if dict(commit.files) != {**parent, **wanted}:
            return False
        base_files = self.repo.commits[base].files
        return all(parent.get(p) == base_files.get(p) for p in wanted)


def _number(change: Change) -> int:
    if change.number is None:
        raise ValueError(f"{change.branch}: not a pull request")
    return change.number


def _conforms(forge: FakeForge) -> PullRequestForge:
    return forge  # mypy: the fake answers to the same protocol as GitHubForge
