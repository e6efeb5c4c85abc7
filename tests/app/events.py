"""Webhook payloads for the handler tests, built over a `FakeRepo` (trimmed to the fields GitHub sends that
matter; some optional fields deliberately missing, as in real deliveries)."""

from __future__ import annotations

from typing import Any

from fake_forge import FakeRepo

SENDER = {"login": "octocat", "id": 583231, "type": "User"}


def _installation(repo: FakeRepo) -> dict[str, Any]:
    return {"id": repo.installation_id}


def repository(repo: FakeRepo) -> dict[str, Any]:
    return {
        "id": repo.id,
        "name": repo.name,
        "full_name": repo.full_name,
        "default_branch": repo.default_branch,
    }


def installation_created(*repos: FakeRepo) -> dict[str, Any]:
    return {
        "action": "created",
        "installation": {**_installation(repos[0]), "account": {"login": repos[0].owner}},
        "repositories": [{"id": r.id, "name": r.name, "full_name": r.full_name} for r in repos],
        "sender": SENDER,
    }


def repositories_added(*repos: FakeRepo) -> dict[str, Any]:
    return {
        "action": "added",
        "installation": _installation(repos[0]),
        "repositories_added": [{"id": r.id, "name": r.name, "full_name": r.full_name} for r in repos],
        "repositories_removed": [],
        "sender": SENDER,
    }


def push(
    repo: FakeRepo,
    before: str,
    after: str,
    *,
    added: list[str] | None = None,
    modified: list[str] | None = None,
    with_commits: bool = True,
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "ref": f"refs/heads/{repo.default_branch}",
        "before": before,
        "after": after,
        "deleted": False,
        "repository": {**repository(repo), "master_branch": repo.default_branch},
        "installation": _installation(repo),
        "sender": SENDER,
    }
    if with_commits:
        commit = {"id": after, "added": added or [], "removed": [], "modified": modified or []}
        payload["commits"] = [commit]
    return payload


def pull_request_closed(repo: FakeRepo, number: int) -> dict[str, Any]:
    """GitHub's `pull_request.closed` for PR `number` as it stands (merged or not)."""
    return {
        "action": "closed",
        "number": number,
        "pull_request": repo.pull_json(repo.pulls[number]),
        "repository": repository(repo),
        "installation": _installation(repo),
        "sender": SENDER,
    }


def issue_comment_created(
    repo: FakeRepo, number: int, body: str, login: str, user_type: str = "User"
) -> dict[str, Any]:
    """Someone comments `body` on PR `number` (the comment is added to the repo, as GitHub would)."""
    comment = repo.add_comment(number, body, login, "Bot" if user_type == "Bot" else "User")
    return {
        "action": "created",
        "issue": {"number": number, "state": "open", "pull_request": {"url": f"/pulls/{number}"}},
        "comment": {"id": comment.id, "body": body, "user": {"login": login, "type": user_type}},
        "repository": repository(repo),
        "installation": _installation(repo),
        "sender": {**SENDER, "login": login},
    }


def check_suite_completed(
    repo: FakeRepo, number: int, conclusion: str, *, with_pulls: bool = True
) -> dict[str, Any]:
    """A CI app's suite finished on a PR's head; GitHub sometimes sends `pull_requests` empty."""
    pr = repo.pulls[number]
    head = repo.head_of(pr)
    listed = [{"number": number, "head": {"ref": pr.branch, "sha": head}}] if with_pulls else []
    return {
        "action": "completed",
        "check_suite": {
            "head_branch": pr.branch,
            "head_sha": head,
            "conclusion": conclusion,
            "app": {"id": 15368, "slug": "github-actions", "name": "GitHub Actions"},
            "pull_requests": listed,
        },
        "repository": repository(repo),
        "installation": _installation(repo),
        "sender": SENDER,
    }
