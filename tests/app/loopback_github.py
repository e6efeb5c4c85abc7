"""The fake GitHub served over real HTTP on 127.0.0.1, for tests that start the app as real processes.

Every request is handed to `FakeGitHub.handle` (the same fake the in-process tests mount on respx), so
the app under test talks to it through githubkit exactly as it would talk to api.github.com.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
from fake_github import FakeGitHub


class _Handler(BaseHTTPRequestHandler):
    fake: FakeGitHub
    lock: threading.Lock

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = httpx.Request(
            self.command, f"http://127.0.0.1{self.path}", headers=dict(self.headers.items()), content=body
        )
        with self.lock:  # the fake is not thread-safe; the app may call from several threads
            response = self.fake.handle(request)
        data = response.content
        self.send_response(response.status_code)
        for key, value in response.headers.items():
            if key.lower() not in ("content-length", "transfer-encoding", "connection"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve

    def log_message(self, format: str, *args: object) -> None:  # quiet: the fake records every call
        pass


@contextmanager
def serving(fake: FakeGitHub) -> Iterator[str]:
    """Serve `fake` on a free loopback port for the block; yields its base URL."""
    handler = type("Handler", (_Handler,), {"fake": fake, "lock": threading.Lock()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="loopback-github", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
