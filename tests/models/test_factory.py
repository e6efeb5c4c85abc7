"""Which model runs: the flag wins, the config is a wish, and a missing key is never silent."""

from __future__ import annotations

import pytest

from agentmend.models.base import ModelError
from agentmend.models.factory import choose_model
from agentmend.repo_config import parse_config

ANTHROPIC = parse_config(
    "version: 1\nexports: [{path: 'x/*.jsonl'}]\nmodel: {provider: anthropic, name: claude-opus-4-1}\n"
)


def test_the_config_provider_runs_with_its_model_name_when_a_key_is_set() -> None:
    choice = choose_model(ANTHROPIC, env={"ANTHROPIC_API_KEY": "sk-ant-x"})
    assert choice.model.path == "anthropic:claude-opus-4-1" and choice.note is None


def test_the_config_provider_without_a_key_falls_back_to_offline_and_says_so() -> None:
    choice = choose_model(ANTHROPIC, env={})
    assert choice.model.path == "offline"
    assert choice.note and "ANTHROPIC_API_KEY is not set" in choice.note


def test_asking_for_anthropic_without_a_key_is_an_error() -> None:
    with pytest.raises(ModelError, match="ANTHROPIC_API_KEY is not set"):
        choose_model(ANTHROPIC, override="anthropic", env={})


def test_the_flag_overrides_the_config() -> None:
    assert choose_model(ANTHROPIC, override="offline", env={"ANTHROPIC_API_KEY": "k"}).model.path == "offline"
