"""`agentmend analyze PATH`: read every export, find failure causes and intents, write the reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

MALFORMED_SHOWN = 5


def _progress_sink(progress: Progress) -> object:
    tasks: dict[str, TaskID] = {}

    def sink(step: str, done: int, total: int | None) -> None:
        if step not in tasks:
            tasks[step] = progress.add_task(step, total=total)
        progress.update(tasks[step], completed=done, total=total)

    return sink


def analyze_command(
    path: Annotated[Path, typer.Argument(help="A repository or folder with .github/agentmend.yml.")],
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the JSON report here.")] = None,
    markdown_out: Annotated[
        Path | None, typer.Option("--markdown", help="Write the Markdown report here.")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on the first malformed record.")] = False,
    db: Annotated[
        str | None, typer.Option("--db", help="State database URL (default: SQLite in the state dir).")
    ] = None,
    no_links: Annotated[bool, typer.Option("--no-links", help="Skip `url:` exports (no network).")] = False,
    max_malformed: Annotated[
        float | None,
        typer.Option(
            "--max-malformed",
            min=0.0,
            max=1.0,
            help="Exit 4 when more than this share of records is malformed "
            "(default: exports_policy.max_malformed_share, 0.05).",
        ),
    ] = None,
    html_out: Annotated[
        Path | None, typer.Option("--html", help="Write the report as one self-contained HTML page.")
    ] = None,
) -> None:
    """Find what users come for and why conversations fail.

    Exit codes: 0 analysed; 1 a read error (with --strict, the first malformed record); 2 a config error;
    3 nothing was read; 4 more records were malformed than the bound allows.
    """
    from datetime import UTC, datetime
    from time import perf_counter

    from agentmend.analysis.embed import default_embedder
    from agentmend.analysis.pipeline import analyze_conversations, read
    from agentmend.analysis.report import summary_table, to_json, to_markdown
    from agentmend.analysis.report_html import to_html
    from agentmend.conversations.read_summary import judge
    from agentmend.conversations.sources import files_in_dir, linked_files
    from agentmend.repo_config import ConfigError, load_config
    from agentmend.store.analysis_memory import sql_memory
    from agentmend.store.db import default_url, open_engine
    from agentmend.web.fetch import Fetcher

    console = Console(stderr=True)
    out = Console()
    try:
        config = load_config(path)
    except ConfigError as exc:
        console.print("[red]config error[/red]")
        console.print(str(exc), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc
    files = files_in_dir(path, config)
    if not no_links:
        files.extend(linked_files(config, Fetcher()))
    columns = (TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    started, t0 = datetime.now(UTC), perf_counter()
    try:
        with Progress(*columns, console=console, transient=False) as progress:
            sink = _progress_sink(progress)
            conversations, malformed = read(files, strict, sink)  # type: ignore[arg-type]
    except ValueError as exc:  # strict mode and reader errors name file:line
        console.print(f"error: {exc}", style="red", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from exc
    bound = config.exports_policy.max_malformed_share if max_malformed is None else max_malformed
    verdict = judge(len(files), len(conversations), malformed, bound)
    out.print(verdict.summary, highlight=False, markup=False, soft_wrap=True)
    if verdict.exit_code:
        for m in malformed[:MALFORMED_SHOWN]:
            console.print(f"  {m}", highlight=False, markup=False, soft_wrap=True)
        console.print(f"error: {verdict.problem}", style="red", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(verdict.exit_code)
    engine = open_engine(db or default_url(path))
    with console.status("loading the embedding model"):
        embedder = default_embedder()
    with Progress(*columns, console=console, transient=False) as progress:
        report = analyze_conversations(
            conversations,
            config,
            memory=sql_memory(engine),
            repo_key=str(path.resolve()),
            embedder=embedder,
            malformed=malformed,
            files=tuple(f.name for f in files),
            progress=_progress_sink(progress),  # type: ignore[arg-type]
            started=started,
            timings={"read": round(perf_counter() - t0, 3)},
        )

    run = report.run
    rate = run.failed / run.conversations if run.conversations else 0.0
    out.print(
        f"{run.conversations} conversations, {run.failed} failed ({rate:.1%}), "
        f"{len(report.intents)} intents, {len(report.clusters)} failure causes, "
        f"{len(report.noise_ids)} failed conversations in no cause",
        highlight=False,
    )
    out.print(summary_table(report))
    if run.malformed:
        out.print(f"{len(run.malformed)} malformed record(s) skipped:", highlight=False)
        for m in run.malformed[:MALFORMED_SHOWN]:
            out.print(f"  {m}", highlight=False, markup=False, soft_wrap=True)
        if len(run.malformed) > MALFORMED_SHOWN:
            out.print(
                f"  … and {len(run.malformed) - MALFORMED_SHOWN} more (see the JSON report)", highlight=False
            )
    if json_out is not None:
        json_out.write_text(
            json.dumps(to_json(report), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        out.print(f"wrote {json_out}", highlight=False)
    if markdown_out is not None:
        markdown_out.write_text(to_markdown(report), encoding="utf-8")
        out.print(f"wrote {markdown_out}", highlight=False)
    if html_out is not None:
        html_out.write_text(to_html(report), encoding="utf-8")
        out.print(f"wrote {html_out}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze_command)
