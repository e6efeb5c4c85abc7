"""GitHubForge: the Forge protocol over the GitHub REST API (githubkit, installation token).

Reads go through git trees + blobs so files of any size work; a proposal is one commit written with the
git data API and force-pushed to `agentmend/<slug>`. Every call goes through `_call`, which waits out
rate limits (Retry-After, x-ratelimit-reset) and backs off on 5xx with an injectable `sleep`.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from githubkit import AppAuthStrategy, AppInstallationAuthStrategy, GitHub
from githubkit.cache import MemCacheStrategy
from githubkit.exception import RateLimitExceeded, RequestError, RequestFailed

from agentmend import markers
from agentmend.fixes.patch import EditRejected
from agentmend.forges.base import (
    BRANCH_PREFIX,
    Change,
    ChangeState,
    CheckConclusion,
    PublishResult,
    require_agentmend_branch,
)
from agentmend.markdown import BUDGET, cut

log = logging.getLogger(__name__)
LABEL = "agentmend"
COMMIT_TRAILER = "Proposed by agentmend"
LABEL_COLOR = "5319e7"
PER_PAGE = 100
WRITE_ROLES = frozenset({"admin", "maintain", "write"})


class GitHubError(RuntimeError):
    """A GitHub call that failed for good; names the call, the status and GitHub's message."""

    def __init__(self, method: str, path: str, status: int | None, message: str) -> None:
        super().__init__(f"GitHub {method} {path}: {status or 'no answer'}: {message}")
        self.status = status


class RateLimited(GitHubError):
    """The rate limit resets later than we are willing to sleep in a worker: retry the job after `wait`."""

    def __init__(self, method: str, path: str, wait: float) -> None:
        super().__init__(method, path, 403, f"rate limited for another {wait:.0f}s")
        self.wait = wait


def git_blob_sha(data: bytes) -> str:
    """The sha git gives a blob, so unchanged files are recognised without writing anything."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def same_body(a: str, b: str) -> bool:
    """Bodies equal apart from the run id in the hidden marker (a re-run with the same numbers)."""
    return markers.same_ignoring_run(a, b)


def app_client(
    app_id: str, private_key: str, installation_id: int, base_url: str | None = None
) -> GitHub[Any]:
    """A githubkit client that mints and caches the installation token itself (until it expires).

    githubkit's own retries are off: `GitHubForge._call` does them so the waits are injectable.
    """
    return GitHub(
        AppInstallationAuthStrategy(app_id, private_key, installation_id),
        base_url=base_url,
        auto_retry=False,
        http_cache=False,
        cache_strategy=MemCacheStrategy(),
        timeout=30.0,
    )


def app_slug(app_id: str, private_key: str, base_url: str | None = None) -> str:
    """The app's slug from `GET /app` (as the app itself, with its JWT): its bot login is `<slug>[bot]`."""
    client: GitHub[Any] = GitHub(AppAuthStrategy(app_id, private_key), base_url=base_url, auto_retry=False,
                                 http_cache=False, timeout=30.0)  # fmt: skip
    try:
        data = client.request("GET", "/app").raw_response.json()
    except (RequestFailed, RequestError) as exc:
        raise GitHubError("GET", "/app", getattr(getattr(exc, "response", None), "status_code", None),
                          str(exc)) from exc  # fmt: skip
    return str(data["slug"])


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 6
    max_sleep: float = 900.0  # longer waits are handed back to the job queue (RateLimited)
    backoff_base: float = 2.0


