"""`agentmend formats`: every export format agentmend reads, and how each is recognised."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table


def formats_command() -> None:
    """List the export formats, with a one-line example of what makes each one detected."""
    from agentmend.conversations.formats.detect import CSV_DETECTED_BY, JSON_FORMATS

    table = Table(title="Export formats (format: auto picks one per file)", show_lines=False)
    table.add_column("format:", no_wrap=True)
    table.add_column("what")
    table.add_column("detected by")
    for fmt in JSON_FORMATS:
        table.add_row(fmt.name, fmt.title, fmt.detected_by)
    table.add_row("csv", "CSV, one row per turn", CSV_DETECTED_BY)
    console = Console()
    console.print(table)
    console.print(
        "Any of them may be gzipped (recognised by its magic bytes). JSON may be JSONL, a list, or an object "
        "wrapping one; the first record decides the format.",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.command("formats")(formats_command)
