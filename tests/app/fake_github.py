"""A stateful, in-memory fake of the GitHub REST API the app uses, mounted on respx.

It keeps real git semantics where the app relies on them (blob shas are git's, a tree is built over a
`base_tree`, a commit has parents, refs move only by force when not fast-forward), answers with the
fields GitHub sends, and records every call so tests can count reads and writes.

Usage:
    fake = FakeGitHub()
    repo = fake.add_repo("acme/support-bot", {"README.md": "hi"})
    with respx.mock(assert_all_called=False) as mock:
        fake.mount(mock)
        ...
    fake.count("POST", "/git/commits")
"""

from __future__ import annotations

import base64
import copy
import hashlib
import itertools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, unquote

import httpx
import respx

API = "https://api.github.com"
WRITE_METHODS = frozenset({"POST", "PATCH", "PUT", "DELETE"})


def git_blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Call:
    method: str
    path: str  # without the host and the query
    query: dict[str, str]
    body: Any

    @property
    def is_write(self) -> bool:
        """A call that changes a repository (minting an installation token does not)."""
        return self.method in WRITE_METHODS and not self.path.endswith("/access_tokens")


@dataclass
class Failure:
    """A canned error answered instead of the real one, `times` times, to calls matching method + regex."""

    method: str
    pattern: str
    status: int
    headers: dict[str, str]
    body: dict[str, Any]
    times: int = 1


@dataclass
class FakeRepo:
    owner: str
    name: str
    id: int
    default_branch: str = "main"
    private: bool = True
    blobs: dict[str, bytes] = field(default_factory=dict)
    trees: dict[str, dict[str, str]] = field(default_factory=dict)  # tree sha -> {path: blob sha}
    commits: dict[str, dict[str, Any]] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)  # "heads/main" -> commit sha
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments: dict[int, dict[str, Any]] = field(default_factory=dict)  # issue comments by id
    reactions: list[dict[str, Any]] = field(default_factory=list)
    labels: dict[str, dict[str, Any]] = field(default_factory=dict)
    permissions: dict[str, str] = field(default_factory=dict)  # login -> role_name
    check_runs: dict[int, dict[str, Any]] = field(default_factory=dict)

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    # -- git objects ------------------------------------------------------------------------------

    def put_blob(self, data: bytes) -> str:
        sha = git_blob_sha(data)
        self.blobs[sha] = data
        return sha

    def put_tree(self, entries: dict[str, str]) -> str:
        canon = "\n".join(f"{p}\0{s}" for p, s in sorted(entries.items())).encode()
        sha = hashlib.sha1(b"tree " + canon).hexdigest()
        self.trees[sha] = dict(entries)
        return sha

    def put_commit(self, tree: str, parents: list[str], message: str, author: str = "octocat") -> str:
        stamp = f"{tree}|{','.join(parents)}|{message}|{len(self.commits)}"
        sha = hashlib.sha1(b"commit " + stamp.encode()).hexdigest()
        self.commits[sha] = {
            "sha": sha,
            "tree": tree,
            "parents": list(parents),
            "message": message,
            "author": author,
            "date": _now(),
        }
        return sha

    def files_at(self, ref: str) -> dict[str, bytes]:
        """The full file contents at a branch name or commit sha."""
        sha = self.resolve(ref)
        if sha is None:
            raise KeyError(ref)
        tree = self.trees[self.commits[sha]["tree"]]
        return {p: self.blobs[s] for p, s in tree.items()}

    def resolve(self, ref: str) -> str | None:
        ref = ref.removeprefix("refs/")
        if ref in self.commits:
            return ref
        if ref in self.refs:
            return self.refs[ref]
        return self.refs.get(f"heads/{ref}")

    def commit_files(
        self, files: dict[str, str | bytes | None], message: str = "update", branch: str | None = None
    ) -> str:
        """Commit on top of `branch` (default branch by default), like a developer's push; None deletes."""
        branch = branch or self.default_branch
        parent = self.refs.get(f"heads/{branch}")
        entries = dict(self.trees[self.commits[parent]["tree"]]) if parent else {}
        for path, content in files.items():
            if content is None:
                entries.pop(path, None)
            else:
                entries[path] = self.put_blob(content.encode() if isinstance(content, str) else content)
        sha = self.put_commit(self.put_tree(entries), [parent] if parent else [], message)
        self.refs[f"heads/{branch}"] = sha
        return sha

    # -- views ------------------------------------------------------------------------------------

    def open_pulls(self) -> list[dict[str, Any]]:
        return [p for p in self.pulls.values() if p["state"] == "open"]

    def comments_on(self, number: int) -> list[dict[str, Any]]:
        return [c for c in self.comments.values() if c["issue_number"] == number]

    def branch_commits(self, branch: str) -> list[str]:
        """Commit shas reachable from a branch by first parents, newest first."""
        out: list[str] = []
        sha = self.refs.get(f"heads/{branch}")
        while sha:
            out.append(sha)
            parents = self.commits[sha]["parents"]
            sha = parents[0] if parents else None
        return out


