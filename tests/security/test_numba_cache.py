"""A repository that commits a poisoned numba cache cannot run code when it is analysed from inside."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from attack_repos import make_repo, run_agentmend

from agentmend import paths

# Run in a child with NUMBA_CACHE_DIR=<repo>/.cache/numba (the folder an analysis in the repo would have
# used): every index file numba would look up for umap/pynndescent gets a pickle that writes a marker.
_POISON = r"""
import os, pickle, sys
from numba.core.dispatcher import Dispatcher
import umap, pynndescent

class Boom:
    def __reduce__(self):
        return (exec, ("open(%r, 'w').write('pwned')" % sys.argv[1],))

n = 0
for name, mod in list(sys.modules.items()):
    if not name.startswith(("umap", "pynndescent")):
        continue
    for value in list(vars(mod).values()):
        cache = getattr(value, "_cache", None) if isinstance(value, Dispatcher) else None
        index = getattr(getattr(cache, "_cache_file", None), "_index_path", None)
        if index:
            os.makedirs(os.path.dirname(index), exist_ok=True)
            with open(index, "wb") as f:
                pickle.dump(Boom(), f)
            n += 1
print(n)
"""


def _poison(repo: Path, marker: Path) -> int:
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env["NUMBA_CACHE_DIR"] = str(repo / ".cache" / "numba")
    out = subprocess.run(
        [sys.executable, "-P", "-c", _POISON, str(marker)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return int(out.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_a_poisoned_numba_cache_in_the_repo_never_runs(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "evil")
    marker = tmp_path / "PWNED"
    assert _poison(repo, marker) > 50  # the cache index of every cached umap/pynndescent kernel
    # agentmend's own cache dir, as the user has it (warm after the first run): never the repo's
    result = run_agentmend(
        "analyze", ".", "--no-links", cwd=repo, env={"AGENTMEND_STATE_DIR": str(tmp_path / "s")}
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "40 conversations" in result.stdout
    assert not marker.exists(), "numba unpickled a cache file the analysed repository committed"
    assert any(paths.numba_cache_dir().rglob("*.nbi")), "numba's kernels are cached in agentmend's cache dir"


def test_numba_is_pointed_at_agentmends_cache_dir_whatever_the_environment_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGENTMEND_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("NUMBA_CACHE_DIR", ".cache/numba")  # relative: would land in the cwd
    assert paths.use_private_numba_cache() == (tmp_path / "c" / "numba").resolve()
    assert os.environ["NUMBA_CACHE_DIR"] == str((tmp_path / "c" / "numba").resolve())
