"""What the App's handlers are given: settings, the state database, and factories for forges, the encoder
and the model. Built once per worker process by `compose.py`; tests build one over fakes."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from agentmend.analysis.embed import CachedEmbedder, Embedder
from agentmend.app.identity import AppIdentity, resolve_identity
from agentmend.forges.base import PullRequestForge
from agentmend.forges.github import GitHubForge, app_client
from agentmend.models.base import Model
from agentmend.repo_config import RepoConfig
from agentmend.settings import Settings
from agentmend.store import changes
from agentmend.store.analysis_memory import SqlVectors

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    settings: Settings
    engine: Engine
    forge_factory: Callable[[int, str], PullRequestForge]
    embedder_factory: Callable[[], Embedder]
    model_factory: Callable[[RepoConfig], Model]
    identity_factory: Callable[[], AppIdentity] | None = None
    _embedder: CachedEmbedder | None = field(default=None, init=False, repr=False)
    _identity: AppIdentity | None = field(default=None, init=False, repr=False)

    @property
    def identity(self) -> AppIdentity:
        """The app's bot account, resolved on first use (settings, else `GET /app`)."""
        if self._identity is None:
            factory = self.identity_factory or (lambda: resolve_identity(self.settings))
            self._identity = factory()
        return self._identity

    def forge(self, installation_id: int, full_name: str) -> PullRequestForge:
        """A forge that sees only the PRs the app opened in this repo, and knows the heads it pushed."""
        forge = self.forge_factory(installation_id, full_name)
        forge.app_login = self.identity.login
        engine, repo = self.engine, forge.repo_key

        def pushed_head(branch: str) -> str | None:
            change = changes.find(engine, repo, branch=branch)
            return None if change is None else change.head_sha

        forge.pushed_head = pushed_head
        return forge

    @property
    def embedder(self) -> CachedEmbedder:
        """The sentence embedder behind the embedding cache, loaded on first use (~7 s)."""
        if self._embedder is None:
            self._embedder = CachedEmbedder(self.embedder_factory(), SqlVectors(self.engine))
        return self._embedder

    def model(self, config: RepoConfig) -> Model:
        return self.model_factory(config)


def default_model(settings: Settings) -> Callable[[RepoConfig], Model]:
    """The repo's configured model; the offline one when no Anthropic key is set (each PR says which)."""
    from agentmend.models.factory import KEY_ENV, choose_model

    env = {KEY_ENV: settings.anthropic_api_key.get_secret_value()} if settings.anthropic_api_key else {}

    def make(config: RepoConfig) -> Model:
        choice = choose_model(config, env=env)
        if choice.note:
            log.warning("%s", choice.note)
        return choice.model

    return make


def github_forges(
    settings: Settings, sleep: Callable[[float], None] = time.sleep
) -> Callable[[int, str], GitHubForge]:
    """Forges over one githubkit client per installation, so its token is reused until it expires."""
    clients: dict[int, Any] = {}

    def make(installation_id: int, full_name: str) -> GitHubForge:
        if installation_id not in clients:
            app_id, pem = settings.require_app()
            clients[installation_id] = app_client(app_id, pem, installation_id, settings.github_api_url)
        owner, repo = full_name.split("/", 1)
        return GitHubForge(clients[installation_id], owner, repo, installation_id, sleep=sleep)

    return make


def default_context(settings: Settings) -> AppContext:
    from agentmend.analysis.embed import default_embedder
    from agentmend.store.db import open_engine

    return AppContext(
        settings=settings,
        engine=open_engine(settings.resolved_database_url()),
        forge_factory=github_forges(settings),
        embedder_factory=default_embedder,
        model_factory=default_model(settings),
    )
