"""Which repository files are exports: the one glob rule behind what the analysis reads and which pushes
the GitHub App analyzes, so the two cannot disagree.

Globs and paths are repo-relative POSIX names, matched case-sensitively and anchored at the repo root
(the config refuses `/…` and `..`). A leading `./` on either is ignored.

- `*` is any run of characters inside one folder, `?` one character: `exports/*.jsonl` is not
  `exports/old/a.jsonl`, and `*.jsonl` is only the root's files.
- `[abc]`, `[a-z]`, `[!abc]` (or `[^abc]`) are one character from a class.
- `**/` is zero or more folders (`exports/**/*.jsonl` is `exports/a.jsonl` and `exports/x/y/a.jsonl`);
  `**` anywhere else is any run of characters, folders included (`exports/**` is everything below).
- A glob ending in `/` names a folder: everything below it (`exports/` is `exports/**`). Without the
  slash a glob names files only, so `exports` is not `exports/a.jsonl`.

A file belongs to the first export, in config order, whose glob matches it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

__all__ = ["export_index", "glob_match", "select", "walk_root"]


def _normal(name: str) -> str:
    while name.startswith("./"):
        name = name[2:]
    return name


@lru_cache(maxsize=128)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out, i = [], 0
    pattern = _normal(pattern)
    if pattern.endswith("/"):
        pattern += "**"
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[" and (end := pattern.find("]", i + 2)) != -1:
            body = pattern[i + 1 : end]
            negate = body.startswith(("!", "^"))
            body = re.escape(body[1:] if negate else body).replace(r"\-", "-")
            out.append(f"[{'^' if negate else ''}{body}]")
            i = end + 1
        else:
            out.append(re.escape(c))
            i += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(pattern: str, path: str) -> bool:
    """Whether a repo-relative POSIX path matches an export glob."""
    return bool(_glob_regex(pattern).match(_normal(path)))


def export_index(path: str, globs: Sequence[str | None]) -> int | None:
    """Index of the first glob matching `path`: the export it belongs to (None entries never match)."""
    return next((i for i, g in enumerate(globs) if g is not None and glob_match(g, path)), None)


def select(paths: Iterable[str], globs: Sequence[str | None]) -> list[tuple[str, int]]:
    """(path, export index) for every path some glob matches, sorted by path."""
    chosen = ((path, export_index(path, globs)) for path in sorted(set(paths)))
    return [(path, index) for path, index in chosen if index is not None]


def walk_root(pattern: str) -> str:
    """The folder part of a glob before its first wildcard: where a directory walk can start ('' = root)."""
    head = re.split(r"[*?\[]", _normal(pattern), maxsplit=1)[0]
    return head.rsplit("/", 1)[0] if "/" in head else ""
