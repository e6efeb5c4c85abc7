"""The embedding cache: each distinct text is embedded once, ever, per model."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from agentmend.analysis.embed import MAX_WORDS, CachedEmbedder, SentenceEmbedder
from agentmend.store.analysis_memory import SqlVectors
from agentmend.store.db import open_engine


def test_vectors_are_normalised_and_similar_texts_are_close(embedder: SentenceEmbedder) -> None:
    v = embedder.encode(["my password reset link expired", "the reset link has expired", "dark mode please"])
    assert v.dtype == np.float32 and v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.3


def test_a_second_run_reads_every_vector_from_the_store(embedder: SentenceEmbedder, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    first = CachedEmbedder(embedder, SqlVectors(open_engine(url)))
    texts = ["export to csv", "sso with okta", "export to csv"]
    a = first.encode(texts)
    assert (first.new, first.cached) == (2, 0), "identical texts are embedded once"
    assert np.array_equal(a[0], a[2])

    second = CachedEmbedder(embedder, SqlVectors(open_engine(url)))  # a new process: nothing in memory
    b = second.encode(["sso with okta", "export to csv", "a new question"])
    assert (second.new, second.cached) == (1, 2)
    assert np.allclose(b[0], a[1]) and np.allclose(b[1], a[0])


class CountingEmbedder:
    """Records what reaches the model."""

    name = "counting-8"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        rng = np.random.default_rng(len(self.seen))
        return rng.normal(size=(len(texts), 8)).astype(np.float32)


def test_texts_that_differ_only_in_case_spacing_or_an_unread_tail_are_embedded_once(tmp_path: Path) -> None:
    inner = CountingEmbedder()
    cache = CachedEmbedder(inner, SqlVectors(open_engine(f"sqlite:///{tmp_path / 'state.db'}")))
    story = " ".join(["word"] * MAX_WORDS)
    texts = [
        "Export to CSV",
        "export  to csv\n",
        "EXPORT TO CSV",
        story + " log line 1",
        story + " log line 2",
    ]
    v = cache.encode(texts)
    assert inner.seen == ["export to csv", story], "one model call per text the model would read differently"
    assert v.dtype == np.float32 and v.shape == (5, 8)
    assert np.array_equal(v[0], v[1]) and np.array_equal(v[0], v[2]) and np.array_equal(v[3], v[4])
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert (cache.new, cache.cached) == (2, 0)
