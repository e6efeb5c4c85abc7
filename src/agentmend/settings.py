"""Process settings of the GitHub App, read from the environment (`AGENTMEND_*`, `ANTHROPIC_API_KEY`)."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the server and the worker need; a missing secret is reported by name when it is used."""

    model_config = SettingsConfigDict(env_prefix="AGENTMEND_", extra="ignore", frozen=True)

    app_id: str | None = None
    private_key: SecretStr | None = None
    private_key_path: Path | None = None
    webhook_secret: SecretStr | None = None
    data_dir: Path = Path(".agentmend-app")
    database_url: str | None = None
    redis_url: str | None = None
    bot_login: str | None = Field(default=None, description="The app's bot login, e.g. 'agentmend[bot]'.")
    anthropic_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("ANTHROPIC_API_KEY", "AGENTMEND_ANTHROPIC_API_KEY")
    )
    github_api_url: str = "https://api.github.com"
    export_secrets: str = Field(
        default="",
        description="Comma-separated NAME or NAME@host: variables a repo's `auth_secret` may name, beyond "
        "the AGENTMEND_EXPORT_ prefix (read by repo_config at config load).",
    )

    @model_validator(mode="after")
    def _one_key(self) -> Settings:
        if self.private_key is not None and self.private_key_path is not None:
            raise ValueError("set only one of AGENTMEND_PRIVATE_KEY and AGENTMEND_PRIVATE_KEY_PATH")
        return self

    def resolved_database_url(self) -> str:
        """The state database: `AGENTMEND_DATABASE_URL`, else SQLite under the data dir."""
        if self.database_url:
            return self.database_url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{(self.data_dir / 'state.db').resolve()}"

    def export_secret_allowlist(self) -> frozenset[str]:
        from agentmend.repo_config import export_secret_allowlist

        return export_secret_allowlist(self.export_secrets)

    def pem(self) -> str:
        """The app's private key as PEM text, from the variable or the file."""
        if self.private_key is not None:
            return self.private_key.get_secret_value().replace("\\n", "\n")
        if self.private_key_path is not None:
            try:
                return self.private_key_path.read_text(encoding="utf-8")
            except OSError as exc:
                raise ValueError(
                    f"AGENTMEND_PRIVATE_KEY_PATH={self.private_key_path}: cannot read: {exc}"
                ) from exc
        raise ValueError("set AGENTMEND_PRIVATE_KEY (PEM text) or AGENTMEND_PRIVATE_KEY_PATH (a .pem file)")

    def require_app(self) -> tuple[str, str]:
        """App id and PEM, or a clear error naming the missing variable."""
        if not self.app_id:
            raise ValueError("set AGENTMEND_APP_ID (the numeric id on the GitHub App's settings page)")
        return self.app_id, self.pem()

    def secret(self) -> bytes:
        if self.webhook_secret is None or not self.webhook_secret.get_secret_value():
            raise ValueError("set AGENTMEND_WEBHOOK_SECRET (the secret entered when registering the app)")
        return self.webhook_secret.get_secret_value().encode()