class FakeGitHub:
    """Several repos, one app installation, and a recorder; `mount(respx_mock)` routes api.github.com here."""

    def __init__(self, bot_login: str = "agentmend[bot]", installation_id: int = 4242) -> None:
        self.bot_login = bot_login
        self.installation_id = installation_id
        self.repos: dict[str, FakeRepo] = {}
        self.calls: list[Call] = []
        self.failures: list[Failure] = []
        self.tokens_issued = 0
        self.max_tree_entries: int | None = None  # GitHub truncates big recursive trees; set to mimic it
        self._ids = itertools.count(1000)
        self._routes: list[tuple[str, re.Pattern[str], Callable[..., httpx.Response]]] = []
        self._url = httpx.URL(API)  # the request being answered (pages link to their next page)
        self._build_routes()

    # -- setup -----------------------------------------------------------------------------------

    def add_repo(
        self, full_name: str, files: dict[str, str | bytes] | None = None, default_branch: str = "main"
    ) -> FakeRepo:
        owner, name = full_name.split("/")
        repo = FakeRepo(owner=owner, name=name, id=next(self._ids), default_branch=default_branch)
        self.repos[full_name] = repo
        repo.commit_files(dict(files or {}), message="initial commit")
        return repo

    def snapshot(self) -> tuple[dict[str, FakeRepo], int]:
        """A deep copy of every repo, to start later tests from this state without redoing the work."""
        return copy.deepcopy(self.repos), next(self._ids)

    def restore(self, snapshot: tuple[dict[str, FakeRepo], int]) -> None:
        """Replace the repos with a snapshot's (the call log and failures are kept)."""
        repos, next_id = snapshot
        self.repos = copy.deepcopy(repos)
        self._ids = itertools.count(next_id)

    def fail(
        self,
        method: str,
        pattern: str,
        status: int,
        *,
        headers: dict[str, str] | None = None,
        body: dict[str, Any] | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next `times` calls of `method` whose path matches `pattern` (regex) with an error."""
        self.failures.append(
            Failure(method, pattern, status, headers or {}, body or {"message": "error"}, times)
        )

    def mount(self, mock: respx.MockRouter) -> None:
        mock.route(host="api.github.com").mock(side_effect=self.handle)

    # -- counting ------------------------------------------------------------------------------

    def count(self, method: str | None = None, pattern: str = "") -> int:
        return len(self.find(method, pattern))

    def find(self, method: str | None = None, pattern: str = "") -> list[Call]:
        return [
            c for c in self.calls if (method is None or c.method == method) and re.search(pattern, c.path)
        ]

    @property
    def writes(self) -> list[Call]:
        return [c for c in self.calls if c.is_write]

    def endpoints(self, calls: Iterable[Call] | None = None) -> dict[str, int]:
        """Calls grouped by endpoint template (numbers, shas and branch names folded), for reports."""
        out: dict[str, int] = {}
        for c in self.calls if calls is None else calls:
            key = f"{c.method} {self._template(c.path)}"
            out[key] = out.get(key, 0) + 1
        return dict(sorted(out.items()))

    @staticmethod
    def _template(path: str) -> str:
        path = re.sub(r"^/repos/[^/]+/[^/]+", "/repos/{owner}/{repo}", path)
        path = re.sub(r"/git/(ref|refs)/heads/.+$", r"/git/\1/heads/{branch}", path)
        path = re.sub(r"/[0-9a-f]{40}", "/{sha}", path)
        path = re.sub(r"/\d+", "/{n}", path)
        path = re.sub(r"/collaborators/[^/]+/", "/collaborators/{user}/", path)
        path = re.sub(r"/labels/[^/]+$", "/labels/{name}", path)
        return path

    # -- dispatch --------------------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = unquote(request.url.path)
        query = {k: v[-1] for k, v in parse_qs(request.url.query.decode()).items()}
        body: Any = None
        if request.content:
            try:
                body = json.loads(request.content)
            except ValueError:
                body = request.content.decode(errors="replace")
        self.calls.append(Call(request.method, path, query, body))
        self._url = request.url
        for failure in self.failures:
            if failure.times > 0 and failure.method == request.method and re.search(failure.pattern, path):
                failure.times -= 1
                return httpx.Response(failure.status, json=failure.body, headers=failure.headers)
        if path.startswith("/repos/") or path.startswith("/app/"):
            auth = request.headers.get("authorization", "")
            if not auth:
                return self._err(401, "Requires authentication")
        for method, regex, fn in self._routes:
            if method != request.method:
                continue
            m = regex.fullmatch(path)
            if m is None:
                continue
            groups = m.groupdict()
            if "owner" in groups:
                repo = self.repos.get(f"{groups.pop('owner')}/{groups.pop('repo')}")
                if repo is None:
                    return self._err(404, "Not Found")
                return fn(repo, query=query, body=body, **groups)
            return fn(query=query, body=body, **groups)
        return self._err(404, f"fake GitHub has no route for {request.method} {path}")

    def _build_routes(self) -> None:
        r = r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)"
        table: list[tuple[str, str, Callable[..., httpx.Response]]] = [
            ("POST", r"/app/installations/(?P<inst>\d+)/access_tokens", self._token),
            ("GET", r"/app", self._get_app),
            ("GET", r + r"", self._get_repo),
            ("GET", r + r"/git/ref/(?P<ref>.+)", self._get_ref),
            ("POST", r + r"/git/refs", self._create_ref),
            ("PATCH", r + r"/git/refs/(?P<ref>.+)", self._update_ref),
            ("DELETE", r + r"/git/refs/(?P<ref>.+)", self._delete_ref),
            ("GET", r + r"/git/commits/(?P<sha>[0-9a-f]+)", self._get_commit),
            ("POST", r + r"/git/commits", self._create_commit),
            ("GET", r + r"/git/trees/(?P<ref>.+)", self._get_tree),
            ("POST", r + r"/git/trees", self._create_tree),
            ("GET", r + r"/git/blobs/(?P<sha>[0-9a-f]+)", self._get_blob),
            ("POST", r + r"/git/blobs", self._create_blob),
            ("GET", r + r"/pulls", self._list_pulls),
            ("POST", r + r"/pulls", self._create_pull),
            ("GET", r + r"/pulls/(?P<number>\d+)", self._get_pull),
            ("PATCH", r + r"/pulls/(?P<number>\d+)", self._update_pull),
            ("PUT", r + r"/pulls/(?P<number>\d+)/merge", self._merge_pull),
            ("GET", r + r"/issues/(?P<number>\d+)/comments", self._list_comments),
            ("POST", r + r"/issues/(?P<number>\d+)/comments", self._create_comment),
            ("PATCH", r + r"/issues/comments/(?P<cid>\d+)", self._update_comment),
            ("POST", r + r"/issues/comments/(?P<cid>\d+)/reactions", self._create_reaction),
            ("POST", r + r"/issues/(?P<number>\d+)/labels", self._add_labels),
            ("GET", r + r"/labels/(?P<name>[^/]+)", self._get_label),
            ("POST", r + r"/labels", self._create_label),
            ("GET", r + r"/collaborators/(?P<user>[^/]+)/permission", self._permission),
            ("GET", r + r"/commits/(?P<ref>[^/]+)/check-runs", self._list_checks),
            ("POST", r + r"/check-runs", self._create_check),
            ("PATCH", r + r"/check-runs/(?P<cid>\d+)", self._update_check),
        ]
        self._routes = [(m, re.compile(p), fn) for m, p, fn in table]

    # -- helpers ---------------------------------------------------------------------------------

    @staticmethod
    def _err(status: int, message: str) -> httpx.Response:
        return httpx.Response(
            status, json={"message": message, "documentation_url": "https://docs.github.com/rest"}
        )

    @staticmethod
    def _ok(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> httpx.Response:
        return httpx.Response(status, json=data, headers=headers)

    def _page(self, items: list[Any], query: dict[str, str]) -> httpx.Response:
        per_page = int(query.get("per_page", 30))
        page = int(query.get("page", 1))
        chunk = items[(page - 1) * per_page : page * per_page]
        if page * per_page >= len(items):
            return self._ok(chunk)
        last = -(-len(items) // per_page)
        links = [
            f'<{self._url.copy_set_param("page", n)}>; rel="{rel}"'
            for n, rel in ((page + 1, "next"), (last, "last"))
        ]
        return self._ok(chunk, headers={"link": ", ".join(links)})  # GitHub pages by Link headers

    def _user(self, login: str | None = None) -> dict[str, Any]:
        login = login or self.bot_login
        return {
            "login": login,
            "id": abs(hash(login)) % 10**7,
            "type": "Bot" if login.endswith("[bot]") else "User",
        }

    def _commit_json(self, repo: FakeRepo, sha: str) -> dict[str, Any]:
        c = repo.commits[sha]
        return {
            "sha": sha,
            "url": f"{API}/repos/{repo.full_name}/git/commits/{sha}",
            "html_url": f"https://github.com/{repo.full_name}/commit/{sha}",
            "message": c["message"],
            "tree": {"sha": c["tree"], "url": f"{API}/repos/{repo.full_name}/git/trees/{c['tree']}"},
            "parents": [{"sha": p} for p in c["parents"]],
            "author": {"name": c["author"], "email": "noreply@github.com", "date": c["date"]},
            "committer": {"name": c["author"], "email": "noreply@github.com", "date": c["date"]},
        }

    def _repo_ref(self, repo: FakeRepo) -> dict[str, Any]:
        return {"id": repo.id, "name": repo.name, "full_name": repo.full_name, "private": repo.private,
                "owner": {"login": repo.owner, "type": "Organization"}}  # fmt: skip

    def head_label(self, repo: FakeRepo, pr: dict[str, Any]) -> str:
        fork = pr.get("head_repo")
        return f"{fork['full_name'].split('/')[0] if fork else repo.owner}:{pr['head']}"

    def pull_json(self, repo: FakeRepo, pr: dict[str, Any]) -> dict[str, Any]:
        """A PR as GitHub shows it, in the API and in webhook payloads."""
        return self._pull_json(repo, pr)

    def _pull_json(self, repo: FakeRepo, pr: dict[str, Any]) -> dict[str, Any]:
        fork = pr.get("head_repo")  # a PR from a fork: its branch lives there, not in `repo`
        ours = repo.refs.get(f"heads/{pr['head']}", pr.get("head_sha", ""))
        head_sha = pr["head_sha"] if fork else ours
        head_repo = fork or self._repo_ref(repo)
        return {
            "number": pr["number"],
            "id": pr["id"],
            "state": pr["state"],
            "title": pr["title"],
            "body": pr["body"],
            "html_url": f"https://github.com/{repo.full_name}/pull/{pr['number']}",
            "url": f"{API}/repos/{repo.full_name}/pulls/{pr['number']}",
            "user": self._user(pr["user"]),
            "labels": [{"name": n} for n in pr["labels"]],
            "head": {
                "ref": pr["head"],
                "sha": head_sha,
                "label": self.head_label(repo, pr),
                "repo": head_repo,
            },
            "base": {
                "ref": pr["base"],
                "sha": repo.refs.get(f"heads/{pr['base']}", ""),
                "label": f"{repo.owner}:{pr['base']}",
                "repo": self._repo_ref(repo),
            },  # fmt: skip
            "merged": pr["merged"],
            "merged_at": pr["merged_at"],
            "merge_commit_sha": pr["merge_commit_sha"],
            "merged_by": self._user(pr["merged_by"]) if pr["merged_by"] else None,
            "created_at": pr["created_at"],
            "updated_at": pr["updated_at"],
            "draft": False,
        }

    # -- handlers --------------------------------------------------------------------------------

    def _token(self, *, inst: str, query: Any, body: Any) -> httpx.Response:
        if int(inst) != self.installation_id:
            return self._err(404, "Integration not found")
        self.tokens_issued += 1
        expires = (datetime.now(UTC) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        return self._ok(
            {
                "token": f"ghs_fake{self.tokens_issued:04d}",
                "expires_at": expires,
                "permissions": {"contents": "write", "pull_requests": "write"},
                "repository_selection": "selected",
            },
            201,
        )

    def _get_app(self, **_: Any) -> httpx.Response:
        slug = self.bot_login.removesuffix("[bot]")
        owner = {"login": "acme", "type": "Organization"}
        return self._ok({"id": 123456, "slug": slug, "name": slug, "owner": owner})

    def open_pull(
        self,
        repo: FakeRepo,
        head: str,
        *,
        title: str,
        body: str,
        user: str,
        fork: str | None = None,
        head_sha: str | None = None,
    ) -> dict[str, Any]:
        """A PR someone else opened: from a branch of `repo`, or from `fork` (then `head_sha` is its head)."""
        number = max([0, *repo.pulls, *(c["issue_number"] for c in repo.comments.values())]) + 1
        pr = {
            "number": number, "id": next(self._ids), "state": "open", "title": title, "body": body,
            "head": head, "base": repo.default_branch, "user": user, "labels": [], "merged": False,
            "merged_at": None, "merge_commit_sha": None, "merged_by": None, "created_at": _now(),
            "updated_at": _now(),
        }  # fmt: skip
        if fork:
            fork_owner, fork_name = fork.split("/")
            pr["head_repo"] = {"id": next(self._ids), "name": fork_name, "full_name": fork, "private": False,
                               "owner": {"login": fork_owner, "type": "User"}, "fork": True}  # fmt: skip
            pr["head_sha"] = head_sha or hashlib.sha1(f"fork {fork} {head}".encode()).hexdigest()
        repo.pulls[number] = pr
        return pr

    def _get_repo(self, repo: FakeRepo, **_: Any) -> httpx.Response:
        return self._ok(
            {
                "id": repo.id,
                "name": repo.name,
                "full_name": repo.full_name,
                "owner": {"login": repo.owner, "type": "Organization"},
                "private": repo.private,
                "default_branch": repo.default_branch,
                "html_url": f"https://github.com/{repo.full_name}",
            }
        )

    def _ref_json(self, repo: FakeRepo, ref: str) -> dict[str, Any]:
        return {
            "ref": f"refs/{ref}",
            "object": {"sha": repo.refs[ref], "type": "commit"},
            "url": f"{API}/repos/{repo.full_name}/git/refs/{ref}",
        }

    def _get_ref(self, repo: FakeRepo, *, ref: str, **_: Any) -> httpx.Response:
        if ref not in repo.refs:
            return self._err(404, "Not Found")
        return self._ok(self._ref_json(repo, ref))

    def _create_ref(self, repo: FakeRepo, *, body: dict[str, Any], **_: Any) -> httpx.Response:
        ref = str(body["ref"]).removeprefix("refs/")
        if ref in repo.refs:
            return self._err(422, "Reference already exists")
        if body["sha"] not in repo.commits:
            return self._err(422, "Object does not exist")
        repo.refs[ref] = body["sha"]
        return self._ok(self._ref_json(repo, ref), 201)

    def _update_ref(self, repo: FakeRepo, *, ref: str, body: dict[str, Any], **_: Any) -> httpx.Response:
        if ref not in repo.refs:
            return self._err(422, "Reference does not exist")
        new = body["sha"]
        if new not in repo.commits:
            return self._err(422, "Object does not exist")
        old = repo.refs[ref]
        ancestors = set()
        sha: str | None = new
        while sha:  # first-parent walk is enough for the fake
            ancestors.add(sha)
            parents = repo.commits[sha]["parents"]
            sha = parents[0] if parents else None
        if old not in ancestors and not body.get("force"):
            return self._err(422, "Update is not a fast forward")
        repo.refs[ref] = new
        return self._ok(self._ref_json(repo, ref))

    def _delete_ref(self, repo: FakeRepo, *, ref: str, **_: Any) -> httpx.Response:
        if repo.refs.pop(ref, None) is None:
            return self._err(422, "Reference does not exist")
        return httpx.Response(204)

    def _get_commit(self, repo: FakeRepo, *, sha: str, **_: Any) -> httpx.Response:
        if sha not in repo.commits:
            return self._err(404, "Not Found")
        return self._ok(self._commit_json(repo, sha))

    def _create_commit(self, repo: FakeRepo, *, body: dict[str, Any], **_: Any) -> httpx.Response:
        if body["tree"] not in repo.trees or any(p not in repo.commits for p in body.get("parents", [])):
            return self._err(422, "Tree or parent does not exist")
        sha = repo.put_commit(body["tree"], list(body.get("parents", [])), body["message"], self.bot_login)
        return self._ok(self._commit_json(repo, sha), 201)

    def _get_tree(self, repo: FakeRepo, *, ref: str, query: dict[str, str], **_: Any) -> httpx.Response:
        if ref in repo.trees:
            tree_sha = ref
        else:
            sha = repo.resolve(ref)
            if sha is None:
                return self._err(404, "Not Found")
            tree_sha = repo.commits[sha]["tree"]
        entries = repo.trees[tree_sha]
        recursive = query.get("recursive") not in (None, "", "0", "false")
        items: list[dict[str, Any]] = []
        dirs: set[str] = set()
        for path, blob in sorted(entries.items()):
            parts = path.split("/")
            if not recursive and len(parts) > 1:
                dirs.add(parts[0])
                continue
            dirs.update("/".join(parts[:i]) for i in range(1, len(parts)))
            items.append(
                {"path": path, "mode": "100644", "type": "blob", "sha": blob, "size": len(repo.blobs[blob])}
            )
        for d in sorted(dirs):  # a directory is a tree of its own, fetchable by sha like on GitHub
            sub = {p[len(d) + 1 :]: b for p, b in entries.items() if p.startswith(d + "/")}
            items.append({"path": d, "mode": "040000", "type": "tree", "sha": repo.put_tree(sub)})
        truncated = recursive and self.max_tree_entries is not None and len(items) > self.max_tree_entries
        if truncated:
            items = items[: self.max_tree_entries]
        return self._ok({"sha": tree_sha, "tree": items, "truncated": truncated})

    def _create_tree(self, repo: FakeRepo, *, body: dict[str, Any], **_: Any) -> httpx.Response:
        base = body.get("base_tree")
        if base is not None and base not in repo.trees:
            return self._err(422, "base_tree does not exist")
        entries = dict(repo.trees[base]) if base else {}
        for item in body["tree"]:
            if item.get("content") is not None:
                entries[item["path"]] = repo.put_blob(str(item["content"]).encode())
            elif item.get("sha") is None:
                entries.pop(item["path"], None)
            else:
                if item["sha"] not in repo.blobs:
                    return self._err(422, f"blob {item['sha']} does not exist")
                entries[item["path"]] = item["sha"]
        sha = repo.put_tree(entries)
        return self._ok({"sha": sha, "tree": [], "truncated": False}, 201)

    def _get_blob(self, repo: FakeRepo, *, sha: str, **_: Any) -> httpx.Response:
        if sha not in repo.blobs:
            return self._err(404, "Not Found")
        data = repo.blobs[sha]
        encoded = base64.encodebytes(data).decode()  # GitHub wraps at 60 chars with newlines
        return self._ok({"sha": sha, "size": len(data), "content": encoded, "encoding": "base64"})

    def _create_blob(self, repo: FakeRepo, *, body: dict[str, Any], **_: Any) -> httpx.Response:
        content = body["content"]
        data = base64.b64decode(content) if body.get("encoding") == "base64" else str(content).encode()
        return self._ok({"sha": repo.put_blob(data)}, 201)

    def _list_pulls(self, repo: FakeRepo, *, query: dict[str, str], **_: Any) -> httpx.Response:
        state = query.get("state", "open")
        head = query.get("head")
        out = []
        for pr in sorted(repo.pulls.values(), key=lambda p: -p["number"]):
            if state != "all" and pr["state"] != state:
                continue
            if head and self.head_label(repo, pr) != head:
                continue
            out.append(self._pull_json(repo, pr))
        return self._page(out, query)

    def _create_pull(self, repo: FakeRepo, *, body: dict[str, Any], **_: Any) -> httpx.Response:
        head = str(body["head"]).split(":")[-1]
        if f"heads/{head}" not in repo.refs:
            return self._err(422, "Validation Failed: head does not exist")
        if any(p["head"] == head and not p.get("head_repo") for p in repo.open_pulls()):
            return self._err(422, f"A pull request already exists for {repo.owner}:{head}.")
        number = max([0, *repo.pulls, *(c["issue_number"] for c in repo.comments.values())]) + 1
        pr = {
            "number": number,
            "id": next(self._ids),
            "state": "open",
            "title": body["title"],
            "body": body.get("body") or "",
            "head": head,
            "base": body.get("base", repo.default_branch),
            "user": self.bot_login,
            "labels": [],
            "merged": False,
            "merged_at": None,
            "merge_commit_sha": None,
            "merged_by": None,
            "created_at": _now(),
            "updated_at": _now(),
        }
        repo.pulls[number] = pr
        return self._ok(self._pull_json(repo, pr), 201)

    def _get_pull(self, repo: FakeRepo, *, number: str, **_: Any) -> httpx.Response:
        pr = repo.pulls.get(int(number))
        return self._ok(self._pull_json(repo, pr)) if pr else self._err(404, "Not Found")

    def _update_pull(self, repo: FakeRepo, *, number: str, body: dict[str, Any], **_: Any) -> httpx.Response:
        pr = repo.pulls.get(int(number))
        if pr is None:
            return self._err(404, "Not Found")
        for key in ("title", "body", "state"):
            if key in body:
                pr[key] = body[key]
        pr["updated_at"] = _now()
        return self._ok(self._pull_json(repo, pr))

    def merge_pull(self, repo: FakeRepo, number: int, merged_by: str = "octocat") -> str:
        """Merge as GitHub does with a merge commit; returns its sha (tests call this to simulate a human)."""
        pr = repo.pulls[number]
        base_sha = repo.refs[f"heads/{pr['base']}"]
        head_sha = repo.refs[f"heads/{pr['head']}"]
        tree = repo.commits[head_sha]["tree"]  # branch is over base head in our flows
        sha = repo.put_commit(tree, [base_sha, head_sha], f"Merge pull request #{number}", merged_by)
        repo.refs[f"heads/{pr['base']}"] = sha
        pr.update(
            state="closed",
            merged=True,
            merged_at=_now(),
            merge_commit_sha=sha,
            merged_by=merged_by,
            head_sha=head_sha,
        )
        return sha

    def _merge_pull(self, repo: FakeRepo, *, number: str, **_: Any) -> httpx.Response:
        pr = repo.pulls.get(int(number))
        if pr is None or pr["state"] != "open":
            return self._err(405, "Pull Request is not mergeable")
        sha = self.merge_pull(repo, int(number), merged_by=self.bot_login)
        return self._ok({"sha": sha, "merged": True, "message": "Pull Request successfully merged"})

    def _comment_json(self, repo: FakeRepo, c: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": c["id"],
            "body": c["body"],
            "user": self._user(c["user"]),
            "html_url": f"https://github.com/{repo.full_name}/pull/{c['issue_number']}#issuecomment-{c['id']}",
            "created_at": c["created_at"],
            "updated_at": c["updated_at"],
        }

    def add_comment(self, repo: FakeRepo, number: int, body: str, user: str) -> dict[str, Any]:
        """A comment written by someone (tests use this to simulate humans)."""
        cid = next(self._ids)
        repo.comments[cid] = {
            "id": cid,
            "issue_number": number,
            "body": body,
            "user": user,
            "created_at": _now(),
            "updated_at": _now(),
        }
        return self._comment_json(repo, repo.comments[cid])

    def _list_comments(
        self, repo: FakeRepo, *, number: str, query: dict[str, str], **_: Any
    ) -> httpx.Response:
        items = [self._comment_json(repo, c) for c in repo.comments_on(int(number))]
        return self._page(items, query)

    def _create_comment(
        self, repo: FakeRepo, *, number: str, body: dict[str, Any], **_: Any
    ) -> httpx.Response:
        if int(number) not in repo.pulls:
            return self._err(404, "Not Found")
        return self._ok(self.add_comment(repo, int(number), body["body"], self.bot_login), 201)

    def _update_comment(self, repo: FakeRepo, *, cid: str, body: dict[str, Any], **_: Any) -> httpx.Response:
        c = repo.comments.get(int(cid))
        if c is None:
            return self._err(404, "Not Found")
        c["body"] = body["body"]
        c["updated_at"] = _now()
        return self._ok(self._comment_json(repo, c))

    def _create_reaction(self, repo: FakeRepo, *, cid: str, body: dict[str, Any], **_: Any) -> httpx.Response:
        if int(cid) not in repo.comments:
            return self._err(404, "Not Found")
        for r in repo.reactions:
            if r["comment_id"] == int(cid) and r["content"] == body["content"]:
                return self._ok(r, 200)  # GitHub answers 200 for an existing reaction
        reaction = {
            "id": next(self._ids),
            "comment_id": int(cid),
            "content": body["content"],
            "user": self._user(),
        }
        repo.reactions.append(reaction)
        return self._ok(reaction, 201)

    def _add_labels(self, repo: FakeRepo, *, number: str, body: dict[str, Any], **_: Any) -> httpx.Response:
        pr = repo.pulls.get(int(number))
        if pr is None:
            return self._err(404, "Not Found")
        for name in body["labels"]:
            repo.labels.setdefault(name, {"name": name, "color": "ededed", "description": None})
            if name not in pr["labels"]:
                pr["labels"].append(name)
        return self._ok([repo.labels[n] for n in pr["labels"]])

    def _get_label(self, repo: FakeRepo, *, name: str, **_: Any) -> httpx.Response:
        label = repo.labels.get(name)
        return self._ok(label) if label else self._err(404, "Not Found")

    def _create_label(self, repo: FakeRepo, *, body: dict[str, Any], **_: Any) -> httpx.Response:
        if body["name"] in repo.labels:
            return self._err(422, "Validation Failed: already_exists")
        repo.labels[body["name"]] = {
            "name": body["name"],
            "color": body.get("color", "ededed"),
            "description": body.get("description"),
        }
        return self._ok(repo.labels[body["name"]], 201)

    def _permission(self, repo: FakeRepo, *, user: str, **_: Any) -> httpx.Response:
        role = repo.permissions.get(user)
        if role is None:
            return self._err(
                404, f"{user} is not a user"
            )  # GitHub: 404 for non-collaborators on private repos
        legacy = {"maintain": "write", "triage": "read"}.get(role, role)
        return self._ok({"permission": legacy, "role_name": role, "user": self._user(user)})

    def _list_checks(self, repo: FakeRepo, *, ref: str, query: dict[str, str], **_: Any) -> httpx.Response:
        sha = repo.resolve(ref) or ref
        runs = [r for r in repo.check_runs.values() if r["head_sha"] == sha]
        if "check_name" in query:
            runs = [r for r in runs if r["name"] == query["check_name"]]
        return self._ok({"total_count": len(runs), "check_runs": runs})

    def _create_check(self, repo: FakeRepo, *, body: dict[str, Any], **_: Any) -> httpx.Response:
        cid = next(self._ids)
        run = {
            "id": cid,
            "name": body["name"],
            "head_sha": body["head_sha"],
            "status": body.get("status", "queued"),
            "conclusion": body.get("conclusion"),
            "output": body.get("output", {}),
            "details_url": body.get("details_url"),
        }
        repo.check_runs[cid] = run
        return self._ok(run, 201)

    def _update_check(self, repo: FakeRepo, *, cid: str, body: dict[str, Any], **_: Any) -> httpx.Response:
        run = repo.check_runs.get(int(cid))
        if run is None:
            return self._err(404, "Not Found")
        run.update({k: v for k, v in body.items() if k in ("status", "conclusion", "output", "name")})
        return self._ok(run)
