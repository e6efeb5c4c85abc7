"""`agentmend analyze`: placeholder until the analysis pipeline lands."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    return None
