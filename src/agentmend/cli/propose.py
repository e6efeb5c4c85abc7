"""`agentmend propose PATH`: analyze a git working copy, then open or update one branch per failure cause."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:
    from agentmend.analysis.embed import Embedder
    from agentmend.analysis.pipeline import Progress
    from agentmend.analysis.records import AnalysisReport
    from agentmend.loop.propose import ProposalOutcome


@dataclass(frozen=True)
class ProposeRun:
    report: AnalysisReport
    outcomes: list[ProposalOutcome]
    model_path: str


ModelFlag = Annotated[
    str | None,
    typer.Option("--model", help="offline | anthropic (default: model.provider of the config)."),
]


def _progress(console: Console) -> Progress:
    last: dict[str, int] = {}

    def sink(step: str, done: int, total: int | None) -> None:
        if step not in last:
            console.print(f"  {step}…", highlight=False)
        last[step] = done

    return sink


def print_causes(report: AnalysisReport, out: Console) -> None:
    run = report.run
    rate = run.failed / run.conversations if run.conversations else 0.0
    out.print(
        f"{run.conversations} conversations, {run.failed} failed ({rate:.0%}), "
        f"{len(report.clusters)} failure causes:",
        highlight=False,
    )
    for c in sorted(report.clusters, key=lambda c: -c.size):
        signals = ", ".join(name for name, _ in c.signals[:2])
        out.print(
            f"  {c.id}  {c.name or c.label}  ({c.size} failed, lift {c.lift:.1f}, {signals})",
            highlight=False,
            markup=False,
        )


def print_outcomes(outcomes: list[ProposalOutcome], model_path: str, out: Console) -> None:
    written = [o for o in outcomes if o.action not in ("skipped", "failed")]
    out.print(f"proposals ({model_path}{' — no LLM' if model_path == 'offline' else ''}):", highlight=False)
    for o in written:
        out.print(
            f"  {o.action:<9} {o.branch}  risk {o.risk}  {o.diff_stat}\n"
            f"            change text: {o.change_url}",
            highlight=False,
            markup=False,
        )
        if o.usage.input_tokens:
            u = o.usage
            out.print(
                f"            tokens: {u.input_tokens} in, {u.output_tokens} out, "
                f"{u.cache_read_input_tokens} cached",
                highlight=False,
            )
    for o in outcomes:
        if o.action in ("skipped", "failed") and not (o.reason or "").startswith("not requested"):
            out.print(f"  {o.action:<9} {o.label}: {o.reason}", highlight=False, markup=False)
    if not written:
        out.print("  no branch written", highlight=False)
    used = [o.usage for o in outcomes if o.usage.input_tokens or o.usage.output_tokens]
    if used:
        out.print(
            f"tokens ({model_path}): {sum(u.input_tokens for u in used)} in, "
            f"{sum(u.output_tokens for u in used)} out, {sum(u.cache_read_input_tokens for u in used)} read "
            f"from cache, {sum(u.cache_creation_input_tokens for u in used)} written to cache",
            highlight=False,
        )


def run_propose(
    path: Path,
    *,
    cause: str | None = None,
    guidance: str | None = None,
    model_flag: str | None = None,
    db: str | None = None,
    include_linked: bool = True,
    out: Console,
    err: Console,
    embedder: Embedder | None = None,
) -> ProposeRun:
    """Analyze then propose; shared by `propose` and `demo`. Raises typer.Exit with a clear message."""
    from agentmend.analysis.embed import default_embedder
    from agentmend.forges.local_git import GitError, LocalGitForge
    from agentmend.loop.propose import ProposalRun, analyze_forge_with_texts, missing_targets, propose_changes
    from agentmend.models.base import ModelError
    from agentmend.models.factory import choose_model
    from agentmend.repo_config import CONFIG_PATH, ConfigError, parse_config
    from agentmend.store.db import default_url, open_engine

    try:
        forge = LocalGitForge(path)
        raw = forge.read_file(CONFIG_PATH)
        if raw is None:
            raise ConfigError(f"{path / CONFIG_PATH}: not committed on {forge.default_branch}")
        config = parse_config(raw.decode("utf-8"), source=str(path / CONFIG_PATH))
        choice = choose_model(config, model_flag)
    except (GitError, ConfigError, ModelError) as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    if choice.note:
        err.print(f"[yellow]note:[/yellow] {choice.note}", highlight=False)
    engine = open_engine(db or default_url(forge.root))
    if embedder is None:
        with err.status("loading the embedding model"):
            embedder = default_embedder()
    try:
        analysis = analyze_forge_with_texts(
            forge,
            config,
            engine=engine,
            embedder=embedder,
            model=choice.model,
            progress=_progress(err),
            include_linked=include_linked,
        )
    except (ValueError, ModelError) as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from exc
    print_causes(analysis.report, out)
    for target in missing_targets(forge, config):
        err.print(
            f"[yellow]note:[/yellow] declared target {target} is not on {forge.default_branch}; skipped"
        )
    run = ProposalRun(forge, config, engine, choice.model, guidance=guidance)
    outcomes = propose_changes(run, analysis, only_cause=cause)
    print_outcomes(outcomes, choice.model.path, out)
    return ProposeRun(analysis.report, outcomes, choice.model.path)


def propose_command(
    path: Annotated[Path, typer.Argument(help="A git working copy with .github/agentmend.yml committed.")],
    cause: Annotated[str | None, typer.Option("--cause", help="Only this cause (id or slug).")] = None,
    guidance: Annotated[
        str | None, typer.Option("--guidance", help="Reviewer guidance for the model (regenerates).")
    ] = None,
    model: ModelFlag = None,
    db: Annotated[
        str | None, typer.Option("--db", help="State database URL (default: SQLite in the state dir).")
    ] = None,
    no_links: Annotated[bool, typer.Option("--no-links", help="Skip `url:` exports (no network).")] = False,
) -> None:
    """Propose a reviewable change per failure cause, as local branches agentmend/<cause>."""
    outcomes = run_propose(
        path.resolve(),
        cause=cause,
        guidance=guidance,
        model_flag=model,
        db=db,
        include_linked=not no_links,
        out=Console(soft_wrap=True),
        err=Console(stderr=True, soft_wrap=True),
    ).outcomes
    if cause is not None and not any(o.cause_id == cause or o.branch.endswith(f"/{cause}") for o in outcomes):
        Console(stderr=True).print(f"[red]error:[/red] no cause {cause!r} in this run")
        raise typer.Exit(1)
    if any(o.action == "failed" for o in outcomes):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("propose")(propose_command)
