"""The repository config `.github/agentmend.yml`: typed schema and a loader with clear errors."""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from agentmend.comparison import parse_comparison

CONFIG_PATH = ".github/agentmend.yml"

TargetKind = Literal["system_prompt", "tool_descriptions", "routing", "config"]
RiskClass = Literal["low", "medium", "high"]
# The action checks on tool calls (analysis/actions/): one name each, listed once.
ActionSignalName = Literal[
    "unconfirmed_write",
    "ungrounded_argument",
    "claimed_not_done",
    "unrecovered_tool_error",
    "repeated_call",
    "said_cannot",
    "half_done",
    "over_policy_limit",
]
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
    ActionSignalName,
]
ALL_SIGNALS: tuple[SignalName, ...] = get_args(SignalName)


class ConfigError(ValueError):
    """The config is missing or invalid; the message names the file, the key and what is allowed."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


ExportFormat = Literal[
    "auto", "csv", "openai", "anthropic", "tau-bench", "tau2-bench", "otel-genai", "langsmith", "langfuse"
]

EXPORT_SECRET_PREFIX = "AGENTMEND_EXPORT_"
EXPORT_SECRETS_ENV = "AGENTMEND_EXPORT_SECRETS"
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def export_secret_allowlist(value: str | None = None) -> frozenset[str]:
    """The operator's `AGENTMEND_EXPORT_SECRETS`: comma-separated `NAME` or `NAME@host` entries.

    `NAME@host` lets that variable go only to `host`; a bare `NAME` (or the `AGENTMEND_EXPORT_` prefix)
    to any host a repository's config names.
    """
    raw = os.environ.get(EXPORT_SECRETS_ENV, "") if value is None else value
    return frozenset(part.strip() for part in raw.split(",") if part.strip())


def _secret_allowed(name: str, host: str | None, allowlist: frozenset[str]) -> bool:
    if name == EXPORT_SECRETS_ENV:
        return False
    if name.startswith(EXPORT_SECRET_PREFIX) or name in allowlist:
        return True
    bound = {(n, h.lower()) for n, _, h in (e.partition("@") for e in allowlist) if h}
    return host is not None and (name, host.lower()) in bound


def _require_repo_relative(path: str, what: str) -> None:
    """Globs and targets name files of the repository: never absolute, never up and out of it."""
    parts = path.replace("\\", "/").split("/")
    if path.startswith(("/", "~")) or re.match(r"[A-Za-z]:", path) or ".." in parts or "\\" in path:
        raise ValueError(
            f"{what} must be relative to the repo root, with '/' and without '..' (got {path!r})"
        )


class ExportSource(_Strict):
    """Where conversations come from: a glob inside the repo, or an HTTPS URL."""

    path: str | None = None
    url: str | None = None
    auth_secret: str | None = Field(None, description="Name of the env var / secret holding a bearer token.")
    format: ExportFormat = "auto"

    @field_validator("path")
    @classmethod
    def _in_repo(cls, v: str | None) -> str | None:
        if v is not None:
            _require_repo_relative(v, "export glob")
        return v

    @field_validator("auth_secret")
    @classmethod
    def _operator_allowed(cls, v: str | None, info: ValidationInfo) -> str | None:
        """A repository may only name a variable its operator set aside for exports.

        Otherwise `auth_secret: ANTHROPIC_API_KEY` sends that key as a bearer token to a host the
        repository chose. Checked at load, before any network.
        """
        if v is None:
            return v
        if not _ENV_NAME.match(v):
            raise ValueError(f"not an environment variable name (got {v!r})")
        context = info.context if isinstance(info.context, dict) else {}
        allowlist = context.get("export_secrets")
        if not isinstance(allowlist, frozenset):
            allowlist = export_secret_allowlist()
        url = info.data.get("url")
        host = urlsplit(url).hostname if isinstance(url, str) else None
        if not _secret_allowed(v, host, allowlist):
            raise ValueError(
                f"{v} may not be sent to a linked export: name a variable starting with "
                f"{EXPORT_SECRET_PREFIX}, or one the operator lists in {EXPORT_SECRETS_ENV} "
                f"(NAME or NAME@{host or 'host'})"
            )
        return v

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
        _require_repo_relative(v, "target path")
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


class OutcomeLabel(_Strict):
    """A label the export already carries (a reward, CSAT, a `resolved` flag) and when it means failure."""

    field: str = Field(description="Dotted path in the conversation, e.g. metadata.reward or feedback.csat.")
    failed_when: str = Field(description='A comparison: "< 1", "<= 2", "== false", "!= \'ok\'".')

    @field_validator("field")
    @classmethod
    def _path(cls, v: str) -> str:
        head = v.split(".", 1)[0]
        if head not in ("metadata", "feedback") or "." not in v or any(not p for p in v.split(".")):
            raise ValueError(f"field must be metadata.<key>[.<key>…] or feedback.<kind> (got {v!r})")
        return v

    @field_validator("failed_when")
    @classmethod
    def _comparison(cls, v: str) -> str:
        parse_comparison(v)  # raises ValueError naming what is wrong
        return v


ActionCheck = Literal[
    "unconfirmed_write", "ungrounded_argument", "claimed_not_done", "unrecovered_tool_error", "repeated_call",
    "said_cannot",
]


class ActionsConfig(_Strict):
    """Checks on the agent's tool calls: which tools change state, and what counts as the user's yes."""

    write_verbs: list[str] = Field(
        default_factory=lambda: [
            "book", "cancel", "update", "modify", "change", "refund", "send", "delete", "remove", "create",
            "add", "issue", "transfer", "charge", "pay", "submit", "reset", "close", "apply", "upgrade",
            "downgrade", "exchange", "return", "place", "order", "set", "write", "post", "grant", "revoke",
            "invite", "assign", "enable", "disable", "schedule", "reserve", "purchase", "buy", "register",
            "subscribe", "unsubscribe", "activate", "deactivate", "rename", "move", "archive", "restore",
            "approve", "reject", "void", "withdraw", "deposit", "edit", "insert", "save", "open", "lodge",
            "raise",
        ],
        description="A tool whose name has one of these words (split on _ - . and camelCase) changes state.",
    )
    write_tools: list[str] = Field(default_factory=list, description="Tools that change state, by name.")
    read_tools: list[str] = Field(default_factory=list, description="Tools that never change state.")
    no_confirmation_tools: list[str] = Field(
        default_factory=lambda: ["transfer_to_human_agents", "transfer_to_human", "escalate", "handoff"],
        description="State-changing tools that need no confirmation (a handoff the user asked for).",
    )
    extra_confirmation_phrases: list[str] = Field(default_factory=list)
    ground_read_calls: bool = Field(False, description="Also check the arguments of reading calls.")
    require_confirmation: Literal["auto", "always", "never"] = Field(
        "auto",
        description="'always': every write needs a yes to the stated action; 'never': the user's own request "
        "for the action is enough; 'auto': 'always' when the system_prompt target asks for confirmation.",
    )


class JudgeConfig(_Strict):
    """The LLM judge: how many conversations it may read per run, and how they are chosen."""

    max_conversations: int = Field(200, ge=0)
    sample: Literal["stratified", "first"] = "stratified"
    batch_from: int = Field(
        20, ge=1, description="Send this many or more conversations through the Message Batches API."
    )


class DetectionConfig(_Strict):
    """The learned detector: used only where labels are plentiful and it beats the rules in CV."""

    learned: bool = True
    min_labels_per_class: int = Field(30, ge=5)
    cv_folds: int = Field(5, ge=2, le=20)
    seed: int = 42


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
        0.5,
        ge=0.0,
        le=1.0,
        description="Join failure-cause pieces of two intents (same mechanism) whose requests are this alike "
        "on average (mean pairwise cosine); topical replies alike join them too, stock replies never do.",
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
    min_cluster_share: float = Field(
        0.005,
        ge=0.0,
        le=0.5,
        description="Intents: the smallest intent is this share of all conversations (min_cluster_size is "
        "the floor), so the intent count does not grow with traffic.",
    )
    intent_merge_similarity: float = Field(
        0.85, ge=0.0, le=1.0, description="Merge intents whose request centroids are this cosine-similar."
    )
    intent_noise_floor: float = Field(
        0.5,
        ge=0.0,
        le=1.0,
        description="A request HDBSCAN left as noise joins its most similar intent when at least this close.",
    )
    cause_min_size: int = Field(3, ge=1, description="Smallest failure cause reported.")
    cause_min_share: float = Field(
        0.01, ge=0.0, le=0.5, description="…or this share of the failed conversations, when larger."
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
    on_no_effect: Literal["comment", "revert_pr"] = Field(
        "comment",
        description="When the target did not go down by the end of the window: say so, or open a revert.",
    )
    replay_conversations: int = Field(
        20,
        ge=0,
        le=200,
        description="Before a PR opens (LLM path): failed conversations of the cause, and as many healthy "
        "ones from other intents, replayed with the proposed targets and judged; 0 turns the replay off.",
    )
    replay_max_worse: int = Field(
        0, ge=0, description="Healthy replayed conversations a proposal may make worse and still be opened."
    )
    guard_effect: float = Field(
        0.25,
        gt=0.0,
        le=5.0,
        description="Relative rise of a guard metric the sequential test is tuned to catch fastest "
        "(the scale of its mixing distribution); smaller or larger rises are still caught, later.",
    )
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
    outcomes: list[OutcomeLabel] = Field(default_factory=list)
    actions: ActionsConfig = Field(default_factory=ActionsConfig)
    judge: JudgeConfig = Field(default_factory=JudgeConfig)
    detection: DetectionConfig = Field(default_factory=DetectionConfig)
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


def parse_config(
    text: str, source: str = CONFIG_PATH, *, export_secrets: Collection[str] | None = None
) -> RepoConfig:
    """Parse config text; raise ConfigError naming `source`, the key and what is allowed.

    `export_secrets` is the operator's allow-list of variables an `auth_secret` may name (default: the
    `AGENTMEND_EXPORT_SECRETS` environment variable).
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        raise ConfigError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a mapping with at least 'version: 1' and 'exports'")
    try:
        allowlist = export_secret_allowlist() if export_secrets is None else frozenset(export_secrets)
        return RepoConfig.model_validate(data, context={"export_secrets": allowlist})
    except ValidationError as exc:
        lines = [f"{source}: {_describe(e)}" for e in exc.errors()]  # type: ignore[arg-type]
        raise ConfigError("\n".join(lines)) from exc


def load_config(repo_root: Path) -> RepoConfig:
    """Load `.github/agentmend.yml` from a working copy."""
    path = repo_root / CONFIG_PATH
    if not path.is_file():
        raise ConfigError(f"{path}: not found; agentmend needs a config there (see examples/support-agent)")
    return parse_config(path.read_text(encoding="utf-8"), source=str(path))
