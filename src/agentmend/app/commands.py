"""Comment commands on agentmend PRs: `@agentmend <cmd>` or `/agentmend <cmd>`.

Parsing is a pure function; the handler acknowledges with 👀, checks the commenter's permission, and answers
by editing one status comment on the PR instead of adding new ones.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agentmend import markdown as md
from agentmend.app.ownership import judge
from agentmend.app.proposals import load_repo_config
from agentmend.app.routing import Router
from agentmend.app.webhooks import Event
from agentmend.forges.base import Change, PullRequestForge
from agentmend.loop import watch as watching
from agentmend.repo_config import RepoConfig
from agentmend.reviewer_commands import COMMANDS, NAMES
from agentmend.store import changes

if TYPE_CHECKING:
    from agentmend.analysis.records import FailureCluster
    from agentmend.app.context import AppContext
    from agentmend.loop.propose import ForgeAnalysis

log = logging.getLogger(__name__)
router = Router()
STATUS_KEY = "status"
_INVOKE = re.compile(r"^\s*(?:@agentmend\b|/agentmend\b)\s*(?P<rest>.*)$", re.IGNORECASE)

HELP = "\n".join(
    [
        "**agentmend commands** (people with write access; one command per comment):",
        "",
        "| Command | What it does |",
        "|---|---|",
        *(f"| `@agentmend {c.usage}` | {c.help} |" for c in COMMANDS),
        "",
        "`/agentmend <command>` works too.",
    ]
)


@dataclass(frozen=True)
class Command:
    name: str  # one of reviewer_commands.NAMES
    args: str = ""
    unknown: str | None = None  # what was typed when it is not a command (answered with help)


def parse_command(body: str) -> Command | None:
    """The first `@agentmend`/`/agentmend` line outside quotes and code blocks; None when there is none."""
    in_code = False
    for line in body.splitlines():
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code or stripped.startswith(">"):
            continue
        m = _INVOKE.match(stripped)
        if m is None:
            continue
        rest = m.group("rest").strip()
        word, _, args = rest.partition(" ")
        name = word.lower().rstrip(".:,!")
        if name in NAMES:
            return Command(name=name, args=" ".join(args.split()))
        return Command(name="help", unknown=word or None)
    return None


def is_bot(user: Mapping[str, Any], bot_login: str | None = None) -> bool:
    login = str(user.get("login") or "")
    return (
        user.get("type") == "Bot" or login.endswith("[bot]") or (bot_login is not None and login == bot_login)
    )


def status_text(command: str, login: str, text: str) -> str:
    return f"**agentmend** · `{command}` asked by @{login}\n\n{text}"


@router.register("issue_comment", action="created")
def on_comment(event: Event, ctx: AppContext) -> None:
    p = event.payload
    issue = p.get("issue") or {}
    comment = p.get("comment") or {}
    user = comment.get("user") or {}
    if not issue.get("pull_request") or event.installation_id is None or not event.repo_full_name:
        return
    if is_bot(user, ctx.settings.bot_login):
        return
    command = parse_command(str(comment.get("body") or ""))
    if command is None:
        return
    if not isinstance(issue.get("number"), int):
        return
    forge = ctx.forge(event.installation_id, event.repo_full_name)
    pr = forge.pull(int(issue["number"]))
    if pr is None:
        return
    login = str(user.get("login") or "someone")
    branch = str((pr.get("head") or {}).get("ref") or "")
    verdict = judge(
        pr, forge.repo_key, ctx.identity, changes.find(ctx.engine, forge.repo_key, branch=branch)
    )
    if verdict.kind == "not_ours":  # a fork's PR, a person's, or a forged `agentmend/` branch: hands off
        log.info("%s#%s: command on a PR that is not agentmend's (%s)", forge.repo_key, pr.get("number"),
                 verdict.reason)  # fmt: skip
        forge.comment(
            int(pr["number"]),
            f"@{login}, this is not an agentmend pull request ({verdict.reason}), so agentmend does not "
            "run commands on it.",
        )
        return
    change = forge.change_of(pr)
    if comment.get("id") is not None:
        forge.react(int(comment["id"]), "eyes")
    if not forge.can_write(login):
        _answer(
            ctx,
            forge,
            change,
            command.name,
            login,
            f"Sorry @{login}, only people with write access to this repository can run agentmend commands. "
            "A maintainer can run it for you.",
        )
        return
    handler = HANDLERS[command.name]
    handler(ctx, forge, change, command, login)


def _answer(
    ctx: AppContext, forge: PullRequestForge, change: Change, command: str, login: str, text: str
) -> None:
    comment_id = forge.upsert_comment_on(_number(change), STATUS_KEY, status_text(command, login, text))
    changes.set_status_comment(ctx.engine, forge.repo_key, change.branch, comment_id)


def _number(change: Change) -> int:
    assert change.number is not None
    return change.number


def _cause(ctx: AppContext, forge: PullRequestForge, change: Change) -> str | None:
    """The cause agentmend recorded for the change; never read from the PR body, which people can edit."""
    row = changes.find(ctx.engine, forge.repo_key, branch=change.branch)
    return None if row is None else row.cause_id


def _pushed_by_someone_else(ctx: AppContext, forge: PullRequestForge, change: Change) -> str | None:
    row = changes.find(ctx.engine, forge.repo_key, branch=change.branch)
    if row is None or row.head_sha == change.head_sha:
        return None
    mine = f"`{row.head_sha[:7]}`" if row.head_sha else "none recorded"
    return f"someone else pushed to this branch (head `{change.head_sha[:7]}`, agentmend's {mine})"


def _config_or_answer(
    ctx: AppContext, forge: PullRequestForge, change: Change, command: Command, login: str
) -> RepoConfig | None:
    config = load_repo_config(forge)
    if config is None:
        _answer(
            ctx,
            forge,
            change,
            command.name,
            login,
            "I could not read a valid `.github/agentmend.yml` on the default branch; see its check run.",
        )
    return config


def _help(ctx: AppContext, forge: PullRequestForge, change: Change, command: Command, login: str) -> None:
    intro = f"{md.code(command.unknown)} is not a command I know.\n\n" if command.unknown else ""
    _answer(ctx, forge, change, command.name, login, intro + HELP)


def _analyze(ctx: AppContext, forge: PullRequestForge, config: RepoConfig) -> ForgeAnalysis:
    """The report plus the failed conversations' texts, which the guard checks proposals against."""
    from agentmend.loop.propose import analyze_forge_with_texts

    return analyze_forge_with_texts(
        forge, config, engine=ctx.engine, embedder=ctx.embedder, model=ctx.model(config)
    )


