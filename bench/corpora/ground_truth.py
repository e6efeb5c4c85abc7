"""Typed, read-only view of a corpus's ground_truth.json, for the bench evaluations that score against it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class Cause:
    name: str
    intent: str
    mechanism: str
    description: str


@dataclass(frozen=True)
class ConversationTruth:
    id: str
    intent: str
    failed: bool
    cause: str | None
    language: str


@dataclass(frozen=True)
class WatchTruth:
    fixed_cause: str
    regressed_intent: str
    version_key: str
    before: str
    after: str


@dataclass(frozen=True)
class GroundTruth:
    corpus: str
    description: str
    intents: Mapping[str, str]
    causes: Mapping[str, Cause]
    conversations: Mapping[str, ConversationTruth]
    malformed: tuple[tuple[str, int], ...]
    watch: WatchTruth | None = None

    def of_cause(self, cause: str) -> list[str]:
        return sorted(i for i, c in self.conversations.items() if c.cause == cause)

    def failed_ids(self) -> list[str]:
        return sorted(i for i, c in self.conversations.items() if c.failed)


def _need(obj: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in obj:
        raise ValueError(f"{where}: missing '{key}'")
    value = obj[key]
    if not isinstance(value, kind):
        raise ValueError(f"{where}.{key}: expected {kind.__name__}, got {type(value).__name__}")
    return value


def load_ground_truth(repo_dir: Path | str) -> GroundTruth:
    """Read `<repo_dir>/ground_truth.json`; a missing or mistyped field is an error naming it."""
    path = Path(repo_dir) / "ground_truth.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    where = str(path)
    intents = {str(k): str(v) for k, v in _need(raw, "intents", dict, where).items()}
    causes: dict[str, Cause] = {}
    for name, c in _need(raw, "causes", dict, where).items():
        w = f"{where}: causes.{name}"
        intent = _need(c, "intent", str, w)
        if intent not in intents:
            raise ValueError(f"{w}.intent: unknown intent {intent!r}")
        causes[name] = Cause(name, intent, _need(c, "mechanism", str, w), _need(c, "description", str, w))
    convs: dict[str, ConversationTruth] = {}
    for cid, c in _need(raw, "conversations", dict, where).items():
        w = f"{where}: conversations.{cid}"
        cause = c.get("cause")
        if cause is not None and cause not in causes:
            raise ValueError(f"{w}.cause: unknown cause {cause!r}")
        convs[cid] = ConversationTruth(
            cid,
            _need(c, "intent", str, w),
            bool(_need(c, "failed", bool, w)),
            cause,
            str(c.get("language", "en")),
        )
    malformed = tuple((str(f), int(line)) for f, line in _need(raw, "malformed", list, where))
    watch = None
    if "watch" in raw:
        w = raw["watch"]
        watch = WatchTruth(w["fixed_cause"], w["regressed_intent"], w["version_key"], w["before"], w["after"])
    return GroundTruth(
        str(raw["corpus"]),
        str(raw.get("description", "")),
        MappingProxyType(intents),
        MappingProxyType(causes),
        MappingProxyType(convs),
        malformed,
        watch,
    )
