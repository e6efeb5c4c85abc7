"""Webhook payloads for the server tests over the HTTP fake (handler tests use `events.py`), shaped like
GitHub's (trimmed to the fields that matter, some optional fields deliberately missing, as in real
deliveries from older installations or GHES)."""

from __future__ import annotations

from typing import Any

from fake_github import FakeGitHub, FakeRepo

SENDER = {"login": "octocat", "id": 583231, "type": "User", "site_admin": False}


def _installation(fake: FakeGitHub) -> dict[str, Any]:
    return {"id": fake.installation_id, "node_id": "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ=="}


def repository(repo: FakeRepo) -> dict[str, Any]:
    return {
        "id": repo.id,
        "name": repo.name,
        "full_name": repo.full_name,
        "private": True,
        "owner": {"login": repo.owner, "type": "Organization"},
        "html_url": f"https://github.com/{repo.full_name}",
        "default_branch": repo.default_branch,
    }


def installation_created(fake: FakeGitHub, *repos: FakeRepo) -> dict[str, Any]:
    return {
        "action": "created",
        "installation": {
            **_installation(fake),
            "account": {"login": repos[0].owner, "type": "Organization"},
            "repository_selection": "selected",
            "permissions": {
                "contents": "write",
                "pull_requests": "write",
                "issues": "write",
                "checks": "write",
                "metadata": "read",
            },
            "events": ["installation_repositories", "issue_comment", "pull_request", "push"],
            "app_id": 123456,
        },
        "repositories": [
            {"id": r.id, "name": r.name, "full_name": r.full_name, "private": True} for r in repos
        ],
        "sender": SENDER,
    }


def push(
    fake: FakeGitHub,
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
        "created": False,
        "deleted": False,
        "forced": False,
        "compare": f"https://github.com/{repo.full_name}/compare/{before[:12]}...{after[:12]}",
        "repository": {**repository(repo), "master_branch": repo.default_branch},
        "pusher": {"name": "octocat", "email": "octocat@github.com"},
        "installation": _installation(fake),
        "sender": SENDER,
    }
    if with_commits:
        payload["commits"] = [
            {
                "id": after,
                "message": "nightly export",
                "timestamp": "2026-10-22T02:00:00Z",
                "added": added or [],
                "removed": [],
                "modified": modified or [],
            }
        ]
        payload["head_commit"] = payload["commits"][0]
    return payload
