"""The app as operators run it: real processes, the default SQLite state and SqliteHuey queue, and a
fake GitHub on a loopback port. Nothing leaves 127.0.0.1; every process is stopped at the end."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import jwt
import payloads
import pytest
from cryptography.hazmat.primitives import serialization
from fake_github import Call, FakeGitHub
from http_harness import APP_ID, SECRET
from loopback_github import serving

from agentmend.app.compose import build_queue
from agentmend.app.webhooks import Event, signature
from agentmend.settings import Settings

SRC = Path(__file__).resolve().parents[2] / "src"
TOKEN_CALL = r"^/app/installations/\d+/access_tokens$"
DEADLINE = 90.0  # seconds; the worker polls its queue every ~0.1-10 s and imports take a few seconds


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data_dir: Path, api_url: str, private_key: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AGENTMEND_", "ANTHROPIC_"))}
    env.update(
        PYTHONPATH=str(SRC),
        AGENTMEND_APP_ID=APP_ID,
        AGENTMEND_PRIVATE_KEY=private_key,
        AGENTMEND_WEBHOOK_SECRET=SECRET,
        AGENTMEND_DATA_DIR=str(data_dir),
        AGENTMEND_GITHUB_API_URL=api_url,
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        NO_PROXY="127.0.0.1,localhost",
    )
    return env


@contextmanager
def _process(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", "from agentmend.cli import app; app()", *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield proc
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=5)


def _wait_for(what: str, check: Callable[[], Any], proc: subprocess.Popen[bytes], log: Path) -> Any:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        if proc.poll() is not None:
            pytest.fail(f"the process exited ({proc.returncode}) before {what}:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)
    pytest.fail(f"no {what} within {DEADLINE:.0f}s:\n{log.read_text()[-3000:]}")


def _assert_app_jwt(call: Call, headers: dict[str, str], private_key: str) -> None:
    auth = headers.get("authorization", "")
    assert auth.lower().startswith("bearer "), auth[:20]
    public = serialization.load_pem_private_key(private_key.encode(), None).public_key()
    claims = jwt.decode(auth.split(" ", 1)[1], public, algorithms=["RS256"])  # verifies signature and exp
    assert str(claims["iss"]) == APP_ID
    assert claims["iat"] <= time.time() + 60 < claims["exp"] + 60


class RecordingFake(FakeGitHub):
    """The fake GitHub that also keeps each request's headers, to check the app's JWT."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[dict[str, str]] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.headers.append({k.lower(): v for k, v in request.headers.items()})
        return super().handle(request)


def _token_call(fake: RecordingFake) -> tuple[Call, dict[str, str]] | None:
    for call, headers in zip(fake.calls, fake.headers, strict=False):
        if call.method == "POST" and re.search(TOKEN_CALL, call.path):
            return call, headers
    return None


def test_serve_with_worker_on_its_defaults_reaches_the_installation_token_endpoint(
    tmp_path: Path, app_private_key: str
) -> None:
    """`agentmend serve --with-worker`, SQLite state and SqliteHuey queue in its data dir, fed a signed
    `installation` delivery, mints an installation token from GitHub with a valid app JWT."""
    fake = RecordingFake()
    repo = fake.add_repo("acme/website", {"index.html": "<h1>hi</h1>\n"})
    port = _free_port()
    with serving(fake) as api_url:
        env = _env(tmp_path / "data", api_url, app_private_key)
        args = ["serve", "--host", "127.0.0.1", "--port", str(port), "--with-worker"]
        with _process(args, env, tmp_path / "serve.log") as proc:
            base = f"http://127.0.0.1:{port}"

            def up() -> bool:
                try:
                    return httpx.get(f"{base}/healthz", timeout=2).status_code == 200
                except httpx.TransportError:
                    return False

            _wait_for("answer on /healthz", up, proc, tmp_path / "serve.log")
            body = json.dumps(payloads.installation_created(fake, repo)).encode()
            resp = httpx.post(
                f"{base}/webhooks",
                content=body,
                headers={
                    "Content-Type": "application/json",
                    "X-GitHub-Event": "installation",
                    "X-GitHub-Delivery": str(uuid.uuid4()),
                    "X-Hub-Signature-256": signature(SECRET.encode(), body),
                },
                timeout=10,
            )
            assert resp.status_code == 202, resp.text
            call, headers = _wait_for("installation token call", lambda: _token_call(fake), proc,
                                      tmp_path / "serve.log")  # fmt: skip
            assert call.path == f"/app/installations/{fake.installation_id}/access_tokens"
            _assert_app_jwt(call, headers, app_private_key)
            assert fake.count("GET", r"^/app$") == 1  # its bot login, asked once as the app itself
            # the job went on with the token and finished: it read the repo, found no config, said so
            log = tmp_path / "serve.log"
            _wait_for("config lookup", lambda: fake.count("GET", r"/git/trees/"), proc, log)
            _wait_for(
                "the job's end in the log",
                lambda: "no valid .github/agentmend.yml" in (tmp_path / "serve.log").read_text(),
                proc,
                tmp_path / "serve.log",
            )
    assert (tmp_path / "data" / "queue.db").exists() and (tmp_path / "data" / "state.db").exists()
    assert "NotImplementedError" not in (tmp_path / "serve.log").read_text()


def test_a_separate_worker_process_runs_a_job_queued_in_the_sqlite_queue(
    tmp_path: Path, app_private_key: str
) -> None:
    """`agentmend worker` (a real huey consumer process) picks up a job another process queued."""
    fake = RecordingFake()
    repo = fake.add_repo("acme/website", {"index.html": "<h1>hi</h1>\n"})
    with serving(fake) as api_url:
        env = _env(tmp_path / "data", api_url, app_private_key)
        settings = Settings(app_id=APP_ID, webhook_secret=SECRET, data_dir=tmp_path / "data")
        queue = build_queue(settings)  # the same SqliteHuey file the worker reads
        queue.enqueue(Event("installation", "d-1", payloads.installation_created(fake, repo)))
        log = tmp_path / "worker.log"
        with _process(["worker", "--workers", "1"], env, log) as proc:
            _wait_for("installation token call", lambda: _token_call(fake), proc, log)
            _wait_for("the job's end", lambda: "no valid .github/agentmend.yml" in log.read_text(), proc, log)
        assert queue.huey.pending_count() == 0 and queue.huey.scheduled_count() == 0
