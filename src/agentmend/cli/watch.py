"""`agentmend watch PATH --change BRANCH|SHA`: the metric watch's verdict from a local repo's history."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

if TYPE_CHECKING:
    from agentmend.analysis.embed import Embedder
    from agentmend.forges.base import Change
    from agentmend.forges.local_git import LocalGitForge
    from agentmend.loop.watch import WatchStatus


class LocalWatchError(ValueError):
    """The change cannot be found or is not merged; the message says what was looked for."""


def _git(root: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    if proc.returncode != 0:
        raise LocalWatchError(f"git {' '.join(args)}: {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout.decode().strip()


def resolve_change(forge: LocalGitForge, ref: str) -> Change:
    """A merged agentmend change from its branch name, or from its merge commit."""
    change = forge.get_change(ref)
    if change is None:
        try:
            sha = _git(forge.root, "rev-parse", "--verify", f"{ref}^{{commit}}")
        except LocalWatchError as exc:
            raise LocalWatchError(
                f"{ref!r} is neither an agentmend branch nor a commit in {forge.root}"
            ) from exc
        change = next((c for c in forge.find_changes("merged") if c.merge_sha == sha), None)
        if change is None:
            raise LocalWatchError(f"no agentmend change was merged at {sha[:12]}")
    if change.state != "merged" or not change.merge_sha:
        raise LocalWatchError(
            f"{change.branch} is {change.state}, not merged into {forge.default_branch}; "
            "a watch starts at merge"
        )
    return change


def run_watch(
    root: Path,
    ref: str,
    *,
    engine: Any,
    embedder: Embedder,
    version: str | None = None,
    now: datetime | None = None,
) -> WatchStatus:
    """Start the watch if needed (baseline at the merge's first parent), then evaluate at HEAD."""
    from agentmend.forges.local_git import LocalGitForge
    from agentmend.loop import watch as service
    from agentmend.repo_config import load_config

    config = load_config(root)
    forge = LocalGitForge(root)
    change = resolve_change(forge, ref)
    assert change.merge_sha is not None
    started = service.start_watch(forge, change, config, engine=engine, embedder=embedder, version=version)
    evaluated = service.evaluate_watches(forge, config, engine=engine, embedder=embedder, now=now)
    return next(
        (s for s in evaluated if s.branch == change.branch and s.merge_sha == change.merge_sha), started
    )


def _json(status: WatchStatus) -> dict[str, Any]:
    b = status.baseline
    return {
        "branch": status.branch,
        "merge_sha": status.merge_sha,
        "status": status.status,
        "baseline": {
            "cause_id": b.cause_id,
            "cause_label": b.cause_label,
            "conversations": b.arm.n,
            "target_rate": b.target_rate,
            "expected_rate": b.expected_rate,
            "required_after": b.required_after,
            "version": b.version,
            "merged_at": b.merged_at.isoformat(),
        },
        "verdict": status.verdict.model_dump(mode="json", exclude={"after"}) if status.verdict else None,
        "revert_branch": status.revert.branch if status.revert else None,
    }


def watch_command(
    path: Annotated[Path, typer.Argument(help="A git repository with .github/agentmend.yml.")],
    change: Annotated[str, typer.Option("--change", help="The agentmend branch, or its merge commit sha.")],
    version: Annotated[
        str | None,
        typer.Option(
            "--version", help="The prompt version the change shipped as (default: read from targets)."
        ),
    ] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the verdict as JSON here.")] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="State database URL (default: SQLite in the state dir).")
    ] = None,
    at: Annotated[
        datetime | None, typer.Option("--at", help="Evaluate as of this time (ISO 8601, UTC; default: now).")
    ] = None,
) -> None:
    """Did a merged change help? Baseline before the merge, verdict on the exports at HEAD."""
    from agentmend.analysis.embed import default_embedder
    from agentmend.forges.local_git import GitError, LocalGitForge
    from agentmend.repo_config import ConfigError
    from agentmend.store.db import default_url, open_engine
    from agentmend.watch.baseline import WatchError

    err = Console(stderr=True)
    engine = open_engine(db or default_url(path))
    now = (at if at.tzinfo else at.replace(tzinfo=UTC)) if at else None
    try:
        resolve_change(LocalGitForge(path), change)  # fail fast, before the model loads
        with err.status("loading the embedding model"):
            embedder = default_embedder()
        with err.status("measuring conversations before and after the merge"):
            status = run_watch(path, change, engine=engine, embedder=embedder, version=version, now=now)
    except (ConfigError, GitError, LocalWatchError, WatchError) as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    typer.echo(status.comment)
    if status.revert is not None:
        typer.echo(f"Opened the revert branch {status.revert.branch} ({status.revert.url}).")
    if json_out is not None:
        json_out.write_text(json.dumps(_json(status), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        err.print(f"wrote {json_out}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("watch")(watch_command)
