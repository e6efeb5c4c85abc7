"""Tools the agent declares (the `tool_descriptions` target), and which of them say they change state.

Read shapes: a list of tools, `{tools: [...]}`, OpenAI `{type: function, function: {name}}`, Anthropic/MCP
`{name, input_schema, annotations: {readOnlyHint}}`, or a mapping of tool name to description. A tool marks
itself as a write with `readOnlyHint: false`, `destructiveHint: true`, `writes: true`, `side_effects: true`
or `read_only: false`. With no such flag, the first word of its description is kept ("Open a new claim",
"Find a customer"): `check_actions` reads it with the configured write verbs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml


@dataclass(frozen=True)
class DeclaredTools:
    names: frozenset[str] = frozenset()
    writes: frozenset[str] = frozenset()
    reads: frozenset[str] = frozenset()
    described: tuple[tuple[str, str], ...] = ()  # (tool, first word of its description) for unflagged tools


def _is_write(spec: dict[str, Any]) -> bool | None:
    notes = {**spec, **(spec.get("annotations") or {} if isinstance(spec.get("annotations"), dict) else {})}
    if notes.get("readOnlyHint") is True or notes.get("read_only") is True:
        return False
    if (
        notes.get("readOnlyHint") is False
        or notes.get("destructiveHint") is True
        or notes.get("read_only") is False
    ):
        return True
    for key in ("writes", "side_effects", "state_changing", "mutates"):
        if isinstance(notes.get(key), bool):
            return bool(notes[key])
    return None


def _tools(data: Any) -> Iterable[tuple[str, dict[str, Any]]]:
    if isinstance(data, dict) and isinstance(data.get("tools"), list | dict):
        yield from _tools(data["tools"])
        return
    if isinstance(data, list):
        for item in data:
            if not isinstance(item, dict):
                continue
            inner = item.get("function")
            spec: dict[str, Any] = inner if isinstance(inner, dict) else item
            if isinstance(spec.get("name"), str):
                yield spec["name"], {**item, **spec}
        return
    if isinstance(data, dict):
        for name, spec in data.items():
            if isinstance(name, str) and name.isidentifier():
                yield name, spec if isinstance(spec, dict) else {}


def _first_word(spec: dict[str, Any]) -> str | None:
    words = str(spec.get("description") or "").split()
    return words[0].strip(".,:;").lower() if words else None


def declared_tools(texts: Iterable[str]) -> DeclaredTools:
    """Tool names and write flags from tool-description files; a file that does not parse is skipped."""
    names, writes, reads, described = set(), set(), set(), {}
    for text in texts:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            try:
                data = json.loads(text)
            except ValueError:
                continue
        for name, spec in _tools(data):
            names.add(name)
            flag = _is_write(spec)
            if flag is True:
                writes.add(name)
            elif flag is False:
                reads.add(name)
            elif (word := _first_word(spec)) is not None:
                described[name] = word
    return DeclaredTools(
        frozenset(names), frozenset(writes), frozenset(reads), tuple(sorted(described.items()))
    )
