"""The App put together, in one place: which handlers route which events, and the queue that runs them."""

from __future__ import annotations

from agentmend.app import automerging, commands, proposals
from agentmend.app.context import default_context
from agentmend.app.jobs import JobQueue, make_huey
from agentmend.app.routing import Router
from agentmend.settings import Settings


def default_router() -> Router:
    return Router(proposals.router, commands.router, automerging.router)


def build_queue(settings: Settings) -> JobQueue:
    return JobQueue(
        make_huey(settings),
        lambda: default_context(settings),
        default_router(),
        tick=proposals.evaluate_all_watches,
    )
