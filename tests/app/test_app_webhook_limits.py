"""The webhook endpoint bounds what it reads: no body over GitHub's 25 MB cap is held, and JSON that is
malformed or nested to break a parser is a 400, never a 500."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import pytest
from http_harness import SECRET, AppHarness

from agentmend.app.webhooks import MAX_BODY_BYTES, signature

CHUNK = 1024 * 1024


def _post(harness: AppHarness, body: bytes, *, declare_length: bool) -> tuple[int, int, dict[str, Any]]:
    """POST `body` straight into the ASGI app in 1 MB chunks; (status, bytes the app pulled, answer)."""
    app = harness.client.app
    headers = [(b"content-type", b"application/json"), (b"x-github-event", b"installation"),
               (b"x-github-delivery", b"d-big")]  # fmt: skip
    if declare_length:
        headers.append((b"content-length", str(len(body)).encode()))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/webhooks", "raw_path": b"/webhooks", "query_string": b"",
             "headers": headers, "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000)}  # fmt: skip
    pulled = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        chunk = body[pulled : pulled + CHUNK]
        pulled += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": pulled < len(body)}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    start = next(m for m in sent if m["type"] == "http.response.start")
    answer = json.loads(b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body"))
    return start["status"], pulled, answer


def test_a_30_mb_unsigned_body_is_refused_413_before_it_is_read_whole(app_harness: AppHarness) -> None:
    body = b"{" + b" " * (30 * 1024 * 1024) + b"}"
    status, pulled, answer = _post(app_harness, body, declare_length=False)  # chunked: counted as it streams
    assert status == 413 and "limit" in answer["error"]
    assert pulled <= MAX_BODY_BYTES + CHUNK < len(body)
    status, pulled, _ = _post(app_harness, body, declare_length=True)  # declared: refused unread
    assert status == 413 and pulled == 0
    assert app_harness.pending == 0


def test_a_body_under_the_cap_is_read_and_checked_as_usual(app_harness: AppHarness) -> None:
    status, pulled, answer = _post(app_harness, b"{" + b" " * (3 * CHUNK) + b"}", declare_length=False)
    assert status == 401 and "X-Hub-Signature-256" in answer["error"]  # read whole, then the HMAC check
    assert pulled == 3 * CHUNK + 2


def _signed(harness: AppHarness, body: bytes) -> Any:
    return harness.client.post(
        "/webhooks",
        content=body,
        headers={"Content-Type": "application/json", "X-GitHub-Event": "installation",
                 "X-GitHub-Delivery": str(uuid.uuid4()),
                 "X-Hub-Signature-256": signature(SECRET.encode(), body)},  # fmt: skip
    )


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"action": "created", "x": ' + b"[" * 1000 + b"]" * 1000 + b"}", "nested"),
        (b'{"a": ' * 1000 + b"1" + b"}" * 1000, "nested"),
        (b'{"a": ' * 100 + b"1" + b"}" * 100, "nested deeper than 64"),
        (b'{"action": "created", "note": "\xff\xfe"}', "not JSON"),
        (b'{"action": ', "not JSON"),
    ],
    ids=["array-1000", "object-1000", "object-100", "not-utf8", "truncated"],
)
def test_signed_but_malformed_or_too_deep_json_is_a_400(
    app_harness: AppHarness, body: bytes, reason: str
) -> None:
    resp = _signed(app_harness, body)
    assert resp.status_code == 400 and reason in resp.json()["error"], resp.text
    assert app_harness.pending == 0
