"""Settings and the serve/worker commands fail early with the name of what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from agentmend.cli import app as cli
from agentmend.settings import Settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET", "DATABASE_URL", "REDIS_URL"):
        monkeypatch.delenv(f"AGENTMEND_{name}", raising=False)
    monkeypatch.setenv("AGENTMEND_DATA_DIR", str(tmp_path / "data"))


def test_the_private_key_comes_from_the_variable_or_the_file(tmp_path: Path) -> None:
    pem = "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n"
    assert Settings(app_id="1", private_key=pem.replace("\n", "\\n")).require_app() == ("1", pem)
    path = tmp_path / "app.pem"
    path.write_text(pem)
    assert Settings(app_id="1", private_key_path=path).pem() == pem
    with pytest.raises(ValueError, match="AGENTMEND_PRIVATE_KEY_PATH=.*missing.pem"):
        Settings(private_key_path=tmp_path / "missing.pem").pem()
    with pytest.raises(ValueError, match="only one of"):
        Settings(private_key=pem, private_key_path=path)


def test_the_state_database_defaults_to_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    settings = Settings()
    assert settings.resolved_database_url() == f"sqlite:///{(tmp_path / 'data' / 'state.db').resolve()}"
    assert (
        Settings(database_url="postgresql+psycopg://db/agentmend")
        .resolved_database_url()
        .startswith("postgres")
    )


@pytest.mark.parametrize("command", ["serve", "worker"])
def test_serve_and_worker_refuse_to_start_without_the_webhook_secret_or_app_id(
    command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = CliRunner().invoke(cli, [command])
    assert result.exit_code == 2 and "AGENTMEND_WEBHOOK_SECRET" in result.output
    monkeypatch.setenv("AGENTMEND_WEBHOOK_SECRET", "s")
    result = CliRunner().invoke(cli, [command])
    assert result.exit_code == 2 and "AGENTMEND_APP_ID" in result.output
