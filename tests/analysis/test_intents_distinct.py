"""Intent density counts distinct requests: a sentence repeated a thousand times is one point."""

from __future__ import annotations

import numpy as np

from agentmend.analysis import cluster as clustering
from agentmend.repo_config import ClusteringConfig


def _corpus() -> tuple[np.ndarray, list[str]]:
    """30 distinct requests; the first is a canned opener repeated 500 times."""
    rng = np.random.default_rng(1)
    base = rng.standard_normal((30, 16)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    order = [0] * 500 + list(range(1, 30))
    return base[order], [f"request {i}" for i in order]


def test_the_clusterer_sees_each_distinct_request_once_and_repeats_take_its_label() -> None:
    vectors, texts = _corpus()
    seen: list[int] = []

    def clusterer(points: np.ndarray, cfg: ClusteringConfig) -> np.ndarray:
        seen.append(len(points))
        return np.arange(len(points)) % 2  # any labelling: what matters is who shares it

    result = clustering.intents(
        vectors, ClusteringConfig(), lambda v, _cfg: v, clusterer, [clustering.request_key(t) for t in texts]
    )
    assert seen == [30]
    assert len(set(result.labels[:500].tolist())) == 1  # every repeat of the opener has one intent


def test_case_and_punctuation_do_not_make_a_request_distinct() -> None:
    assert clustering.request_key("IS THERE a Jira integration?!") == clustering.request_key(
        "is there a jira integration"
    )


def test_few_distinct_requests_are_clustered_with_their_repeats() -> None:
    """Fewer distinct requests than three smallest intents' worth: density cannot be read off them, so
    every conversation counts (5 phrasings of 3 topics, 20 conversations each, still give intents)."""
    vectors, texts = _corpus()
    few = np.concatenate([vectors[:500], vectors[500:505]])
    seen: list[int] = []

    def clusterer(points: np.ndarray, cfg: ClusteringConfig) -> np.ndarray:
        seen.append(len(points))
        return np.zeros(len(points), dtype=int)

    clustering.intents(few, ClusteringConfig(), lambda v, _cfg: v, clusterer, texts[:505])
    assert seen == [505]
