"""The watch as actions on a Forge: start at merge, evaluate on new exports, revert on regression.

Every entry point is idempotent: evaluating twice with no new conversations writes nothing, and a
regression opens one revert change, not one per evaluation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy import Engine

from agentmend import markdown as md
from agentmend import markers
from agentmend.analysis.embed import Embedder, VectorLookup, cached
from agentmend.analysis.memory import looking_back
from agentmend.analysis.records import AnalysisReport, Outcome
from agentmend.analysis.rule_memory import RuleMemory
from agentmend.conversations.model import Conversation
from agentmend.fixes.branches import BRANCH_PREFIX
from agentmend.forges.base import Change, Forge, read_regular
from agentmend.repo_config import RepoConfig
from agentmend.store import changes, watches
from agentmend.store.analysis_memory import sql_memory
from agentmend.store.watches import WatchRecord
from agentmend.watch import present
from agentmend.watch.attribution import concurrent_control, split
from agentmend.watch.automerge import REVERT_PREFIX
from agentmend.watch.baseline import Baseline, MergeUnderWatch, WatchError, freeze, measure_from_report
from agentmend.watch.metrics import Observation, observe, summarize
from agentmend.watch.verdict import Verdict, judge

Status = Literal["watching", "improved", "inconclusive", "regressed", "no_effect"]
COMMENT_KEY = "watch"


@dataclass(frozen=True)
class WatchStatus:
    """One watch after an action: what the reviewer now sees, and whether this call changed anything."""

    branch: str
    number: int | None
    merge_sha: str
    status: Status
    baseline: Baseline
    verdict: Verdict | None
    comment: str
    changed: bool
    revert: Change | None = None


# -- reading conversations through the forge ---------------------------------------------------------


def _request_of(conv: Conversation, outcome: Outcome) -> str:
    from agentmend.analysis.signals import failing_request

    return failing_request(conv, outcome) or conv.opening_request


def conversations_at(forge: Forge, config: RepoConfig, ref: str) -> list[Conversation]:
    """Every conversation in the exports at `ref`, plus the linked (`url:`) exports as they are now.

    Malformed records are skipped, as in analysis. Linked exports have no history; attribution keeps
    their later conversations out of the baseline.
    """
    from agentmend.conversations.readers import read_all
    from agentmend.conversations.sources import files_in_forge
    from agentmend.web.fetch import Fetcher

    files = files_in_forge(forge, config, ref=ref, linked=Fetcher())
    return [c for c in read_all(files) if isinstance(c, Conversation)]


def outcomes_of(
    conversations: Sequence[Conversation],
    config: RepoConfig,
    embedder: Embedder,
    forge: Forge,
    policy_ref: str,
    memory: RuleMemory | None = None,
) -> list[tuple[Conversation, Outcome]]:
    """Outcomes by the analysis' own detection (labels, action checks, user signals), so the watch counts
    failures as the diagnosis behind the change did. The agent's files are read at `policy_ref`, the
    merge's parent, for both arms: a change to the policy's wording must not move what counts as failed.
    With `memory`, the rules' outcomes are remembered there, as the analysis does."""
    from agentmend.analysis.detection import read_targets, run_detection

    vector_of = VectorLookup(embedder, [t.text for c in conversations for t in c.user_turns if t.text])
    targets = read_targets(config, lambda path: read_regular(forge, path, policy_ref))
    outcomes = run_detection(conversations, config, vector_of=vector_of, targets=targets, memory=memory,
                             encoder=embedder.name).outcomes  # fmt: skip
    return list(zip(conversations, outcomes, strict=True))


# -- what the change is -------------------------------------------------------------------------------


def cause_of(change: Change, engine: Engine, repo: str) -> str:
    """The cause agentmend recorded for the change; the marker in its text only when there is no record
    (a PR body can be edited by people, the state database cannot)."""
    from agentmend.markers import parse_cause

    recorded = changes.find(engine, repo, branch=change.branch)
    if recorded is not None:
        return recorded.cause_id
    marker = parse_cause(change.body)
    if marker is not None:
        return marker[0]
    raise WatchError(
        f"{change.branch}: no failure cause recorded (no `agentmend:cause=` marker in the change text, "
        "no row in the state database); only changes agentmend opened can be watched"
    )


