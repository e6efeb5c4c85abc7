"""The watch end to end on real git repos, real embeddings and small generated corpora.

One "before" period is generated, analysed and merged once (the expensive part); each scenario restores
that repo and its state database at the same path, commits its own "after" exports and evaluates.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from generator import GroundTruth, generate
from sqlalchemy import Engine

from agentmend.analysis.records import AnalysisReport, ConversationResult, FailureCluster, Intent, RunInfo
from agentmend.fixes.change_text import marker
from agentmend.forges.base import Change
from agentmend.forges.local_git import LocalGitForge
from agentmend.loop import watch as service
from agentmend.repo_config import RepoConfig, load_config
from agentmend.store.db import open_engine

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "support-agent"
CAUSE = "csv_export_refused"
MERGED_AT = datetime(2026, 10, 14, 23, 0, tzinfo=UTC)
DURING = datetime(2026, 10, 22, tzinfo=UTC)
WATCH_CONFIG = """
watch:
  min_conversations: 100
  alpha: 0.05
  version_key: prompt_version
  grace_period_hours: 1
  window_days: 14
  expected_reduction: 0.9
  on_regression: revert_pr
"""


def git(root: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin"}  # fmt: skip
    proc = subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)
    return proc.stdout.decode()


@dataclass
class Merged:
    root: Path
    pristine: Path
    change: Change
    prompt_before: str
    cause_id: str
    report: AnalysisReport
    before: GroundTruth


class Memo:
    """The session embedder with a memory across scenarios (their state databases are thrown away)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.seen: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.seen]
        if missing:
            self.seen.update(zip(missing, self.inner.encode(missing), strict=True))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.seen[t] for t in texts])


@pytest.fixture(scope="module")
def memo(embedder: Any) -> Memo:
    return Memo(embedder)


def _config_text() -> str:
    text = (EXAMPLE / ".github" / "agentmend.yml").read_text(encoding="utf-8")
    head, _, rest = text.partition("\nwatch:\n")
    rest = rest[rest.index("\nautomerge:") :]
    return head + WATCH_CONFIG + rest


def report_from_truth(gt: GroundTruth, ids: list[str]) -> AnalysisReport:
    """The clustering the watch freezes, taken from what the generator planted.

    This keeps these tests about the watch: the quality of the analysis is measured in tests/analysis.
    """
    intent_of = {cid: name for name, members in gt.intents.items() for cid in members}
    cause_of = {cid: name for name, members in gt.causes.items() for cid in members}
    run = RunInfo("run-truth", MERGED_AT, (), len(ids), len(cause_of), (), 0, 0, {}, "offline")
    rows = tuple(
        ConversationResult(
            cid,
            cid in cause_of,
            (),
            None,
            intent_of.get(cid),
            cause_of.get(cid),
            None,
            None,
            None,
            2,
            "truth",
        )  # fmt: skip
        for cid in ids
    )
    intents = tuple(
        Intent(name, name.replace("_", " "), (), "other", len(m), 0, (), ()) for name, m in gt.intents.items()
    )
    clusters = tuple(
        FailureCluster(
            name,
            name.replace("_", "-"),
            name.replace("_", " "),
            (),
            len(m),
            None,
            0.0,
            0.0,
            0.0,
            0.0,
            (),
            (),
            tuple(m),
            (),
            0,
            (),
            (),
        )  # fmt: skip
        for name, m in gt.causes.items()
    )
    return AnalysisReport(run, rows, intents, clusters, ())


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory, memo: Memo) -> Merged:
    """Before period (300 conversations, 14 days, prompt v14); the fix for CAUSE merged as v15."""
    base = tmp_path_factory.mktemp("watch")
    root = base / "repo"
    root.mkdir()
    for part in ("prompts", "agent"):
        shutil.copytree(EXAMPLE / part, root / part)
    (root / ".github").mkdir()
    (root / ".github" / "agentmend.yml").write_text(_config_text(), encoding="utf-8")
    gt = generate(root, seed=11, conversations=300, start=date(2026, 10, 1), days=14, id_prefix="b")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "agent and two weeks of exports")
    config = load_config(root)
    forge = LocalGitForge(root, state_dir=base / "agentmend-state")  # copied with the pristine state
    engine = open_engine(f"sqlite:///{base / 'state.db'}")
    ids = [c.id for c in service.conversations_at(forge, config, forge.head_sha())]
    report = report_from_truth(gt, ids)
    cluster = report.cluster(CAUSE)
    assert cluster is not None
    prompt = (root / "prompts" / "system.md").read_text(encoding="utf-8")
    fixed = prompt + (
        "\n## Exports\n\nCSV and Excel export exist: Project menu → Export → CSV. Never say export is "
        "impossible.\n\n<!-- prompt_version: v15 -->\n"
    )
    published = forge.open_or_update_change(
        f"agentmend/{cluster.slug}", {"prompts/system.md": fixed}, "Tell users how to export CSV",
        f"Fix for {cluster.label}\n\n{marker(cluster.id, report.run.id)}\n",
    )  # fmt: skip
    merge_sha = forge.merge(published.change)
    change = forge.get_change(published.change.branch)
    assert change is not None and change.merge_sha == merge_sha
    status = service.start_watch(forge, replace(change, merged_at=MERGED_AT, merged_by="octocat"), config,
                                 engine=engine, embedder=memo, report=report)  # fmt: skip
    assert status.status == "watching"
    engine.dispose()
    pristine = base / "pristine"
    shutil.copytree(base, pristine, ignore=shutil.ignore_patterns("pristine"))
    return Merged(root, pristine, change, prompt, cluster.id, report, gt)


