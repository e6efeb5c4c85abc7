"""GitHubForge: the Forge protocol over the GitHub REST API (githubkit, installation token).

Reads go through git trees + blobs so files of any size work; a proposal is one commit written with the
git data API and force-pushed to `agentmend/<slug>`. Calls are githubkit's typed `client.rest` methods and
`rest.paginate`, each under one tenacity policy: waits out rate limits (Retry-After, x-ratelimit-reset),
backs off on 5xx and dropped connections, and sleeps with an injectable `sleep`.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, ParamSpec, TypeVar, cast

from githubkit import AppAuthStrategy, AppInstallationAuthStrategy, GitHub, Response
from githubkit.cache import MemCacheStrategy
from githubkit.exception import RateLimitExceeded, RequestError, RequestFailed
from githubkit.versions import RestVersionSwitcher
from tenacity import (
    RetryCallState,
    RetryError,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
)

from agentmend import markers
from agentmend.fixes.branches import BRANCH_PREFIX, require_agentmend_branch
from agentmend.fixes.patch import EditRejected
from agentmend.forges.base import Change, ChangeState, CheckConclusion, ForgeError, PublishResult, Reaction
from agentmend.forges.pull_request import change_of_pull
from agentmend.markdown import BUDGET, cut

log = logging.getLogger(__name__)
LABEL = "agentmend"
COMMIT_TRAILER = "Proposed by agentmend"
LABEL_COLOR = "5319e7"
PER_PAGE = 100
WRITE_ROLES = frozenset({"admin", "maintain", "write"})
T = TypeVar("T")
P = ParamSpec("P")


class GitHubError(ForgeError):
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

    githubkit's own retries are off: its loop sleeps with `time.sleep`, and a forge's waits must go
    through the forge's `sleep` (tests record them, the worker hands long ones back to the queue).
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
        data: Any = client.rest.apps.get_authenticated().json()
    except RequestError as exc:
        raise _failed(exc) from exc
    return str(data["slug"])


@dataclass(frozen=True)
class RetryPolicy:
    """How long one call keeps trying; a rate limit resetting after `max_sleep` goes back to the queue."""

    max_attempts: int = 6
    max_sleep: float = 900.0  # longer rate-limit waits are handed back to the job queue (RateLimited)
    backoff_base: float = 2.0  # 5xx and dropped connections wait base**attempt seconds: 2, 4, 8, ...


class GitHubForge:
    """One repository of one installation.

    Answers stay GitHub's JSON (`Response.json()`, not githubkit's models): the app hands the forge PRs
    from webhook payloads too, so one shape serves both.
    """

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

    @property
    def _rest(self) -> RestVersionSwitcher:
        return self.client.rest

    def _worth_retrying(self, exc: BaseException) -> bool:
        if isinstance(exc, RateLimitExceeded):  # a longer wait becomes RateLimited for the job queue
            return exc.retry_after.total_seconds() <= self.retry.max_sleep
        if isinstance(exc, RequestFailed):
            return exc.response.status_code >= 500
        return isinstance(exc, RequestError)  # timeouts, connection resets

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, RateLimitExceeded):
            return max(exc.retry_after.total_seconds(), 1.0)
        return float(self.retry.backoff_base**state.attempt_number)

    def _retried(self, call: Callable[[], T]) -> T:
        """`call` under the retry policy; what fails for good is raised as a GitHubError naming the call."""
        retrying = Retrying(
            retry=retry_if_exception(self._worth_retrying),
            wait=self._wait,
            stop=stop_after_attempt(self.retry.max_attempts),
            sleep=self.sleep,
        )
        try:
            return retrying(call)
        except RetryError as gave_up:  # only githubkit's RequestErrors are retried
            last = cast(RequestError[Any], gave_up.last_attempt.exception())
            raise _failed(last, f"gave up after {self.retry.max_attempts} attempts") from last
        except RequestError as exc:
            raise _failed(exc) from exc

    def _api(self, request: Callable[[], Response[Any, Any]], *, missing_ok: bool = False) -> Any:
        """GitHub's JSON answer to one typed `client.rest` call; None for a 404 when `missing_ok`."""
        try:
            response = self._retried(request)
        except GitHubError as exc:
            if missing_ok and exc.status == 404:
                return None
            raise
        return response.json() if response.content else None

    def _listing(
        self, request: Callable[P, Response[Any, Any]], *args: P.args, **kwargs: P.kwargs
    ) -> list[Any]:
        """Every item of a listing (githubkit's paginator follows GitHub's `Link: rel="next"`), retried
        whole: the listings here are a few pages at most."""
        return self._retried(lambda: list(self._rest.paginate(request, _json_list, *args, **kwargs)))

    # -- reading ----------------------------------------------------------------------------------

    @property
    def repo_key(self) -> str:
        return f"{self.owner}/{self.repo}"

    @property
    def default_branch(self) -> str:
        if self._repo_json is None:
            self._repo_json = self._api(lambda: self._rest.repos.get(self.owner, self.repo))
        return str(self._repo_json["default_branch"])

    def _ref_sha(self, branch: str) -> str | None:
        ref = self._api(
            lambda: self._rest.git.get_ref(self.owner, self.repo, f"heads/{branch}"), missing_ok=True
        )
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
            self._commits[sha] = self._api(lambda: self._rest.git.get_commit(self.owner, self.repo, sha))
        return self._commits[sha]

    def parent_sha(self, sha: str) -> str:
        parents = self._commit(sha)["parents"]
        if not parents:
            raise GitHubError("GET", f"{self._base}/git/commits/{sha}", None, "commit has no parent")
        return str(parents[0]["sha"])

    def _tree(self, commit_sha: str) -> dict[str, str]:
        """Path -> blob sha of a commit, from one recursive tree call (cached: commits never change)."""
        if commit_sha not in self._trees:
            data = self._api(
                lambda: self._rest.git.get_tree(self.owner, self.repo, commit_sha, recursive="1")
            )
            if data.get("truncated"):
                data = {"tree": self._walk_tree(commit_sha)}
            self._trees[commit_sha] = {e["path"]: e["sha"] for e in data["tree"] if e.get("type") == "blob"}
        return self._trees[commit_sha]

    def _walk_tree(self, tree_ish: str, prefix: str = "") -> list[dict[str, Any]]:
        """Fallback for trees too big for one recursive answer: walk directory by directory."""
        out: list[dict[str, Any]] = []
        for e in self._api(lambda: self._rest.git.get_tree(self.owner, self.repo, tree_ish))["tree"]:
            path = f"{prefix}{e['path']}"
            if e.get("type") == "tree":
                out += self._walk_tree(e["sha"], f"{path}/")
            else:
                out.append({**e, "path": path})
        return out

    def _blob(self, sha: str) -> bytes:
        if sha not in self._blobs:
            data = self._api(lambda: self._rest.git.get_blob(self.owner, self.repo, sha))
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
        return change_of_pull(pr)

    def _open_pulls(self) -> dict[str, dict[str, Any]]:
        """Open PRs by head branch, listed once per forge (one job) and kept current by our own writes."""
        if self._open is None:
            pulls = self._listing(
                self._rest.pulls.list, self.owner, self.repo, state="open", per_page=PER_PAGE
            )
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
            return change_of_pull(self._open_pulls()[branch])
        pulls = self._api(
            lambda: self._rest.pulls.list(self.owner, self.repo, head=f"{self.owner}:{branch}", state="all")
        )
        pulls = [p for p in pulls or [] if self.opened_here_by_app(p)]
        if not pulls:
            return None
        open_first = sorted(pulls, key=lambda p: (p["state"] != "open", -int(p["number"])))
        return change_of_pull(open_first[0])

    def get_change_by_number(self, number: int) -> Change | None:
        pr = self.pull(number)
        return None if pr is None else change_of_pull(pr)

    def pull(self, number: int) -> dict[str, Any] | None:
        """A PR as GitHub answers it (author, head repo and sha included), whoever opened it."""
        pr = self._api(lambda: self._rest.pulls.get(self.owner, self.repo, number), missing_ok=True)
        return pr if isinstance(pr, dict) else None

    def find_changes(self, state: ChangeState | None = None) -> list[Change]:
        if state == "open":
            pulls = list(self._open_pulls().values())
        else:
            pulls = self._listing(
                self._rest.pulls.list, self.owner, self.repo, state="all", per_page=PER_PAGE
            )
        changes = [
            change_of_pull(p)
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
            return PublishResult(change=change_of_pull(open_pr), action="unchanged", foreign=True)
        if old is not None and open_pr is None and foreign and not self.allow_overwrite:
            # a person's branch (maybe with their own PR) under our name: never force-push over it
            raise EditRejected(
                branch, "the branch holds someone else's commits and no agentmend PR; left alone (rename it)"
            )
        # a head someone else pushed is replaced even when its files look right: only our commit is ours
        if old is None or foreign or not self._is_current(old, base, files):
            base_commit = self._commit(base)
            tree = self._api(
                lambda: self._rest.git.create_tree(
                    self.owner,
                    self.repo,
                    base_tree=base_commit["tree"]["sha"],
                    # inline content creates the blobs in the same call: one write instead of one per file
                    tree=[
                        {"path": p, "mode": "100644", "type": "blob", "content": c}
                        for p, c in sorted(files.items())
                    ],
                )
            )
            message = f"{title}\n\n{COMMIT_TRAILER} from production conversations; review the PR text."
            commit = self._api(
                lambda: self._rest.git.create_commit(
                    self.owner, self.repo, message=message, tree=tree["sha"], parents=[base]
                )
            )
            head = str(commit["sha"])
            if old is None:
                self._api(
                    lambda: self._rest.git.create_ref(
                        self.owner, self.repo, ref=f"refs/heads/{branch}", sha=head
                    )
                )
            else:
                self._api(
                    lambda: self._rest.git.update_ref(
                        self.owner, self.repo, f"heads/{branch}", sha=head, force=True
                    )
                )
            pushed = True
            old = head
        if open_pr is not None:
            pr = open_pr
            patch: dict[str, Any] = {}
            if (pr.get("title") or "") != title:
                patch["title"] = title
            if not same_body(pr.get("body") or "", body):
                patch["body"] = body
            if patch:
                number = int(pr["number"])
                pr = self._api(lambda: self._rest.pulls.update(self.owner, self.repo, number, **patch))
            pr = {**pr, "head": {**pr["head"], "sha": old}}
            self._remember(pr)
            action: Literal["updated", "unchanged"] = "updated" if pushed or patch else "unchanged"
            return PublishResult(change=change_of_pull(pr), action=action)
        pr = self._api(
            lambda: self._rest.pulls.create(
                self.owner, self.repo, title=title, head=branch, base=self.default_branch, body=body
            )
        )
        self._label(int(pr["number"]))
        self._remember(pr)
        return PublishResult(change=change_of_pull(pr), action="created")

    def _label(self, number: int) -> None:
        if not self._label_ready:
            found = self._api(
                lambda: self._rest.issues.get_label(self.owner, self.repo, LABEL), missing_ok=True
            )
            if found is None:
                self._api(
                    lambda: self._rest.issues.create_label(
                        self.owner,
                        self.repo,
                        name=LABEL,
                        color=LABEL_COLOR,
                        description="Proposed by agentmend",
                    )
                )
            self._label_ready = True
        self._api(lambda: self._rest.issues.add_labels(self.owner, self.repo, number, labels=[LABEL]))

    def close(self, change: Change, comment: str | None = None) -> None:
        if change.number is None:
            raise ValueError(f"{change.branch}: not a pull request")
        if comment:
            self.comment(change.number, comment)
        if change.state == "open":
            number = change.number
            pr = self._api(lambda: self._rest.pulls.update(self.owner, self.repo, number, state="closed"))
            self._remember(pr)

    def merge(self, change: Change) -> str:
        if change.number is None:
            raise ValueError(f"{change.branch}: not a pull request")
        self._head = None
        if self._open is not None:
            self._open.pop(change.branch, None)
        number = change.number
        data = self._api(
            lambda: self._rest.pulls.merge(
                self.owner, self.repo, number, sha=change.head_sha, merge_method="merge"
            )
        )
        return str(data["sha"])

    # -- comments, reactions, permissions, checks ------------------------------------------------

    def find_comment(self, number: int, key: str) -> dict[str, Any] | None:
        """The app's own comment for `key`: written by the app (never someone who copied the marker),
        with the marker as its first line."""
        comments = self._listing(
            self._rest.issues.list_comments, self.owner, self.repo, number, per_page=PER_PAGE
        )
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
            return self._new_comment(number, text)
        if found.get("body") != text:
            cid = int(found["id"])
            self._api(lambda: self._rest.issues.update_comment(self.owner, self.repo, cid, body=text))
        return int(found["id"])

    def comment(self, number: int, body: str) -> int:
        return self._new_comment(number, cut(body, BUDGET))

    def _new_comment(self, number: int, body: str) -> int:
        made = self._api(lambda: self._rest.issues.create_comment(self.owner, self.repo, number, body=body))
        return int(made["id"])

    def react(self, comment_id: int, content: Reaction = "eyes") -> None:
        self._api(
            lambda: self._rest.reactions.create_for_issue_comment(
                self.owner, self.repo, comment_id, content=content
            )
        )

    def permission(self, login: str) -> str:
        """The user's role on the repo (`role_name`, else the legacy `permission`); 'none' for strangers."""
        data = self._api(
            lambda: self._rest.repos.get_collaborator_permission_level(self.owner, self.repo, login),
            missing_ok=True,
        )
        if data is None:
            return "none"
        return str(data.get("role_name") or data.get("permission") or "none")

    def can_write(self, login: str) -> bool:
        return self.permission(login) in WRITE_ROLES

    def set_check(
        self, sha: str, name: str, title: str, summary: str, conclusion: CheckConclusion | None
    ) -> None:
        fields: dict[str, Any] = {
            "output": {"title": title[:255], "summary": cut(summary, BUDGET)},
            **(
                {"status": "completed", "conclusion": conclusion} if conclusion else {"status": "in_progress"}
            ),
        }
        runs = self._api(
            lambda: self._rest.checks.list_for_ref(
                self.owner, self.repo, sha, check_name=name, filter_="latest"
            )
        )
        existing = (runs or {}).get("check_runs") or []
        if existing:
            run_id = int(existing[0]["id"])
            self._api(lambda: self._rest.checks.update(self.owner, self.repo, run_id, **fields))
        else:
            self._api(
                lambda: self._rest.checks.create(self.owner, self.repo, name=name, head_sha=sha, **fields)
            )


def _number(change: Change) -> int:
    if change.number is None:
        raise ValueError(f"{change.branch}: not a pull request")
    return change.number


def _json_list(response: Response[Any, Any]) -> list[Any]:
    return list(response.json() or [])


def _where(exc: RequestError[Any]) -> tuple[str, str]:
    """Method and path of the request behind a githubkit error."""
    try:
        request = exc.request if isinstance(exc, RequestFailed) else exc.exc.request
    except (AttributeError, RuntimeError):  # an httpx error raised before there was a request
        return "?", "?"
    return str(request.method), str(request.url.path)


def _failed(exc: RequestError[Any], gave_up: str = "") -> GitHubError:
    """The GitHubError for a githubkit error: the call, the status, GitHub's message (or the transport's)."""
    method, path = _where(exc)
    if isinstance(exc, RateLimitExceeded) and not gave_up:
        return RateLimited(method, path, exc.retry_after.total_seconds())
    status = exc.response.status_code if isinstance(exc, RequestFailed) else None
    reason = _message(exc) if isinstance(exc, RequestFailed) else repr(exc.exc)
    return GitHubError(method, path, status, f"{gave_up} ({reason})" if gave_up else reason)


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