def _version_in(text: str, key: str) -> str | None:
    m = re.search(rf"\b{re.escape(key)}\b\s*[:=]\s*[\"']?([\w.\-]+)", text)
    return m.group(1) if m else None


def version_of(forge: Forge, config: RepoConfig, merge_sha: str, parent: str) -> str | None:
    """The `watch.version_key` value the merge introduced in a target file, or None when it did not change."""
    for target in config.targets:
        after = forge.read_file(target.path, merge_sha)
        if after is None:
            continue
        new = _version_in(after.decode("utf-8", errors="replace"), config.watch.version_key)
        before = forge.read_file(target.path, parent)
        old = (
            _version_in(before.decode("utf-8", errors="replace"), config.watch.version_key)
            if before
            else None
        )
        if new is not None and new != old:
            return new
    return None


def _cause_in_report(report: AnalysisReport, cause_id: str, branch: str) -> str:
    if report.cluster(cause_id) is not None:
        return cause_id
    slug = branch.removeprefix(BRANCH_PREFIX)
    match = next((c for c in report.clusters if c.slug == slug), None)
    if match is None:
        raise WatchError(
            f"{branch}: failure cause {cause_id!r} is not found in the analysis before the merge "
            "(neither by id nor by branch slug); the watch cannot measure it"
        )
    return match.id


# -- state --------------------------------------------------------------------------------------------


def _stored_verdict(row: WatchRecord) -> tuple[Verdict | None, str]:
    """(latest verdict, latest comment); `verdict_json` holds both so `@agentmend watch` can answer."""
    if not row.verdict_json:
        return None, ""
    data = json.loads(row.verdict_json)
    verdict = Verdict.model_validate(data["verdict"]) if data.get("verdict") else None
    return verdict, str(data.get("summary", ""))


def _verdict_json(comment: str, verdict: Verdict | None) -> str:
    return json.dumps({"summary": comment, "verdict": verdict.model_dump(mode="json") if verdict else None})


def _same(a: Verdict | None, b: Verdict) -> bool:
    if a is None:
        return False
    keep = {"evaluated_at"}
    return a.model_dump(exclude=keep) == b.model_dump(exclude=keep)


def _status(verdict: Verdict) -> Status:
    return verdict.outcome if verdict.final else "watching"


def _status_of(row: WatchRecord, baseline: Baseline, verdict: Verdict | None, comment: str, changed: bool,
               revert: Change | None = None) -> WatchStatus:  # fmt: skip
    return WatchStatus(
        branch=row.branch,
        number=row.pr_number,
        merge_sha=row.merge_sha,
        status=row.status,  # type: ignore[arg-type]
        baseline=baseline,
        verdict=verdict,
        comment=comment,
        changed=changed,
        revert=revert,
    )


# -- entry points ---------------------------------------------------------------------------------------


def _freeze_at_merge(
    forge: Forge,
    change: Change,
    config: RepoConfig,
    *,
    engine: Engine,
    embedder: Embedder,
    version: str | None,
    report: AnalysisReport | None,
) -> Baseline:
    """The baseline from the exports at the merge's first parent, with the clusters as they were there."""
    assert change.merge_sha is not None
    merge_sha = change.merge_sha
    repo = forge.repo_key
    memory = sql_memory(engine)
    cache = cached(embedder, memory.vectors)
    cause_id = cause_of(change, engine, repo)
    parent = forge.parent_sha(merge_sha)
    pairs = outcomes_of(
        conversations_at(forge, config, parent), config, cache, forge, parent, memory.rule_outcomes
    )
    if report is None:
        from agentmend.analysis.pipeline import analyze_conversations

        # The parent's clusters under the ids the live memory gave them, without overwriting them.
        report = analyze_conversations([c for c, _ in pairs], config, memory=looking_back(memory),
                                       repo_key=repo, embedder=cache)  # fmt: skip
    cause_id = _cause_in_report(report, cause_id, change.branch)
    measure = measure_from_report(report, pairs, embedder=cache, request_of=_request_of)
    if version is None:
        version = version_of(forge, config, merge_sha, parent)
    merged_at = change.merged_at or datetime.now(UTC)
    merge = MergeUnderWatch(change.branch, merge_sha, parent, merged_at, change.merged_by, version)
    return freeze(pairs, merge, measure, cause_id=cause_id, config=config.watch)


