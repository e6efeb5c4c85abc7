"""Tools the agent declares (the `tool_descriptions` target), and which of them say they change state.

Read shapes: a list of tools, `{tools: [...]}`, OpenAI `{type: function, function: {name}}`, Anthropic/MCP
`{name, input_schema, annotations: {readOnlyHint}}`, or a mapping of tool name to description. A tool marks
itself as a write with `readOnlyHint: false`, `destructiveHint: true`, `writes: true`, `side_effects: true`
or `read_only: false`.
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


def declared_tools(texts: Iterable[str]) -> DeclaredTools:
    """Tool names and write flags from tool-description files; a file that does not parse is skipped."""
    names, writes, reads = set(), set(), set()
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
    return DeclaredTools(frozenset(names), frozenset(writes), frozenset(reads))
