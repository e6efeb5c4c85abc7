"""The webhook server: verify, deduplicate, enqueue, answer. No GitHub call happens inside a request."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy import Engine

from agentmend.app.compose import build_queue
from agentmend.app.jobs import JobQueue
from agentmend.app.webhooks import MAX_BODY_BYTES, WebhookError, parse_event
from agentmend.settings import Settings
from agentmend.store import deliveries


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


@lru_cache(maxsize=4)
def _engine(url: str) -> Engine:
    from agentmend.store.db import open_engine

    return open_engine(url)


def get_engine(settings: Annotated[Settings, Depends(get_settings)]) -> Engine:
    return _engine(settings.resolved_database_url())


@lru_cache(maxsize=1)
def _queue(settings: Settings) -> JobQueue:
    return build_queue(settings)


def get_queue(settings: Annotated[Settings, Depends(get_settings)]) -> JobQueue:
    return _queue(settings)


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The request body, refused (413) past `limit` before it is held whole: by its declared
    Content-Length first, then by counting the chunks as they stream in (chunked or lying senders)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise WebhookError(400, f"Content-Length {declared[:20]!r} is not a number")
        if int(declared) > limit:
            raise WebhookError(413, f"body of {int(declared)} bytes is over the {limit}-byte limit")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise WebhookError(413, f"body is over the {limit}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def create_app() -> FastAPI:
    app = FastAPI(title="agentmend", summary="GitHub App webhook receiver", docs_url=None, redoc_url=None)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/webhooks")
    async def webhooks(
        request: Request,
        settings: Annotated[Settings, Depends(get_settings)],
        engine: Annotated[Engine, Depends(get_engine)],
        queue: Annotated[JobQueue, Depends(get_queue)],
    ) -> JSONResponse:
        try:
            body = await read_body(request)
            event = parse_event(request.headers, body, settings.secret())
        except WebhookError as exc:
            return JSONResponse({"error": str(exc)}, status_code=exc.status)
        except ValueError as exc:  # the server is missing its secret: say so, do not accept anything
            return JSONResponse({"error": str(exc)}, status_code=500)
        if event.name == "ping":
            return JSONResponse({"status": "pong", "zen": event.payload.get("zen")}, status_code=200)
        if not await run_in_threadpool(deliveries.record_delivery, engine, event.delivery_id, event.name):
            return JSONResponse({"status": "duplicate", "delivery": event.delivery_id}, status_code=200)
        if not queue.wants(event):
            return JSONResponse({"status": "ignored", "event": event.name, "action": event.action}, 202)
        try:
            await run_in_threadpool(queue.enqueue, event)
        except Exception as exc:  # the queue is down: let GitHub's redelivery through later
            await run_in_threadpool(deliveries.forget_delivery, engine, event.delivery_id)
            return JSONResponse({"error": f"could not queue the job: {exc}"}, status_code=503)
        reply: dict[str, Any] = {"status": "queued", "delivery": event.delivery_id, "event": event.name}
        return JSONResponse(reply, status_code=202)

    return app


app = create_app()
