"""The shape a newcomer relies on: the core imports no adapter, and no two modules import each other.

The contracts live in pyproject.toml ([tool.importlinter]); `make lint` runs the same check.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _run(config: Path | None = None) -> subprocess.CompletedProcess[str]:
    args = [str(LINT_IMPORTS), *(["--config", str(config)] if config else [])]
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_layer_contracts_hold() -> None:
    result = _run()
    assert result.returncode == 0, result.stdout[-3000:]
    assert "2 kept, 0 broken" in result.stdout


def test_the_contract_catches_the_core_importing_storage(tmp_path: Path) -> None:
    """The check is not vacuous: forbidding a package the core does import (the conversation model)
    breaks it, as importing sqlalchemy from the analysis would."""
    config = tmp_path / "contracts.toml"
    config.write_text(
        textwrap.dedent(
            """
            [tool.importlinter]
            root_package = "agentmend"

            [[tool.importlinter.contracts]]
            name = "probe"
            type = "forbidden"
            source_modules = ["agentmend.analysis"]
            forbidden_modules = ["agentmend.conversations.model"]
            """
        ),
        encoding="utf-8",
    )
    result = _run(config)
    assert result.returncode != 0 and "agentmend.analysis is not allowed to import" in result.stdout