@dataclass
class Scenario:
    forge: LocalGitForge
    config: RepoConfig
    engine: Engine
    change: Change


@pytest.fixture
def scenario(merged: Merged) -> Iterator[Scenario]:
    """The merged repo and its state, restored to the moment after the merge (same path, same repo key)."""
    base = merged.root.parent
    shutil.rmtree(merged.root)
    shutil.copytree(merged.pristine / "repo", merged.root)
    for stale in base.glob("state.db*"):  # SQLite's -wal/-shm of the previous scenario must go too
        stale.unlink()
    for saved in merged.pristine.glob("state.db*"):
        shutil.copy(saved, base / saved.name)
    shutil.rmtree(base / "agentmend-state")
    shutil.copytree(merged.pristine / "agentmend-state", base / "agentmend-state")
    engine = open_engine(f"sqlite:///{base / 'state.db'}")
    forge = LocalGitForge(merged.root, state_dir=base / "agentmend-state")
    yield Scenario(forge, load_config(merged.root), engine, merged.change)
    engine.dispose()


def after_period(s: Scenario, conversations: int = 300, *, control: int = 0, **kw: Any) -> GroundTruth:
    """A week of v15 exports; `control` > 0 also writes that many v14 conversations of the same week
    (an A/B split: the old prompt still serves part of the traffic)."""
    root = s.forge.root
    gt = generate(root, seed=12, conversations=conversations, start=date(2026, 10, 15), days=7,
                  id_prefix="a", prompt_version="v15", **kw)  # fmt: skip
    if control:
        scratch = root.parent / "control"
        shutil.rmtree(scratch, ignore_errors=True)
        generate(scratch, seed=13, conversations=control, start=date(2026, 10, 15), days=7, id_prefix="k",
                 prompt_version="v14")  # fmt: skip
        shutil.copytree(scratch / "exports", root / "exports" / "control")
    git(root, "add", "exports")
    git(root, "commit", "-qm", "a week of exports after the fix")
    return gt


def evaluate(s: Scenario, memo: Memo, now: datetime = DURING) -> service.WatchStatus:
    [status] = service.evaluate_watches(s.forge, s.config, engine=s.engine, embedder=memo, now=now)
    assert status.verdict is not None
    v = status.verdict
    print(f"\n{v.outcome}: {v.headline}")
    for m in v.metrics:
        print(
            f"  {m.label}: {m.change_text()} e_worse={m.e_worse:.3g} e_better={m.e_better:.3g} "
            f"worse={m.worse}"
        )
    return status


