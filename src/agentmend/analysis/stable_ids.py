"""Cluster ids that survive re-runs: match new centroids to remembered ones, else derive from content.

A re-run of the same data yields the same ids even without a store (ids come from the medoid text);
with the store, a cluster whose centroid moved a little (10% more data) keeps the id it had.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from agentmend.analysis.memory import Kind, Known, Remembered


@dataclass(frozen=True)
class Candidate:
    """A freshly found cluster before it has an id. `key` is its label number in this run."""

    key: int
    centroid: np.ndarray
    medoid_text: str
    slug: str
    label: str = ""
    size: int = 0
    failure_rate: float = 0.0


@dataclass(frozen=True)
class Assigned:
    id: str
    slug: str
    matched: bool  # True when the id came from an earlier run


def content_id(kind: Kind, medoid_text: str) -> str:
    digest = hashlib.sha256(f"{kind}\x00{medoid_text.strip().lower()}".encode()).hexdigest()
    return f"{kind}-{digest[:10]}"


def assign(
    kind: Kind, candidates: Sequence[Candidate], known: Sequence[Known], min_similarity: float
) -> dict[int, Assigned]:
    """Optimal one-to-one matching (Hungarian) on cosine similarity; pairs below the floor stay unmatched."""
    out: dict[int, Assigned] = {}
    if candidates and known:
        new = np.stack([_unit(c.centroid) for c in candidates])
        old = np.stack([_unit(k.centroid) for k in known])
        sims = new @ old.T
        rows, cols = linear_sum_assignment(-sims)
        for r, c in zip(rows, cols, strict=True):
            if sims[r, c] >= min_similarity:
                out[candidates[r].key] = Assigned(known[c].id, known[c].slug, matched=True)
    taken_ids = {a.id for a in out.values()}
    taken_slugs = {a.slug for a in out.values()} | {k.slug for k in known}
    known_by_id = {k.id: k for k in known}
    # Unmatched: deterministic id from content; ordered by medoid text so collisions resolve the same way.
    for cand in sorted((c for c in candidates if c.key not in out), key=lambda c: (c.medoid_text, c.key)):
        cid = content_id(kind, cand.medoid_text)
        n = 2
        while cid in taken_ids:
            cid = content_id(kind, f"{cand.medoid_text}\x00{n}")
            n += 1
        if cid in known_by_id:  # same medoid as a remembered cluster that drifted: it is that cluster
            taken_ids.add(cid)
            out[cand.key] = Assigned(cid, known_by_id[cid].slug, matched=True)
            continue
        slug = cand.slug
        if slug in taken_slugs:
            slug = f"{slug}-{cid.rsplit('-', 1)[1][:6]}"
        taken_ids.add(cid)
        taken_slugs.add(slug)
        out[cand.key] = Assigned(cid, slug, matched=False)
    return out


def _unit(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    return v / (np.linalg.norm(v) or 1.0)


def remembered(candidates: Sequence[Candidate], ids: dict[int, Assigned]) -> list[Remembered]:
    """What the next run matches against: each cluster's latest centroid under its id."""
    return [
        Remembered(
            id=ids[c.key].id,
            slug=ids[c.key].slug,
            label=c.label,
            centroid=_unit(c.centroid),
            size=c.size,
            failure_rate=c.failure_rate,
        )
        for c in candidates
    ]