def _regenerate(
    ctx: AppContext, forge: PullRequestForge, change: Change, command: Command, login: str
) -> None:
    from agentmend.loop.propose import ProposalRun, propose_changes

    if change.state != "open":
        _answer(
            ctx, forge, change, command.name, login, "This PR is not open; there is nothing to regenerate."
        )
        return
    cause = _cause(ctx, forge, change)
    config = _config_or_answer(ctx, forge, change, command, login)
    if config is None or cause is None:
        return
    foreign = _pushed_by_someone_else(ctx, forge, change)
    note = f"Note: {foreign}; the new proposal replaces those commits.\n\n" if foreign else ""
    _answer(ctx, forge, change, command.name, login, note + "⏳ Writing a new proposal for this cause…")
    analysis = _analyze(ctx, forge, config)
    report = analysis.report
    if report.cluster(cause) is None:
        _answer(
            ctx,
            forge,
            change,
            command.name,
            login,
            "The latest analysis no longer finds this failure cause, so there is nothing to regenerate.",
        )
        return
    forge.allow_overwrite = True  # a writer asked: replace the branch even if someone edited it
    run = ProposalRun(forge, config, ctx.engine, ctx.model(config), command.args or None, login)
    outcomes = propose_changes(run, analysis, only_cause=cause)
    mine = [o for o in outcomes if o.cause_id == cause]
    if not mine or mine[0].action in ("skipped", "failed"):
        reason = (mine[0].reason if mine else None) or "the cause was not selected"
        _answer(
            ctx, forge, change, command.name, login, f"I could not write a new proposal: {md.text(reason)}"
        )
        return
    o = mine[0]
    guided = f" following “{md.line(command.args)}”" if command.args else ""
    what = {
        "unchanged": "came out identical to the current one",
        "updated": "is pushed",
        "created": "is pushed",
    }
    sha = f" (`{o.head_sha[:7]}`)" if o.head_sha else ""
    _answer(
        ctx,
        forge,
        change,
        command.name,
        login,
        note
        + f"✅ A new proposal{guided} {what.get(o.action, o.action)}{sha}. Risk: **{o.risk}**. "
        + md.line(o.diff_stat),
    )


