"""The repository config `.github/agentmend.yml`: typed schema and a loader with clear errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

CONFIG_PATH = ".github/agentmend.yml"

TargetKind = Literal["system_prompt", "tool_descriptions", "routing", "config"]
RiskClass = Literal["low", "medium", "high"]
SignalName = Literal[
    "negative_feedback",
    "escalation",
    "frustration",
    "rephrasing",
    "non_answer",
    "tool_error",
    "abandonment",
    "expectation_downgrade",
    "long_unresolved",
]
ALL_SIGNALS: tuple[SignalName, ...] = get_args(SignalName)


class ConfigError(ValueError):
    """The config is missing or invalid; the message names the file, the key and what is allowed."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


ExportFormat = Literal[
    "auto", "csv", "openai", "anthropic", "tau-bench", "tau2-bench", "otel-genai", "langsmith", "langfuse"
]


class ExportSource(_Strict):
    """Where conversations come from: a glob inside the repo, or an HTTPS URL."""

    path: str | None = None
    url: str | None = None
    auth_secret: str | None = Field(None, description="Name of the env var / secret holding a bearer token.")
    format: ExportFormat = "auto"

    @model_validator(mode="after")
    def _one_of(self) -> ExportSource:
        if (self.path is None) == (self.url is None):
            raise ValueError("each export needs exactly one of 'path' (a glob) or 'url' (https://...)")
        if self.url is not None and not self.url.startswith("https://"):
            raise ValueError(f"export url must start with https:// (got {self.url!r})")
        if self.auth_secret is not None and self.url is None:
            raise ValueError("'auth_secret' only applies to a 'url' export")
        return self


class Target(_Strict):
    """A file agentmend may edit, and what kind of file it is."""

    path: str
    kind: TargetKind

    @field_validator("path")
    @classmethod
    def _relative(cls, v: str) -> str:
        if v.startswith("/") or ".." in Path(v).parts:
            raise ValueError(f"target path must be relative to the repo root without '..' (got {v!r})")
        return v


class SignalsConfig(_Strict):
    """Which failure signals run, and their thresholds."""

    enabled: list[SignalName] = Field(default_factory=lambda: list(ALL_SIGNALS))
    rephrase_similarity: float = Field(0.80, ge=0.0, le=1.0)
    long_conversation_turns: int = Field(16, ge=4)
    extra_escalation_phrases: list[str] = Field(default_factory=list)
    extra_frustration_phrases: list[str] = Field(default_factory=list)
    extra_non_answer_phrases: list[str] = Field(default_factory=list)
    extra_downgrade_phrases: list[str] = Field(default_factory=list)


class ClusteringConfig(_Strict):
    """Tuning for intent and failure-cause clustering."""

    seed: int = 42
    min_cluster_size: int = Field(8, ge=2)
    min_samples: int | None = Field(None, ge=1)
    umap_components: int = Field(5, ge=2, le=50)
    umap_neighbors: int = Field(15, ge=2)
    id_match_similarity: float = Field(0.80, ge=0.0, le=1.0)
    noise_similarity_floor: float = Field(0.0, ge=0.0, le=1.0)
    cluster_selection: Literal["eom", "leaf"] = Field(
        "eom", description="HDBSCAN selection: 'eom' favours fewer, larger clusters; 'leaf' finer ones."
    )
    cause_merge_similarity: float = Field(
        0.6, ge=0.0, le=1.0, description="Merge failure causes whose centroids are this cosine-similar."
    )
    cause_answer_merge_similarity: float = Field(
        0.8,
        ge=0.0,
        le=1.0,
        description="Merge failure causes whose failing assistant answers are this similar on average.",
    )
    cause_outlier_mad: float = Field(
        3.0, ge=0.0, description="Members this many MADs below their cause's usual similarity are noise."
    )


class ProposalsConfig(_Strict):
    """When a failure cause is worth a proposal."""

    max_open_prs: int = Field(3, ge=0)
    min_cluster_size: int = Field(20, ge=1)
    min_lift: float = Field(1.5, ge=0.0)
    cooldown_change: float = Field(
        0.25,
        ge=0.0,
        description="Relative change in size or failure rate that lifts a rejected cause's cooldown.",
    )


