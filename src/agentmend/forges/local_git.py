"""A Forge over a local git working copy: branches stand in for pull requests.

Branches are written with plumbing (a private index, `commit-tree`, `update-ref`), so the user's working
tree, index and current branch are never touched. The pull-request text, its comments and the checks
live as files in the repository's folder of agentmend's state dir (`paths.repo_state_dir`), outside the
work tree: nothing shows up in `git status`, and nothing a repository commits (a forged
`.agentmend/changes/*.json`) is ever read as agentmend's own record.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from agentmend import markers
from agentmend.fixes.branches import BRANCH_PREFIX, require_agentmend_branch
from agentmend.forges.base import Change, ChangeState, CheckConclusion, NotARegularFile, PublishResult
from agentmend.paths import repo_state_dir

AUTHOR_NAME = "agentmend"
AUTHOR_EMAIL = "agentmend@users.noreply.local"


class GitError(RuntimeError):
    """A git command failed; the message carries the command and git's own words."""


def _identity() -> dict[str, str]:
    return {
        "GIT_AUTHOR_NAME": AUTHOR_NAME,
        "GIT_AUTHOR_EMAIL": AUTHOR_EMAIL,
        "GIT_COMMITTER_NAME": AUTHOR_NAME,
        "GIT_COMMITTER_EMAIL": AUTHOR_EMAIL,
    }


def change_file_stem(branch: str) -> str:
    """`agentmend/sso-setup` → `agentmend__sso-setup`: one flat file name per branch."""
    return branch.replace("/", "__")


