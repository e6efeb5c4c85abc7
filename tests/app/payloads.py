"""Webhook payloads shaped like the ones GitHub sends (trimmed to the fields that matter, some optional
fields deliberately missing, as in real deliveries from older installations or GHES)."""

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


def repositories_added(fake: FakeGitHub, *repos: FakeRepo) -> dict[str, Any]:
    return {
        "action": "added",
        "installation": _installation(fake),
        "repository_selection": "selected",
        "repositories_added": [{"id": r.id, "name": r.name, "full_name": r.full_name} for r in repos],
        "repositories_removed": [],
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


def pull_request_closed(fake: FakeGitHub, repo: FakeRepo, number: int, *, merged: bool) -> dict[str, Any]:
    pr = repo.pulls[number]
    shown = fake.pull_json(repo, pr)  # author, head and base (with their repositories) as GitHub sends them
    return {
        "action": "closed",
        "number": number,
        "pull_request": {
            "number": number,
            "state": "closed",
            "title": pr["title"],
            "body": pr["body"],
            "html_url": f"https://github.com/{repo.full_name}/pull/{number}",
            "user": shown["user"],
            "head": shown["head"],
            "base": shown["base"],
            "merged": merged,
            "merged_at": pr["merged_at"] if merged else None,
            "merge_commit_sha": pr["merge_commit_sha"],
            "merged_by": {"login": pr["merged_by"], "type": "User"} if merged else None,
            # "labels", "requested_reviewers", "draft" left out on purpose: handlers must not need them
        },
        "repository": repository(repo),
        "installation": _installation(fake),
        "sender": SENDER,
    }


def issue_comment_created(
    fake: FakeGitHub, repo: FakeRepo, number: int, body: str, login: str, user_type: str = "User"
) -> dict[str, Any]:
    comment = fake.add_comment(repo, number, body, login)
    comment["user"]["type"] = user_type
    return {
        "action": "created",
        "issue": {
            "number": number,
            "title": repo.pulls[number]["title"] if number in repo.pulls else "an issue",
            "state": "open",
            "user": {"login": fake.bot_login, "type": "Bot"},
            **(
                {"pull_request": {"url": f"https://api.github.com/repos/{repo.full_name}/pulls/{number}"}}
                if number in repo.pulls
                else {}
            ),
        },
        "comment": {
            "id": comment["id"],
            "body": body,
            "user": comment["user"],
            "author_association": "MEMBER",
        },
        "repository": repository(repo),
        "installation": _installation(fake),
        "sender": {**SENDER, "login": login},
    }


def check_suite_completed(
    fake: FakeGitHub, repo: FakeRepo, number: int, conclusion: str, *, with_pulls: bool = True
) -> dict[str, Any]:
    """A CI app's suite finished on a PR's head; GitHub sometimes sends `pull_requests` empty."""
    pr = repo.pulls[number]
    head_sha = repo.refs[f"heads/{pr['head']}"]
    suite: dict[str, Any] = {
        "id": 5000 + number,
        "head_branch": pr["head"],
        "head_sha": head_sha,
        "status": "completed",
        "conclusion": conclusion,
        "app": {"id": 15368, "slug": "github-actions", "name": "GitHub Actions"},
        "pull_requests": [
            {
                "number": number,
                "head": {"ref": pr["head"], "sha": head_sha},
                "base": {"ref": pr["base"], "sha": repo.refs[f"heads/{pr['base']}"]},
            }
        ]
        if with_pulls
        else [],
    }
    return {
        "action": "completed",
        "check_suite": suite,
        "repository": repository(repo),
        "installation": _installation(fake),
        "sender": SENDER,
    }
