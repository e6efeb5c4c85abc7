"""`agentmend demo`: the whole loop on the bundled example, offline, in a fresh git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from agentmend.cli.propose import ModelFlag, ProposeRun, run_propose
from agentmend.forges.local_git import LocalGitForge

if TYPE_CHECKING:
    from agentmend.analysis.embed import Embedder

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "support-agent"
DEFAULT_WORKDIR = Path(".demo") / "support-agent"


def prepare(example: Path, workdir: Path) -> None:
    """Copy the example into `workdir` (recreated) and commit it as the agent's repository."""
    if not (example / ".github" / "agentmend.yml").is_file():
        raise FileNotFoundError(f"{example}: not an agentmend example (no .github/agentmend.yml)")
    if workdir.exists():
        if not (workdir / ".git").exists() and any(workdir.iterdir()):
            raise FileExistsError(f"{workdir}: exists and is not a demo repository; choose another --workdir")
        shutil.rmtree(workdir)
    shutil.copytree(example, workdir, ignore=shutil.ignore_patterns(".agentmend", "__pycache__"))
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Lumen team",
        "GIT_AUTHOR_EMAIL": "support-eng@lumen.example",
        "GIT_COMMITTER_NAME": "Lumen team",
        "GIT_COMMITTER_EMAIL": "support-eng@lumen.example",
    }
    for args in (
        ("init", "-q", "-b", "main"),
        ("add", "-A"),
        ("commit", "-q", "-m", "Lumen Assist: prompt, tools, routing and three weeks of exports"),
    ):
        subprocess.run(["git", "-C", str(workdir), *args], check=True, env=env, capture_output=True)


def run_demo(
    workdir: Path,
    *,
    example: Path = EXAMPLE,
    model: str | None = "offline",
    out: Console,
    err: Console,
    embedder: Embedder | None = None,
) -> ProposeRun:
    """Build the demo repository, analyze it and propose; prints as it goes."""
    workdir = workdir.resolve()
    try:
        prepare(example, workdir)
    except (OSError, subprocess.CalledProcessError) as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    out.print(f"demo repository: {workdir} (branch main, one commit)", highlight=False)
    run = run_propose(workdir, model_flag=model, include_linked=False, out=out, err=err, embedder=embedder)
    branches = [o for o in run.outcomes if o.action in ("created", "updated", "unchanged")]
    out.print("", highlight=False)
    out.print(f"{len(branches)} branch(es) in {workdir}; review one with:", highlight=False)
    for o in branches:
        out.print(f"  git -C {workdir} diff main {o.branch}", highlight=False, markup=False)
    out.print(
        f"change texts (the pull-request bodies, kept outside the work tree): "
        f"{LocalGitForge(workdir).changes_dir}",
        highlight=False,
    )
    return run


def demo_command(
    workdir: Annotated[
        Path, typer.Option("--workdir", help="Where to build the demo repository (recreated each time).")
    ] = DEFAULT_WORKDIR,
    example: Annotated[Path, typer.Option("--example", help="The example to copy.")] = EXAMPLE,
    model: ModelFlag = "offline",
) -> None:
    """Analyze the bundled support-agent example and propose one branch per failure cause."""
    run_demo(
        workdir,
        example=example,
        model=model,
        out=Console(soft_wrap=True),
        err=Console(stderr=True, soft_wrap=True),
    )


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)
