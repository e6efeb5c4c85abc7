"""Pick the Model for a run: the `--model` flag, else the repo config, with the key from the environment."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from agentmend.models.base import Model, ModelError
from agentmend.models.judge import Judge
from agentmend.models.offline import OfflineModel
from agentmend.repo_config import RepoConfig

KEY_ENV = "ANTHROPIC_API_KEY"


@dataclass(frozen=True)
class ModelChoice:
    model: Model
    note: str | None = None  # said to the user when the config's wish could not be honoured


def choose_model(
    config: RepoConfig, override: str | None = None, env: Mapping[str, str] | None = None
) -> ModelChoice:
    """`--model` is a demand (a missing key is an error); the config's provider falls back to offline."""
    env = os.environ if env is None else env
    provider = override or config.model.provider
    if provider == "offline":
        return ModelChoice(OfflineModel())
    if provider != "anthropic":
        raise ModelError(f"unknown model {provider!r}; choose 'offline' or 'anthropic'")
    key = env.get(KEY_ENV, "").strip()
    if not key and override is None:
        return ModelChoice(
            OfflineModel(),
            f"model.provider is 'anthropic' but {KEY_ENV} is not set: using the offline model (no LLM)",
        )
    from agentmend.models.anthropic import AnthropicModel

    return ModelChoice(AnthropicModel(key or None, config.model.name, config.model.max_tokens))


def judge_for(model: Model | None) -> Judge | None:
    """The LLM judge that goes with a model: Claude when the model is Claude, none offline.

    A Claude model exists only once its module is imported, so an offline run checks without importing
    it (the SDK import costs about 2 s, a tenth of a warm re-run)."""
    claude = sys.modules.get("agentmend.models.anthropic")
    if claude is None or not isinstance(model, claude.AnthropicModel):
        return None
    from agentmend.models.anthropic_judge import AnthropicJudge

    return AnthropicJudge(model.client, model.model_name)
