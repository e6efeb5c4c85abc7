"""Warm runs cost the new work: points seen by the last full clustering keep their cluster, new points
join the nearest existing cluster when they are as close to it as its own members are, and the whole
set is re-clustered only when the new points drift (too many fit no cluster, or too many are new).

Why not refit: UMAP + HDBSCAN on 50k points costs minutes and reshuffles borderline members, while
+1,000 conversations (2%) rarely change what the clusters are. Prediction is by centroid in the
embedding space (cosine), with each cluster's acceptance radius taken from its own members; it is
approximate by design, and the drift test sends anything it cannot explain back to a full run.

The memory is a cache, not state: one blob per (repo, kind) in `memory.Fits`, safe to delete (the
next run is then a full one). A point's key is its conversation id plus a digest
of its vector, so a conversation whose text changed is a new point.
"""

from __future__ import annotations

import hashlib
import io
import json
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from agentmend.analysis import cluster as clustering
from agentmend.analysis.memory import Fits

# Re-cluster when more than this share of the points is new since the last full clustering ...
MAX_NEW_SHARE = 0.2
# ... or when the new points fit no cluster this much more often than the last full run's own points
# do under the same rule (its noise, and members beyond their cluster's radius).
MAX_EXCESS_NOISE = 0.1
# A new point joins a cluster when it is at least as similar to the centroid as this quantile of the
# cluster's own members (and never below the clustering's noise floor, if one is set).
RADIUS_QUANTILE = 0.05
VERSION = 2


@dataclass(frozen=True)
class Memory:
    """The last full clustering of one kind: per point its label, per cluster centroid and radius."""

    fingerprint: str
    keys: tuple[str, ...]
    labels: np.ndarray  # int, -1 noise, aligned with keys
    centroids: np.ndarray  # (clusters, dim) float32, row k is label k
    radii: np.ndarray  # (clusters,) float32
    full_size: int  # points in the last full clustering
    full_unfit: float  # share of its points the assignment rule leaves unassigned


@dataclass(frozen=True)
class Decision:
    """What a run did, for the report's timings and for tests: "full" or "assigned", and why."""

    mode: str
    reason: str
    new: int
    seconds: float


def point_keys(ids: Sequence[str], vectors: np.ndarray) -> list[str]:
    vecs = np.ascontiguousarray(vectors, dtype="<f4")
    return [
        hashlib.sha256(i.encode() + b"\x00" + row.tobytes()).hexdigest()[:24]
        for i, row in zip(ids, vecs, strict=True)
    ]


def fingerprint(cfg: Any) -> str:
    dump = cfg.model_dump_json() if hasattr(cfg, "model_dump_json") else repr(cfg)
    return hashlib.sha256(f"v{VERSION}\x00{dump}".encode()).hexdigest()[:16]


def cluster_or_assign(
    fits: Fits,
    repo: str,
    kind: str,
    ids: Sequence[str],
    vectors: np.ndarray,
    full: Callable[[], clustering.Clustering],
    *,
    cfg: Any,
    decisions: list[Decision] | None = None,
) -> clustering.Clustering:
    """`full()` when there is no usable memory or drift is large (and remember its result); else the
    remembered labels plus nearest-centroid labels for the new points. Another encoder changes every
    vector, so every point is new and the run is a full one."""
    start = time.perf_counter()
    keys = point_keys(ids, vectors)
    fp = fingerprint(cfg)
    memory = load(fits, repo, kind)
    labels, reason = (
        (None, "no memory of an earlier run") if memory is None else assign(memory, keys, vectors, fp)
    )
    new = len(keys) if memory is None else len(set(keys) - set(memory.keys))
    if labels is None:
        result = full()
        fits.save_fit(repo, kind, _encode(remember(fp, keys, vectors, result.labels)))
        mode = "full"
    else:
        labels = clustering.canonical(labels)
        result = clustering.Clustering(labels=labels, centroids=clustering.centroids(vectors, labels))
        mode, reason = "assigned", f"{new} new of {len(keys)}; drift small"
    if decisions is not None:
        decisions.append(Decision(mode, reason, new, round(time.perf_counter() - start, 3)))
    return result


