"""Background jobs on huey: one task runs a webhook delivery through the router, one ticks the metric watches
(what routes where is decided in `compose.py`).

The webhook endpoint only enqueues; every GitHub call happens here. Tasks retry with exponential backoff,
and handlers are idempotent (same head sha, same proposal evidence: nothing new is written).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey, crontab
from huey.exceptions import RetryTask

from agentmend.app import leases
from agentmend.app.context import AppContext
from agentmend.app.routing import Router
from agentmend.app.webhooks import Event
from agentmend.forges.github import RateLimited
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


class JobQueue:
    """The huey tasks of the app, bound to one huey instance and one (lazily built) context."""

    def __init__(
        self,
        huey: Huey,
        context: Callable[[], AppContext],
        router: Router,
        tick: Callable[[AppContext], int],
    ) -> None:
        """`router` runs each delivery; `tick` is the hourly job (the metric watches)."""
        self.huey = huey
        self._context_factory = context
        self._context: AppContext | None = None
        self.router = router
        self._tick = tick
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
        return self._tick(self.context)

    def drain(self) -> int:
        """Run every queued task now, in this thread (tests and one-off runs); returns how many ran."""
        ran = 0
        while (task := self.huey.dequeue()) is not None:
            self.huey.execute(task)
            ran += 1
        return ran
