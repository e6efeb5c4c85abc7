"""Records the analysis produces. The JSON report (README, "Report contract") is rendered from these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from agentmend.conversations.model import Malformed
from agentmend.repo_config import SignalName

if TYPE_CHECKING:
    from agentmend.analysis.detection import Detection

IntentCategory = Literal["bug_report", "churn_risk", "setup_friction", "feature_request", "how_to", "other"]


@dataclass(frozen=True)
class SignalHit:
    """One failure signal that fired, where, and the words that made it fire."""

    name: SignalName
    turn_index: int
    evidence: str
    tool: str | None = None  # the tool call that fired it, for tool-side signals and action checks


DecidedBy = Literal["label", "judge", "learned", "signals"]


@dataclass(frozen=True)
class Outcome:
    """What the signals say about one conversation."""

    conversation_id: str
    failed: bool
    signals: tuple[SignalHit, ...]
    failing_turn: int | None
    decided_by: DecidedBy = "signals"  # what decided `failed`: an export label, the judge, or the rules

    @property
    def signal_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.name for h in self.signals))


@dataclass(frozen=True)
class DailyPoint:
    day: str  # ISO date
    conversations: int
    failed: int

    @property
    def failure_rate(self) -> float:
        return self.failed / self.conversations if self.conversations else 0.0


@dataclass(frozen=True)
class ConversationResult:
    """Per-conversation row of the report: outcome plus where clustering put it."""

    id: str
    failed: bool
    signals: tuple[str, ...]
    failing_turn: int | None
    intent_id: str | None
    cluster_id: str | None  # failure cause, None when not failed or noise
    day: str | None
    started_at: datetime | None
    user_id: str | None
    turns: int
    source: str
    metadata: Mapping[str, Any] = field(default_factory=dict)
    decided_by: DecidedBy = "signals"  # what decided `failed`: label, judge, learned or signals
    hits: tuple[SignalHit, ...] = ()  # what fired each signal (evidence redacted), for the report


@dataclass(frozen=True)
class Intent:
    """What users come for: a cluster of opening requests."""

    id: str
    label: str  # keywords joined, or the model-written name when a real model ran
    keywords: tuple[str, ...]
    category: IntentCategory
    size: int
    failed: int
    daily: tuple[DailyPoint, ...]
    centroid: tuple[float, ...]
    name: str | None = None  # model-written name; None on the offline path

    @property
    def failure_rate(self) -> float:
        return self.failed / self.size if self.size else 0.0


@dataclass(frozen=True)
class ProposalVerdict:
    """Whether a cause deserves a proposal on the analysis' numbers alone (the propose step may still skip
    it for a cooldown or the open-PR cap), and the reason either way."""

    selected: bool
    reason: str
    rank: int | None = None  # 1 = the first to propose, among the selected
    score: float = 0.0  # failed conversations a fix could recover × mechanism specificity


@dataclass(frozen=True)
class FailureCluster:
    """A failure cause: failed conversations whose request around the failing turn is alike."""

    id: str
    slug: str  # stable, branch-safe: agentmend/<slug>
    label: str
    keywords: tuple[str, ...]
    size: int
    intent_id: str | None
    intent_failure_rate: float  # failure rate of the matching intent
    overall_failure_rate: float
    lift: float  # intent_failure_rate / overall_failure_rate
    drop_off: float  # share of members that ended within 2 turns of the failing turn
    signals: tuple[tuple[str, int], ...]  # (signal, count), most frequent first
    conversation_ids: tuple[str, ...]  # 3 representative (medoid) conversations
    member_ids: tuple[str, ...]
    examples: tuple[str, ...]  # redacted excerpts around the failing turn of the representatives
    unique_users: int
    daily: tuple[DailyPoint, ...]
    centroid: tuple[float, ...]
    name: str | None = None
    mechanism: str = ""  # how the agent failed: "tool error: cancel_reservation", "stock apology", …
    mechanism_kind: str = ""  # "signal" (an action check or tool signal), "tool_error" or "reply"
    specificity: float = 0.0  # how much the mechanism says about what to fix, 0..1
    coherence: float = 0.0  # share of members that failed by the cause's mechanism
    answer_spread: int = 0  # intents the cause's failing reply was seen in (> 1 and off-topic: stock)
    proposal: ProposalVerdict | None = None  # whether it deserves a proposal on its numbers, and why

    @property
    def failure_rate(self) -> float:
        return self.intent_failure_rate


@dataclass(frozen=True)
class RunInfo:
    id: str
    started_at: datetime
    files: tuple[str, ...]
    conversations: int
    failed: int
    malformed: tuple[Malformed, ...]
    embedded_new: int
    embedded_cached: int
    timings: Mapping[str, float]
    model_path: str  # "offline" or "anthropic:<model>": which path wrote names/labels
    # "facets:<model>" when a model wrote the texts failures were clustered on, else "offline"
    diagnosis_path: str = "offline"
    parts: Mapping[str, str] = field(default_factory=dict)  # encoder/reducer/clusterer/labeler/namer that ran


@dataclass(frozen=True)
class AnalysisReport:
    run: RunInfo
    conversations: tuple[ConversationResult, ...]
    intents: tuple[Intent, ...]
    clusters: tuple[FailureCluster, ...]
    noise_ids: tuple[str, ...]  # failed conversations no failure cause took
    detection: Detection | None = None  # how failure was decided, and how well the rules did against labels
    intent_noise_ids: tuple[str, ...] = ()  # conversations no intent took (not close to any)

    def cluster(self, cluster_id: str) -> FailureCluster | None:
        return next((c for c in self.clusters if c.id == cluster_id), None)

    def intent(self, intent_id: str) -> Intent | None:
        return next((i for i in self.intents if i.id == intent_id), None)
