"""Judge verdicts kept between runs in the state database, so a re-run pays only for changed conversations.

Its own small table, created on first use (no migration needed: nothing else reads it and losing it only
costs a re-judge).
"""

from __future__ import annotations

import json
from dataclasses import asdict

from sqlalchemy import Column, Engine, MetaData, String, Table, Text, insert, select

from agentmend.models.judge import Verdict

_META = MetaData()
VERDICTS = Table(
    "judge_verdicts",
    _META,
    Column("key", String(64), primary_key=True),
    Column("verdict_json", Text, nullable=False),
)


class SqlVerdictCache:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        _META.create_all(engine, tables=[VERDICTS])

    def get(self, key: str) -> Verdict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(VERDICTS.c.verdict_json).where(VERDICTS.c.key == key)).first()
        if row is None:
            return None
        try:
            return Verdict(**json.loads(row[0]))
        except (TypeError, ValueError):
            return None

    def put(self, key: str, verdict: Verdict) -> None:
        with self.engine.begin() as conn:
            conn.execute(VERDICTS.delete().where(VERDICTS.c.key == key))
            conn.execute(insert(VERDICTS).values(key=key, verdict_json=json.dumps(asdict(verdict))))


def verdict_cache(engine: Engine) -> SqlVerdictCache:
    return SqlVerdictCache(engine)
