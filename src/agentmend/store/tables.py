"""Table definitions. Every change here needs a matching alembic migration in `migrations/versions/`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Float, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class EmbeddingRow(Base):
    """Embedding cache keyed by sha256(model name + text): a re-run embeds only new text."""

    __tablename__ = "embeddings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    model: Mapped[str] = mapped_column(String(200))
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, little endian


class ClusterRow(Base):
    """Cluster memory for stable ids: the centroid each id had when last seen."""

    __tablename__ = "clusters"
    repo: Mapped[str] = mapped_column(String(300), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)  # "intent" | "cause"
    cluster_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    slug: Mapped[str] = mapped_column(String(120))
    label: Mapped[str] = mapped_column(Text)
    centroid: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    failure_rate: Mapped[float] = mapped_column(Float)
    first_run: Mapped[str] = mapped_column(String(64))
    last_run: Mapped[str] = mapped_column(String(64))


class RunRow(Base):
    __tablename__ = "runs"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    repo: Mapped[str] = mapped_column(String(300), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    head_sha: Mapped[str | None] = mapped_column(String(64), nullable=True)
    summary_json: Mapped[str] = mapped_column(Text)


class ChangeRow(Base):
    """One agentmend change (local branch or PR) per repo and failure cause."""

    __tablename__ = "changes"
    repo: Mapped[str] = mapped_column(String(300), primary_key=True)
    branch: Mapped[str] = mapped_column(String(200), primary_key=True)
    cause_id: Mapped[str] = mapped_column(String(64), index=True)
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    state: Mapped[str] = mapped_column(String(20))  # open | closed | merged | ignored
    risk: Mapped[str] = mapped_column(String(10))
    head_sha: Mapped[str | None] = mapped_column(String(64), nullable=True)
    merge_sha: Mapped[str | None] = mapped_column(String(64), nullable=True)
    merged_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    merged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    status_comment_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    run_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CooldownRow(Base):
    """A cause whose change was rejected (closed unmerged or `ignore`d) or merged, with its numbers then.

    A merged cause is not proposed again while the metric watch judges the merge: the exports are
    cumulative, so its old failing conversations would otherwise bring the same proposal back.
    """

    __tablename__ = "cooldowns"
    repo: Mapped[str] = mapped_column(String(300), primary_key=True)
    cause_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    failure_rate: Mapped[float] = mapped_column(Float)
    permanent: Mapped[int] = mapped_column(Integer, default=0)  # 1 after `ignore`
    kind: Mapped[str] = mapped_column(String(10), default="rejected", server_default="rejected")  # | merged
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DeliveryRow(Base):
    """GitHub webhook deliveries seen, so a redelivery runs once."""

    __tablename__ = "deliveries"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    event: Mapped[str] = mapped_column(String(60))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class WatchRow(Base):
    """A metric watch on one merged change."""

    __tablename__ = "watches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    repo: Mapped[str] = mapped_column(String(300), index=True)
    branch: Mapped[str] = mapped_column(String(200))
    cause_id: Mapped[str] = mapped_column(String(64))
    pr_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    merge_sha: Mapped[str] = mapped_column(String(64))
    merged_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    merged_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    baseline_json: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))  # watching | improved | inconclusive | regressed
    verdict_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    comment_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    check_run_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    revert_branch: Mapped[str | None] = mapped_column(String(200), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AppRepoRow(Base):
    """A repository the GitHub App is installed on: its installation, and the head it last analyzed."""

    __tablename__ = "app_repos"
    repo: Mapped[str] = mapped_column(String(300), primary_key=True)
    installation_id: Mapped[int] = mapped_column(BigInteger)
    active: Mapped[int] = mapped_column(Integer, default=1)
    last_head_sha: Mapped[str | None] = mapped_column(String(64), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class JobLeaseRow(Base):
    """A lease on a name (one repository's jobs): held by one worker until `expires_at` (epoch seconds).

    The app's per-repository lock lives here, not in the job queue, because SqliteHuey cannot expire a
    lock and every queue backend shares this database anyway (see `app/leases.py`).
    """

    __tablename__ = "job_leases"
    name: Mapped[str] = mapped_column(String(300), primary_key=True)
    owner: Mapped[str] = mapped_column(String(120))
    expires_at: Mapped[float] = mapped_column(Float)