def start_watch(
    forge: Forge,
    change: Change,
    config: RepoConfig,
    *,
    engine: Engine,
    embedder: Embedder,
    version: str | None = None,
    report: AnalysisReport | None = None,
) -> WatchStatus:
    """Freeze the baseline from the exports at the merge's first parent, comment, open the check.

    The watch's clock starts at `change.merged_at` (now, when the forge did not say)."""
    if not change.merge_sha:
        raise WatchError(f"{change.branch}: not merged (no merge commit); a watch starts at merge")
    repo = forge.repo_key
    existing = watches.latest(engine, repo, change.branch, change.merge_sha)
    if existing is not None:
        b = Baseline.model_validate_json(existing.baseline_json)
        verdict, summary = _stored_verdict(existing)
        return _status_of(existing, b, verdict, summary or present.start_comment(b, config.watch), False)

    try:
        baseline = _freeze_at_merge(
            forge, change, config, engine=engine, embedder=embedder, version=version, report=report
        )
    except WatchError as exc:
        # say so where the reviewer looks, then fail the job so it is visible in the worker too
        forge.upsert_comment(change, COMMENT_KEY, f"### agentmend watch: not started\n\n{exc}\n")
        forge.set_check(change.merge_sha, present.CHECK_NAME, "Watch not started", str(exc), "neutral")
        raise
    cause_id = baseline.cause_id
    comment = present.start_comment(baseline, config.watch)
    forge.upsert_comment(change, COMMENT_KEY, comment)
    title, summary = present.check_output(baseline, None, config.watch)
    forge.set_check(change.merge_sha, present.CHECK_NAME, title, summary, None)
    row = watches.start(
        engine, repo=repo, branch=change.branch, cause_id=cause_id, pr_number=change.number,
        merge_sha=change.merge_sha, merged_at=baseline.merged_at, merged_by=change.merged_by,
        baseline_json=baseline.model_dump_json(), verdict_json=_verdict_json(comment, None),
    )  # fmt: skip
    return _status_of(row, baseline, None, comment, True)


def _after_arm(
    baseline: Baseline,
    pairs: Sequence[tuple[Conversation, Outcome]],
    config: RepoConfig,
    embedder: Embedder,
) -> tuple[list[Observation], list[Observation], int]:
    """(after arm, concurrent control arm — empty for a before/after comparison, unattributed count)."""
    observations = observe(
        pairs, intents=baseline.intents, causes=baseline.causes, embedder=embedder, request_of=_request_of,
        version_key=baseline.version_key,
    )  # fmt: skip
    arms = split(
        observations,
        version=baseline.version,
        merged_at=baseline.merged_at,
        grace=timedelta(hours=config.watch.grace_period_hours),
        baseline_ids=set(baseline.conversation_ids),
    )
    frozen = set(baseline.conversation_ids)
    late_before = [o for o in arms["before"] if o.id not in frozen]
    control = concurrent_control(
        late_before, arms["after"], version=baseline.version, merged_at=baseline.merged_at
    )
    return arms["after"], control, len(arms["unattributed"]) + len(late_before) - len(control)


