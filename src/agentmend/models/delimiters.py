"""Untrusted text inside a prompt's XML-style delimiters: one rule for every Anthropic prompt."""

from __future__ import annotations


def as_data(text: str) -> str:
    """Neutralise anything in untrusted text that could close or open our delimiters."""
    return text.replace("<", "‹").replace(">", "›")
