"""Seeded UMAP + HDBSCAN, BERTopic-style: small swappable steps with plain-data config.

Labels follow the HDBSCAN convention: -1 is noise, 0..k-1 are clusters. Label numbers are ordered by
cluster size (then by first member) so they do not depend on HDBSCAN's internal tree order.

Failure causes get two merges after HDBSCAN. First by topic (cause vectors ≥ `cause_merge_similarity`).
Then by failure mode: pieces whose failing assistant answers are near-identical on average
(answer centroids ≥ `cause_answer_merge_similarity`) are one cause. Why: users word one need in many
ways (a different vendor, destination or document in the opener) and HDBSCAN splits those pieces by
wording, but the agent fails all of them with the same reply, because the gap is in the agent's prompt
or tools, not in the user's words. The pieces' topic similarity is then only ~0.45-0.55, as low as
between distinct causes, so no topic threshold can join them; their answer centroids are ≥ 0.88 apart,
while distinct causes, and generic failures of different intents, stay ≤ 0.5 (bundled support and
travel corpora, committed and held-back wording, two seeds). Intents do not help: the pieces fall in
different intents, for the same reason. A catch-all fallback reply would join unrelated topics; that
is one fix (the fallback) and the examples show the topics, and the threshold can be raised to 1.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from agentmend.paths import use_private_numba_cache
from agentmend.repo_config import ClusteringConfig

NOISE = -1
# Below this many points UMAP's graph is too thin to help; cluster the raw embeddings instead.
MIN_POINTS_TO_REDUCE = 20
# A member at least this similar to its cluster's centroid is never trimmed as an outlier, however tight
# the cluster (a tight cluster's MAD is tiny and would otherwise cut its own paraphrases).
KEEP_SIMILARITY = 0.7
# Intents are clustered over distinct requests once there are this many smallest intents' worth of them.
DISTINCT_FLOOR = 3

Reducer = Callable[[np.ndarray, ClusteringConfig], np.ndarray]
Clusterer = Callable[[np.ndarray, ClusteringConfig], np.ndarray]


def reduce(vectors: np.ndarray, cfg: ClusteringConfig) -> np.ndarray:
    """UMAP to `cfg.umap_components` dims with the cosine metric, seeded; clamped for small inputs."""
    n = len(vectors)
    if n < MIN_POINTS_TO_REDUCE or n <= cfg.umap_components + 2:
        return np.asarray(vectors, dtype=np.float32)
    use_private_numba_cache()  # numba unpickles its cache: never let it be a folder the repo can commit
    import umap

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "n_jobs overridden by random_state": wanted, for determinism
        model = umap.UMAP(
            n_components=min(cfg.umap_components, n - 2),
            n_neighbors=max(2, min(cfg.umap_neighbors, n - 1)),
            min_dist=0.0,
            metric="cosine",
            random_state=cfg.seed,
            low_memory=True,
        )
        out = model.fit_transform(np.asarray(vectors, dtype=np.float32))
    return np.asarray(out, dtype=np.float32)


def cluster(reduced: np.ndarray, cfg: ClusteringConfig) -> np.ndarray:
    """HDBSCAN with `min_cluster_size` / `min_samples`; too few points for one cluster gives all noise."""
    n = len(reduced)
    if n < max(2, cfg.min_cluster_size):
        return np.full(n, NOISE, dtype=int)
    import hdbscan

    model = hdbscan.HDBSCAN(
        min_cluster_size=cfg.min_cluster_size,
        min_samples=cfg.min_samples,
        cluster_selection_method=cfg.cluster_selection,
        metric="euclidean",
    )
    labels = np.asarray(model.fit_predict(np.asarray(reduced, dtype=np.float64)), dtype=int)
    return canonical(labels)


def canonical(labels: np.ndarray) -> np.ndarray:
    """Renumber clusters by size (largest first), ties by first member, so numbering is reproducible."""
    ids = [int(x) for x in np.unique(labels) if x != NOISE]
    order = sorted(ids, key=lambda c: (-int(np.sum(labels == c)), int(np.argmax(labels == c))))
    mapping = {old: new for new, old in enumerate(order)}
    return np.array([mapping.get(int(x), NOISE) for x in labels], dtype=int)


def centroids(vectors: np.ndarray, labels: np.ndarray) -> dict[int, np.ndarray]:
    """Mean embedding per cluster, L2-normalised (cosine space, comparable across runs)."""
    out: dict[int, np.ndarray] = {}
    for c in sorted({int(x) for x in labels if x != NOISE}):
        mean = vectors[labels == c].mean(axis=0)
        out[c] = (mean / (np.linalg.norm(mean) or 1.0)).astype(np.float32)
    return out


def medoids(vectors: np.ndarray, labels: np.ndarray, label: int, k: int = 3) -> list[int]:
    """Indices of the k members closest to the cluster centroid (most representative first)."""
    idx = np.flatnonzero(labels == label)
    mean = vectors[idx].mean(axis=0)
    mean = mean / (np.linalg.norm(mean) or 1.0)
    sims = vectors[idx] @ mean
    order = sorted(range(len(idx)), key=lambda i: (-float(sims[i]), int(idx[i])))
    return [int(idx[i]) for i in order[:k]]


def assign_noise(vectors: np.ndarray, labels: np.ndarray, floor: float) -> np.ndarray:
    """Give noise points to the most similar centroid when that similarity is ≥ `floor`; 0 keeps noise."""
    if floor <= 0 or not np.any(labels == NOISE) or not np.any(labels != NOISE):
        return labels
    cents = centroids(vectors, labels)
    keys = list(cents)
    matrix = np.stack([cents[k] for k in keys])
    out = labels.copy()
    for i in np.flatnonzero(labels == NOISE):
        sims = matrix @ vectors[i]
        best = int(np.argmax(sims))
        if sims[best] >= floor:
            out[i] = keys[best]
    return out


def merge_similar(vectors: np.ndarray, labels: np.ndarray, threshold: float) -> np.ndarray:
    """Merge clusters whose centroids are ≥ `threshold` cosine-similar, most similar pair first.

    HDBSCAN on UMAP splits one cause into pieces by phrasing template; in the embedding space those
    pieces stay close (≥ 0.6 on the bundled corpora) while distinct causes stay apart (≤ 0.5).
    `vectors` may be any per-member view (e.g. the failing answers); a zero row (no answer) adds no
    direction, and a cluster with only zero rows never merges.
    """
    out = labels.copy()
    while True:
        cents = centroids(vectors, out)
        keys = list(cents)
        if len(keys) < 2:
            return canonical(out)
        matrix = np.stack([cents[k] for k in keys])
        sims = matrix @ matrix.T
        np.fill_diagonal(sims, -1.0)
        i, j = np.unravel_index(int(np.argmax(sims)), sims.shape)
        if sims[i, j] < threshold:
            return canonical(out)
        out[out == keys[j]] = keys[i]


def trim_outliers(vectors: np.ndarray, labels: np.ndarray, mads: float) -> np.ndarray:
    """Turn into noise the members much less similar to their centroid than the cluster's usual member
    (below median − `mads` × MAD, and below KEEP_SIMILARITY): a generic failure pulled into a specific
    cause is reported as noise, not hidden in it."""
    if mads <= 0:
        return labels
    out = labels.copy()
    for label, cent in centroids(vectors, labels).items():
        idx = np.flatnonzero(labels == label)
        sims = vectors[idx] @ cent
        med = float(np.median(sims))
        mad = max(float(np.median(np.abs(sims - med))) * 1.4826, 0.02)
        out[idx[sims < min(med - mads * mad, KEEP_SIMILARITY)]] = NOISE
    return canonical(out)


@dataclass(frozen=True)
class Clustering:
    """The outcome of one clustering step, in the embedding space (not the reduced one)."""

    labels: np.ndarray
    centroids: dict[int, np.ndarray]

    @property
    def noise(self) -> np.ndarray:
        return np.flatnonzero(self.labels == NOISE)


def run(
    vectors: np.ndarray,
    cfg: ClusteringConfig,
    reducer: Reducer = reduce,
    clusterer: Clusterer = cluster,
    *,
    merge_similarity: float | None = None,
    answers: np.ndarray | None = None,
    answer_merge_similarity: float | None = None,
    outlier_mads: float = 0.0,
) -> Clustering:
    """Reduce, cluster, optionally merge near-duplicate clusters (by `vectors`, then by `answers`, one
    row per member) and trim outliers, then handle noise as `cfg.noise_similarity_floor` says. Every part
    is swappable."""
    if len(vectors) == 0:
        return Clustering(labels=np.zeros(0, dtype=int), centroids={})
    labels = clusterer(reducer(vectors, cfg), cfg)
    if merge_similarity is not None:
        labels = merge_similar(vectors, labels, merge_similarity)
    if answers is not None and answer_merge_similarity is not None:
        labels = merge_similar(answers, labels, answer_merge_similarity)
    labels = trim_outliers(vectors, labels, outlier_mads)
    labels = assign_noise(vectors, labels, cfg.noise_similarity_floor)
    return Clustering(labels=labels, centroids=centroids(vectors, labels))


def min_size_for(n: int, cfg: ClusteringConfig) -> int:
    """The smallest intent: `min_cluster_share` of the corpus, never below `min_cluster_size`. A fixed size
    turns 3,000 conversations of 11 intents into 180 clusters; a share keeps the count about the same as
    traffic grows (banking77 test: 123 clusters at size 8, 73 at the share's 15)."""
    return max(cfg.min_cluster_size, round(cfg.min_cluster_share * n))


def distinct(keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Indices of each key's first member (the points to cluster) and, for every member, the position of
    its key's first member among them, whose label it takes."""
    first: dict[str, int] = {}
    owner = np.fromiter((first.setdefault(k, len(first)) for k in keys), dtype=np.int64, count=len(keys))
    _, points = np.unique(owner, return_index=True)  # positions are numbered in order of first appearance
    return points.astype(np.int64), owner


def request_key(text: str) -> str:
    """What makes two requests the same request: their words, whatever the case and punctuation."""
    return " ".join(_KEY_WORD.findall(text.lower()))


_KEY_WORD = re.compile(r"\w+", re.UNICODE)


def intents(
    vectors: np.ndarray,
    cfg: ClusteringConfig,
    reducer: Reducer = reduce,
    clusterer: Clusterer = cluster,
    keys: Sequence[str] | None = None,
) -> Clustering:
    """Intents from request vectors: HDBSCAN over the distinct requests at a size relative to their
    number, near-duplicate clusters merged by centroid (`intent_merge_similarity`), and noise given to the
    nearest intent at least `intent_noise_floor` similar; what stays noise is reported by the caller.

    Each distinct request (`keys`, by default identical vectors) is one point, and its repeats take its
    label. Density should measure how many *different* ways users ask for a thing, not how often one
    sentence recurs: a canned opener repeated a thousand times ("where is my order") is otherwise the
    densest region of the space, and HDBSCAN splits one intent into one cluster per template (3,000
    conversations of 11 intents gave 180 clusters). Even three copies per request keep those blobs. On
    Banking77, where almost every query is distinct, nothing changes; the reducer fits only the distinct
    requests, which is also what makes repeats cheap. With fewer than `DISTINCT_FLOOR` smallest intents'
    worth of distinct requests, density cannot be measured over them, and every conversation counts.
    """
    if keys is None:
        keys = [row.tobytes().hex() for row in np.asarray(vectors, dtype=np.float32)]
    points, owner = distinct(keys)
    if len(points) < DISTINCT_FLOOR * cfg.min_cluster_size:
        points, owner = np.arange(len(vectors)), np.arange(len(vectors))
    sized = cfg.model_copy(
        update={
            "min_cluster_size": min_size_for(len(points), cfg),
            "noise_similarity_floor": cfg.intent_noise_floor,
        }
    )
    found = run(vectors[points], sized, reducer, clusterer, merge_similarity=cfg.intent_merge_similarity)
    labels = found.labels[owner]
    return Clustering(labels=labels, centroids=centroids(vectors, labels))
