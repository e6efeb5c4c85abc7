"""Which format an export is in, from a bounded prefix and its first record, and the reader for it.

Per file (`format="auto"`):
1. gzip is recognised by its magic bytes (1f 8b), whatever the file is called (`bounds`).
2. The first `Limits.prefix_bytes` decide the container: `[` starts a JSON document; `{` starts JSONL when
   a complete line within the prefix is one JSON object, and a JSON document otherwise (a pretty-printed
   object, `{"simulations": [...]}`, or one line longer than the prefix); anything else is CSV.
3. Inside JSON, the first record decides the format (`FORMATS`, in the order listed); the chat dialect
   (OpenAI or Anthropic) is fixed by the first record that shows one.
A `format` other than `auto` on the export skips the guessing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from typing import Any, Literal

from agentmend.conversations.formats import chat, langfuse, langsmith, otel_genai, tau_bench
from agentmend.conversations.formats.json_stream import JsonValue
from agentmend.conversations.model import Conversation, Malformed

Container = Literal["csv", "jsonl", "json"]
Reader = Callable[[str, Iterable[JsonValue | Malformed]], Iterator[Conversation | Malformed]]


@dataclass(frozen=True)
class Format:
    """A JSON export format: how its first record is recognised, and how its records are read."""

    name: str
    title: str
    detected_by: str  # one line for `agentmend formats` and the README
    matches: Callable[[Mapping[str, Any], str | None], bool]
    read: Reader


def _is_chat(obj: Mapping[str, Any], container: str | None) -> bool:
    return "messages" in obj


def _openai(name: str, values: Iterable[JsonValue | Malformed]) -> Iterator[Conversation | Malformed]:
    return chat.read_chat(name, values, "openai")


def _anthropic(name: str, values: Iterable[JsonValue | Malformed]) -> Iterator[Conversation | Malformed]:
    return chat.read_chat(name, values, "anthropic")


def _any_chat(name: str, values: Iterable[JsonValue | Malformed]) -> Iterator[Conversation | Malformed]:
    return chat.read_chat(name, values, None)


JSON_FORMATS: tuple[Format, ...] = (
    Format(
        "otel-genai",
        "OpenTelemetry GenAI spans and events (OTLP JSON)",
        '{"resourceSpans": [...]}, {"resourceLogs": [...]}, or spans with "gen_ai.*" attributes',
        otel_genai.matches,
        otel_genai.read,
    ),
    Format(
        "tau2-bench",
        "τ²-bench results",
        '{"simulations": [{"task_id": ..., "messages": [...], "reward_info": {...}}]}',
        lambda obj, container: tau_bench.is_tau2_simulation(obj),
        tau_bench.read_tau2,
    ),
    Format(
        "tau-bench",
        "τ-bench trajectories",
        '[{"task_id": 7, "reward": 0.0, "traj": [...]}]',
        lambda obj, container: tau_bench.is_tau_bench(obj),
        tau_bench.read_tau_bench,
    ),
    Format(
        "langsmith",
        "LangSmith run export",
        '{"run_type": "llm", "inputs": {...}, "outputs": {...}, "trace_id": ...}',
        langsmith.matches,
        langsmith.read,
    ),
    Format(
        "langfuse",
        "Langfuse trace export",
        '{"id": ..., "sessionId": ..., "observations": [{"type": "GENERATION", ...}]}',
        langfuse.matches,
        langfuse.read,
    ),
    Format(
        "anthropic",
        "Anthropic Messages",
        '{"system": "...", "messages": [{"role": "user", "content": [{"type": "text", ...}]}]}',
        lambda obj, container: chat.dialect_of(obj) == "anthropic",
        _anthropic,
    ),
    Format(
        "openai",
        "OpenAI chat",
        '{"id": ..., "messages": [{"role": "user", "content": "..."}]} (JSONL or a JSON list)',
        _is_chat,
        _any_chat,
    ),
)
CSV_DETECTED_BY = "a header row with conversation_id,role,content (delimiter , ; tab or |)"
BY_NAME: Mapping[str, Format] = {f.name: f for f in JSON_FORMATS}
# the chat reader also fixes the dialect when forced
_FORCED: Mapping[str, Reader] = {**{f.name: f.read for f in JSON_FORMATS}, "openai": _openai}
FORMAT_NAMES: tuple[str, ...] = ("auto", "csv", *sorted(BY_NAME))


def container_of(prefix: bytes) -> Container:
    """The container, from at most the detection prefix."""
    text = prefix.lstrip(b"\xef\xbb\xbf").lstrip()
    if not text:
        return "jsonl"  # blank so far: blank lines are skipped, and the bounds still apply to what follows
    if text.startswith(b"["):
        return "json"
    if not text.startswith(b"{"):
        return "csv"
    *complete, _partial = text.split(b"\n")
    for line in complete[:50]:
        line = line.strip()
        if line.startswith(b"{") and line.endswith(b"}"):
            try:
                if isinstance(json.loads(line), dict):
                    return "jsonl"  # a whole object on one line: JSONL, even if an earlier line is broken
            except (ValueError, RecursionError):
                continue
    return "json"  # a pretty-printed document, or one line longer than the prefix: streamed as a document


def reader_for(
    name: str, values: Iterator[JsonValue | Malformed], forced: str | None
) -> Iterator[Conversation | Malformed]:
    """Read `values` with the forced format, or the one the first object shows."""
    if forced is not None:
        return _FORCED[forced](name, values)
    head: list[JsonValue | Malformed] = []
    for item in values:
        head.append(item)
        if isinstance(item, JsonValue) and isinstance(item.value, dict):
            fmt = next((f for f in JSON_FORMATS if f.matches(item.value, item.container)), None)
            return (fmt.read if fmt else _any_chat)(name, chain(head, values))
    return _any_chat(name, iter(head))
