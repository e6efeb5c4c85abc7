"""Developer tool: rewrite the initial migration from `tables.py` (pre-1.0, one migration).

Run: `python -m agentmend.store.regen_migration`
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command

from agentmend.store.db import MIGRATIONS, alembic_config


def main() -> None:
    for old in (MIGRATIONS / "versions").glob("0*.py"):  # later migrations fold into the one
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        cfg = alembic_config(f"sqlite:///{Path(tmp) / 'gen.db'}")
        command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
    for new in (MIGRATIONS / "versions").glob("0001_*.py"):
        new.rename(MIGRATIONS / "versions" / "0001_initial.py")


if __name__ == "__main__":
    main()
