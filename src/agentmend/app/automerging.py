"""Maturity level 3 in the app: when a PR's checks complete, merge an allowed low-risk agentmend change.

The policy is `watch.automerge`; this module only finds the changes a `check_suite` is about, asks it, and
records a merge exactly as a human merge is recorded (baseline frozen, watch started). A repository without
CI gets no `check_suite` event, so it never automerges.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from agentmend import markdown as md
from agentmend.app.commands import STATUS_KEY
from agentmend.app.ownership import judge
from agentmend.app.proposals import load_repo_config, record_merge
from agentmend.app.routing import Router
from agentmend.app.webhooks import Event
from agentmend.forges.base import Change, ForgeError, PullRequestForge
from agentmend.repo_config import RiskClass
from agentmend.store import changes
from agentmend.watch.automerge import automerge

if TYPE_CHECKING:
    from agentmend.app.context import AppContext

log = logging.getLogger(__name__)
router = Router()
RISKS: tuple[RiskClass, ...] = ("low", "medium", "high")


def suite_pulls(forge: PullRequestForge, suite: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The open PRs whose head is the suite's commit, as GitHub answers them (author and head repo included).

    GitHub leaves `pull_requests` empty or out in some deliveries (forks, older GHES): then the open PRs
    the app opened here are matched by head sha.
    """
    head_sha = str(suite.get("head_sha") or "")
    listed = suite.get("pull_requests")
    if isinstance(listed, list) and listed:
        numbers = [int(p["number"]) for p in listed if isinstance(p, Mapping) and p.get("number") is not None]
        pulls = [pr for n in numbers if (pr := forge.pull(n)) is not None]
    else:
        pulls = forge.open_pulls()
    return [p for p in pulls if p.get("state") == "open" and (p.get("head") or {}).get("sha") == head_sha]


def _say(ctx: AppContext, forge: PullRequestForge, change: Change, text: str) -> None:
    assert change.number is not None
    comment_id = forge.upsert_comment_on(change.number, STATUS_KEY, f"**agentmend** · automerge\n\n{text}")
    changes.set_status_comment(ctx.engine, forge.repo_key, change.branch, comment_id)


@router.register("check_suite", action="completed")
def on_check_suite_completed(event: Event, ctx: AppContext) -> None:
    """Checks finished on an agentmend PR's head: merge it when the policy allows, say why either way."""
    suite = event.payload.get("check_suite") or {}
    if event.installation_id is None or not event.repo_full_name or not suite.get("head_sha"):
        return
    if str((suite.get("app") or {}).get("id") or "") == str(ctx.settings.app_id or ""):
        return  # our own config/watch check runs say nothing about the PR's CI
    forge = ctx.forge(event.installation_id, event.repo_full_name)
    judged = []
    for pr in suite_pulls(forge, suite):
        branch = str((pr.get("head") or {}).get("ref") or "")
        verdict = judge(
            pr, forge.repo_key, ctx.identity, changes.find(ctx.engine, forge.repo_key, branch=branch)
        )
        if verdict.kind != "not_ours":  # someone else's PR: not ours to merge or to comment on
            judged.append((forge.change_of(pr), verdict))
    if not judged:
        return
    config = load_repo_config(forge)
    if config is None:
        return
    conclusion = str(suite.get("conclusion") or "unknown")
    checker = str((suite.get("app") or {}).get("name") or "CI")
    for change, verdict in judged:
        row = verdict.row
        if not verdict.ours or row is None:  # only the exact commit agentmend pushed may be merged
            log.info("%s#%s: automerge refused (%s)", forge.repo_key, change.number, verdict.reason)
            _say(ctx, forge, change, f"Not merged automatically: {verdict.reason}. agentmend merges only "
                 "the commit it pushed; a person decides on this one.")  # fmt: skip
            continue
        risk: RiskClass = next((r for r in RISKS if r == row.risk), "high")
        try:
            merge_sha, reason = automerge(forge, change, config, risk, checks_passed=conclusion == "success")
        except ForgeError as exc:  # branch protection, a conflict, a head that moved: a human merges
            merge_sha, reason = None, f"GitHub refused the merge: {md.line(str(exc))}"
        log.info("%s#%s: automerge %s (%s)", forge.repo_key, change.number, bool(merge_sha), reason)
        if merge_sha is None:
            _say(ctx, forge, change, f"Not merged automatically ({checker}: `{conclusion}`): {reason}.")
            continue
        merged = replace(change, state="merged", merge_sha=merge_sha, merged_by=ctx.identity.login,
                         merged_at=datetime.now(UTC))  # fmt: skip
        _say(
            ctx, forge, change, f"Merged automatically (`{merge_sha[:7]}`) after {checker} passed: {reason}."
        )
        record_merge(ctx, forge, merged, row.cause_id, config)
