"""The App's handlers over `FakeForge`s: an event goes to the router the worker uses, with the real state
database, encoder and offline model, and no server, queue or HTTP in between."""

from __future__ import annotations

import copy
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fake_forge import BOT, FakeForge, FakeRepo
from sqlalchemy import Engine

from agentmend.app.compose import default_router
from agentmend.app.context import AppContext
from agentmend.app.proposals import load_repo_config
from agentmend.app.webhooks import Event
from agentmend.forges.base import PullRequestForge
from agentmend.repo_config import RepoConfig
from agentmend.settings import Settings
from agentmend.store.db import open_engine


@dataclass
class Handlers:
    ctx: AppContext
    repos: dict[str, FakeRepo]

    @property
    def engine(self) -> Engine:
        return self.ctx.engine

    def add_repo(self, full_name: str, files: dict[str, bytes]) -> FakeRepo:
        repo = self.repos[full_name] = FakeRepo.create(full_name, files)
        return repo

    def deliver(self, event: str, payload: dict[str, Any]) -> int:
        """Run the handlers for one delivery as the worker would; returns how many ran."""
        return default_router().dispatch(Event(event, str(uuid.uuid4()), payload), self.ctx)

    def forge(self, full_name: str) -> PullRequestForge:
        """The forge a job on `full_name` gets (the App's login and recorded heads set)."""
        return self.ctx.forge(self.repos[full_name].installation_id, full_name)

    def config(self, full_name: str) -> RepoConfig | None:
        return load_repo_config(self.forge(full_name))


def handlers_over(data_dir: Path, embedder_factory: Callable[[], Any]) -> Handlers:
    from agentmend.models.offline import OfflineModel

    settings = Settings(data_dir=data_dir, bot_login=BOT, app_id="123456")
    repos: dict[str, FakeRepo] = {}

    def forge(installation_id: int, full_name: str) -> PullRequestForge:
        assert repos[full_name].installation_id == installation_id, "a forge for another installation"
        return FakeForge(repos[full_name])

    ctx = AppContext(
        settings=settings,
        engine=open_engine(settings.resolved_database_url()),
        forge_factory=forge,
        embedder_factory=embedder_factory,
        model_factory=lambda config: OfflineModel(),
    )
    return Handlers(ctx, repos)


@dataclass(frozen=True)
class Snapshot:
    """The repos and the app's database at one moment (taken once per session, restored per test)."""

    repos: dict[str, FakeRepo]
    database: sqlite3.Connection


def snapshot(handlers: Handlers) -> Snapshot:
    database = sqlite3.connect(":memory:", check_same_thread=False)
    with handlers.engine.connect() as conn:
        conn.connection.dbapi_connection.backup(database)  # type: ignore[union-attr]
    return Snapshot(copy.deepcopy(handlers.repos), database)


def restore(handlers: Handlers, snap: Snapshot) -> None:
    """Put the repos and the database back; each repo's `writes` then holds only what the test caused."""
    handlers.repos.clear()
    handlers.repos.update(copy.deepcopy(snap.repos))
    for repo in handlers.repos.values():
        repo.writes.clear()
    handlers.engine.dispose()
    with handlers.engine.connect() as conn:
        snap.database.backup(conn.connection.dbapi_connection)  # type: ignore[arg-type]
    handlers.engine.dispose()
