"""The app's memory in the state database: deliveries seen, installed repos (changes: `store/changes.py`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from agentmend.store.tables import AppRepoRow, DeliveryRow

DELIVERY_RETENTION = timedelta(days=7)  # GitHub redelivers for up to 3 days


def _now() -> datetime:
    return datetime.now(UTC)


def record_delivery(engine: Engine, delivery_id: str, event: str, now: datetime | None = None) -> bool:
    """Remember a delivery; False when it was seen before (a redelivery that must not run twice)."""
    now = now or _now()
    try:
        with Session(engine) as s, s.begin():
            s.add(DeliveryRow(id=delivery_id, event=event, received_at=now))
    except IntegrityError:
        return False
    with Session(engine) as s, s.begin():
        s.execute(delete(DeliveryRow).where(DeliveryRow.received_at < now - DELIVERY_RETENTION))
    return True


def forget_delivery(engine: Engine, delivery_id: str) -> None:
    """Undo `record_delivery` when the job could not be queued, so GitHub's redelivery is accepted."""
    with Session(engine) as s, s.begin():
        s.execute(delete(DeliveryRow).where(DeliveryRow.id == delivery_id))


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
