"""Handlers that analyze a repository and publish proposals: installs, pushes, and closed agentmend PRs."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from agentmend import markdown as md
from agentmend.app.ownership import judge
from agentmend.app.routing import Router
from agentmend.app.webhooks import Event
from agentmend.conversations.selection import export_index
from agentmend.fixes.branches import BRANCH_PREFIX
from agentmend.forges.base import Change, PullRequestForge
from agentmend.forges.pull_request import change_of_pull
from agentmend.loop import watch as watching
from agentmend.repo_config import CONFIG_PATH, ConfigError, RepoConfig, parse_config
from agentmend.store import changes, installations, watches

if TYPE_CHECKING:
    from agentmend.app.context import AppContext
    from agentmend.loop.propose import ProposalOutcome

log = logging.getLogger(__name__)
router = Router()
CONFIG_ERROR_CHECK = "agentmend config"


def load_repo_config(forge: PullRequestForge) -> RepoConfig | None:
    """The repo's config at the default head; None (quietly) when the repo has none.

    An invalid config is reported as a failed check run on the head commit, where the maintainer sees it.
    """
    data = forge.read_file(CONFIG_PATH)
    if data is None:
        return None
    try:
        return parse_config(data.decode("utf-8"), source=f"{forge.repo_key}:{CONFIG_PATH}")
    except (ConfigError, UnicodeDecodeError) as exc:
        summary = md.fenced(str(exc), "text")  # the repo's own words may be quoted back: shown as text
        forge.set_check(
            forge.head_sha(), CONFIG_ERROR_CHECK, "Invalid .github/agentmend.yml", summary, "failure"
        )
        log.warning("%s: %s", forge.repo_key, exc)
        return None


def touched_paths(payload: Mapping[str, Any]) -> set[str] | None:
    """Paths a push changed per its `commits` list; None when GitHub left them out (then assume all)."""
    commits = payload.get("commits")
    if not isinstance(commits, list) or not commits or len(commits) >= 20:
        return None  # GitHub lists at most 20 commits per push event; a longer push may hide paths
    paths: set[str] = set()
    for commit in commits:
        if not isinstance(commit, Mapping):
            return None
        for key in ("added", "modified", "removed"):
            files = commit.get(key)
            if not isinstance(files, list):
                return None
            paths.update(str(p) for p in files)
    return paths


def push_touches(payload: Mapping[str, Any], config_globs: Iterable[str]) -> bool:
    """Whether a push changed the config or a file the analysis would read (the same glob rule)."""
    paths = touched_paths(payload)
    if paths is None:
        return True
    globs = [CONFIG_PATH, *config_globs]
    return any(export_index(p, globs) is not None for p in paths)


def analyze_and_propose(
    ctx: AppContext,
    forge: PullRequestForge,
    config: RepoConfig,
    *,
    force: bool = False,
) -> list[ProposalOutcome] | None:
    """Analyze the default head and open/update PRs; None when this head was already done (idempotent)."""
    from agentmend.loop.propose import ProposalRun, analyze_forge_with_texts, propose_changes

    head = forge.head_sha()
    if not force and installations.last_analyzed(ctx.engine, forge.repo_key) == head:
        log.info("%s: head %s already analyzed; nothing to do", forge.repo_key, head[:7])
        return None
    model = ctx.model(config)
    # the guard needs the failed conversations' own texts to catch user text copied into instructions
    analysis = analyze_forge_with_texts(forge, config, engine=ctx.engine, embedder=ctx.embedder, model=model)
    report = analysis.report
    outcomes = propose_changes(ProposalRun(forge, config, ctx.engine, model), analysis)
    for o in outcomes:
        log.info("%s: %s %s (%s)", forge.repo_key, o.action, o.branch, o.reason or o.change_url)
    _close_superseded(forge, {c.id for c in report.clusters}, ctx)
    _evaluate_watches(ctx, forge, config)
    installations.mark_analyzed(ctx.engine, forge.repo_key, forge.installation_id, head)
    return outcomes


def _close_superseded(forge: PullRequestForge, live_causes: set[str], ctx: AppContext) -> None:
    """Close open agentmend PRs whose cause the latest analysis no longer finds."""
    for change in forge.find_changes("open"):
        row = changes.find(ctx.engine, forge.repo_key, branch=change.branch)
        if row is None or row.cause_id in live_causes:
            continue  # not a proposal we recorded (a revert, or state lost): leave it to humans
        cause = row.cause_id
        forge.close(
            change,
            "Closing: the latest analysis of the exports no longer finds this failure cause "
            "(it was fixed, merged into another cause, or fell below the thresholds). "
            "agentmend will open a new PR if it comes back.",
        )
        changes.save(
            ctx.engine, forge.repo_key, change.branch, cause_id=cause, number=change.number, state="closed"
        )


def _evaluate_watches(ctx: AppContext, forge: PullRequestForge, config: RepoConfig) -> None:
    watching.evaluate_watches(forge, config, engine=ctx.engine, embedder=ctx.embedder)


def evaluate_all_watches(ctx: AppContext) -> int:
    """Periodic: evaluate the open watches of every installed repo (new exports may have arrived)."""
    done = 0
    watched = watches.repos_watching(ctx.engine)
    for repo, installation_id in installations.active_repos(ctx.engine):
        if repo not in watched:
            continue  # nothing to evaluate: no GitHub call
        forge = ctx.forge(installation_id, repo)
        config = load_repo_config(forge)
        if config is not None:
            watching.evaluate_watches(forge, config, engine=ctx.engine, embedder=ctx.embedder)
            done += 1
    return done


def _repos(payload: Mapping[str, Any], key: str) -> list[str]:
    return [
        str(r["full_name"]) for r in payload.get(key) or [] if isinstance(r, Mapping) and r.get("full_name")
    ]


def _first_analysis(ctx: AppContext, installation_id: int, repos: list[str]) -> None:
    """Analyze each repo; one repo's failure does not stop the others (the retry skips those done)."""
    failures: list[Exception] = []
    for full_name in repos:
        installations.remember_repo(ctx.engine, full_name, installation_id)
        try:
            forge = ctx.forge(installation_id, full_name)
            config = load_repo_config(forge)
            if config is None:
                log.info("%s: no valid %s; nothing to do until one is pushed", full_name, CONFIG_PATH)
                continue
            analyze_and_propose(ctx, forge, config)
        except Exception as exc:  # logged here, re-raised below so the job is retried
            log.exception("%s: first analysis failed", full_name)
            failures.append(exc)
    if failures:
        raise failures[0]


