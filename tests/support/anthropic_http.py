"""Realistic Messages API bodies, and a client whose HTTP goes through respx.

The anthropic SDK (2.x) sends over `httpx2`, which respx does not patch; the bridge below hands each
request to plain httpx, where respx's routes answer it.
"""

from __future__ import annotations

import json
from typing import Any

import anthropic
import httpx
import httpx2

MESSAGES_URL = "https://api.anthropic.com/v1/messages"


class RespxBridge(httpx2.BaseTransport):
    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        with httpx.Client() as client:
            r = client.request(
                request.method, str(request.url), headers=list(request.headers.raw), content=request.read()
            )
        return httpx2.Response(r.status_code, headers=list(r.headers.raw), content=r.content)


def client() -> anthropic.Anthropic:
    return anthropic.Anthropic(api_key="sk-ant-test", http_client=httpx2.Client(transport=RespxBridge()))


def tool_message(
    tool_input: dict[str, Any], *, cache_read: int = 0, cache_write: int = 1830
) -> dict[str, Any]:
    return {
        "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-4-5-20250929",
        "content": [
            {"type": "text", "text": "I'll add a focused section for SSO setup."},
            {
                "type": "tool_use",
                "id": "toolu_01A09q90qw90lq917835lq9",
                "name": "propose_edits",
                "input": tool_input,
            },
        ],
        "stop_reason": "tool_use",
        "stop_sequence": None,
        "usage": {
            "input_tokens": 412,
            "output_tokens": 236,
            "cache_creation_input_tokens": cache_write,
            "cache_read_input_tokens": cache_read,
        },
    }


def text_message(text: str) -> dict[str, Any]:
    body = tool_message({})
    body["content"] = [{"type": "text", "text": text}]
    body["stop_reason"] = "end_turn"
    return body


def error(kind: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": kind, "message": message}}


def sent_json(call: Any) -> dict[str, Any]:
    return json.loads(call.request.content)