class LocalGitForge:
    """The embedded Forge used by the CLI, the demo and most tests."""

    def __init__(self, root: Path, default_branch: str | None = None, state_dir: Path | None = None) -> None:
        self.root = Path(root).resolve()
        if not (self.root / ".git").exists():
            raise GitError(f"{self.root}: not a git working copy (run `git init` and commit the agent files)")
        self._default = default_branch
        self.state_dir = Path(state_dir) if state_dir is not None else repo_state_dir(self.root)
        self.changes_dir = self.state_dir / "changes"
        self.checks_dir = self.state_dir / "checks"

    # -- plumbing -------------------------------------------------------------------------------------

    def _git(
        self, *args: str, input: bytes | None = None, env: dict[str, str] | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[bytes]:
        full_env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", **(env or {})}
        proc = subprocess.run(
            ["git", "-C", str(self.root), *args], input=input, capture_output=True, env=full_env, check=False
        )
        if check and proc.returncode != 0:
            raise GitError(f"git {' '.join(args)}: {proc.stderr.decode(errors='replace').strip()}")
        return proc

    def _out(self, *args: str, **kw: Any) -> str:
        return self._git(*args, **kw).stdout.decode().strip()

    def _ref_sha(self, ref: str) -> str | None:
        proc = self._git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
        return proc.stdout.decode().strip() or None if proc.returncode == 0 else None

    def _ensure_state_dir(self) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True)

    # -- repository -----------------------------------------------------------------------------------

    @property
    def repo_key(self) -> str:
        return str(self.root)

    @property
    def default_branch(self) -> str:
        if self._default:
            return self._default
        for name in ("main", "master"):
            if self._ref_sha(f"refs/heads/{name}"):
                self._default = name
                return name
        current = self._git("symbolic-ref", "--short", "HEAD", check=False).stdout.decode().strip()
        if current and not current.startswith(BRANCH_PREFIX):
            self._default = current
            return current
        raise GitError(f"{self.root}: cannot tell the default branch; commit to 'main' first")

    def head_sha(self, ref: str | None = None) -> str:
        name = ref or self.default_branch
        sha = self._ref_sha(name)
        if sha is None:
            raise GitError(f"{self.root}: no commit at {name!r} (commit the agent files first)")
        return sha

    def parent_sha(self, sha: str) -> str:
        return self._out("rev-parse", f"{sha}^1")

    def _symlink_on(self, path: str, ref: str) -> str | None:
        """The first component of `path` (itself or a parent folder) that is a symlink at `ref`."""
        parts = path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        listed = self._git("ls-tree", "-z", ref, "--", *prefixes, check=False).stdout.decode(errors="replace")
        for entry in listed.split("\0"):
            meta, _, name = entry.partition("\t")
            if meta.startswith("120000 ") and name in prefixes:  # ls-tree also lists a folder's entries
                return name
        return None

    def read_file(self, path: str, ref: str | None = None) -> bytes | None:
        """The committed content at `ref` (default branch head); None when the file is not there.

        Raises NotARegularFile for a symlink (or a path under one): its "content" is where it points.
        """
        ref = ref or self.default_branch
        if (link := self._symlink_on(path, ref)) is not None:
            raise NotARegularFile(f"{path}: {link} is a symlink in the repository; only files are read")
        proc = self._git("cat-file", "blob", f"{ref}:{path}", check=False)
        return proc.stdout if proc.returncode == 0 else None

    def list_files(self, ref: str | None = None) -> list[str]:
        out = self._git("ls-tree", "-r", "-z", "--name-only", ref or self.default_branch).stdout.decode()
        return sorted(p for p in out.split("\0") if p)

    # -- changes --------------------------------------------------------------------------------------

    def _meta_path(self, branch: str) -> Path:
        return self.changes_dir / f"{change_file_stem(branch)}.json"

    def _text_path(self, branch: str) -> Path:
        return self.changes_dir / f"{change_file_stem(branch)}.md"

    def _read_meta(self, branch: str) -> dict[str, Any]:
        path = self._meta_path(branch)
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}

    def _write_meta(self, branch: str, meta: dict[str, Any]) -> None:
        self._ensure_state_dir()
        self.changes_dir.mkdir(parents=True, exist_ok=True)
        self._meta_path(branch).write_text(
            json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )

    def _build_tree(self, base: str, files: dict[str, str]) -> str:
        """The tree of `base` with `files` replaced, built in a private index."""
        with tempfile.TemporaryDirectory(prefix="agentmend-index-") as tmp:
            env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
            self._git("read-tree", base, env=env)
            for path, text in sorted(files.items()):
                if (link := self._symlink_on(path, base)) is not None:
                    raise NotARegularFile(f"{path}: {link} is a symlink; agentmend never writes through one")
                blob = self._out("hash-object", "-w", "--stdin", input=text.encode("utf-8"))
                listed = self._out("ls-tree", base, "--", path)
                mode = listed.split()[0] if listed else "100644"
                self._git("update-index", "--add", "--cacheinfo", f"{mode},{blob},{path}", env=env)
            return self._out("write-tree", env=env)

    def open_or_update_change(
        self, branch: str, files: dict[str, str], title: str, body: str
    ) -> PublishResult:
        require_agentmend_branch(branch)
        base = self.head_sha()
        current = self._git("symbolic-ref", "--quiet", "HEAD", check=False).stdout.decode().strip()
        if current == f"refs/heads/{branch}":
            raise GitError(f"{branch} is checked out in {self.root}; switch to {self.default_branch} first")
        tree = self._build_tree(base, files)
        if tree == self._out("rev-parse", f"{base}^{{tree}}"):
            raise ValueError(
                f"{branch}: the files do not differ from {self.default_branch}; nothing to propose"
            )
        old = self._ref_sha(f"refs/heads/{branch}")
        meta = self._read_meta(branch)
        same_commit = (
            old is not None
            and self._out("rev-parse", f"{old}^{{tree}}") == tree
            and self._out("rev-parse", f"{old}^1") == base
        )
        if same_commit and old is not None:
            sha = old
        else:
            message = f"{title}\n\nProposed by agentmend; `agentmend propose` prints its change text path.\n"
            sha = self._out("commit-tree", tree, "-p", base, input=message.encode("utf-8"), env=_identity())
            self._git("update-ref", "-m", "agentmend: propose", f"refs/heads/{branch}", sha, old or "")
        text_path = self._text_path(branch)
        text_same = text_path.is_file() and text_path.read_text(encoding="utf-8") == body
        was_open = meta.get("state", "open") == "open" and old is not None
        self._ensure_state_dir()
        self.changes_dir.mkdir(parents=True, exist_ok=True)
        if not text_same:
            text_path.write_text(body, encoding="utf-8")
        self._write_meta(branch, {"branch": branch, "title": title, "state": "open", "head_sha": sha})
        if not was_open:
            action = "created"
        elif same_commit and text_same and meta.get("title") == title:
            action = "unchanged"
        else:
            action = "updated"
        change = self.get_change(branch)
        assert change is not None
        return PublishResult(change=change, action=action)  # type: ignore[arg-type]

    def _merge_commit_of(self, tip: str) -> str:
        """The commit on the default branch that brought `tip` in (the tip itself after a fast-forward)."""
        merges = self._out(
            "rev-list", "--ancestry-path", "--merges", "--reverse", f"{tip}..{self.default_branch}"
        ).split()
        return merges[0] if merges else tip

    def get_change(self, branch: str) -> Change | None:
        meta = self._read_meta(branch)
        tip = self._ref_sha(f"refs/heads/{branch}")
        if tip is None and not meta:
            return None
        text_path = self._text_path(branch)
        body = text_path.read_text(encoding="utf-8") if text_path.is_file() else ""
        head = tip or meta.get("head_sha", "")
        state: ChangeState = meta.get("state", "open")
        merge_sha = meta.get("merge_sha")
        merged_by = meta.get("merged_by")
        if state == "open" and tip is None:
            state = "closed"
        if state == "open" and tip is not None:
            is_merged = self._git("merge-base", "--is-ancestor", tip, self.default_branch, check=False)
            if is_merged.returncode == 0:
                state = "merged"
                merge_sha = self._merge_commit_of(tip)
                merged_by = self._out("log", "-1", "--format=%an", merge_sha)
        merged_at = None
        if merge_sha:  # the merge commit's committer date
            merged_at = datetime.fromisoformat(self._out("show", "-s", "--format=%cI", merge_sha))
        return Change(
            branch=branch,
            number=None,
            url=str(text_path),
            state=state,
            head_sha=head,
            body=body,
            title=meta.get("title", ""),
            merge_sha=merge_sha,
            merged_by=merged_by,
            merged_at=merged_at,
        )

    def find_changes(self, state: ChangeState | None = None) -> list[Change]:
        branches = set(
            self._out("for-each-ref", "--format=%(refname:short)", f"refs/heads/{BRANCH_PREFIX}").split()
        )
        if self.changes_dir.is_dir():
            for meta_file in self.changes_dir.glob("*.json"):
                branch = json.loads(meta_file.read_text(encoding="utf-8")).get("branch")
                if isinstance(branch, str):
                    branches.add(branch)
        changes = [c for b in sorted(branches) if (c := self.get_change(b)) is not None]
        return [c for c in changes if state is None or c.state == state]

    def upsert_comment(self, change: Change, key: str, body: str) -> None:
        """Comments of a local change live in one file, each between its own markers."""
        self._ensure_state_dir()
        self.changes_dir.mkdir(parents=True, exist_ok=True)
        path = self.changes_dir / f"{change_file_stem(change.branch)}.comments.md"
        start, end = markers.comment(key), markers.comment_end(key)
        section = f"{start}\n{body.rstrip()}\n{end}\n"
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        pattern = re.compile(re.escape(start) + r".*?" + re.escape(end) + r"\n?", re.DOTALL)
        if pattern.search(text):
            text = pattern.sub(lambda _m: section, text, count=1)
        else:
            text = text + ("\n" if text and not text.endswith("\n\n") else "") + section
        path.write_text(text, encoding="utf-8")

    def close(self, change: Change, comment: str | None = None) -> None:
        """Close without merging: the branch goes, the change text and comments stay."""
        if comment:
            self.upsert_comment(change, "close", comment)
        meta = self._read_meta(change.branch) or {"branch": change.branch, "title": change.title}
        tip = self._ref_sha(f"refs/heads/{change.branch}")
        meta.update(state="closed", head_sha=tip or meta.get("head_sha") or change.head_sha)
        self._write_meta(change.branch, meta)
        if tip is not None:
            self._git("update-ref", "-d", f"refs/heads/{change.branch}", tip)

    def merge(self, change: Change) -> str:
        """A `--no-ff` merge into the default branch; the checkout is updated only if it has that branch."""
        tip = self.head_sha(f"refs/heads/{change.branch}")
        target = self.default_branch
        message = f"Merge {change.branch}: {change.title}".strip().rstrip(":")
        current = self._git("symbolic-ref", "--quiet", "HEAD", check=False).stdout.decode().strip()
        if current == f"refs/heads/{target}":
            self._git("merge", "--no-ff", "--no-edit", "-m", message, tip, env=_identity())
            merge_sha = self.head_sha()
        else:
            base = self.head_sha()
            proc = self._git("merge-tree", "--write-tree", base, tip, check=False)
            if proc.returncode != 0:
                raise GitError(f"{change.branch} does not merge cleanly into {target}")
            tree = proc.stdout.decode().split()[0]
            merge_sha = self._out("commit-tree", tree, "-p", base, "-p", tip, "-m", message, env=_identity())
            self._git("update-ref", f"refs/heads/{target}", merge_sha, base)
        meta = self._read_meta(change.branch) or {"branch": change.branch, "title": change.title}
        meta.update(state="merged", head_sha=tip, merge_sha=merge_sha, merged_by=AUTHOR_NAME)
        self._write_meta(change.branch, meta)
        return merge_sha

    def set_check(
        self, sha: str, name: str, title: str, summary: str, conclusion: CheckConclusion | None
    ) -> None:
        """Checks of a commit are kept in `<state>/checks/<sha>.json`, one entry per check name."""
        self._ensure_state_dir()
        self.checks_dir.mkdir(parents=True, exist_ok=True)
        path = self.checks_dir / f"{sha}.json"
        checks = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        checks[name] = {
            "title": title,
            "summary": summary,
            "status": "completed" if conclusion else "in_progress",
            "conclusion": conclusion,
        }
        path.write_text(json.dumps(checks, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    def read_check(self, sha: str) -> dict[str, Any]:
        """The checks written for a commit (for tests and the CLI)."""
        path = self.checks_dir / f"{sha}.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
