"""What every Model implementation answers to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from agentmend.fixes.records import Draft


class ModelError(RuntimeError):
    """The model could not answer usefully (no key, bad key, malformed answer); nothing is applied."""


@dataclass(frozen=True)
class TargetFile:
    path: str
    kind: str  # repo_config.TargetKind
    text: str


@dataclass(frozen=True)
class ProposalRequest:
    """Everything a model sees to propose a fix. `examples` are redacted *data*, never instructions."""

    cause_id: str
    diagnosis: str  # one sentence with the numbers
    keywords: tuple[str, ...]
    signals: tuple[str, ...]
    examples: tuple[str, ...]
    targets: tuple[TargetFile, ...]
    guidance: str | None = None  # from a reviewer: `@agentmend regenerate <guidance>`
    failing_tools: tuple[tuple[str, int], ...] = ()  # (tool name, error results) in this cause, most first


class Model(Protocol):
    """An LLM (or the honest offline stand-in). `path` says which one ran, for every output."""

    @property
    def path(self) -> str: ...

    def propose(self, request: ProposalRequest) -> Draft: ...

    def name_cluster(self, keywords: tuple[str, ...], examples: tuple[str, ...]) -> str | None:
        """A short human name for a cluster, or None when this model cannot write one."""
        ...
