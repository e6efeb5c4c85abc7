"""The analysis's memory (`analysis.memory`) in the state database: one repository per concern."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

import numpy as np
from sqlalchemy import Column, Engine, LargeBinary, MetaData, String, Table, delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from agentmend.analysis.judge import Verdict
from agentmend.analysis.memory import AnalysisMemory, Kind, Known, Remembered, RunSummary
from agentmend.store.keyed_text import KeyedText
from agentmend.store.tables import ClusterRow, EmbeddingRow, RunRow

_CHUNK = 500  # keys per IN (...) query: below SQLite's bound-parameter limit


class SqlVectors:
    """The `embeddings` table: float32 little-endian rows keyed by sha256(model + text)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get_vectors(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        columns = (EmbeddingRow.key, EmbeddingRow.model, EmbeddingRow.vector)
        with Session(self.engine) as session:
            for start in range(0, len(keys), _CHUNK):
                query = select(*columns).where(EmbeddingRow.key.in_(keys[start : start + _CHUNK]))
                for key, row_model, blob in session.execute(query):
                    if row_model == model:
                        out[key] = np.frombuffer(blob, dtype="<f4")
        return out

    def put_vectors(self, model: str, rows: Sequence[tuple[str, np.ndarray]]) -> None:
        """One multi-row INSERT (merge would SELECT each row first); a row another run stored
        meanwhile falls back to merge, which keeps the newer vector."""
        values = [
            {"key": key, "model": model, "dim": int(vec.shape[0]), "vector": vec.astype("<f4").tobytes()}
            for key, vec in rows
        ]
        if not values:
            return
        try:
            with Session(self.engine) as session, session.begin():
                session.execute(insert(EmbeddingRow), values)
        except IntegrityError:
            with Session(self.engine) as session, session.begin():
                for value in values:
                    session.merge(EmbeddingRow(**value))


class SqlClusters:
    """The `clusters` table: each id's latest centroid, for stable ids across runs."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def known(self, repo: str, kind: Kind) -> list[Known]:
        with Session(self.engine) as session:
            rows = session.scalars(
                select(ClusterRow)
                .where(ClusterRow.repo == repo, ClusterRow.kind == kind)
                .order_by(ClusterRow.cluster_id)
            ).all()
            return [Known(r.cluster_id, r.slug, np.frombuffer(r.centroid, dtype="<f4").copy()) for r in rows]

    def remember(self, repo: str, kind: Kind, run_id: str, clusters: Sequence[Remembered]) -> None:
        with Session(self.engine) as session, session.begin():
            for c in clusters:
                row = session.get(ClusterRow, (repo, kind, c.id))
                if row is None:
                    row = ClusterRow(repo=repo, kind=kind, cluster_id=c.id, first_run=run_id)
                    session.add(row)
                row.slug = c.slug
                row.label = c.label
                row.centroid = np.asarray(c.centroid, dtype="<f4").tobytes()
                row.size = c.size
                row.failure_rate = c.failure_rate
                row.last_run = run_id


_meta = MetaData()
_fits = Table(  # a cache created on first use, no migration: deleting it only costs a full run
    "analysis_memory",
    _meta,
    Column("repo", String(300), primary_key=True),
    Column("kind", String(20), primary_key=True),
    Column("payload", LargeBinary, nullable=False),
)


class SqlFits:
    """The last full clustering per (repo, kind), for warm runs (`analysis.incremental`)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        _meta.create_all(engine, checkfirst=True)

    def load_fit(self, repo: str, kind: str) -> bytes | None:
        with self.engine.connect() as conn:
            blob = conn.execute(
                select(_fits.c.payload).where(_fits.c.repo == repo, _fits.c.kind == kind)
            ).scalar()
        return None if blob is None else bytes(blob)

    def save_fit(self, repo: str, kind: str, payload: bytes) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(_fits).where(_fits.c.repo == repo, _fits.c.kind == kind))
            conn.execute(insert(_fits).values(repo=repo, kind=kind, payload=payload))


class SqlVerdicts:
    """Judge verdicts, so a re-run pays only for changed conversations."""

    def __init__(self, engine: Engine) -> None:
        self.texts = KeyedText(engine, "judge_verdicts", "verdict_json")

    def get(self, key: str) -> Verdict | None:
        text = self.texts.get_many([key]).get(key)
        if text is None:
            return None
        try:
            return Verdict(**json.loads(text))
        except (TypeError, ValueError):
            return None

    def put(self, key: str, verdict: Verdict) -> None:
        self.texts.put_many({key: json.dumps(asdict(verdict))})


class SqlRuns:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def record(self, run: RunSummary) -> None:
        with Session(self.engine) as session, session.begin():
            session.merge(
                RunRow(
                    id=run.id,
                    repo=run.repo,
                    started_at=run.started_at,
                    head_sha=None,
                    summary_json=run.summary_json,
                )
            )


def sql_memory(engine: Engine) -> AnalysisMemory:
    """Every memory the analysis uses, in the state database behind `engine`."""
    return AnalysisMemory(
        vectors=SqlVectors(engine),
        clusters=SqlClusters(engine),
        fits=SqlFits(engine),
        rule_outcomes=KeyedText(engine, "rule_outcomes", "outcome_json"),
        verdicts=SqlVerdicts(engine),
        runs=SqlRuns(engine),
    )
