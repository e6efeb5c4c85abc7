"""The state database: migrations build the schema the code expects, and re-running them is harmless."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from agentmend.paths import repo_state_dir
from agentmend.store.db import default_url, open_engine
from agentmend.store.tables import Base


def test_migrations_create_every_table_and_match_the_models(tmp_path: Path) -> None:
    engine = open_engine(default_url(tmp_path))
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"store/tables.py and the migrations disagree: {diff}"


def test_opening_twice_keeps_data(tmp_path: Path) -> None:
    from agentmend.store.analysis_memory import SqlVectors

    url = default_url(tmp_path)
    SqlVectors(open_engine(url)).put_vectors("m", [("k", np.ones(3, dtype=np.float32))])
    assert list(SqlVectors(open_engine(url)).get_vectors("m", ["k"])) == ["k"]
    assert (repo_state_dir(tmp_path) / "state.db").exists()
    assert not (tmp_path / ".agentmend").exists()  # never in the analysed tree
