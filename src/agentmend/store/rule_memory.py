"""Rule outcomes in the state database (`analysis.rule_memory` decides what goes in).

Its own small table, created on first use (no migration needed: nothing else reads it and losing it only
costs running the rules again).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Column, Engine, MetaData, String, Table, Text, insert, select

_META = MetaData()
OUTCOMES = Table(
    "rule_outcomes",
    _META,
    Column("key", String(64), primary_key=True),
    Column("outcome_json", Text, nullable=False),
)
_CHUNK = 500  # keys per IN (...) query: below SQLite's bound-parameter limit


class SqlRuleMemory:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        _META.create_all(engine, tables=[OUTCOMES])

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(keys), _CHUNK):
                chunk = keys[i : i + _CHUNK]
                query = select(OUTCOMES.c.key, OUTCOMES.c.outcome_json).where(OUTCOMES.c.key.in_(chunk))
                out.update({k: v for k, v in conn.execute(query)})
        return out

    def put_many(self, items: Mapping[str, str]) -> None:
        rows = [{"key": k, "outcome_json": v} for k, v in items.items()]
        with self.engine.begin() as conn:
            for i in range(0, len(rows), _CHUNK):
                chunk = rows[i : i + _CHUNK]
                conn.execute(OUTCOMES.delete().where(OUTCOMES.c.key.in_([r["key"] for r in chunk])))
                conn.execute(insert(OUTCOMES), chunk)


def rule_memory(engine: Engine) -> SqlRuleMemory:
    return SqlRuleMemory(engine)