class WatchConfig(_Strict):
    """How a merged change is judged."""

    min_conversations: int = Field(200, ge=1)
    alpha: float = Field(0.05, gt=0.0, lt=1.0)
    power: float = Field(0.8, gt=0.0, lt=1.0)
    on_regression: Literal["revert_pr", "comment"] = "revert_pr"
    version_key: str = "prompt_version"
    grace_period_hours: float = Field(1.0, ge=0.0)
    window_days: int = Field(14, ge=1)
    expected_reduction: float = Field(
        0.5,
        gt=0.0,
        le=1.0,
        description="Share of the cause's failure rate a change is expected to remove; sizes the watch.",
    )


class AutomergeConfig(_Strict):
    """Level-3 policy: agentmend may merge its own PRs of these risk classes, only with a watch."""

    enabled: bool = False
    change_classes: list[RiskClass] = Field(default_factory=list)
    require_watch: Literal[True] = True

    @field_validator("change_classes")
    @classmethod
    def _never_high(cls, v: list[RiskClass]) -> list[RiskClass]:
        if "high" in v:
            raise ValueError("high-risk changes always wait for a human; allowed: 'low', 'medium'")
        return v


class PrivacyConfig(_Strict):
    redact: bool = True
    min_unique_users: int = Field(5, ge=1)


class ModelConfig(_Strict):
    provider: Literal["offline", "anthropic"] = "offline"
    name: str = "claude-sonnet-4-5"
    max_tokens: int = Field(4096, ge=256)


class ExportsPolicy(_Strict):
    """When reading the exports gave too little to analyse (the CLI exits non-zero)."""

    max_malformed_share: float = Field(
        0.05, ge=0.0, le=1.0, description="Largest share of records that may be malformed and skipped."
    )


class RepoConfig(_Strict):
    """`.github/agentmend.yml`."""

    version: Literal[1]
    exports: list[ExportSource] = Field(min_length=1)
    exports_policy: ExportsPolicy = Field(default_factory=ExportsPolicy)
    targets: list[Target] = Field(default_factory=list)
    signals: SignalsConfig = Field(default_factory=SignalsConfig)
    clustering: ClusteringConfig = Field(default_factory=ClusteringConfig)
    proposals: ProposalsConfig = Field(default_factory=ProposalsConfig)
    watch: WatchConfig = Field(default_factory=WatchConfig)
    automerge: AutomergeConfig = Field(default_factory=AutomergeConfig)
    privacy: PrivacyConfig = Field(default_factory=PrivacyConfig)
    model: ModelConfig = Field(default_factory=ModelConfig)

    def target(self, path: str) -> Target | None:
        return next((t for t in self.targets if t.path == path), None)


def _describe(err: dict[str, Any]) -> str:
    loc = ".".join(str(p) for p in err["loc"] if not str(p).startswith("function-after"))
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        return f"{loc}: unknown key (check the spelling; see the README's config reference)"
    if err["type"] == "literal_error":
        return f"{loc}: {msg} (got {err.get('input')!r})"
    return f"{loc or '(top level)'}: {msg}"


def parse_config(text: str, source: str = CONFIG_PATH) -> RepoConfig:
    """Parse config text; raise ConfigError naming `source`, the key and what is allowed."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        raise ConfigError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a mapping with at least 'version: 1' and 'exports'")
    try:
        return RepoConfig.model_validate(data)
    except ValidationError as exc:
        lines = [f"{source}: {_describe(e)}" for e in exc.errors()]  # type: ignore[arg-type]
        raise ConfigError("\n".join(lines)) from exc


def load_config(repo_root: Path) -> RepoConfig:
    """Load `.github/agentmend.yml` from a working copy."""
    path = repo_root / CONFIG_PATH
    if not path.is_file():
        raise ConfigError(f"{path}: not found; agentmend needs a config there (see examples/support-agent)")
    return parse_config(path.read_text(encoding="utf-8"), source=str(path))
