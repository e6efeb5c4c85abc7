"""agentmend's changes (a local branch or a PR per cause) and the cooldowns of rejected or merged causes.

The only module that writes `changes` and `cooldowns`; callers get frozen records back, never rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from agentmend.fixes.select import Cooldown, History
from agentmend.store.records import record_of
from agentmend.store.tables import ChangeRow, ClusterRow, CooldownRow


@dataclass(frozen=True)
class ChangeRecord:
    """What agentmend remembers of one of its changes."""

    repo: str
    branch: str
    cause_id: str
    number: int | None
    state: str  # open | closed | merged | ignored
    risk: str
    head_sha: str | None
    merge_sha: str | None
    merged_by: str | None
    merged_at: datetime | None
    status_comment_id: int | None
    run_id: str | None


def _record(row: ChangeRow) -> ChangeRecord:
    return record_of(ChangeRecord, row)


def _cooldown(row: CooldownRow) -> Cooldown:
    return Cooldown(
        cause_id=row.cause_id,
        size=row.size,
        failure_rate=row.failure_rate,
        permanent=bool(row.permanent),
        kind="merged" if row.kind == "merged" else "rejected",
    )


def find(
    engine: Engine, repo: str, *, branch: str | None = None, number: int | None = None
) -> ChangeRecord | None:
    """The change on `branch`, or else the one with PR `number`."""
    with Session(engine) as s:
        if branch is not None:
            row = s.get(ChangeRow, (repo, branch))
        else:
            row = s.scalars(
                select(ChangeRow).where(ChangeRow.repo == repo, ChangeRow.number == number)
            ).first()
        return None if row is None else _record(row)


def open_changes(engine: Engine, repo: str) -> list[ChangeRecord]:
    return [c for c in all_changes(engine, repo) if c.state == "open"]


def all_changes(engine: Engine, repo: str) -> list[ChangeRecord]:
    """Every change agentmend remembers in `repo`, whatever its state, by branch."""
    with Session(engine) as s:
        rows = s.scalars(select(ChangeRow).where(ChangeRow.repo == repo).order_by(ChangeRow.branch))
        return [_record(r) for r in rows]


def save(
    engine: Engine,
    repo: str,
    branch: str,
    *,
    cause_id: str,
    state: str,
    number: int | None = None,
    risk: str | None = None,
    head_sha: str | None = None,
    merge_sha: str | None = None,
    merged_by: str | None = None,
    merged_at: datetime | None = None,
    run_id: str | None = None,
) -> None:
    """Upsert what was learnt about a change; fields left None keep their stored value (a new change
    without a risk is "high", the safe default)."""
    with Session(engine) as s, s.begin():
        row = s.get(ChangeRow, (repo, branch))
        if row is None:
            row = ChangeRow(repo=repo, branch=branch, cause_id=cause_id, risk=risk or "high")
            s.add(row)
        row.cause_id = cause_id
        row.state = state
        for name, value in (
            ("number", number),
            ("risk", risk),
            ("head_sha", head_sha),
            ("merge_sha", merge_sha),
            ("merged_by", merged_by),
            ("merged_at", merged_at),
            ("run_id", run_id),
        ):
            if value is not None:
                setattr(row, name, value)
        row.updated_at = datetime.now(UTC)


def set_status_comment(engine: Engine, repo: str, branch: str, comment_id: int) -> None:
    with Session(engine) as s, s.begin():
        row = s.get(ChangeRow, (repo, branch))
        if row is not None:
            row.status_comment_id = comment_id


def cool_down(
    engine: Engine,
    repo: str,
    cause_id: str,
    *,
    kind: str = "rejected",
    permanent: bool = False,
    numbers: tuple[int, float] | None = None,
) -> Cooldown:
    """Remember a rejected or merged (`kind`) cause with its numbers in the latest analysis: `numbers`
    (size, failure rate) from the report in hand, else as the cluster memory holds them from the last
    run. `permanent` (ignore) is never lifted."""
    with Session(engine) as s, s.begin():
        if numbers is None:
            cluster = s.get(ClusterRow, (repo, "cause", cause_id))
            numbers = (cluster.size, cluster.failure_rate) if cluster else (0, 0.0)
        row = s.get(CooldownRow, (repo, cause_id))
        if row is None:
            row = CooldownRow(repo=repo, cause_id=cause_id)
            s.add(row)
        row.size, row.failure_rate = numbers
        row.permanent = int(permanent or bool(row.permanent))
        row.kind = kind
        row.created_at = datetime.now(UTC)
        s.flush()
        return _cooldown(row)


def history(engine: Engine, repo: str) -> History:
    """The cooldowns and merged changes `fixes.select` weighs a cause against."""
    with Session(engine) as s:
        cooldowns = {
            row.cause_id: _cooldown(row)
            for row in s.scalars(select(CooldownRow).where(CooldownRow.repo == repo))
        }
        merged_in = {
            row.cause_id: row.branch
            for row in s.scalars(
                select(ChangeRow)
                .where(ChangeRow.repo == repo, ChangeRow.state == "merged")
                .order_by(ChangeRow.updated_at)
            )
        }
    return History(cooldowns=cooldowns, merged_in=merged_in)
