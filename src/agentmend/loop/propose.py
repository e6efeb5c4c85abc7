"""The loop both faces run (CLI and GitHub App): analyze a repository through its Forge, then propose.

Everything here talks to a Forge and a Model through their protocols; it knows nothing about GitHub.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Literal

from sqlalchemy import Engine

from agentmend import markers
from agentmend.analysis.judge import judge_of
from agentmend.analysis.records import AnalysisReport, FailureCluster
from agentmend.conversations.injection import injection_suspects
from agentmend.conversations.model import Conversation
from agentmend.conversations.redact import redactor
from agentmend.fixes import change_text
from agentmend.fixes.branches import branch_for
from agentmend.fixes.guard import NO_CONVERSATION_WORDING, classify
from agentmend.fixes.patch import EditRejected, apply_edits
from agentmend.fixes.records import Draft
from agentmend.fixes.select import select_causes
from agentmend.forges.base import Forge, NotARegularFile, read_regular
from agentmend.models.base import Model, ModelError, ProposalRequest, TargetFile
from agentmend.repo_config import RepoConfig, RiskClass
from agentmend.store import changes
from agentmend.token_usage import TokenUsage
from agentmend.watch.replay import ReplayPool, pool_from, replay
from agentmend.watch.replay import markdown as replay_markdown

if TYPE_CHECKING:
    from agentmend.analysis.embed import Embedder
    from agentmend.analysis.pipeline import Progress

Action = Literal["created", "updated", "unchanged", "skipped", "failed"]
MAX_EXAMPLES = 3


@dataclass(frozen=True)
class ProposalOutcome:
    """What happened to one cause in one `propose` run."""

    cause_id: str
    label: str
    branch: str
    action: Action
    reason: str | None = None  # why skipped or failed
    risk: RiskClass | None = None
    risk_reasons: tuple[str, ...] = ()
    diff_stat: str = ""
    change_url: str | None = None
    head_sha: str | None = None
    model_path: str | None = None
    usage: TokenUsage = field(default_factory=TokenUsage)


@dataclass(frozen=True)
class ForgeAnalysis:
    """A report plus what a proposal needs of its failed conversations, computed once per job: their user
    messages (for the guard's copied-text check), the tools that failed in them, the replay pool."""

    report: AnalysisReport
    user_texts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    failed_tools: dict[str, tuple[str, ...]] = field(default_factory=dict)  # tool names, per conversation
    replay_pool: ReplayPool | None = None  # conversations a proposal is replayed on before it opens

    def user_texts_of(self, cluster: FailureCluster) -> list[str]:
        return [text for cid in cluster.member_ids for text in self.user_texts.get(cid, ())]

    def failing_tools_of(self, cluster: FailureCluster) -> tuple[tuple[str, int], ...]:
        """The tools whose calls returned an error in the cause's conversations, most often first."""
        counts = Counter(name for cid in cluster.member_ids for name in self.failed_tools.get(cid, ()))
        return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass(frozen=True)
class ProposalRun:
    """What every proposal of one run is made with and written to; a reviewer's steer, when one asked."""

    forge: Forge
    config: RepoConfig
    engine: Engine
    model: Model
    guidance: str | None = None
    requested_by: str | None = None


def failed_tool_names(conversation: Conversation) -> tuple[str, ...]:
    names = {call.id: call.name for turn in conversation.turns for call in turn.tool_calls}
    return tuple(
        names.get(t.tool_call_id or "", "unknown tool")
        for t in conversation.turns
        if t.role == "tool" and t.is_error
    )


def analyze_forge_with_texts(
    forge: Forge,
    config: RepoConfig,
    *,
    engine: Engine,
    embedder: Embedder,
    model: Model | None,
    strict: bool = False,
    progress: Progress | None = None,
    include_linked: bool = True,
) -> ForgeAnalysis:
    """Read the exports once; keep the failed conversations' user messages for the proposals."""
    from agentmend.analysis.detection import read_targets
    from agentmend.analysis.pipeline import analyze_conversations, read
    from agentmend.conversations.sources import files_in_forge
    from agentmend.store.analysis_memory import sql_memory
    from agentmend.web.fetch import Fetcher

    started = datetime.now(UTC)
    files = files_in_forge(forge, config, linked=Fetcher() if include_linked else None)
    conversations, malformed = read(files, strict, progress or (lambda step, done, total: None))
    report = analyze_conversations(
        conversations,
        config,
        memory=sql_memory(engine),
        repo_key=forge.repo_key,
        embedder=embedder,
        model=model,
        malformed=malformed,
        files=tuple(f.name for f in files),
        progress=progress,
        started=started,
        targets=read_targets(config, partial(read_regular, forge)),
    )
    failed = {cid for c in report.clusters for cid in c.member_ids}
    members = [c for c in conversations if c.id in failed]
    rows = ((r.id, r.failed, r.failing_turn, r.intent_id, r.cluster_id) for r in report.conversations)
    return ForgeAnalysis(
        report,
        user_texts={c.id: tuple(t.text for t in c.user_turns) for c in members},
        failed_tools={c.id: tools for c in members if (tools := failed_tool_names(c))},
        replay_pool=pool_from(conversations, rows, config.watch.replay_conversations),
    )


def _examples(cluster: FailureCluster, config: RepoConfig) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Redacted, injection-free examples, and notes on what was withheld and why."""
    min_users = config.privacy.min_unique_users
    if cluster.unique_users < min_users:
        return (), (
            f"Examples withheld: this cause was seen from {cluster.unique_users} distinct users, fewer than "
            f"privacy.min_unique_users = {min_users}.",
        )
    redact = redactor(config)
    kept: list[str] = []
    dropped = 0
    for ex in cluster.examples:
        clean = redact(ex)
        if injection_suspects(clean):
            dropped += 1
        else:
            kept.append(clean)
    notes = (
        (
            f"{dropped} example(s) left out: they read like prompt-injection attempts and are never shown "
            "to a model.",
        )
        if dropped
        else ()
    )
    return tuple(kept[:MAX_EXAMPLES]), notes


def missing_targets(forge: Forge, config: RepoConfig) -> list[str]:
    """Declared targets that are not on the default branch (said to the user, never silently dropped).

    A symlinked target is not "missing": it is refused, per cause, by `_targets`.
    """

    def missing(path: str) -> bool:
        try:
            return forge.read_file(path) is None
        except NotARegularFile:
            return False

    return [t.path for t in config.targets if missing(t.path)]


def _targets(forge: Forge, config: RepoConfig) -> tuple[TargetFile, ...]:
    found = []
    for i, t in enumerate(config.targets):
        try:
            data = forge.read_file(t.path)
        except NotARegularFile as exc:
            raise EditRejected(t.path, f"targets.{i}.path: {exc}; refused") from exc
        if data is None:
            continue
        try:
            found.append(TargetFile(path=t.path, kind=t.kind, text=data.decode("utf-8")))
        except UnicodeDecodeError as exc:
            raise EditRejected(t.path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    return tuple(found)


def _evidence_key(
    cluster: FailureCluster, targets: tuple[TargetFile, ...], model: Model, guidance: str | None, base: str
) -> str:
    """Fingerprint of everything a proposal is made from: equal means the open change is still right."""
    payload = {
        "cause": [
            cluster.id,
            cluster.size,
            cluster.member_ids,
            cluster.signals,
            cluster.lift,
            cluster.drop_off,
        ],
        "targets": [(t.path, t.text) for t in targets],
        "model": model.path,
        "guidance": guidance,
        "base": base,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _record(
    engine: Engine,
    repo: str,
    cluster: FailureCluster,
    outcome: ProposalOutcome,
    run_id: str,
    number: int | None,
    foreign: bool = False,
) -> None:
    """Remember the change; a branch someone else pushed to keeps the head and risk agentmend last wrote
    (the app trusts only the head it recorded pushing)."""
    changes.save(
        engine,
        repo,
        outcome.branch,
        cause_id=cluster.id,
        state="open",
        number=number,
        risk=None if foreign else (outcome.risk or "high"),
        head_sha=None if foreign else outcome.head_sha,
        run_id=run_id,
    )


def propose_one(run: ProposalRun, analysis: ForgeAnalysis, cluster: FailureCluster) -> ProposalOutcome:
    """One cause from evidence to a published change; raises EditRejected/ModelError on a bad proposal."""
    forge, config, model, report = run.forge, run.config, run.model, analysis.report
    guidance, requested_by = run.guidance, run.requested_by
    branch = branch_for(cluster)
    label = change_text.label_of(cluster)
    targets = _targets(forge, config)
    if not targets:
        return ProposalOutcome(
            cluster.id, label, branch, "skipped", "no declared target exists in the repository"
        )
    base = forge.head_sha()
    existing = forge.get_change(branch)
    existing = existing if existing is not None and existing.state == "open" else None
    asked = guidance is not None or requested_by is not None
    if not asked and existing is not None:
        # a reviewer's earlier `regenerate` steer stays with the change until someone changes it
        guidance, requested_by = markers.read_steer(existing.body)
    evidence = _evidence_key(cluster, targets, model, guidance, base)
    if not asked and existing is not None and markers.has_evidence(existing.body, evidence):
        return ProposalOutcome(
            cluster.id,
            label,
            branch,
            "unchanged",
            "same evidence as the open change",
            change_url=existing.url,
            head_sha=existing.head_sha,
            model_path=model.path,
        )
    examples, withheld = _examples(cluster, config)
    request = ProposalRequest(
        cause_id=cluster.id,
        diagnosis=change_text.diagnosis(cluster),
        keywords=cluster.keywords,
        signals=tuple(name for name, _ in cluster.signals),
        examples=examples,
        targets=targets,
        guidance=guidance,
        failing_tools=analysis.failing_tools_of(cluster),
    )
    draft: Draft = model.propose(request)
    allowed = {t.path for t in targets}
    old = {t.path: t.text for t in targets}
    patch = apply_edits(old, draft.edits, allowed)
    if not patch.new_texts:
        return ProposalOutcome(
            cluster.id,
            label,
            branch,
            "skipped",
            f"the model proposed no change: {draft.rationale}",
            model_path=draft.model_path,
            usage=draft.usage,
        )
    risk, reasons = classify(
        draft.edits,
        patch.diff,
        {t.path: t.kind for t in targets},
        [*cluster.examples, *analysis.user_texts_of(cluster)],
        old_texts=old,
        new_texts=patch.new_texts,
    )
    replayed = replay(
        model, judge_of(model), analysis.replay_pool, cause_id=cluster.id, intent_id=cluster.intent_id,
        current=[(t.path, t.kind, t.text) for t in targets],
        proposed=[(t.path, t.kind, patch.new_texts.get(t.path, t.text)) for t in targets],
        sample=config.watch.replay_conversations, max_worse=config.watch.replay_max_worse,
    )  # fmt: skip
    if replayed.blocks:
        return ProposalOutcome(
            cluster.id, label, branch, "skipped",
            f"{replayed.headline()}: a proposal that makes healthy conversations worse is not opened "
            f"(`watch.replay_max_worse: {config.watch.replay_max_worse}`)",
            risk, reasons, patch.stat, model_path=draft.model_path, usage=draft.usage,
        )  # fmt: skip
    redact = redactor(config)  # the model's own words may echo what it read
    shown = replace(draft, rationale=redact(draft.rationale), expected_effect=redact(draft.expected_effect))
    ctx = change_text.ChangeContext(
        cluster=cluster,
        report=report,
        config=config,
        draft=shown,
        diff=patch.diff,
        diff_stat=patch.stat,
        risk=risk,
        risk_reasons=reasons,
        examples=examples,
        withheld=withheld,
        guidance=guidance,
        requested_by=requested_by,
        failing_tools=request.failing_tools,
        replay=replay_markdown(replayed),
    )
    free = NO_CONVERSATION_WORDING in reasons  # the guard's verdict, for automerge (watch/automerge.py)
    trailer = [markers.evidence(evidence), markers.wording(free), markers.steer(guidance, requested_by)]
    body = "\n".join([change_text.body(ctx).rstrip("\n"), *filter(None, trailer)]) + "\n"
    result = forge.open_or_update_change(branch, patch.new_texts, change_text.title(cluster), body)
    outcome = ProposalOutcome(
        cluster.id,
        label,
        branch,
        result.action,
        "someone else pushed to this branch; left as it is" if result.foreign else None,
        risk,
        reasons,
        patch.stat,
        result.change.url,
        result.change.head_sha,
        draft.model_path,
        draft.usage,
    )
    _record(run.engine, forge.repo_key, cluster, outcome, report.run.id, result.change.number, result.foreign)
    return outcome


def note_rejections(forge: Forge, report: AnalysisReport, engine: Engine) -> list[str]:
    """Changes we recorded as open that were closed without merge count as rejections: cool their cause.
    Those merged since are remembered as merged, so their cause is not proposed again on the old evidence.

    The GitHub App learns this from `pull_request` events; locally, deleting a branch is the only sign of
    a rejection, and the branch being merged into the default branch the sign of a merge.
    Returns the cause ids that started cooling down (rejected or merged).
    """
    cooled: list[str] = []
    cooldowns = changes.history(engine, forge.repo_key).cooldowns
    for row in changes.open_changes(engine, forge.repo_key):
        change = forge.get_change(row.branch)
        if change is not None and change.state == "open":
            continue
        merged = change is not None and change.state == "merged"
        changes.save(
            engine,
            forge.repo_key,
            row.branch,
            cause_id=row.cause_id,
            state="merged" if merged else "closed",
            merge_sha=change.merge_sha if merged and change is not None else None,
            merged_by=change.merged_by if merged and change is not None else None,
        )
        existing = cooldowns.get(row.cause_id)
        cluster = report.cluster(row.cause_id)
        if cluster is None or (existing is not None and (existing.permanent or not merged)):
            continue
        # a merge replaces an earlier rejection: these are the numbers the fix is judged against
        kind = "merged" if merged else "rejected"
        numbers = (cluster.size, cluster.failure_rate)
        changes.cool_down(engine, forge.repo_key, row.cause_id, kind=kind, numbers=numbers)
        cooled.append(row.cause_id)
    return cooled


def propose_changes(
    run: ProposalRun, analysis: ForgeAnalysis, *, only_cause: str | None = None
) -> list[ProposalOutcome]:
    """Select causes, then propose each; a bad proposal for one cause is reported and the others go on."""
    forge, report, engine = run.forge, analysis.report, run.engine
    note_rejections(forge, report, engine)
    open_branches = [c.branch for c in forge.find_changes("open")]
    outcomes: list[ProposalOutcome] = []
    selections = select_causes(
        report,
        run.config,
        history=changes.history(engine, forge.repo_key),
        open_branches=open_branches,
        only_cause=only_cause,
    )
    for sel in selections:
        c = sel.cluster
        if not sel.selected:
            outcomes.append(
                ProposalOutcome(c.id, change_text.label_of(c), branch_for(c), "skipped", sel.skip_reason)
            )
            continue
        try:
            outcomes.append(propose_one(run, analysis, c))
        except (EditRejected, ModelError) as exc:
            outcomes.append(
                ProposalOutcome(
                    c.id,
                    change_text.label_of(c),
                    branch_for(c),
                    "failed",
                    f"{type(exc).__name__}: {exc}",
                    model_path=run.model.path,
                )
            )
    return outcomes


__all__ = [
    "ProposalOutcome",
    "ProposalRun",
    "ForgeAnalysis",
    "analyze_forge_with_texts",
    "propose_changes",
    "propose_one",
    "note_rejections",
    "missing_targets",
]
