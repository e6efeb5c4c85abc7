"""Pick the Model for a run: the `--model` flag, else the repo config, with the key from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from agentmend.models.base import Model, ModelError
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
