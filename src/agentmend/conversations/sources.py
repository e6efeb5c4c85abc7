"""Where exports come from: globs in a working copy, globs over a forge's file listing, and linked URLs.

The working copy and the forge listing go through `selection`, as does the App's choice of which pushes
to analyze, so the CLI and the GitHub App read exactly the same files for the same config.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from agentmend.conversations.readers import ExportError, ExportFile
from agentmend.conversations.selection import select, walk_root
from agentmend.repo_config import RepoConfig

if TYPE_CHECKING:
    from agentmend.forges.base import Forge

__all__ = ["Download", "ExportError", "ExportFile", "files_in_dir", "files_from_listing", "linked_files"]

_SKIP_DIRS = frozenset({".git", ".agentmend", ".venv", "node_modules", "__pycache__"})


def _select(paths: Iterable[str], config: RepoConfig) -> list[tuple[str, str, int]]:
    """(path, format, export index) for every path some export glob selects; sorted, first glob wins."""
    exports = config.exports
    return [(path, exports[i].format, i) for path, i in select(paths, [e.path for e in exports])]


def _walk(root: Path, start: str) -> tuple[list[str], list[str]]:
    """Repo-relative files under `start`, and the symlinked folders there that lead out of `root`.

    Symlinked folders are never followed (os.walk's default); one that points outside is returned so
    the caller can say so instead of skipping it silently.
    """
    base = root / start if start else root
    if not _inside(root, base):
        return [], [start]
    if base.is_file():
        return [base.relative_to(root).as_posix()], []
    files: list[str] = []
    leaving: list[str] = []
    for dirpath, dirnames, filenames in os.walk(base):
        here = Path(dirpath)
        for d in dirnames:
            if (here / d).is_symlink() and not _inside(root, here / d):
                leaving.append((here / d).relative_to(root).as_posix())
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS)
        files.extend((here / name).relative_to(root).as_posix() for name in filenames)
    return files, leaving


def _inside(root: Path, path: Path) -> bool:
    """Whether `path`, every symlink resolved, is `root` or below it (`root` is already resolved)."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a symlink loop
        return False


def _open_binary(path: Path) -> BinaryIO:
    return path.open("rb")


def _refuse(reason: str) -> Callable[[], BinaryIO]:
    def open_() -> BinaryIO:
        raise ExportError(reason)

    return open_


def files_in_dir(root: Path, config: RepoConfig) -> list[ExportFile]:
    """The exports a working copy holds for the config's `path:` globs, as repo-relative names.

    Every file is read only if it resolves inside the repository, symlinks included: a committed
    symlink to `/etc/passwd` or to a folder outside is reported under its `exports.N.path` key, and
    nothing of what it points at is read.
    """
    root = Path(root).resolve()
    paths: set[str] = set()
    out: list[ExportFile] = []
    for index, export in enumerate(config.exports):
        if export.path is None:
            continue
        files, leaving = _walk(root, walk_root(export.path))
        paths.update(files)
        out.extend(
            ExportFile(
                name=f"{folder}/",
                open=_refuse(
                    f"exports.{index}.path: {folder}/ is a symlink to a folder outside the repository; "
                    "not followed"
                ),
            )
            for folder in leaving
        )
    for path, fmt, index in _select(paths, config):
        full = root / path
        if _inside(root, full):
            out.append(ExportFile(name=path, open=partial(_open_binary, full.resolve()), format=fmt))
        else:
            reason = f"exports.{index}.path: {path} is a symlink that leaves the repository; not read"
            out.append(ExportFile(name=path, open=_refuse(reason), format=fmt))
    return out


def files_from_listing(
    paths: list[str], read: Callable[[str], bytes | None], config: RepoConfig
) -> list[ExportFile]:
    """The same selection over a forge's file listing; each file is read only when it is opened."""

    def opener(path: str, index: int) -> Callable[[], BinaryIO]:
        def open_() -> BinaryIO:
            try:
                data = read(path)
            except ValueError as exc:  # e.g. forges.base.NotARegularFile: a symlink
                raise ExportError(f"exports.{index}.path: {exc}; not read") from exc
            if data is None:
                raise ExportError(f"{path}: listed but could not be read from the repository")
            return io.BytesIO(data)

        return open_

    return [ExportFile(name=p, open=opener(p, i), format=fmt) for p, fmt, i in _select(paths, config)]


class Download(Protocol):
    """Fetches a linked export (`web.fetch.Fetcher` over HTTPS, with its limits and SSRF checks)."""

    def fetch(self, url: str, auth_secret: str | None = None) -> BinaryIO: ...


def linked_files(config: RepoConfig, fetcher: Download) -> list[ExportFile]:
    """The config's `url:` exports; each is downloaded only when it is opened."""
    out = []
    for export in config.exports:
        if export.url is None:
            continue

        def open_(url: str = export.url, secret: str | None = export.auth_secret) -> BinaryIO:
            return fetcher.fetch(url, secret)

        out.append(ExportFile(name=export.url, open=open_, format=export.format))
    return out


def files_in_forge(
    forge: Forge, config: RepoConfig, *, ref: str | None = None, linked: Download | None = None
) -> list[ExportFile]:
    """The repo's exports at `ref` (default-branch head when None) read through a Forge, plus the linked
    ones through `linked` when given.

    Linked (`url:`) exports have no history: they are read as they are now, whatever `ref` says.
    """
    files = files_from_listing(forge.list_files(ref), lambda path: forge.read_file(path, ref), config)
    return [*files, *linked_files(config, linked)] if linked is not None else files
