"""Per-repository job leases in the state database, so two workers never work on one repo at once.

Why not huey's `lock_task`: SqliteHuey (the default queue) cannot expire a key (`ttl` raises
NotImplementedError), and a lock without expiry stays forever when a worker dies mid-job. A row here works
the same on every queue backend (SQLite, Redis, memory), because every worker already shares this
database. Acquiring is one atomic statement (an INSERT, or an UPDATE of an expired row), so two workers
racing for a free or stale lease cannot both win. A holder renews its lease while the job runs; a worker
that died stops renewing, and its lease is taken over once it expires (`LEASE_SECONDS`).
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from agentmend.store.tables import JobLeaseRow

LEASE_SECONDS = 600.0  # a dead worker's lease is free again after ten minutes


class LeaseBusy(RuntimeError):
    """Another worker holds the lease; the job should run again later."""


def new_owner() -> str:
    """A holder id that says where it runs (host, pid) and is unique per acquisition."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def acquire(
    engine: Engine, name: str, owner: str, *, seconds: float = LEASE_SECONDS, now: float | None = None
) -> bool:
    """Take the lease when it is free or expired; False when someone else holds it."""
    now = time.time() if now is None else now
    try:
        with Session(engine) as s, s.begin():
            s.add(JobLeaseRow(name=name, owner=owner, expires_at=now + seconds))
        return True
    except IntegrityError:
        pass
    with Session(engine) as s, s.begin():
        taken = s.execute(
            update(JobLeaseRow)
            .where(JobLeaseRow.name == name, JobLeaseRow.expires_at < now)
            .values(owner=owner, expires_at=now + seconds)
        )
        return bool(taken.rowcount)  # type: ignore[attr-defined]


def renew(
    engine: Engine, name: str, owner: str, *, seconds: float = LEASE_SECONDS, now: float | None = None
) -> bool:
    """Extend a lease we hold; False when it is no longer ours (it expired and was taken over)."""
    now = time.time() if now is None else now
    with Session(engine) as s, s.begin():
        done = s.execute(
            update(JobLeaseRow)
            .where(JobLeaseRow.name == name, JobLeaseRow.owner == owner)
            .values(expires_at=now + seconds)
        )
        return bool(done.rowcount)  # type: ignore[attr-defined]


def release(engine: Engine, name: str, owner: str) -> None:
    """Give the lease back; a lease someone else took over meanwhile is left to them."""
    with Session(engine) as s, s.begin():
        s.execute(delete(JobLeaseRow).where(JobLeaseRow.name == name, JobLeaseRow.owner == owner))


@contextmanager
def held(
    engine: Engine,
    name: str,
    *,
    seconds: float = LEASE_SECONDS,
    renew_every: float | None = None,
    owner_id: Callable[[], str] = new_owner,
) -> Iterator[str]:
    """Hold `name` for the block, renewing it in the background; raises LeaseBusy when it is taken."""
    owner = owner_id()
    if not acquire(engine, name, owner, seconds=seconds):
        raise LeaseBusy(f"{name} is held by another worker")
    stop = threading.Event()

    def keep() -> None:
        while not stop.wait(renew_every or seconds / 5):
            if not renew(engine, name, owner, seconds=seconds):
                return

    renewer = threading.Thread(target=keep, name=f"lease:{name}", daemon=True)
    renewer.start()
    try:
        yield owner
    finally:
        stop.set()
        renewer.join(timeout=5)
        release(engine, name, owner)