def evaluate_watches(
    forge: Forge,
    config: RepoConfig,
    *,
    engine: Engine,
    embedder: Embedder,
    now: datetime | None = None,
) -> list[WatchStatus]:
    """Re-read the exports at the default-branch head and update every open watch of this repo."""
    now = now or datetime.now(UTC)
    repo = forge.repo_key
    rows = watches.watching(engine, repo)
    if not rows:
        return []
    memory = sql_memory(engine)
    cache = cached(embedder, memory.vectors)
    conversations = conversations_at(forge, config, forge.head_sha())
    pairs_under: dict[str, list[tuple[Conversation, Outcome]]] = {}  # by the policy in force at each merge
    results = []
    for row in rows:
        baseline = Baseline.model_validate_json(row.baseline_json)
        ref = baseline.parent_sha
        if ref not in pairs_under:
            pairs_under[ref] = outcomes_of(conversations, config, cache, forge, ref, memory.rule_outcomes)
        after, control, unattributed = _after_arm(baseline, pairs_under[ref], config, cache)
        verdict = judge(baseline, summarize(after, baseline.cause_id), config.watch,
                        control=summarize(control, baseline.cause_id) if control else None,
                        unattributed=unattributed, now=now)  # fmt: skip
        results.append(_apply(forge, config, engine, row, baseline, verdict, now))
    return results


def _apply(
    forge: Forge,
    config: RepoConfig,
    engine: Engine,
    row: WatchRecord,
    baseline: Baseline,
    verdict: Verdict,
    now: datetime,
) -> WatchStatus:
    previous, previous_comment = _stored_verdict(row)
    change = _watched_change(forge, row)
    if _same(previous, verdict):
        return _status_of(row, baseline, previous, previous_comment, False)
    revert: Change | None = None
    revert_note: str | None = None
    wants_revert = (verdict.outcome == "regressed" and config.watch.on_regression == "revert_pr") or (
        verdict.outcome == "no_effect" and verdict.final and config.watch.on_no_effect == "revert_pr"
    )
    if wants_revert:
        try:
            revert = _open_revert(
                forge, config, change, row.merge_sha, row.merged_by, verdict, requested_by=None
            )
            revert_note = f"a revert was opened: {revert.url}"
        except WatchError as exc:
            revert_note = f"no revert was opened: {exc}"
    elif row.revert_branch:
        existing = forge.get_change(row.revert_branch)
        revert_note = f"a revert was opened: {existing.url}" if existing else None
    comment = present.verdict_comment(baseline, verdict, config.watch, revert_note=revert_note)
    forge.upsert_comment(change, COMMENT_KEY, comment)
    title, summary = present.check_output(baseline, verdict, config.watch)
    forge.set_check(row.merge_sha, present.CHECK_NAME, title, summary, present.conclusion(verdict))
    stored = watches.update(
        engine,
        row.id,
        status=_status(verdict),
        verdict_json=_verdict_json(comment, verdict),
        revert_branch=revert.branch if revert is not None else None,
    )
    if stored is None:
        raise WatchError(f"{row.branch}: the watch was deleted while it was being evaluated")
    return _status_of(stored, baseline, verdict, comment, True, revert)


def _watched_change(forge: Forge, row: WatchRecord) -> Change:
    """The merged change itself: a later change on the same branch (a new PR) must not get its comment."""
    current = forge.get_change(row.branch)
    if current is not None and current.number == row.pr_number:
        return current
    return _change_from_row(row)


def _change_from_row(row: WatchRecord) -> Change:
    return Change(
        branch=row.branch, number=row.pr_number, url="", state="merged", head_sha=row.merge_sha, body="",
        merge_sha=row.merge_sha, merged_by=row.merged_by, merged_at=row.merged_at,
    )  # fmt: skip


