"""The repositories the GitHub App is installed on, and the head each last analyzed: the only module that
touches `app_repos`."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from agentmend.store.tables import AppRepoRow


def _now() -> datetime:
    return datetime.now(UTC)


def remember_repo(engine: Engine, repo: str, installation_id: int, active: bool = True) -> None:
    with Session(engine) as s, s.begin():
        row = s.get(AppRepoRow, repo)
        if row is None:
            row = AppRepoRow(repo=repo, installation_id=installation_id)
            s.add(row)
        row.installation_id = installation_id
        row.active = int(active)
        row.updated_at = _now()


def forget_installation(engine: Engine, installation_id: int) -> None:
    with Session(engine) as s, s.begin():
        for row in s.scalars(select(AppRepoRow).where(AppRepoRow.installation_id == installation_id)):
            row.active = 0
            row.updated_at = _now()


def active_repos(engine: Engine) -> list[tuple[str, int]]:
    """(repo, installation id) of every repo the app is installed on, for periodic work."""
    with Session(engine) as s:
        rows = s.scalars(select(AppRepoRow).where(AppRepoRow.active == 1).order_by(AppRepoRow.repo))
        return [(r.repo, r.installation_id) for r in rows]


def last_analyzed(engine: Engine, repo: str) -> str | None:
    with Session(engine) as s:
        row = s.get(AppRepoRow, repo)
        return None if row is None else row.last_head_sha


def mark_analyzed(engine: Engine, repo: str, installation_id: int, head_sha: str) -> None:
    """Record that `head_sha` was analyzed and its proposals published; a re-run on it is a no-op."""
    remember_repo(engine, repo, installation_id)
    with Session(engine) as s, s.begin():
        row = s.get(AppRepoRow, repo)
        assert row is not None
        row.last_head_sha = head_sha
