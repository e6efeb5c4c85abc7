"""A small key → text table, created on first use: what a re-run may reuse (judge verdicts, rule outcomes).

No migration: nothing else reads these tables, and losing one only costs recomputing what it held.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Column, Engine, MetaData, String, Table, Text, insert, select

_META = MetaData()
_CHUNK = 500  # keys per IN (...) query: below SQLite's bound-parameter limit


def _table(name: str, column: str) -> Table:
    if name in _META.tables:
        return _META.tables[name]
    return Table(
        name, _META, Column("key", String(64), primary_key=True), Column(column, Text, nullable=False)
    )


class KeyedText:
    """Texts by key in table `name` (text column `column`)."""

    def __init__(self, engine: Engine, name: str, column: str) -> None:
        self.engine = engine
        self.table = _table(name, column)
        self.text = self.table.c[column]
        _META.create_all(engine, tables=[self.table])

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(keys), _CHUNK):
                query = select(self.table.c.key, self.text).where(self.table.c.key.in_(keys[i : i + _CHUNK]))
                out.update({k: v for k, v in conn.execute(query)})
        return out

    def put_many(self, items: Mapping[str, str]) -> None:
        rows = [{"key": k, self.text.name: v} for k, v in items.items()]
        with self.engine.begin() as conn:
            for i in range(0, len(rows), _CHUNK):
                chunk = rows[i : i + _CHUNK]
                conn.execute(self.table.delete().where(self.table.c.key.in_([r["key"] for r in chunk])))
                conn.execute(insert(self.table), chunk)
