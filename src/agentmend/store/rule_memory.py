"""Rule outcomes in the state database (`analysis.rule_memory` decides what goes in)."""

from __future__ import annotations

from sqlalchemy import Engine

from agentmend.store.keyed_text import KeyedText


def rule_memory(engine: Engine) -> KeyedText:
    return KeyedText(engine, "rule_outcomes", "outcome_json")
