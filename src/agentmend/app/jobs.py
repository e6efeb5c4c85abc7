"""Background jobs on huey: one task runs a webhook delivery through the router, one ticks the metric watches.

The webhook endpoint only enqueues; every GitHub call happens here. Tasks retry with exponential backoff,
and handlers are idempotent (same head sha, same proposal evidence: nothing new is written).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey, crontab
from huey.exceptions import RetryTask
from sqlalchemy import Engine

from agentmend.app import leases, state
from agentmend.app.identity import AppIdentity, resolve_identity
from agentmend.app.routing import Router
from agentmend.app.webhooks import Event
from agentmend.forges.github import GitHubForge, RateLimited, app_client
from agentmend.repo_config import RepoConfig
from agentmend.settings import Settings

log = logging.getLogger(__name__)

RETRIES = 4
RETRY_DELAY = 30  # seconds before the first retry, doubled each time (30, 60, 120, 240)
RETRY_BACKOFF = 2
LOCKED_RETRY_DELAY = 20


def make_huey(settings: Settings) -> Huey:
    """RedisHuey when `AGENTMEND_REDIS_URL` is set, else SqliteHuey under the data dir."""
    if settings.redis_url:
        return RedisHuey("agentmend", url=settings.redis_url)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("agentmend", filename=str(settings.data_dir / "queue.db"))


def memory_huey() -> Huey:
    """An in-process queue, for tests and for trying the server without a worker."""
    return MemoryHuey("agentmend-test")


@dataclass
class AppContext:
    """What handlers need, built once per worker process; tests build one over fakes."""

    settings: Settings
    engine: Engine
    forge_factory: Callable[[int, str], GitHubForge]
    embedder_factory: Callable[[], Any]
    model_factory: Callable[[RepoConfig], Any]
    identity_factory: Callable[[], AppIdentity] | None = None
    _embedder: Any = field(default=None, init=False, repr=False)
    _identity: AppIdentity | None = field(default=None, init=False, repr=False)

    @property
    def identity(self) -> AppIdentity:
        """The app's bot account, resolved on first use (settings, else `GET /app`)."""
        if self._identity is None:
            factory = self.identity_factory or (lambda: resolve_identity(self.settings))
            self._identity = factory()
        return self._identity

    def forge(self, installation_id: int, full_name: str) -> GitHubForge:
        """A forge that sees only the PRs the app opened in this repo, and knows the heads it pushed."""
        forge = self.forge_factory(installation_id, full_name)
        forge.app_login = self.identity.login
        engine, repo = self.engine, forge.repo_key

        def pushed_head(branch: str) -> str | None:
            row = state.change_row(engine, repo, branch=branch)
            return None if row is None else row.head_sha

        forge.pushed_head = pushed_head
        return forge

    @property
    def embedder(self) -> Any:
        """The sentence embedder behind the embedding cache, loaded on first use (~7 s)."""
        if self._embedder is None:
            from agentmend.analysis.embed import CachedEmbedder
            from agentmend.store.analysis_memory import SqlVectors

            self._embedder = CachedEmbedder(self.embedder_factory(), SqlVectors(self.engine))
        return self._embedder

    def model(self, config: RepoConfig) -> Any:
        return self.model_factory(config)


def default_model(settings: Settings) -> Callable[[RepoConfig], Any]:
    """The repo's configured model; the offline one when no Anthropic key is set (each PR says which)."""
    from agentmend.models.factory import KEY_ENV, choose_model

    env = {KEY_ENV: settings.anthropic_api_key.get_secret_value()} if settings.anthropic_api_key else {}

    def make(config: RepoConfig) -> Any:
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
    from agentmend.store.db import open_engine

    def embedder() -> Any:
        from agentmend.analysis.embed import default_embedder

        return default_embedder()

    return AppContext(
        settings=settings,
        engine=open_engine(settings.resolved_database_url()),
        forge_factory=github_forges(settings),
        embedder_factory=embedder,
        model_factory=default_model(settings),
    )


class JobQueue:
    """The huey tasks of the app, bound to one huey instance and one (lazily built) context."""

    def __init__(self, huey: Huey, context: Callable[[], AppContext], router: Router | None = None) -> None:
        self.huey = huey
        self._context_factory = context
        self._context: AppContext | None = None
        self.router = router or default_router()
        self.handle_event = huey.task(
            retries=RETRIES,
            retry_delay=RETRY_DELAY,
            retry_backoff=RETRY_BACKOFF,
            name="agentmend.handle_event",
        )(self._handle_event)
        self.evaluate_watches = huey.periodic_task(
            crontab(minute="17"), retries=1, retry_delay=300, name="agentmend.evaluate_watches"
        )(self._evaluate_watches)

    @property
    def context(self) -> AppContext:
        if self._context is None:
            self._context = self._context_factory()
        return self._context

    def wants(self, event: Event) -> bool:
        """Whether any handler would run; deliveries nobody handles are not queued."""
        return bool(self.router.handlers(event))

    def enqueue(self, event: Event) -> None:
        self.handle_event(event.name, event.delivery_id, dict(event.payload))

    def _handle_event(self, name: str, delivery_id: str, payload: dict[str, Any]) -> int:
        event = Event(name=name, delivery_id=delivery_id, payload=payload)
        log.info("delivery %s: %s.%s for %s", delivery_id, name, event.action, event.repo_full_name)
        # one job at a time per repository (or installation), so two pushes never race to open the same PR;
        # the lease is a row in the state database because huey's own locks cannot expire on SqliteHuey
        scope = event.repo_full_name or f"installation-{event.installation_id}"
        try:
            with leases.held(self.context.engine, f"repo:{scope}"):
                return self.router.dispatch(event, self.context)
        except leases.LeaseBusy as exc:
            raise RetryTask(f"{scope} is busy with another job", delay=LOCKED_RETRY_DELAY) from exc
        except RateLimited as exc:  # hand a long wait back to the queue instead of blocking a worker
            raise RetryTask(str(exc), delay=exc.wait) from exc

    def _evaluate_watches(self) -> int:
        from agentmend.app.proposals import evaluate_all_watches

        return evaluate_all_watches(self.context)

    def drain(self) -> int:
        """Run every queued task now, in this thread (tests and one-off runs); returns how many ran."""
        ran = 0
        while (task := self.huey.dequeue()) is not None:
            self.huey.execute(task)
            ran += 1
        return ran


def default_router() -> Router:
    from agentmend.app import automerging, commands, proposals

    return Router(proposals.router, commands.router, automerging.router)


def build_queue(settings: Settings) -> JobQueue:
    return JobQueue(make_huey(settings), lambda: default_context(settings))


__all__ = ["AppContext", "JobQueue", "build_queue", "default_context", "make_huey", "memory_huey"]
