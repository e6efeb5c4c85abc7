"""Where agentmend keeps caches and state: per user (or where the operator says), never in an analysed tree.

A repository agentmend analyses is untrusted. Anything agentmend would later *read back* from a path the
repository can commit to (a numba cache it unpickles, a state database it trusts) is a way for that
repository to run code or steer agentmend, and anything it *writes* there shows up in `git status`. So
both live here, outside the work tree:

- caches (numba's compiled UMAP kernels): `AGENTMEND_CACHE_DIR`, else the user cache dir (platformdirs,
  e.g. `~/.cache/agentmend`);
- state (the CLI's SQLite database, local change texts and checks): `AGENTMEND_STATE_DIR`, else the user
  state dir (e.g. `~/.local/state/agentmend`), one folder per repository keyed by its resolved path.

Only the operator's environment chooses these paths; nothing in a repository or its config can.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "agentmend"
CACHE_ENV = "AGENTMEND_CACHE_DIR"
STATE_ENV = "AGENTMEND_STATE_DIR"


def _from_env(name: str, env: Mapping[str, str] | None) -> Path | None:
    value = (os.environ if env is None else env).get(name, "").strip()
    return Path(value).expanduser().resolve() if value else None


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """Caches that can be rebuilt (compiled kernels)."""
    return _from_env(CACHE_ENV, env) or platformdirs.user_cache_path(APP_NAME).resolve()


def state_dir(env: Mapping[str, str] | None = None) -> Path:
    """State the CLI keeps between runs (databases, local change texts)."""
    return _from_env(STATE_ENV, env) or platformdirs.user_state_path(APP_NAME).resolve()


def repo_state_dir(repo_root: Path, env: Mapping[str, str] | None = None) -> Path:
    """The state folder of one local repository: `<state>/repos/<name>-<hash of its resolved path>`.

    Keyed by the resolved path, so two checkouts never share state and a symlinked path finds the same.
    """
    resolved = Path(repo_root).resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", resolved.name).strip("-.") or "root"
    return state_dir(env) / "repos" / f"{name[:40]}-{digest}"


def numba_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    return cache_dir(env) / "numba"


def use_private_numba_cache() -> Path:
    """Point numba's on-disk cache at agentmend's cache dir; call before numba (umap) is imported.

    numba unpickles its cache index files, so whoever can write the cache dir can run code in this
    process. A relative or inherited `NUMBA_CACHE_DIR` may name a folder inside the repository being
    analysed (the working directory), so agentmend always sets its own; move it with
    `AGENTMEND_CACHE_DIR`. If numba is already loaded, its live config is updated too (dispatchers
    created from then on use it).
    """
    path = numba_cache_dir()
    path.mkdir(parents=True, exist_ok=True)
    os.environ["NUMBA_CACHE_DIR"] = str(path)
    config = sys.modules.get("numba.core.config")
    if config is not None:
        config.CACHE_DIR = str(path)  # type: ignore[attr-defined]
    return path
