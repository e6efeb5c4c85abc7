"""A pull request as GitHub sends it (REST or webhook payload) read into a `Change`.

One reader for the App's events, the GitHub forge and the handler tests' fake, tolerant of missing fields:
a payload without a head, a number or a merge time still reads, with those fields empty.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from agentmend.forges.base import Change, ChangeState


def github_time(value: Any) -> datetime | None:
    """An ISO-8601 GitHub timestamp ("2026-01-02T03:04:05Z"), or None when absent or unreadable."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def change_of_pull(pr: dict[str, Any]) -> Change:
    head = pr.get("head") or {}
    merged = bool(pr.get("merged") or pr.get("merged_at"))
    state: ChangeState = "merged" if merged else ("open" if pr.get("state") == "open" else "closed")
    number = pr.get("number")
    return Change(
        branch=str(head.get("ref") or ""),
        number=int(number) if isinstance(number, int) else None,
        url=str(pr.get("html_url") or ""),
        state=state,
        head_sha=str(head.get("sha") or ""),
        body=str(pr.get("body") or ""),
        title=str(pr.get("title") or ""),
        merge_sha=pr.get("merge_commit_sha") if merged else None,
        merged_by=(pr.get("merged_by") or {}).get("login") if merged else None,
        merged_at=github_time(pr.get("merged_at")) if merged else None,
    )
