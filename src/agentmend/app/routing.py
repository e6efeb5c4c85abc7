"""A small event router à la gidgethub/bedevere: feature modules register handlers, the worker dispatches."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

from agentmend.app.webhooks import Event

Handler = Callable[[Event, Any], None]
H = TypeVar("H", bound=Handler)


class Router:
    """Handlers keyed by event name and optional action; several routers can be composed into one."""

    def __init__(self, *others: Router) -> None:
        self._handlers: dict[tuple[str, str | None], list[Handler]] = defaultdict(list)
        for other in others:
            for key, handlers in other._handlers.items():
                self._handlers[key].extend(handlers)

    def register(self, event: str, action: str | None = None) -> Callable[[H], H]:
        def deco(fn: H) -> H:
            self._handlers[(event, action)].append(fn)
            return fn

        return deco

    def handlers(self, event: Event) -> list[Handler]:
        """Handlers for this event: those registered for any action first, then for its action."""
        found = list(self._handlers.get((event.name, None), []))
        if event.action is not None:
            found += self._handlers.get((event.name, event.action), [])
        return found

    def dispatch(self, event: Event, ctx: Any) -> int:
        """Run every matching handler with the worker context; returns how many ran."""
        handlers = self.handlers(event)
        for handler in handlers:
            handler(event, ctx)
        return len(handlers)
