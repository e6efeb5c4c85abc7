"""The swappable parts of the analysis, BERTopic's shape: each has a default chosen by measurement
(bench/eval_diagnosis.py, docs/design-notes.md) and can be replaced by a caller or a test."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from agentmend.analysis import cluster as clustering
from agentmend.analysis import labels

Labeler = Callable[[Mapping[int, Sequence[str]]], dict[int, tuple[str, ...]]]
Namer = Callable[[tuple[str, ...], tuple[str, ...]], "str | None"]


def _name(fn: object) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', type(fn).__name__)}"


@dataclass(frozen=True)
class Parts:
    """Reducer and clusterer (intents), labeler (keywords per cluster), namer (a human name, or None for the
    keyword label). The encoder is the `embedder` every entry point already takes."""

    reducer: clustering.Reducer = clustering.reduce
    clusterer: clustering.Clusterer = clustering.cluster
    labeler: Labeler = labels.ctfidf_keywords
    namer: Namer | None = None  # None: the model's `name_cluster` when a model is given

    def describe(self, encoder: str, namer: str) -> dict[str, str]:
        """Which part ran, for the report."""
        return {
            "encoder": encoder,
            "reducer": _name(self.reducer),
            "clusterer": _name(self.clusterer),
            "labeler": _name(self.labeler),
            "namer": namer,
        }


DEFAULT_PARTS = Parts()
