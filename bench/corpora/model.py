"""The in-memory conversation a generator builds before a writer renders it in an export format."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any


@dataclass
class ToolCall:
    id: str
    name: str
    arguments: dict[str, Any]


@dataclass
class Turn:
    role: str  # user | assistant | tool
    text: str | None = None
    tool_calls: list[ToolCall] = field(default_factory=list)
    tool_call_id: str | None = None
    tool_name: str | None = None
    is_error: bool = False
    at: datetime | None = None


@dataclass
class Conv:
    """One conversation plus the truth about it, which only ground_truth.json will carry."""

    id: str
    user_id: str
    started_at: datetime
    intent: str
    failed: bool
    cause: str | None
    language: str = "en"
    turns: list[Turn] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    feedback: dict[str, Any] | None = None
    _calls: int = 0

    # --- building -------------------------------------------------------------------------------
    def user(self, text: str) -> Conv:
        self.turns.append(Turn("user", text))
        return self

    def agent(self, text: str) -> Conv:
        self.turns.append(Turn("assistant", text))
        return self

    def call(
        self, name: str, args: dict[str, Any], result: Any, *, error: bool = False, text: str | None = None
    ) -> Conv:
        """An assistant turn calling one tool, then the tool's result."""
        return self.calls([(name, args, result, error)], text=text)

    def calls(self, items: list[tuple[str, dict[str, Any], Any, bool]], *, text: str | None = None) -> Conv:
        """One assistant turn with parallel tool calls, then one tool turn per call."""
        made: list[ToolCall] = []
        for name, args, _result, _error in items:
            self._calls += 1
            made.append(ToolCall(f"call_{self.id[-6:]}_{self._calls:02d}", name, dict(args)))
        self.turns.append(Turn("assistant", text, tool_calls=made))
        for tc, (_name, _args, result, error) in zip(made, items, strict=True):
            content = result if isinstance(result, str) else json.dumps(result, ensure_ascii=False)
            self.turns.append(Turn("tool", content, tool_call_id=tc.id, tool_name=tc.name, is_error=error))
        return self

    def stamp(self, rng: Any) -> None:
        """Give every turn a time: users type slowly, tools answer fast, the agent in between."""
        t = self.started_at
        for i, turn in enumerate(self.turns):
            if i:
                if turn.role == "user":
                    t += timedelta(seconds=rng.randint(6, 150))
                elif turn.role == "tool":
                    t += timedelta(milliseconds=rng.randint(120, 2400))
                else:
                    t += timedelta(milliseconds=rng.randint(900, 7000))
            turn.at = t

    def user_texts(self) -> list[str]:
        return [t.text or "" for t in self.turns if t.role == "user"]
