"""The embedding cache: each distinct text is embedded once, ever, per model."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from agentmend.analysis.embed import CachedEmbedder, SentenceEmbedder
from agentmend.store.db import open_engine


def test_vectors_are_normalised_and_similar_texts_are_close(embedder: SentenceEmbedder) -> None:
    v = embedder.encode(["my password reset link expired", "the reset link has expired", "dark mode please"])
    assert v.dtype == np.float32 and v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.3


def test_a_second_run_reads_every_vector_from_the_store(embedder: SentenceEmbedder, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    first = CachedEmbedder(embedder, open_engine(url))
    texts = ["export to csv", "sso with okta", "export to csv"]
    a = first.encode(texts)
    assert (first.new, first.cached) == (2, 0), "identical texts are embedded once"
    assert np.array_equal(a[0], a[2])

    second = CachedEmbedder(embedder, open_engine(url))  # a new process: nothing in memory
    b = second.encode(["sso with okta", "export to csv", "a new question"])
    assert (second.new, second.cached) == (1, 2)
    assert np.allclose(b[0], a[1]) and np.allclose(b[1], a[0])