class GitHubForge:
    """One repository of one installation."""

    def __init__(
        self,
        client: GitHub[Any],
        owner: str,
        repo: str,
        installation_id: int,
        *,
        sleep: Callable[[float], None] = time.sleep,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.client = client
        self.owner = owner
        self.repo = repo
        self.installation_id = installation_id
        self.sleep = sleep
        self.retry = retry or RetryPolicy()
        self._repo_json: dict[str, Any] | None = None
        self._trees: dict[str, dict[str, str]] = {}  # commit sha -> {path: blob sha}
        self._blobs: dict[str, bytes] = {}
        self._label_ready = False
        self._head: str | None = None  # default-branch head, read once per job
        self._commits: dict[str, dict[str, Any]] = {}
        self._open: dict[str, dict[str, Any]] | None = None  # branch -> open PR, listed once per job
        self.allow_overwrite = False
        # Set by the app: its bot login (only PRs it opened from this repo are agentmend's), and the head
        # sha it recorded pushing to a branch (a different head means someone else pushed).
        self.app_login: str | None = None
        self.pushed_head: Callable[[str], str | None] | None = None

    # -- plumbing ---------------------------------------------------------------------------------

    @property
    def _base(self) -> str:
        return f"/repos/{self.owner}/{self.repo}"

    def _call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        missing_ok: bool = False,
    ) -> Any:
        """One API call with rate-limit waits and 5xx backoff; None for a 404 when `missing_ok`."""
        attempt = 0
        while True:
            attempt += 1
            try:
                resp = self.client.request(method, path, params=params, json=json)
                raw = resp.raw_response
                return raw.json() if raw.content else None
            except RateLimitExceeded as exc:
                wait = max(exc.retry_after.total_seconds(), 1.0)
                if wait > self.retry.max_sleep:
                    raise RateLimited(method, path, wait) from exc
                last = f"rate limited, waited {wait:.0f}s"
            except RequestFailed as exc:
                status = exc.response.status_code
                if status == 404 and missing_ok:
                    return None
                message = _message(exc)
                if status < 500:
                    raise GitHubError(method, path, status, message) from exc
                wait = self.retry.backoff_base**attempt
                last = f"{status} {message}"
            except RequestError as exc:  # timeouts, connection resets
                wait = self.retry.backoff_base**attempt
                last = repr(exc)
            if attempt >= self.retry.max_attempts:
                raise GitHubError(method, path, None, f"gave up after {attempt} attempts ({last})")
            self.sleep(wait)

    def _pages(self, path: str, params: dict[str, Any] | None = None) -> list[Any]:
        out: list[Any] = []
        page = 1
        while True:
            chunk = self._call("GET", path, params={**(params or {}), "per_page": PER_PAGE, "page": page})
            out.extend(chunk or [])
            if not chunk or len(chunk) < PER_PAGE:
                return out
            page += 1

    # -- reading ----------------------------------------------------------------------------------

    @property
    def repo_key(self) -> str:
        return f"{self.owner}/{self.repo}"

    @property
    def default_branch(self) -> str:
        if self._repo_json is None:
            self._repo_json = self._call("GET", self._base)
        return str(self._repo_json["default_branch"])

    def _ref_sha(self, branch: str) -> str | None:
        ref = self._call("GET", f"{self._base}/git/ref/heads/{branch}", missing_ok=True)
        return None if ref is None else str(ref["object"]["sha"])

    def head_sha(self, ref: str | None = None) -> str:
        if ref is not None and re.fullmatch(r"[0-9a-f]{40}", ref):
            return ref
        if ref is None and self._head is not None:
            return self._head
        branch = ref or self.default_branch
        sha = self._ref_sha(branch.removeprefix("refs/heads/"))
        if sha is None:
            raise GitHubError("GET", f"{self._base}/git/ref/heads/{branch}", 404, "branch not found")
        if ref is None:
            self._head = sha
        return sha

    def _commit(self, sha: str) -> dict[str, Any]:
        if sha not in self._commits:
            self._commits[sha] = self._call("GET", f"{self._base}/git/commits/{sha}")
        return self._commits[sha]

    def parent_sha(self, sha: str) -> str:
        parents = self._commit(sha)["parents"]
        if not parents:
            raise GitHubError("GET", f"{self._base}/git/commits/{sha}", None, "commit has no parent")
        return str(parents[0]["sha"])

    def _tree(self, commit_sha: str) -> dict[str, str]:
        """Path -> blob sha of a commit, from one recursive tree call (cached: commits never change)."""
        if commit_sha not in self._trees:
            data = self._call("GET", f"{self._base}/git/trees/{commit_sha}", params={"recursive": "1"})
            if data.get("truncated"):
                data = {"tree": self._walk_tree(commit_sha)}
            self._trees[commit_sha] = {e["path"]: e["sha"] for e in data["tree"] if e.get("type") == "blob"}
        return self._trees[commit_sha]

    def _walk_tree(self, tree_ish: str, prefix: str = "") -> list[dict[str, Any]]:
        """Fallback for trees too big for one recursive answer: walk directory by directory."""
        out: list[dict[str, Any]] = []
        for e in self._call("GET", f"{self._base}/git/trees/{tree_ish}")["tree"]:
            path = f"{prefix}{e['path']}"
            if e.get("type") == "tree":
                out += self._walk_tree(e["sha"], f"{path}/")
            else:
                out.append({**e, "path": path})
        return out

    def _blob(self, sha: str) -> bytes:
        if sha not in self._blobs:
            data = self._call("GET", f"{self._base}/git/blobs/{sha}")
            content = data.get("content") or ""
            self._blobs[sha] = (
                base64.b64decode(content) if data.get("encoding") == "base64" else content.encode()
            )
        return self._blobs[sha]

    def read_file(self, path: str, ref: str | None = None) -> bytes | None:
        sha = self._tree(self.head_sha(ref)).get(path)
        return None if sha is None else self._blob(sha)

    def list_files(self, ref: str | None = None) -> list[str]:
        return sorted(self._tree(self.head_sha(ref)))

    # -- changes ----------------------------------------------------------------------------------

    def opened_here_by_app(self, pr: dict[str, Any]) -> bool:
        """The PR's head is a branch of this repository (not a fork) and, when the app's login is known,
        the app opened it. Anyone can open a PR from a fork's `agentmend/…` branch; that is not ours."""
        head_repo = (pr.get("head") or {}).get("repo") or {}
        if str(head_repo.get("full_name") or "").lower() != self.repo_key.lower():
            return False
        return self.app_login is None or self._by_app(pr.get("user"))

    def change_of(self, pr: dict[str, Any]) -> Change:
        return self._to_change(pr)

    def _to_change(self, pr: dict[str, Any]) -> Change:
        state: ChangeState = "merged" if pr.get("merged") or pr.get("merged_at") else pr["state"]
        merged_by = pr.get("merged_by") or {}
        return Change(
            branch=pr["head"]["ref"],
            number=int(pr["number"]),
            url=str(pr.get("html_url", "")),
            state=state,
            head_sha=str(pr["head"].get("sha", "")),
            body=pr.get("body") or "",
            title=pr.get("title") or "",
            merge_sha=pr.get("merge_commit_sha") if state == "merged" else None,
            merged_by=merged_by.get("login"),
        )

    def _open_pulls(self) -> dict[str, dict[str, Any]]:
        """Open PRs by head branch, listed once per forge (one job) and kept current by our own writes."""
        if self._open is None:
            pulls = self._pages(f"{self._base}/pulls", {"state": "open"})
            self._open = {str(p["head"]["ref"]): p for p in pulls if self.opened_here_by_app(p)}
        return self._open

    def open_pulls(self) -> list[dict[str, Any]]:
        """The open PRs the app opened from this repository, as GitHub answers them."""
        return list(self._open_pulls().values())

    def _remember(self, pr: dict[str, Any]) -> None:
        if self._open is not None:
            branch = str(pr["head"]["ref"])
            if pr.get("state") == "open":
                self._open[branch] = pr
            else:
                self._open.pop(branch, None)

    def get_change(self, branch: str) -> Change | None:
        if branch in self._open_pulls():
            return self._to_change(self._open_pulls()[branch])
        pulls = self._call(
            "GET", f"{self._base}/pulls", params={"head": f"{self.owner}:{branch}", "state": "all"}
        )
        pulls = [p for p in pulls or [] if self.opened_here_by_app(p)]
        if not pulls:
            return None
        open_first = sorted(pulls, key=lambda p: (p["state"] != "open", -int(p["number"])))
        return self._to_change(open_first[0])

    def get_change_by_number(self, number: int) -> Change | None:
        pr = self.pull(number)
        return None if pr is None else self._to_change(pr)

    def pull(self, number: int) -> dict[str, Any] | None:
        """A PR as GitHub answers it (author, head repo and sha included), whoever opened it."""
        pr = self._call("GET", f"{self._base}/pulls/{number}", missing_ok=True)
        return pr if isinstance(pr, dict) else None

    def find_changes(self, state: ChangeState | None = None) -> list[Change]:
        if state == "open":
            pulls = list(self._open_pulls().values())
        else:
            pulls = self._pages(f"{self._base}/pulls", {"state": "all"})
        changes = [
            self._to_change(p)
            for p in pulls
            if str(p["head"]["ref"]).startswith(BRANCH_PREFIX) and self.opened_here_by_app(p)
        ]
        return [c for c in changes if state is None or c.state == state]

    def _edited_by_someone_else(self, branch: str, branch_sha: str) -> bool:
        """Someone pushed to the PR branch: like Dependabot, stop force-pushing over their work
        (until `allow_overwrite`, which `@agentmend regenerate` sets). The head agentmend recorded pushing
        decides; without a record, the commit trailer (which anyone could copy) is all there is."""
        recorded = self.pushed_head(branch) if self.pushed_head is not None else None
        if recorded is not None:
            return branch_sha != recorded
        return COMMIT_TRAILER not in str(self._commit(branch_sha).get("message", ""))

    def _is_current(self, branch_sha: str, base: str, files: dict[str, str]) -> bool:
        """The branch already proposes exactly these files, and a rebase onto `base` would not change it.

        True when the branch is one commit that changes only `files`, to these contents, over a parent
        whose versions of `files` are still the default head's. Then the PR's diff is what a new commit
        would show, so nothing is pushed (Dependabot likewise leaves a PR alone until it conflicts).
        """
        parents = [p["sha"] for p in self._commit(branch_sha).get("parents", [])]
        if len(parents) != 1:
            return False
        parent_tree, base_tree = self._tree(parents[0]), self._tree(base)
        wanted = {p: git_blob_sha(c.encode("utf-8")) for p, c in files.items()}
        if self._tree(branch_sha) != {**parent_tree, **wanted}:
            return False
        return all(parent_tree.get(p) == base_tree.get(p) for p in files)

    def open_or_update_change(
        self, branch: str, files: dict[str, str], title: str, body: str
    ) -> PublishResult:
        require_agentmend_branch(branch)
        body = markers.fit_body(body)  # GitHub refuses bodies over 65,536 characters
        base = self.head_sha()
        base_tree = self._tree(base)
        if all(base_tree.get(p) == git_blob_sha(c.encode("utf-8")) for p, c in files.items()):
            raise ValueError(
                f"{branch}: the files do not differ from {self.default_branch}; nothing to propose"
            )
        open_pr = self._open_pulls().get(branch)
        old = str(open_pr["head"]["sha"]) if open_pr else self._ref_sha(branch)
        pushed = False
        foreign = old is not None and self._edited_by_someone_else(branch, old)
        if old is not None and open_pr is not None and foreign and not self.allow_overwrite:
            log.info("%s: %s has commits from someone else; left as it is", self.repo_key, branch)
            return PublishResult(change=self._to_change(open_pr), action="unchanged", foreign=True)
        if old is not None and open_pr is None and foreign and not self.allow_overwrite:
            # a person's branch (maybe with their own PR) under our name: never force-push over it
            raise EditRejected(
                branch, "the branch holds someone else's commits and no agentmend PR; left alone (rename it)"
            )
        # a head someone else pushed is replaced even when its files look right: only our commit is ours
        if old is None or foreign or not self._is_current(old, base, files):
            base_commit = self._commit(base)
            tree = self._call(
                "POST",
                f"{self._base}/git/trees",
                json={
                    "base_tree": base_commit["tree"]["sha"],
                    # inline content creates the blobs in the same call: one write instead of one per file
                    "tree": [
                        {"path": p, "mode": "100644", "type": "blob", "content": c}
                        for p, c in sorted(files.items())
                    ],
                },
            )
            message = f"{title}\n\n{COMMIT_TRAILER} from production conversations; review the PR text."
            commit = self._call(
                "POST",
                f"{self._base}/git/commits",
                json={"message": message, "tree": tree["sha"], "parents": [base]},
            )
            head = str(commit["sha"])
            if old is None:
                self._call(
                    "POST", f"{self._base}/git/refs", json={"ref": f"refs/heads/{branch}", "sha": head}
                )
            else:
                self._call(
                    "PATCH", f"{self._base}/git/refs/heads/{branch}", json={"sha": head, "force": True}
                )
            pushed = True
            old = head
        if open_pr is not None:
            pr = open_pr
            patch: dict[str, str] = {}
            if (pr.get("title") or "") != title:
                patch["title"] = title
            if not same_body(pr.get("body") or "", body):
                patch["body"] = body
            if patch:
                pr = self._call("PATCH", f"{self._base}/pulls/{pr['number']}", json=patch)
            pr = {**pr, "head": {**pr["head"], "sha": old}}
            self._remember(pr)
            action: Literal["updated", "unchanged"] = "updated" if pushed or patch else "unchanged"
            return PublishResult(change=self._to_change(pr), action=action)
        pr = self._call(
            "POST",
            f"{self._base}/pulls",
            json={"title": title, "head": branch, "base": self.default_branch, "body": body},
        )
        self._label(int(pr["number"]))
        self._remember(pr)
        return PublishResult(change=self._to_change(pr), action="created")

    def _label(self, number: int) -> None:
        if not self._label_ready:
            if self._call("GET", f"{self._base}/labels/{LABEL}", missing_ok=True) is None:
                self._call(
                    "POST",
                    f"{self._base}/labels",
                    json={"name": LABEL, "color": LABEL_COLOR, "description": "Proposed by agentmend"},
                )
            self._label_ready = True
        self._call("POST", f"{self._base}/issues/{number}/labels", json={"labels": [LABEL]})

    def close(self, change: Change, comment: str | None = None) -> None:
        if change.number is None:
            raise ValueError(f"{change.branch}: not a pull request")
        if comment:
            self.comment(change.number, comment)
        if change.state == "open":
            pr = self._call("PATCH", f"{self._base}/pulls/{change.number}", json={"state": "closed"})
            self._remember(pr)

    def merge(self, change: Change) -> str:
        if change.number is None:
            raise ValueError(f"{change.branch}: not a pull request")
        self._head = None
        if self._open is not None:
            self._open.pop(change.branch, None)
        data = self._call(
            "PUT",
            f"{self._base}/pulls/{change.number}/merge",
            json={"sha": change.head_sha, "merge_method": "merge"},
        )
        return str(data["sha"])

    # -- comments, reactions, permissions, checks ------------------------------------------------

    def find_comment(self, number: int, key: str) -> dict[str, Any] | None:
        """The app's own comment for `key`: written by the app (never someone who copied the marker),
        with the marker as its first line."""
        comments = self._pages(f"{self._base}/issues/{number}/comments")
        return next(
            (
                c
                for c in comments
                if self._by_app(c.get("user")) and markers.is_comment(c.get("body") or "", key)
            ),
            None,
        )

    def _by_app(self, user: Any) -> bool:
        if not isinstance(user, dict):
            return False
        if self.app_login is None:  # outside the app (forge tests): at least a bot wrote it
            return user.get("type") == "Bot"
        return user.get("type") == "Bot" and str(user.get("login") or "").lower() == self.app_login.lower()

    def upsert_comment(self, change: Change, key: str, body: str) -> None:
        self.upsert_comment_on(_number(change), key, body)

    def upsert_comment_on(self, number: int, key: str, body: str) -> int:
        """Create or edit the one comment carrying the marker; returns its id. No write when unchanged."""
        text = markers.comment_body(key, body)
        found = self.find_comment(number, key)
        if found is None:
            return int(
                self._call("POST", f"{self._base}/issues/{number}/comments", json={"body": text})["id"]
            )
        if found.get("body") != text:
            self._call("PATCH", f"{self._base}/issues/comments/{found['id']}", json={"body": text})
        return int(found["id"])

    def comment(self, number: int, body: str) -> int:
        body = cut(body, BUDGET)
        return int(self._call("POST", f"{self._base}/issues/{number}/comments", json={"body": body})["id"])

    def react(self, comment_id: int, content: str = "eyes") -> None:
        self._call("POST", f"{self._base}/issues/comments/{comment_id}/reactions", json={"content": content})

    def permission(self, login: str) -> str:
        """The user's role on the repo (`role_name`, else the legacy `permission`); 'none' for strangers."""
        data = self._call("GET", f"{self._base}/collaborators/{login}/permission", missing_ok=True)
        if data is None:
            return "none"
        return str(data.get("role_name") or data.get("permission") or "none")

    def can_write(self, login: str) -> bool:
        return self.permission(login) in WRITE_ROLES

    def set_check(
        self, sha: str, name: str, title: str, summary: str, conclusion: CheckConclusion | None
    ) -> None:
        output = {"title": title[:255], "summary": cut(summary, BUDGET)}
        status = (
            {"status": "completed", "conclusion": conclusion} if conclusion else {"status": "in_progress"}
        )
        runs = self._call(
            "GET", f"{self._base}/commits/{sha}/check-runs", params={"check_name": name, "filter": "latest"}
        )
        existing = (runs or {}).get("check_runs") or []
        if existing:
            self._call(
                "PATCH", f"{self._base}/check-runs/{existing[0]['id']}", json={**status, "output": output}
            )
        else:
            self._call(
                "POST",
                f"{self._base}/check-runs",
                json={"name": name, "head_sha": sha, **status, "output": output},
            )


def _number(change: Change) -> int:
    if change.number is None:
        raise ValueError(f"{change.branch}: not a pull request")
    return change.number


def _message(exc: RequestFailed) -> str:
    try:
        data = exc.response.raw_response.json()
    except ValueError:
        return exc.response.raw_response.text[:200]
    return str(data.get("message", data)) if isinstance(data, dict) else str(data)[:200]


__all__ = [
    "GitHubError",
    "GitHubForge",
    "RateLimited",
    "RetryPolicy",
    "app_client",
    "app_slug",
    "git_blob_sha",
    "same_body",
]
