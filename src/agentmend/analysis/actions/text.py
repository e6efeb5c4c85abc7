"""Small text helpers shared by the action checks."""

from __future__ import annotations


def excerpt(text: str, start: int = 0, end: int | None = None, width: int = 50) -> str:
    end = len(text) if end is None else end
    lo, hi = max(0, start - width), min(len(text), end + width)
    snippet = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + snippet + ("…" if hi < len(text) else "")


def normal(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


def call_text(name: str, arguments: str, limit: int = 120) -> str:
    args = " ".join(arguments.split())
    return f"{name}({args[:limit]}{'…' if len(args) > limit else ''})"
