"""Sans-I/O webhook handling: verify a delivery and turn it into an Event, from bytes and headers only."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


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
    except ValueError as exc:
        raise WebhookError(400, f"delivery {delivery}: body is not JSON: {exc}") from exc
    if not isinstance(payload, dict):
        raise WebhookError(400, f"delivery {delivery}: body is not a JSON object")
    return Event(name=name, delivery_id=delivery, payload=payload)