def test_the_watch_starts_with_a_comment_and_a_check_in_progress(merged: Merged, scenario: Scenario) -> None:
    comments = scenario.forge.changes_dir / f"agentmend__{merged.change.branch[10:]}.comments.md"
    text = comments.read_text(encoding="utf-8")
    assert "agentmend watch: started" in text
    assert "`prompt_version: v15`" in text  # the version the merge introduced decides attribution
    assert "A verdict needs** **" in text
    check = scenario.forge.read_check(merged.change.merge_sha or "")["agentmend/watch"]
    assert check["status"] == "in_progress"


def test_fix_works_but_another_intent_breaks_is_regressed_and_reverted(
    merged: Merged, scenario: Scenario, memo: Memo
) -> None:
    after_period(scenario, cause_rates={CAUSE: 0.0}, intent_failure={"invite_teammates": 0.6})
    status = evaluate(scenario, memo)
    v = status.verdict
    assert v is not None and v.outcome == "regressed" and v.final
    target = v.target
    assert target is not None and target.after < target.before
    worse = [m for m in v.metrics if m.worse]
    assert any(m.key.startswith("intent:") and "invite" in m.label for m in worse)
    assert "intent 'invite" in v.headline
    assert status.revert is not None
    assert status.revert.branch == "agentmend/revert-" + merged.change.branch.removeprefix("agentmend/")
    reverted = scenario.forge.read_file("prompts/system.md", status.revert.head_sha)
    assert reverted is not None and reverted.decode() == merged.prompt_before
    assert "@octocat" in status.revert.body and "invite" in status.revert.body
    check = scenario.forge.read_check(merged.change.merge_sha or "")["agentmend/watch"]
    assert check["conclusion"] == "failure"
    again = service.evaluate_watches(scenario.forge, scenario.config, engine=scenario.engine,
                                     embedder=memo, now=DURING)  # fmt: skip
    assert again == []  # a final verdict closes the watch; nothing is written twice


def test_only_the_fix_is_improved(merged: Merged, scenario: Scenario, memo: Memo) -> None:
    after_period(scenario, cause_rates={CAUSE: 0.0})
    status = evaluate(scenario, memo)
    v = status.verdict
    assert v is not None and v.outcome == "improved", v.headline
    assert status.revert is None
    check = scenario.forge.read_check(merged.change.merge_sha or "")["agentmend/watch"]
    assert check["conclusion"] == "success"
    comment = service.watch_status(scenario.forge, merged.change, engine=scenario.engine)
    assert "improved" in comment and "xychart-beta" in comment and "| Metric | Before | After |" in comment
    again = service.evaluate_watches(scenario.forge, scenario.config, engine=scenario.engine,
                                     embedder=memo, now=DURING)  # fmt: skip
    assert [s.changed for s in again] == [False]

    # `@agentmend rollback` works on an improved change too: a human may know better
    revert = service.rollback(scenario.forge, merged.change, scenario.config, engine=scenario.engine,
                              requested_by="dave")  # fmt: skip
    assert scenario.forge.read_file("prompts/system.md", revert.head_sha) == merged.prompt_before.encode()
    assert "@dave" in revert.body and "@octocat" in revert.body
    assert service.rollback(scenario.forge, merged.change, scenario.config, engine=scenario.engine,
                            requested_by="dave").head_sha == revert.head_sha  # fmt: skip


