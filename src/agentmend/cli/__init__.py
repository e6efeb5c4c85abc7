"""The `agentmend` command line. Each command lives in its own module; this file only composes them."""

from __future__ import annotations

import typer

from agentmend.cli import analyze as _analyze
from agentmend.cli import demo as _demo
from agentmend.cli import formats as _formats
from agentmend.cli import propose as _propose
from agentmend.cli import serve as _serve
from agentmend.cli import watch as _watch

app = typer.Typer(
    name="agentmend",
    help="Make an LLM agent better from its own production conversations.",
    no_args_is_help=True,
    add_completion=False,
)

for _module in (_analyze, _formats, _propose, _demo, _serve, _watch):
    _module.register(app)
