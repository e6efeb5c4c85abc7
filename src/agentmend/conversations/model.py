"""Typed, immutable records for conversations read from any export format."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Role = Literal["system", "user", "assistant", "tool"]


@dataclass(frozen=True)
class ToolCall:
    """A tool invocation requested by the assistant (OpenAI `tool_calls`, Anthropic `tool_use`)."""

    id: str
    name: str
    arguments: str = ""


@dataclass(frozen=True)
class Turn:
    """One message. `index` is its position in the conversation, starting at 0."""

    index: int
    role: Role
    text: str
    timestamp: datetime | None = None
    tool_calls: tuple[ToolCall, ...] = ()
    tool_call_id: str | None = None  # for role == "tool": which call this answers
    is_error: bool = False  # for role == "tool": the tool reported an error


@dataclass(frozen=True)
class Feedback:
    """Explicit feedback from the user. `negative` is the normalised verdict every signal uses."""

    kind: str  # "thumbs", "rating", "csat", or the export's own name
    value: float | str | None
    negative: bool
    comment: str | None = None
    turn_index: int | None = None


@dataclass(frozen=True)
class Conversation:
    """One conversation as read from an export; `source` is `file:line` of its first record."""

    id: str
    turns: tuple[Turn, ...]
    source: str
    user_id: str | None = None
    started_at: datetime | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    feedback: tuple[Feedback, ...] = ()

    @property
    def user_turns(self) -> tuple[Turn, ...]:
        return tuple(t for t in self.turns if t.role == "user")

    @property
    def opening_request(self) -> str:
        """The first user message: what the user came for."""
        for t in self.turns:
            if t.role == "user" and t.text.strip():
                return t.text
        return ""

    @property
    def day(self) -> str | None:
        """ISO date of the conversation start, for per-day series."""
        ts = self.started_at or next((t.timestamp for t in self.turns if t.timestamp), None)
        return ts.date().isoformat() if ts else None


@dataclass(frozen=True)
class Malformed:
    """A record that could not be read. Reported as `file:line: reason`, counted, and skipped."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"
