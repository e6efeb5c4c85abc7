"""Rows leave the store as frozen records: one copy rule, field by field by the record's own names."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

R = TypeVar("R")


def record_of(kind: type[R], row: Any) -> R:
    """`kind` (a frozen dataclass) filled from the row's attributes of the same names."""
    return kind(**{f.name: getattr(row, f.name) for f in fields(kind)})  # type: ignore[arg-type]