def test_too_few_later_conversations_is_inconclusive_with_the_number_needed(
    merged: Merged, scenario: Scenario, memo: Memo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Through `agentmend watch PATH --change <merge sha>`, as a user would run it locally."""
    from typer.testing import CliRunner

    from agentmend.cli import app

    after_period(scenario, conversations=40, cause_rates={CAUSE: 0.0})
    monkeypatch.setattr("agentmend.analysis.embed.default_embedder", lambda: memo)
    out = tmp_path / "verdict.json"
    db = f"sqlite:///{merged.root.parent / 'state.db'}"
    args = ["watch", str(merged.root), "--change", merged.change.merge_sha or "", "--db", db,
            "--json", str(out), "--at", DURING.strftime("%Y-%m-%dT%H:%M:%S")]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    v = data["verdict"]
    print(f"\n{v['outcome']}: {v['headline']}")
    assert v["outcome"] == "inconclusive" and not v["final"]
    assert v["needed_more"] == v["required_after"] - v["n_after"] > 0
    assert f"{v['needed_more']} more needed" in result.output
    check = scenario.forge.read_check(merged.change.merge_sha or "")["agentmend/watch"]
    assert check["status"] == "in_progress"


def test_the_cli_refuses_a_change_that_is_not_merged(merged: Merged, scenario: Scenario) -> None:
    from typer.testing import CliRunner

    from agentmend.cli import app

    prompt = (scenario.forge.root / "prompts" / "system.md").read_text(encoding="utf-8")
    files = {"prompts/system.md": prompt + "\nx\n"}
    scenario.forge.open_or_update_change("agentmend/open-one", files, "t", "b")
    result = CliRunner().invoke(app, ["watch", str(scenario.forge.root), "--change", "agentmend/open-one"])
    assert result.exit_code == 2
    assert "agentmend/open-one is open, not merged into main" in result.output


def test_fewer_escalations_bought_with_abandonment_is_flagged_as_reward_hacking(
    merged: Merged, scenario: Scenario, memo: Memo
) -> None:
    after_period(scenario, cause_rates={CAUSE: 0.0}, escalation_shift=-0.9, abandonment_shift=0.35)
    status = evaluate(scenario, memo)
    v = status.verdict
    assert v is not None and v.outcome == "regressed"
    assert v.reward_hacking is not None and "Reward hacking" in v.reward_hacking
    assert "Reward hacking" in status.comment


def test_an_export_where_both_versions_ran_is_compared_concurrently(
    merged: Merged, scenario: Scenario, memo: Memo
) -> None:
    after_period(scenario, cause_rates={CAUSE: 0.0}, control=300)
    status = evaluate(scenario, memo)
    v = status.verdict
    assert v is not None and v.comparison == "concurrent"
    assert v.n_before < 400  # the v14 conversations of the same week, not the 300-conversation baseline
    assert "Compared concurrently" in status.comment and "same period" in status.comment
    assert v.outcome in ("improved", "inconclusive") and status.revert is None


def test_a_target_that_did_not_move_is_no_effect_and_no_revert_by_default(
    merged: Merged, scenario: Scenario, memo: Memo
) -> None:
    after_period(scenario, conversations=600)  # the fix did nothing: the cause runs at its old rate
    status = evaluate(scenario, memo, now=MERGED_AT + timedelta(days=15))
    v = status.verdict
    assert v is not None and v.final and v.outcome == "no_effect", v.headline
    assert status.status == "no_effect" and status.revert is None  # default `on_no_effect: comment`
    assert "No effect" in status.comment and "Regressed" not in status.comment
    check = scenario.forge.read_check(merged.change.merge_sha or "")["agentmend/watch"]
    assert check["conclusion"] == "neutral"


def test_no_effect_opens_a_revert_when_the_repo_asks_for_it(
    merged: Merged, scenario: Scenario, memo: Memo
) -> None:
    after_period(scenario, conversations=600)
    scenario.config = scenario.config.model_copy(
        update={"watch": scenario.config.watch.model_copy(update={"on_no_effect": "revert_pr"})}
    )
    status = evaluate(scenario, memo, now=MERGED_AT + timedelta(days=15))
    v = status.verdict
    assert v is not None and v.outcome == "no_effect"
    assert status.revert is not None and "(no_effect)" in status.revert.title
    assert "@octocat" in status.revert.body and "No effect" in status.revert.body
    assert scenario.forge.get_change(status.revert.branch).state == "open"  # type: ignore[union-attr]
