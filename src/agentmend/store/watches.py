"""Metric watches on merged changes: the only module that reads or writes `watches`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from agentmend.store.records import record_of
from agentmend.store.tables import WatchRow


@dataclass(frozen=True)
class WatchRecord:
    id: int
    repo: str
    branch: str
    cause_id: str
    pr_number: int | None
    merge_sha: str
    merged_at: datetime
    merged_by: str | None
    baseline_json: str
    status: str  # watching | improved | inconclusive | regressed | no_effect
    verdict_json: str | None
    revert_branch: str | None


def _record(row: WatchRow) -> WatchRecord:
    return record_of(WatchRecord, row)


def latest(engine: Engine, repo: str, branch: str, merge_sha: str | None = None) -> WatchRecord | None:
    """The newest watch on `branch` (on that merge, when given)."""
    q = select(WatchRow).where(WatchRow.repo == repo, WatchRow.branch == branch)
    if merge_sha is not None:
        q = q.where(WatchRow.merge_sha == merge_sha)
    with Session(engine) as s:
        row = s.scalars(q.order_by(WatchRow.id.desc())).first()
        return None if row is None else _record(row)


def watching(engine: Engine, repo: str) -> list[WatchRecord]:
    """The repo's watches still open."""
    with Session(engine) as s:
        rows = s.scalars(
            select(WatchRow).where(WatchRow.repo == repo, WatchRow.status == "watching").order_by(WatchRow.id)
        )
        return [_record(r) for r in rows]


def repos_watching(engine: Engine) -> set[str]:
    with Session(engine) as s:
        return set(s.scalars(select(WatchRow.repo).where(WatchRow.status == "watching")))


def start(
    engine: Engine,
    *,
    repo: str,
    branch: str,
    cause_id: str,
    pr_number: int | None,
    merge_sha: str,
    merged_at: datetime,
    merged_by: str | None,
    baseline_json: str,
    verdict_json: str,
) -> WatchRecord:
    with Session(engine) as s, s.begin():
        row = WatchRow(
            repo=repo, branch=branch, cause_id=cause_id, pr_number=pr_number, merge_sha=merge_sha,
            merged_at=merged_at, merged_by=merged_by, baseline_json=baseline_json, status="watching",
            verdict_json=verdict_json, updated_at=datetime.now(UTC),
        )  # fmt: skip
        s.add(row)
        s.flush()
        return _record(row)


def update(
    engine: Engine,
    watch_id: int,
    *,
    status: str | None = None,
    verdict_json: str | None = None,
    revert_branch: str | None = None,
) -> WatchRecord | None:
    """Set the given fields (None keeps a field); the watch as stored after, or None if it is gone."""
    with Session(engine) as s, s.begin():
        row = s.get(WatchRow, watch_id)
        if row is None:
            return None
        for name, value in (
            ("status", status),
            ("verdict_json", verdict_json),
            ("revert_branch", revert_branch),
        ):
            if value is not None:
                setattr(row, name, value)
        row.updated_at = datetime.now(UTC)
        s.flush()
        return _record(row)
