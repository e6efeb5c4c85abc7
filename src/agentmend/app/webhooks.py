"""Sans-I/O webhook handling: verify a delivery and turn it into an Event, from bytes and headers only."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

MAX_BODY_BYTES = 25 * 1024 * 1024  # GitHub caps webhook payloads at 25 MB
MAX_DEPTH = 64  # GitHub's payloads nest about ten levels; far deeper is an attack on whatever walks it


class WebhookError(ValueError):
    """A delivery we refuse; `status` is the HTTP answer (401 bad signature, 400 malformed)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Event:
    """One webhook delivery as plain data; payload fields are read with `.get` because many are optional."""

    name: str
    delivery_id: str
    payload: Mapping[str, Any] = field(default_factory=dict)

    @property
    def action(self) -> str | None:
        action = self.payload.get("action")
        return action if isinstance(action, str) else None

    @property
    def installation_id(self) -> int | None:
        inst = self.payload.get("installation")
        return inst.get("id") if isinstance(inst, Mapping) else None

    @property
    def repo_full_name(self) -> str | None:
        repo = self.payload.get("repository")
        return repo.get("full_name") if isinstance(repo, Mapping) else None


def signature(secret: bytes, body: bytes) -> str:
    """The `X-Hub-Signature-256` value GitHub sends for `body`."""
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def verify_signature(secret: bytes, body: bytes, header: str | None) -> None:
    """Accept only an HMAC-SHA256 signature with the `sha256=` prefix, compared in constant time."""
    if not header:
        raise WebhookError(401, "missing X-Hub-Signature-256 header")
    if not header.startswith("sha256="):
        raise WebhookError(401, "X-Hub-Signature-256 must start with 'sha256='")
    if not hmac.compare_digest(signature(secret, body).encode(), header.strip().encode()):
        raise WebhookError(401, "signature does not match the webhook secret")


def _header(headers: Mapping[str, str], name: str) -> str | None:
    lowered = name.lower()
    return next((v for k, v in headers.items() if k.lower() == lowered), None)


def parse_event(headers: Mapping[str, str], body: bytes, secret: bytes) -> Event:
    """Verify and parse a delivery; raises WebhookError with the HTTP status to answer."""
    verify_signature(secret, body, _header(headers, "X-Hub-Signature-256"))
    name = _header(headers, "X-GitHub-Event")
    delivery = _header(headers, "X-GitHub-Delivery")
    if not name:
        raise WebhookError(400, "missing X-GitHub-Event header")
    if not delivery:
        raise WebhookError(400, "missing X-GitHub-Delivery header")
    content_type = (_header(headers, "Content-Type") or "application/json").split(";")[0].strip()
    if content_type == "application/x-www-form-urlencoded":
        raise WebhookError(400, "set the app's webhook content type to application/json")
    try:
        payload = json.loads(body)
    except RecursionError as exc:
        raise WebhookError(400, f"delivery {delivery}: JSON nested too deeply") from exc
    except ValueError as exc:  # also undecodable bytes (UnicodeDecodeError)
        raise WebhookError(400, f"delivery {delivery}: body is not JSON: {exc}") from exc
    if not isinstance(payload, dict):
        raise WebhookError(400, f"delivery {delivery}: body is not a JSON object")
    if nesting(payload) > MAX_DEPTH:
        raise WebhookError(400, f"delivery {delivery}: JSON nested deeper than {MAX_DEPTH} levels")
    return Event(name=name, delivery_id=delivery, payload=payload)


def nesting(value: Any) -> int:
    """How deep objects and arrays nest, counted without recursion (the payload may be hostile)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            return depth
        stack.extend((child, depth + 1) for child in children)
    return deepest
