"""Judge verdicts kept between runs in the state database, so a re-run pays only for changed conversations."""

from __future__ import annotations

import json
from dataclasses import asdict

from sqlalchemy import Engine

from agentmend.models.judge import Verdict
from agentmend.store.keyed_text import KeyedText


class SqlVerdictCache:
    def __init__(self, engine: Engine) -> None:
        self.texts = KeyedText(engine, "judge_verdicts", "verdict_json")

    def get(self, key: str) -> Verdict | None:
        text = self.texts.get_many([key]).get(key)
        if text is None:
            return None
        try:
            return Verdict(**json.loads(text))
        except (TypeError, ValueError):
            return None

    def put(self, key: str, verdict: Verdict) -> None:
        self.texts.put_many({key: json.dumps(asdict(verdict))})


def verdict_cache(engine: Engine) -> SqlVerdictCache:
    return SqlVerdictCache(engine)
