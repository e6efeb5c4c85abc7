"""The LLM path of the cause step: a short facet per failed conversation, "what the user wanted; what went
wrong", written by the Model in batches and cached by content, embedded instead of the user's raw words.

A facet says the same thing for "hi, my booking ABC123 — the return leg is missing" and "I asked for a round
trip!!": the raw text differs in greetings, ids and tone, the facet does not. Conversation text reaches the
model only as delimited, redacted data (the Model door's rule); a facet that looks like an instruction is
dropped and that conversation keeps its raw words.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, MutableMapping, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

FACET_BATCH = 20
FACET_CHARS = 200


@runtime_checkable
class FacetWriter(Protocol):
    """A Model that can write facets (AnthropicModel does; the offline model does not)."""

    @property
    def path(self) -> str: ...

    def write_facets(self, excerpts: Sequence[str]) -> list[str | None]:
        """One facet per excerpt, in order; None where the model gave nothing usable."""
        ...


def facet_key(model_path: str, excerpt: str) -> str:
    return hashlib.sha256(f"{model_path}\x00{excerpt}".encode()).hexdigest()


class JsonFacetCache(dict[str, str]):
    """A facet cache kept in one JSON file (e.g. beside the state database), written by `save`."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            self.update({str(k): str(v) for k, v in data.items()})

    def save(self) -> None:
        self.path.write_text(json.dumps(dict(self), sort_keys=True), encoding="utf-8")


def write_facets(
    excerpts: Sequence[str],
    writer: FacetWriter,
    cache: MutableMapping[str, str],
    *,
    suspicious: Callable[[str], bool] = lambda s: False,
    batch: int = FACET_BATCH,
) -> list[str | None]:
    """Facets for `excerpts`, asking the model only for excerpts not in `cache`, `batch` at a time."""
    keys = [facet_key(writer.path, e) for e in excerpts]
    missing = list(dict.fromkeys(k for k in keys if k not in cache))
    text_of = dict(zip(keys, excerpts, strict=True))
    for start in range(0, len(missing), batch):
        chunk = missing[start : start + batch]
        answers = writer.write_facets([text_of[k] for k in chunk])
        for k, facet in zip(chunk, answers, strict=False):
            if facet and facet.strip() and not suspicious(facet):
                cache[k] = " ".join(facet.split())[:FACET_CHARS]
    return [cache.get(k) for k in keys]
