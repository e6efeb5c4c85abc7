"""What the analysis remembers between runs, as ports: the core says what it needs, `store/` provides it.

Everything here is a cache or a memory the next run may use, never the truth of a run (that is the
`AnalysisReport` the analysis returns): losing any of it costs recomputation, not correctness, except
that cluster ids stay stable only while `clusters` remembers them. `store.analysis_memory.sql_memory`
backs all of them with the state database; `in_memory()` keeps them in dicts for one process.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal, Protocol

import numpy as np

from agentmend.analysis.judge import MemoryVerdictCache, VerdictCache
from agentmend.analysis.rule_memory import RuleMemory

Kind = Literal["intent", "cause"]


@dataclass(frozen=True)
class Known:
    """A cluster remembered from an earlier run."""

    id: str
    slug: str
    centroid: np.ndarray


@dataclass(frozen=True)
class Remembered:
    """A cluster as this run leaves it: what the next run matches its clusters against."""

    id: str
    slug: str
    label: str
    centroid: np.ndarray  # unit length, float32
    size: int
    failure_rate: float


@dataclass(frozen=True)
class RunSummary:
    """One analysis run, as the run log keeps it."""

    id: str
    repo: str
    started_at: datetime
    summary_json: str


class Vectors(Protocol):
    """Embeddings by content key (`embed.cache_key`), per encoder."""

    def get_vectors(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]: ...

    def put_vectors(self, model: str, rows: Sequence[tuple[str, np.ndarray]]) -> None: ...


class Clusters(Protocol):
    """Each repo's clusters by kind, as the last run left them (`stable_ids`)."""

    def known(self, repo: str, kind: Kind) -> list[Known]: ...

    def remember(self, repo: str, kind: Kind, run_id: str, clusters: Sequence[Remembered]) -> None: ...


class Fits(Protocol):
    """The last full clustering per (repo, kind), as an opaque blob (`incremental` encodes it)."""

    def load_fit(self, repo: str, kind: str) -> bytes | None: ...

    def save_fit(self, repo: str, kind: str, payload: bytes) -> None: ...


class Runs(Protocol):
    def record(self, run: RunSummary) -> None: ...


@dataclass(frozen=True)
class AnalysisMemory:
    """Every memory one analysis run reads and writes, handed in by whoever runs it."""

    vectors: Vectors
    clusters: Clusters
    fits: Fits
    rule_outcomes: RuleMemory
    verdicts: VerdictCache
    runs: Runs


@dataclass
class _DictVectors:
    rows: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)

    def get_vectors(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        return {k: self.rows[(model, k)] for k in keys if (model, k) in self.rows}

    def put_vectors(self, model: str, rows: Sequence[tuple[str, np.ndarray]]) -> None:
        self.rows.update({(model, k): np.asarray(v, dtype=np.float32) for k, v in rows})


@dataclass
class _DictClusters:
    rows: dict[tuple[str, str], dict[str, Remembered]] = field(default_factory=dict)

    def known(self, repo: str, kind: Kind) -> list[Known]:
        kept = self.rows.get((repo, kind), {})
        return [Known(r.id, r.slug, r.centroid) for _, r in sorted(kept.items())]

    def remember(self, repo: str, kind: Kind, run_id: str, clusters: Sequence[Remembered]) -> None:
        self.rows.setdefault((repo, kind), {}).update({c.id: c for c in clusters})


@dataclass
class _DictFits:
    rows: dict[tuple[str, str], bytes] = field(default_factory=dict)

    def load_fit(self, repo: str, kind: str) -> bytes | None:
        return self.rows.get((repo, kind))

    def save_fit(self, repo: str, kind: str, payload: bytes) -> None:
        self.rows[(repo, kind)] = payload


@dataclass
class _DictTexts:
    rows: dict[str, str] = field(default_factory=dict)

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        return {k: self.rows[k] for k in keys if k in self.rows}

    def put_many(self, items: Mapping[str, str]) -> None:
        self.rows.update(items)


@dataclass
class _DictRuns:
    rows: dict[str, RunSummary] = field(default_factory=dict)

    def record(self, run: RunSummary) -> None:
        self.rows[run.id] = run


def in_memory() -> AnalysisMemory:
    """Memory that lives as long as the object: for one-off runs (the bench, a replay) and tests."""
    return AnalysisMemory(
        vectors=_DictVectors(),
        clusters=_DictClusters(),
        fits=_DictFits(),
        rule_outcomes=_DictTexts(),
        verdicts=MemoryVerdictCache(),
        runs=_DictRuns(),
    )


@dataclass(frozen=True)
class _ReadOnlyClusters:
    inner: Clusters

    def known(self, repo: str, kind: Kind) -> list[Known]:
        return self.inner.known(repo, kind)

    def remember(self, repo: str, kind: Kind, run_id: str, clusters: Sequence[Remembered]) -> None:
        return None


def looking_back(memory: AnalysisMemory) -> AnalysisMemory:
    """For re-analysing an older commit (a watch's baseline at the merge's parent): it reads the ids and
    caches the live memory holds, but leaves the ids, fits and run log of the latest run as they are.
    Content-keyed caches (vectors, rule outcomes, verdicts) still fill: their entries are true at any commit.
    """
    scratch = in_memory()
    return replace(memory, clusters=_ReadOnlyClusters(memory.clusters), fits=scratch.fits, runs=scratch.runs)
