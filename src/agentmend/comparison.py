"""`failed_when`, the comparison an outcome label is tested with: a tiny grammar, `OP VALUE`, parsed rather
than evaluated. OP is one of `< <= > >= == !=`, VALUE a number, `true`/`false`, `null`, or a string (quoted,
or one bare word). Hand-written because the grammar is six operators and one literal; a general expression
library would invite `eval`-like surprises into a config a pull request can change.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Literal_ = float | bool | str | None

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    ">": operator.gt,
}
_ORDERED = frozenset({"<", "<=", ">", ">="})
_GRAMMAR = re.compile(r"^\s*(<=|>=|==|!=|<|>)\s*(.+?)\s*$")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_BARE = re.compile(r"^[A-Za-z_][\w.-]*$")


@dataclass(frozen=True)
class Comparison:
    op: str
    value: Literal_

    def holds(self, actual: Any) -> bool | None:
        """Whether `actual` satisfies the comparison; None when the two cannot be compared."""
        actual = _coerce(actual, self.value)
        if actual is _INCOMPARABLE:
            return None
        if self.op in _ORDERED and not (isinstance(actual, float) and isinstance(self.value, float)):
            return None
        return bool(_OPS[self.op](actual, self.value))


_INCOMPARABLE = object()


def parse_comparison(text: str) -> Comparison:
    """`"< 1"` → Comparison("<", 1.0). Raises ValueError saying what is allowed."""
    m = _GRAMMAR.match(text or "")
    if not m:
        raise ValueError(
            f"failed_when must be an operator (<, <=, >, >=, ==, !=) and a value, e.g. '< 1' (got {text!r})"
        )
    op, raw = m.groups()
    value: Literal_
    low = raw.lower()
    if _NUMBER.match(raw):
        value = float(raw)
    elif low in ("true", "false"):
        value = low == "true"
    elif low in ("null", "none"):
        value = None
    elif len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        value = raw[1:-1]
    elif _BARE.match(raw):
        value = raw
    else:
        raise ValueError(f"failed_when: cannot read the value {raw!r}; quote a string, e.g. == 'refunded'")
    if op in _ORDERED and not isinstance(value, float):
        raise ValueError(f"failed_when: {op} needs a number (got {raw!r})")
    return Comparison(op, value)


def _coerce(actual: Any, like: Literal_) -> Any:
    if isinstance(like, bool):
        if isinstance(actual, bool):
            return actual
        if isinstance(actual, str) and actual.strip().lower() in ("true", "false"):
            return actual.strip().lower() == "true"
        if isinstance(actual, int | float) and actual in (0, 1):
            return bool(actual)
        return _INCOMPARABLE
    if isinstance(like, float):
        if isinstance(actual, bool):
            return _INCOMPARABLE
        if isinstance(actual, int | float):
            return float(actual) if math.isfinite(float(actual)) else _INCOMPARABLE
        if isinstance(actual, str) and _NUMBER.match(actual.strip()):
            return float(actual)
        return _INCOMPARABLE
    if like is None:
        return actual
    return actual if isinstance(actual, str) else str(actual)
