"""Who the app is on GitHub: its bot login, resolved once per worker process.

Everything that decides whether a PR or a comment is agentmend's compares its author with this login
(and GitHub's `type: Bot`), never with a branch name or a marker in a body, which anyone can copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from agentmend.settings import Settings


@dataclass(frozen=True)
class AppIdentity:
    login: str  # "<app-slug>[bot]"

    def is_app(self, user: Mapping[str, Any] | None) -> bool:
        """The account is the app's bot: a `[bot]` login that no person can register, and type Bot."""
        if not isinstance(user, Mapping):
            return False
        return user.get("type") == "Bot" and str(user.get("login") or "").lower() == self.login.lower()


def resolve_identity(settings: Settings) -> AppIdentity:
    """`AGENTMEND_BOT_LOGIN` when set, else `GET /app` as the app (its slug + `[bot]`)."""
    if settings.bot_login:
        return AppIdentity(settings.bot_login)
    from agentmend.forges.github import app_slug

    app_id, pem = settings.require_app()
    return AppIdentity(f"{app_slug(app_id, pem, settings.github_api_url)}[bot]")
