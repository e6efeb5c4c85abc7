"""Turn anchored search/replace edits into new file texts and one validated unified diff.

Edits are applied to the text as it is, so comments, ordering and layout of untouched lines survive;
structured targets (YAML, JSON) are re-parsed afterwards so a proposal can never break them.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import yaml
from unidiff.errors import UnidiffParseError
from unidiff.patch import PatchSet

from agentmend.fixes.records import Edit

CONTEXT_LINES = 3


class EditRejected(ValueError):
    """An edit could not be applied safely; the message names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class PatchResult:
    new_texts: dict[str, str]  # only the targets that changed
    diff: str

    @property
    def stat(self) -> str:
        """`N files changed, +A -R`, like `git diff --stat`'s last line."""
        patch = PatchSet(self.diff)
        return f"{len(patch)} file(s) changed, +{patch.added} -{patch.removed}"


def _apply_one(text: str, edit: Edit) -> str:
    if not edit.search:
        raise EditRejected(edit.path, "empty anchor: an edit must quote the exact text it replaces")
    count = text.count(edit.search)
    if count == 0:
        raise EditRejected(edit.path, f"anchor not found: {_short(edit.search)!r}")
    if count > 1:
        raise EditRejected(edit.path, f"anchor is ambiguous ({count} matches): {_short(edit.search)!r}")
    return text.replace(edit.search, edit.replace, 1)


def _short(s: str, n: int = 60) -> str:
    s = s.strip().replace("\n", "⏎")
    return s if len(s) <= n else s[: n - 1] + "…"


def _check_parses(path: str, text: str) -> None:
    lower = path.lower()
    try:
        if lower.endswith((".yaml", ".yml")):
            yaml.safe_load(text)
        elif lower.endswith(".json"):
            json.loads(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise EditRejected(path, f"the edited file no longer parses: {exc}") from exc


def unified_diff(old: Mapping[str, str], new: Mapping[str, str]) -> str:
    """A git-style unified diff (`a/` and `b/` paths) of the files that differ."""
    chunks: list[str] = []
    for path in sorted(new):
        before, after = old.get(path, ""), new[path]
        if before == after:
            continue
        lines = difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
            n=CONTEXT_LINES,
        )
        for line in lines:
            if not line.endswith("\n"):
                line += "\n\\ No newline at end of file\n"
            chunks.append(line)
    return "".join(chunks)


def _validate(diff: str, old: Mapping[str, str], new: Mapping[str, str]) -> None:
    """Parse the diff with unidiff and replay its hunks on the old text: it must give the new text."""
    try:
        patch = PatchSet(diff)
    except UnidiffParseError as exc:  # pragma: no cover - difflib output always parses
        raise EditRejected("(diff)", f"unified diff does not parse: {exc}") from exc
    touched = {f.path for f in patch}
    if touched != set(new):
        raise EditRejected("(diff)", f"diff touches {sorted(touched)}, expected {sorted(new)}")
    for pf in patch:
        old_lines = old[pf.path].splitlines(keepends=True)
        out: list[str] = []
        pos = 0
        for hunk in pf:
            start = max(hunk.source_start - 1, 0) if hunk.source_length else hunk.source_start
            out.extend(old_lines[pos:start])
            pos = start
            for line in hunk:
                if line.is_context or line.is_removed:
                    if pos >= len(old_lines) or old_lines[pos].rstrip("\n") != line.value.rstrip("\n"):
                        raise EditRejected(pf.path, f"hunk {hunk.source_start} does not apply to the target")
                    pos += 1
                if line.is_context or line.is_added:
                    out.append(line.value)
        out.extend(old_lines[pos:])
        if "".join(out).rstrip("\n") != new[pf.path].rstrip("\n"):
            raise EditRejected(pf.path, "diff does not reproduce the edited text")


def apply_edits(targets: Mapping[str, str], edits: Iterable[Edit], allowed: set[str]) -> PatchResult:
    """Apply edits in order; refuse undeclared paths, missing or ambiguous anchors, broken YAML/JSON."""
    texts = dict(targets)
    changed: set[str] = set()
    for edit in edits:
        if edit.path not in allowed:
            raise EditRejected(edit.path, f"not a declared target (allowed: {', '.join(sorted(allowed))})")
        if edit.path not in texts:
            raise EditRejected(edit.path, "declared target does not exist in the repository")
        texts[edit.path] = _apply_one(texts[edit.path], edit)
        changed.add(edit.path)
    new_texts = {p: texts[p] for p in sorted(changed) if texts[p] != targets[p]}
    for path, text in new_texts.items():
        _check_parses(path, text)
    diff = unified_diff(targets, new_texts)
    _validate(diff, targets, new_texts)
    return PatchResult(new_texts=new_texts, diff=diff)