def explain_cluster(cluster: FailureCluster) -> str:
    """The full evidence for a cause as Markdown: numbers, signals, keywords, representative examples."""
    lines = [
        f"### Evidence for {md.code(cluster.slug)}",
        "",
        f"**{md.line(cluster.name or cluster.label)}**",
        "",
        "| | |",
        "|---|---|",
        f"| Failed conversations in this cause | {cluster.size} |",
        f"| Failure rate of its intent | {cluster.intent_failure_rate:.1%} |",
        f"| Overall failure rate | {cluster.overall_failure_rate:.1%} |",
        f"| Lift | {cluster.lift:.2f}× |",
        f"| Ended within 2 turns of the failing turn | {cluster.drop_off:.0%} |",
        f"| Distinct users | {cluster.unique_users} |",
        "",
        "**Signals:** " + ", ".join(f"{md.line(name)} ({n})" for name, n in cluster.signals),
        "",
        "**Keywords:** " + ", ".join(md.code(k) for k in cluster.keywords),
        "",
        "**Representative conversations:** " + ", ".join(md.code(c) for c in cluster.conversation_ids),
    ]
    if cluster.daily:
        lines += ["", "| Day | Conversations | Failed |", "|---|---|---|"]
        lines += [f"| {md.line(d.day)} | {d.conversations} | {d.failed} |" for d in cluster.daily]
    for i, example in enumerate(cluster.examples, 1):
        lines += [
            "",
            f"<details><summary>Example {i} (redacted)</summary>",
            "",
            md.fenced(example, "text"),  # a fence the example cannot close: its markup and mentions stay text
            "",
            "</details>",
        ]
    return "\n".join(lines)


def _explain(ctx: AppContext, forge: PullRequestForge, change: Change, command: Command, login: str) -> None:
    cause = _cause(ctx, forge, change)
    config = _config_or_answer(ctx, forge, change, command, login)
    if config is None or cause is None:
        return
    cluster = _analyze(ctx, forge, config).report.cluster(cause)
    if cluster is None:
        _answer(
            ctx, forge, change, command.name, login, "The latest analysis no longer finds this failure cause."
        )
        return
    _answer(ctx, forge, change, command.name, login, explain_cluster(cluster))


def _ignore(ctx: AppContext, forge: PullRequestForge, change: Change, command: Command, login: str) -> None:
    cause = _cause(ctx, forge, change)
    if cause is None:
        return
    changes.cool_down(ctx.engine, forge.repo_key, cause, permanent=True)
    changes.save(
        ctx.engine, forge.repo_key, change.branch, cause_id=cause, number=change.number, state="ignored"
    )
    if change.state == "open":
        forge.close(change)
    _answer(
        ctx,
        forge,
        change,
        command.name,
        login,
        "Closed. agentmend will not propose a fix for this failure cause again.",
    )


def _watch(ctx: AppContext, forge: PullRequestForge, change: Change, command: Command, login: str) -> None:
    _answer(ctx, forge, change, command.name, login, watching.watch_status(forge, change, engine=ctx.engine))


def _rollback(ctx: AppContext, forge: PullRequestForge, change: Change, command: Command, login: str) -> None:
    if change.state != "merged":
        _answer(ctx, forge, change, command.name, login, "Only a merged change can be rolled back.")
        return
    config = _config_or_answer(ctx, forge, change, command, login)
    if config is None:
        return
    try:
        revert = watching.rollback(forge, change, config, engine=ctx.engine, requested_by=login)
    except ValueError as exc:  # WatchError: not merged, nothing to revert
        _answer(ctx, forge, change, command.name, login, f"I could not open a revert: {md.text(str(exc))}")
        return
    url = getattr(revert, "url", None)
    _answer(ctx, forge, change, command.name, login, f"Opened a revert PR{f': {url}' if url else '.'}")


HANDLERS = {
    "help": _help,
    "regenerate": _regenerate,
    "explain": _explain,
    "ignore": _ignore,
    "watch": _watch,
    "rollback": _rollback,
}