def assign(
    memory: Memory, keys: Sequence[str], vectors: np.ndarray, fp: str
) -> tuple[np.ndarray | None, str]:
    """Labels for `keys` from `memory`, or None and why a full clustering is needed."""
    if memory.fingerprint != fp:
        return None, "clustering config or encoder changed"
    if len(memory.centroids) == 0:
        return None, "the last run found no clusters"
    label_of = dict(zip(memory.keys, memory.labels.tolist(), strict=True))
    known = np.array([k in label_of for k in keys], dtype=bool)
    new_idx = np.flatnonzero(~known)
    if len(new_idx) > MAX_NEW_SHARE * max(memory.full_size, 1):
        return None, f"{len(new_idx)} new points: more than {MAX_NEW_SHARE:.0%} of the last full run"
    dropped = len(memory.keys) - int(known.sum())
    if dropped > MAX_NEW_SHARE * max(memory.full_size, 1):
        return None, f"{dropped} points of the last run are gone"
    labels = np.array([label_of.get(k, clustering.NOISE) for k in keys], dtype=int)
    if len(new_idx):
        best, fits = _nearest(np.asarray(vectors, dtype=np.float32)[new_idx], memory.centroids, memory.radii)
        labels[new_idx] = np.where(fits, best, clustering.NOISE)
        excess = float((~fits).mean()) - memory.full_unfit
        if excess > MAX_EXCESS_NOISE:
            return None, f"{int((~fits).sum())} of {len(new_idx)} new points fit no cluster (drift)"
    return labels, ""


def _nearest(vectors: np.ndarray, centroids: np.ndarray, radii: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The most similar centroid per row, and whether the row is within that cluster's radius."""
    sims = vectors @ centroids.T
    best = np.argmax(sims, axis=1)
    return best, sims[np.arange(len(vectors)), best] >= radii[best]


def remember(fp: str, keys: Sequence[str], vectors: np.ndarray, labels: np.ndarray) -> Memory:
    """The memory of a full clustering: radii from each cluster's own member similarities."""
    ks = sorted({int(x) for x in labels if x != clustering.NOISE})
    index = {k: n for n, k in enumerate(ks)}
    labels = np.array([index.get(int(x), clustering.NOISE) for x in labels], dtype=int)
    dim = vectors.shape[1] if vectors.ndim == 2 else 0
    cents = np.zeros((len(ks), dim), dtype=np.float32)
    radii = np.zeros(len(ks), dtype=np.float32)
    for k in range(len(ks)):
        members = np.asarray(vectors[labels == k], dtype=np.float32)
        mean = members.mean(axis=0)
        cents[k] = mean / (np.linalg.norm(mean) or 1.0)
        radii[k] = float(np.quantile(members @ cents[k], RADIUS_QUANTILE))
    return Memory(
        fingerprint=fp,
        keys=tuple(keys),
        labels=labels,
        centroids=cents,
        radii=radii,
        full_size=len(keys),
        full_unfit=float((~_nearest(np.asarray(vectors, dtype=np.float32), cents, radii)[1]).mean())
        if len(ks) and len(labels)
        else 1.0,
    )


def _encode(memory: Memory) -> bytes:
    buf = io.BytesIO()
    np.savez(
        buf,
        labels=memory.labels.astype("<i4"),
        centroids=memory.centroids.astype("<f4"),
        radii=memory.radii.astype("<f4"),
    )
    head = json.dumps(
        {
            "fingerprint": memory.fingerprint,
            "keys": list(memory.keys),
            "full_size": memory.full_size,
            "full_unfit": memory.full_unfit,
        }
    ).encode()
    return zlib.compress(len(head).to_bytes(8, "little") + head + buf.getvalue(), 3)


def _decode(blob: bytes) -> Memory:
    raw = zlib.decompress(blob)
    n = int.from_bytes(raw[:8], "little")
    head = json.loads(raw[8 : 8 + n])
    arrays = np.load(io.BytesIO(raw[8 + n :]))
    return Memory(
        fingerprint=head["fingerprint"],
        keys=tuple(head["keys"]),
        labels=arrays["labels"].astype(int),
        centroids=arrays["centroids"].astype(np.float32),
        radii=arrays["radii"].astype(np.float32),
        full_size=int(head["full_size"]),
        full_unfit=float(head["full_unfit"]),
    )


def load(fits: Fits, repo: str, kind: str) -> Memory | None:
    blob = fits.load_fit(repo, kind)
    if blob is None:
        return None
    try:
        return _decode(blob)
    except (ValueError, KeyError, zlib.error, json.JSONDecodeError):
        return None  # an unreadable cache only costs a full run
