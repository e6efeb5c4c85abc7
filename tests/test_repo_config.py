"""The repo config: typed, and every mistake named by key with what is allowed."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentmend.repo_config import ConfigError, load_config, parse_config

MINIMAL = """
version: 1
exports:
  - path: "exports/**/*.jsonl"
targets:
  - {path: prompts/system.md, kind: system_prompt}
"""


def test_minimal_config_gets_defaults_for_every_tuning_section() -> None:
    cfg = parse_config(MINIMAL)
    assert cfg.exports[0].path == "exports/**/*.jsonl"
    assert cfg.targets[0].kind == "system_prompt"
    assert cfg.proposals.max_open_prs == 3
    assert cfg.privacy.redact is True
    assert cfg.automerge.enabled is False
    assert cfg.model.provider == "offline"


def test_design_sketch_config_parses() -> None:
    cfg = parse_config(
        """
version: 1
exports:
  - path: "exports/**/*.jsonl"
  - url: "https://example.com/conversations/latest.jsonl.gz"
    auth_secret: AGENTMEND_EXPORT_TOKEN
targets:
  - {path: prompts/system.md, kind: system_prompt}
  - {path: agent/tools.yaml, kind: tool_descriptions}
proposals: {max_open_prs: 3, min_cluster_size: 20, min_lift: 1.5}
watch: {min_conversations: 200, alpha: 0.05, on_regression: revert_pr}
automerge: {enabled: false, change_classes: []}
privacy: {redact: true, min_unique_users: 5}
model: {provider: anthropic, name: claude-sonnet-4-5}
"""
    )
    assert cfg.exports[1].auth_secret == "AGENTMEND_EXPORT_TOKEN"
    assert cfg.model.provider == "anthropic"


def test_unknown_key_is_named_with_its_path() -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(MINIMAL + "proposals: {max_open_pr: 2}\n")
    assert "proposals.max_open_pr: unknown key" in str(err.value)


def test_bad_value_names_key_and_allowed_values() -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(MINIMAL.replace("system_prompt", "prompt"))
    message = str(err.value)
    assert "targets.0.kind" in message
    assert "'system_prompt'" in message and "'tool_descriptions'" in message


def test_export_needs_exactly_one_of_path_or_url() -> None:
    with pytest.raises(ConfigError, match="exactly one of 'path'"):
        parse_config("version: 1\nexports:\n  - {format: csv}\n")
    with pytest.raises(ConfigError, match="https://"):
        parse_config("version: 1\nexports:\n  - url: http://example.com/a.jsonl\n")


def test_high_risk_changes_can_never_be_automerged() -> None:
    with pytest.raises(ConfigError, match="automerge.change_classes.*human"):
        parse_config(MINIMAL + "automerge: {enabled: true, change_classes: [low, high]}\n")


def test_target_paths_stay_inside_the_repo() -> None:
    with pytest.raises(ConfigError, match="targets.0.path"):
        parse_config(MINIMAL.replace("prompts/system.md", "../secrets.md"))


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "agentmend.yml").write_text("version: 1\nexports: [\n  - path: x\n")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert "agentmend.yml:" in str(err.value) and "not valid YAML" in str(err.value)


def test_missing_config_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path)
