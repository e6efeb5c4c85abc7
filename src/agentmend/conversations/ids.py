"""Ids for conversations an export gives none: derived from what was said, so they survive any layout.

A file's line number changes when the export is re-written pretty-printed, on one line, or in another
order; the content does not. Two records with exactly the same turns in one file are told apart by an
ordinal (`~2`, `~3`, in file order), which is the only place position matters.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import replace

from agentmend.conversations.model import Conversation, Malformed

ID_PREFIX = "h-"


def content_id(conv: Conversation) -> str:
    """A stable id from the conversation's turns (role, text, tool calls, tool results)."""
    h = hashlib.sha256()
    for t in conv.turns:
        calls = [[c.name, c.arguments] for c in t.tool_calls]
        h.update(json.dumps([t.role, t.text, calls, t.tool_call_id, t.is_error]).encode())
        h.update(b"\x00")
    return ID_PREFIX + h.hexdigest()[:16]


def with_content_ids(items: Iterable[Conversation | Malformed]) -> Iterator[Conversation | Malformed]:
    """Give every id-less conversation of one export its content id (plus an ordinal for exact repeats)."""
    seen: dict[str, int] = {}
    for item in items:
        if isinstance(item, Conversation) and not item.id:
            base = content_id(item)
            n = seen[base] = seen.get(base, 0) + 1
            item = replace(item, id=base if n == 1 else f"{base}~{n}")
        yield item
