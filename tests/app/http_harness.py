"""The real App over the HTTP-level fake GitHub: the FastAPI server and the job queue, wired to `FakeGitHub`,
deliveries signed like GitHub's. For the server's, the queue's and GitHubForge's own tests; handler tests use
the recording fake forge (`handler_harness`)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from fake_github import FakeGitHub
from fastapi.testclient import TestClient
from huey import Huey, MemoryHuey
from huey.signals import SIGNAL_ERROR
from sqlalchemy import Engine

from agentmend.app.compose import default_router
from agentmend.app.context import AppContext, github_forges
from agentmend.app.jobs import JobQueue
from agentmend.app.proposals import evaluate_all_watches
from agentmend.app.server import create_app, get_engine, get_queue, get_settings
from agentmend.app.webhooks import signature as sign
from agentmend.settings import Settings
from agentmend.store.db import open_engine

APP_ID = "123456"


SECRET = "whsec-test-3f9a"


@dataclass
class AppHarness:
    """The real FastAPI app and job queue, wired to the fake GitHub; deliveries are signed like GitHub's."""

    client: TestClient
    queue: JobQueue
    fake: FakeGitHub
    engine: Engine
    settings: Settings
    errors: list[BaseException] = field(default_factory=list)

    def deliver(
        self,
        event: str,
        payload: dict[str, Any],
        *,
        delivery: str | None = None,
        signature: str | None = "sign",
    ) -> httpx.Response:
        body = json.dumps(payload).encode()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "GitHub-Hookshot/5a6b7c8",
            "X-GitHub-Event": event,
            "X-GitHub-Delivery": delivery or str(uuid.uuid4()),
            "X-GitHub-Hook-ID": "292430182",
        }
        if signature == "sign":
            headers["X-Hub-Signature-256"] = sign(SECRET.encode(), body)
        elif signature is not None:
            headers["X-Hub-Signature-256"] = signature
        return self.client.post("/webhooks", content=body, headers=headers)

    @property
    def pending(self) -> int:
        return self.queue.huey.pending_count()

    def run_jobs(self) -> int:
        """Run the queued jobs as the worker would; a job that failed fails the test."""
        ran = self.queue.drain()
        if self.errors:
            raise self.errors[0]
        return ran


@contextmanager
def running_app(
    fake: FakeGitHub,
    private_key: str,
    sleeps: list[float],
    data_dir: Path,
    embedder_factory: Callable[[], Any],
    name: str,
    huey: Huey | None = None,
) -> Iterator[AppHarness]:
    """The real app and queue (MemoryHuey unless `huey` is given) over a fresh state database in
    `data_dir`, talking to `fake`."""
    from agentmend.models.offline import OfflineModel

    settings = Settings(
        app_id=APP_ID,
        private_key=private_key,
        webhook_secret=SECRET,
        data_dir=data_dir,
        bot_login=fake.bot_login,
    )
    engine = open_engine(settings.resolved_database_url())
    context = AppContext(
        settings=settings,
        engine=engine,
        forge_factory=github_forges(settings, sleep=sleeps.append),
        embedder_factory=embedder_factory,
        model_factory=lambda config: OfflineModel(),
    )
    queue = JobQueue(
        huey or MemoryHuey(f"agentmend-{name}"), lambda: context, default_router(), tick=evaluate_all_watches
    )
    errors: list[BaseException] = []

    @queue.huey.signal(SIGNAL_ERROR)
    def _failed(signal: str, task: Any, exc: BaseException | None = None) -> None:
        if exc is not None:
            errors.append(exc)

    app = create_app()
    app.dependency_overrides[get_settings] = lambda: settings
    app.dependency_overrides[get_engine] = lambda: engine
    app.dependency_overrides[get_queue] = lambda: queue
    try:
        with TestClient(app) as client:
            yield AppHarness(client, queue, fake, engine, settings, errors)
    finally:
        engine.dispose()
