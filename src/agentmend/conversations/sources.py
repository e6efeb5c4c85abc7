"""Where exports come from: globs in a working copy, globs over a forge's file listing, and linked URLs.

The working copy and the forge listing go through the same `glob_match`, so the CLI and the GitHub App
read exactly the same files for the same config.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from agentmend.conversations.fetch import Fetcher
from agentmend.conversations.readers import ExportError, ExportFile
from agentmend.repo_config import RepoConfig

if TYPE_CHECKING:
    from agentmend.forges.base import Forge

__all__ = ["ExportError", "ExportFile", "files_in_dir", "files_from_listing", "glob_match", "linked_files"]

_SKIP_DIRS = frozenset({".git", ".agentmend", ".venv", "node_modules", "__pycache__"})


@lru_cache(maxsize=128)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """`*` and `?` stay inside one folder, `**` spans folders, `[abc]` is a character class."""
    out, i = [], 0
    pattern = pattern.removeprefix("./")
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
    return bool(_glob_regex(pattern).match(path.removeprefix("./")))


def _select(paths: Iterable[str], config: RepoConfig) -> list[tuple[str, str]]:
    """(path, format) for every path some export glob matches; sorted, each path once (first glob wins)."""
    chosen: dict[str, str] = {}
    candidates = sorted(set(paths))
    for export in config.exports:
        if export.path is None:
            continue
        for path in candidates:
            if path not in chosen and glob_match(export.path, path):
                chosen[path] = export.format
    return sorted(chosen.items())


def _literal_prefix(pattern: str) -> str:
    """The folder part of a glob before its first wildcard: where a directory walk can start."""
    head = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
    return head.rsplit("/", 1)[0] if "/" in head else ""


def _walk(root: Path, start: str) -> Iterable[str]:
    base = root / start if start else root
    if base.is_file():
        yield base.relative_to(root).as_posix()
        return
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS)
        for name in filenames:
            yield (Path(dirpath) / name).relative_to(root).as_posix()


def _open_binary(path: Path) -> BinaryIO:
    return path.open("rb")


def files_in_dir(root: Path, config: RepoConfig) -> list[ExportFile]:
    """The exports a working copy holds for the config's `path:` globs, as repo-relative names."""
    paths: set[str] = set()
    for export in config.exports:
        if export.path is not None:
            paths.update(_walk(root, _literal_prefix(export.path.removeprefix("./"))))
    return [
        ExportFile(name=path, open=partial(_open_binary, root / path), format=fmt)
        for path, fmt in _select(paths, config)
    ]


def files_from_listing(
    paths: list[str], read: Callable[[str], bytes | None], config: RepoConfig
) -> list[ExportFile]:
    """The same selection over a forge's file listing; each file is read only when it is opened."""

    def opener(path: str) -> Callable[[], BinaryIO]:
        def open_() -> BinaryIO:
            data = read(path)
            if data is None:
                raise ExportError(f"{path}: listed but could not be read from the repository")
            return io.BytesIO(data)

        return open_

    return [ExportFile(name=path, open=opener(path), format=fmt) for path, fmt in _select(paths, config)]


def linked_files(config: RepoConfig, fetcher: Fetcher | None = None) -> list[ExportFile]:
    """The config's `url:` exports; each is downloaded (with limits) only when it is opened."""
    fetcher = fetcher or Fetcher()
    out = []
    for export in config.exports:
        if export.url is None:
            continue

        def open_(url: str = export.url, secret: str | None = export.auth_secret) -> BinaryIO:
            return fetcher.fetch(url, secret)

        out.append(ExportFile(name=export.url, open=open_, format=export.format))
    return out


def files_in_forge(
    forge: Forge, config: RepoConfig, *, ref: str | None = None, include_linked: bool = True
) -> list[ExportFile]:
    """The repo's exports at `ref` (default-branch head when None) read through a Forge, plus linked ones.

    Linked (`url:`) exports have no history: they are read as they are now, whatever `ref` says.
    """
    files = files_from_listing(forge.list_files(ref), lambda path: forge.read_file(path, ref), config)
    return [*files, *linked_files(config)] if include_linked else files
