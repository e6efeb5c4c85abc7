"""`agentmend serve` (webhook server, optionally with the worker in-process) and `agentmend worker`."""

from __future__ import annotations

import logging
import signal
from typing import Annotated

import typer

from agentmend.settings import Settings


def _settings_or_exit() -> Settings:
    try:
        settings = Settings()
        settings.secret()
        settings.require_app()
    except ValueError as exc:
        typer.secho(f"agentmend: {exc}", err=True, fg=typer.colors.RED)
        raise typer.Exit(2) from exc
    return settings


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    with_worker: Annotated[
        bool, typer.Option("--with-worker", help="Also run the job worker in this process (small installs).")
    ] = False,
    workers: Annotated[int, typer.Option(help="Worker threads when --with-worker is given.")] = 1,
) -> None:
    """Run the GitHub App's webhook server (POST /webhooks, GET /healthz)."""
    import uvicorn

    from agentmend.app.server import app, get_queue, get_settings

    settings = _settings_or_exit()
    app.dependency_overrides[get_settings] = lambda: settings
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    consumer = None
    if with_worker:
        queue = get_queue(settings)
        consumer = queue.huey.create_consumer(workers=workers, worker_type="thread", periodic=True)
        consumer.start()  # worker + scheduler threads; it also sets signal handlers only `run()` would honour
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # uvicorn installs its own handlers over these
    try:
        uvicorn.run(app, host=host, port=port, proxy_headers=True)
    finally:
        if consumer is not None:
            consumer.stop(graceful=True)


def worker(
    workers: Annotated[int, typer.Option(help="Worker threads.")] = 2,
) -> None:
    """Run the job worker: analyses, proposals, comment commands, metric watches."""
    from agentmend.app.compose import build_queue

    settings = _settings_or_exit()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    queue = build_queue(settings)
    queue.huey.create_consumer(workers=workers, worker_type="thread", periodic=True).run()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("worker")(worker)