@router.register("installation", action="created")
@router.register("installation", action="unsuspend")
def on_installation(event: Event, ctx: AppContext) -> None:
    if event.installation_id is not None:
        _first_analysis(ctx, event.installation_id, _repos(event.payload, "repositories"))


@router.register("installation", action="deleted")
@router.register("installation", action="suspend")
def on_uninstall(event: Event, ctx: AppContext) -> None:
    if event.installation_id is not None:
        installations.forget_installation(ctx.engine, event.installation_id)


@router.register("installation_repositories", action="added")
def on_repositories_added(event: Event, ctx: AppContext) -> None:
    if event.installation_id is not None:
        _first_analysis(ctx, event.installation_id, _repos(event.payload, "repositories_added"))


@router.register("installation_repositories", action="removed")
def on_repositories_removed(event: Event, ctx: AppContext) -> None:
    if event.installation_id is None:
        return
    for full_name in _repos(event.payload, "repositories_removed"):
        installations.remember_repo(ctx.engine, full_name, event.installation_id, active=False)


@router.register("push")
def on_push(event: Event, ctx: AppContext) -> None:
    """A push to the default branch that touches the exports or the config triggers an analysis."""
    p = event.payload
    repo = p.get("repository") or {}
    default = repo.get("default_branch") or repo.get("master_branch")
    if event.installation_id is None or not event.repo_full_name or p.get("deleted"):
        return
    if default and p.get("ref") != f"refs/heads/{default}":
        return
    forge = ctx.forge(event.installation_id, event.repo_full_name)
    if not default and p.get("ref") != f"refs/heads/{forge.default_branch}":
        return
    installations.remember_repo(ctx.engine, event.repo_full_name, event.installation_id)
    config = load_repo_config(forge)
    if config is None:
        return
    globs = [e.path for e in config.exports if e.path]
    if not push_touches(p, globs):
        log.info("%s: push %s touches no export or config; skipped", forge.repo_key, str(p.get("after"))[:7])
        return
    analyze_and_propose(ctx, forge, config)


@router.register("pull_request", action="closed")
def on_pull_request_closed(event: Event, ctx: AppContext) -> None:
    """Merged: record it and start the metric watch. Closed unmerged: cool the cause down."""
    pr = event.payload.get("pull_request") or {}
    branch = str((pr.get("head") or {}).get("ref") or "")
    if not branch.startswith(BRANCH_PREFIX) or event.installation_id is None or not event.repo_full_name:
        return
    repo = event.repo_full_name
    row = changes.find(ctx.engine, repo, branch=branch)
    verdict = judge(pr, repo, ctx.identity, row)
    if verdict.kind == "not_ours" or row is None:  # a fork's or a person's PR with a copied branch/marker
        log.info("%s#%s: not agentmend's change (%s); ignored", repo, pr.get("number"), verdict.reason)
        return
    if verdict.kind == "pushed_by_someone_else":
        # only people with write access can push to this repo's branch and merge or close the PR: their
        # decision on agentmend's PR is recorded, and the watch judges what was merged
        log.info("%s#%s: %s; recording the close anyway", repo, pr.get("number"), verdict.reason)
    forge = ctx.forge(event.installation_id, repo)
    change = change_of_pull(pr)
    merged = change.state == "merged"
    cause = row.cause_id
    if not merged:
        if row.state == "ignored":
            return  # closed by `ignore`, already suppressed for good
        changes.cool_down(ctx.engine, repo, cause)
        changes.save(ctx.engine, repo, branch, cause_id=cause, number=change.number, state="closed")
        return
    record_merge(ctx, forge, replace(change, merged_at=change.merged_at or datetime.now(UTC)), cause)


def record_merge(
    ctx: AppContext,
    forge: PullRequestForge,
    change: Change,
    cause: str,
    config: RepoConfig | None = None,
) -> None:
    """Remember the merge (and the cause's numbers, so it is not proposed again), then start the watch.

    Shared by a human merge (the `pull_request` event) and agentmend's own automerge.
    """
    repo = forge.repo_key
    changes.save(
        ctx.engine,
        repo,
        change.branch,
        cause_id=cause,
        number=change.number,
        state="merged",
        merge_sha=change.merge_sha,
        merged_by=change.merged_by,
        merged_at=change.merged_at,
    )
    changes.cool_down(ctx.engine, repo, cause, kind="merged")
    config = config or load_repo_config(forge)
    if config is not None:
        watching.start_watch(
            forge,
            change,
            config,
            engine=ctx.engine,
            embedder=ctx.embedder,
        )