def revert_files(forge: Forge, config: RepoConfig, merge_sha: str) -> dict[str, str]:
    """Each target the merge changed, with its content at the merge's first parent (a real revert).

    Refuses when a target changed again after the merge: restoring it would silently undo later work.
    """
    parent = forge.parent_sha(merge_sha)
    head = forge.head_sha()
    files: dict[str, str] = {}
    for target in config.targets:
        before = forge.read_file(target.path, parent)
        merged = forge.read_file(target.path, merge_sha)
        if before == merged:
            continue
        if before is None:
            raise WatchError(
                f"{target.path}: added by the merge; delete it by hand, agentmend only edits files"
            )
        current = forge.read_file(target.path, head)
        if current != merged:
            raise WatchError(
                f"{target.path}: changed again after the merge {merge_sha[:12]}; revert it by hand "
                "(restoring the pre-merge text would undo the later change too)"
            )
        files[target.path] = before.decode("utf-8")
    if not files:
        raise WatchError(f"merge {merge_sha[:12]} changed no target file; nothing to revert")
    return files


def _revert_body(
    change: Change, merge_sha: str, merged_by: str | None, verdict: Verdict | None, requested_by: str | None
) -> str:
    ref = f"#{change.number}" if change.number else (change.url or change.branch)
    lines = [f"Reverts {ref} (`{change.branch}`, merge `{merge_sha[:12]}`)."]
    if merged_by:
        lines.append(f"@{merged_by}, you merged the change; please review this revert.")
    if requested_by:
        lines.append(f"Requested by @{requested_by} with `@agentmend rollback`.")
    lines.append("")
    if verdict is not None:
        when = f"{verdict.evaluated_at:%Y-%m-%d %H:%M} UTC"
        lines += [f"**Evidence** (metric watch, {when}): {md.line(verdict.headline)}.", ""]
        if verdict.reward_hacking:
            lines += [f"> ⚠️ {md.line(verdict.reward_hacking)}", ""]
        lines += [*present.metrics_table(verdict), "", f"<sub>{verdict.method}</sub>", ""]
    lines.append(
        "This restores every target file the merge changed to its content before the merge. "
        "Nothing else changes. Merge it to roll back, or close it to keep the change."
    )
    lines.append("\n" + markers.revert(change.branch, merge_sha))
    return "\n".join(lines) + "\n"


def _open_revert(
    forge: Forge,
    config: RepoConfig,
    change: Change,
    merge_sha: str,
    merged_by: str | None,
    verdict: Verdict | None,
    *,
    requested_by: str | None,
) -> Change:
    branch = REVERT_PREFIX + change.branch.removeprefix(BRANCH_PREFIX)
    existing = forge.get_change(branch)
    if existing is not None and existing.state in ("open", "merged"):
        return existing
    files = revert_files(forge, config, merge_sha)
    title = f"Revert {change.title or change.branch}"
    if verdict is not None:
        title += f" ({verdict.outcome})"
    body = _revert_body(change, merge_sha, merged_by, verdict, requested_by)
    return forge.open_or_update_change(branch, files, title, body).change


def rollback(
    forge: Forge, change: Change, config: RepoConfig, *, engine: Engine, requested_by: str
) -> Change:
    """Open (or return the open) revert change for a merged change, with the watch's evidence if any."""
    row = watches.latest(engine, forge.repo_key, change.branch, change.merge_sha)
    merge_sha = change.merge_sha or (row.merge_sha if row is not None else None)
    if merge_sha is None:
        raise WatchError(f"{change.branch}: not merged; only a merged change can be rolled back")
    verdict = _stored_verdict(row)[0] if row is not None else None
    merged_by = (row.merged_by if row is not None else None) or change.merged_by
    revert = _open_revert(forge, config, change, merge_sha, merged_by, verdict, requested_by=requested_by)
    if row is not None:
        watches.update(engine, row.id, revert_branch=revert.branch)
    return revert


def watch_status(forge: Forge, change: Change, *, engine: Engine) -> str:
    """Markdown for `@agentmend watch`: the latest comment of the watch, or why there is none."""
    row = watches.latest(engine, forge.repo_key, change.branch)
    if row is None:
        if change.state == "open":
            return "No metric watch yet: it starts when this change is merged."
        return "This change has no metric watch (it was not merged, or merged before agentmend watched it)."
    summary = _stored_verdict(row)[1]
    return summary or f"Watch status: **{row.status}** (merge `{row.merge_sha[:12]}`)."
