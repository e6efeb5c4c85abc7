"""propose_changes: one branch per cause, idempotent, and a bad proposal never stops the others."""

from __future__ import annotations

from pathlib import Path

import pytest
from proposal_factories import cluster, config, git, make_repo, report

from agentmend.fixes.records import Draft, Edit
from agentmend.forges.local_git import LocalGitForge
from agentmend.loop.propose import ForgeAnalysis, ProposalRun, propose_changes
from agentmend.models.base import ProposalRequest
from agentmend.models.offline import OfflineModel
from agentmend.store import changes
from agentmend.store.db import open_engine


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "agent")


@pytest.fixture
def engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    return open_engine(f"sqlite:///{tmp_path / 'state.db'}")


def test_each_cause_gets_one_branch_and_a_change_text(repo: Path, engine) -> None:  # type: ignore[no-untyped-def]
    forge = LocalGitForge(repo)
    tool_cause = cluster("cause-mfa", keywords=("reset", "mfa", "phone"), signals=(("tool_error", 12),))
    rep = report(cluster(), tool_cause, cluster("cause-tiny", size=2))
    outcomes = {
        o.cause_id: o
        for o in propose_changes(ProposalRun(forge, config(), engine, OfflineModel()), ForgeAnalysis(rep))
    }

    assert outcomes["cause-sso"].action == "created" and outcomes["cause-sso"].risk == "medium"
    assert outcomes["cause-mfa"].action == "created" and outcomes["cause-mfa"].risk == "low"
    assert outcomes["cause-tiny"].action == "skipped" and "min_cluster_size" in (
        outcomes["cause-tiny"].reason or ""
    )
    assert git(repo, "diff", "--name-only", "main", "agentmend/mfa") == "agent/tools.yaml"
    assert "reset_mfa" in git(repo, "diff", "main", "agentmend/mfa")
    text = Path(outcomes["cause-sso"].change_url or "").read_text()
    assert "<!-- agentmend:cause=cause-sso;run=run-abc -->" in text
    assert "offline model (no LLM)" in text
    rows = changes.all_changes(engine, LocalGitForge(repo).repo_key)
    assert sorted(r.branch for r in rows) == ["agentmend/mfa", "agentmend/sso"]


def test_proposing_twice_on_the_same_evidence_changes_nothing(repo: Path, engine) -> None:  # type: ignore[no-untyped-def]
    forge = LocalGitForge(repo)
    rep = report(cluster())
    first = propose_changes(ProposalRun(forge, config(), engine, OfflineModel()), ForgeAnalysis(rep))
    second = propose_changes(ProposalRun(forge, config(), engine, OfflineModel()), ForgeAnalysis(rep))
    assert [o.action for o in second] == ["unchanged"]
    assert second[0].head_sha == first[0].head_sha


def test_a_cause_with_new_data_rewrites_its_branch_as_one_commit(repo: Path, engine) -> None:  # type: ignore[no-untyped-def]
    forge = LocalGitForge(repo)
    propose_changes(ProposalRun(forge, config(), engine, OfflineModel()), ForgeAnalysis(report(cluster())))
    grown = cluster(
        size=31, signals=(("escalation", 20), ("non_answer", 11)), members=("c1", "c2", "c3", "c4")
    )
    [outcome] = propose_changes(
        ProposalRun(forge, config(), engine, OfflineModel()), ForgeAnalysis(report(grown, run_id="run-def"))
    )
    assert outcome.action == "updated"
    assert git(repo, "rev-list", "--count", "main..agentmend/sso") == "1"
    assert "31 failed conversations" in Path(outcome.change_url or "").read_text()


class _Recording(OfflineModel):
    def __init__(self) -> None:
        self.requests: list[ProposalRequest] = []

    def propose(self, request: ProposalRequest) -> Draft:
        self.requests.append(request)
        return super().propose(request)


def test_the_tools_that_failed_in_a_cause_reach_the_model_most_often_first(repo: Path, engine) -> None:  # type: ignore[no-untyped-def]
    model = _Recording()
    failed = {"c1": ("lookup_order",), "c2": ("lookup_order", "refund"), "c9": ("not_in_this_cause",)}
    analysis = ForgeAnalysis(report(cluster()), failed_tools=failed)
    propose_changes(ProposalRun(LocalGitForge(repo), config(), engine, model), analysis)
    assert model.requests[0].failing_tools == (("lookup_order", 2), ("refund", 1))


def test_guidance_regenerates_one_cause_and_reaches_model_and_text(repo: Path, engine) -> None:  # type: ignore[no-untyped-def]
    forge = LocalGitForge(repo)
    rep = report(cluster(), cluster("cause-billing", keywords=("invoice", "vat")))
    propose_changes(ProposalRun(forge, config(), engine, OfflineModel()), ForgeAnalysis(rep))
    model = _Recording()
    outcomes = propose_changes(
        ProposalRun(
            forge, config(), engine, model, guidance="Link the SSO setup guide", requested_by="maria"
        ),
        ForgeAnalysis(rep),
        only_cause="cause-sso",
    )
    assert [o.action for o in outcomes if o.cause_id == "cause-sso"] == ["updated"]
    assert [o.action for o in outcomes if o.cause_id == "cause-billing"] == ["skipped"]
    assert [r.guidance for r in model.requests] == ["Link the SSO setup guide"]
    text = Path(outcomes[0].change_url or "").read_text()
    assert "@maria" in text and "Link the SSO setup guide" in text

    # a later plain run keeps the reviewer's steer instead of undoing it
    again = propose_changes(ProposalRun(forge, config(), engine, model), ForgeAnalysis(rep))
    assert [o.action for o in again if o.cause_id == "cause-sso"] == ["unchanged"]
    grown = cluster(size=40, members=("c1", "c2", "c3", "c9"))
    propose_changes(ProposalRun(forge, config(), engine, model), ForgeAnalysis(report(grown)))
    assert model.requests[-1].guidance == "Link the SSO setup guide"
    assert "@maria" in Path(outcomes[0].change_url or "").read_text()


class _Broken(OfflineModel):
    def propose(self, request: ProposalRequest) -> Draft:
        if request.cause_id == "cause-sso":
            return Draft((Edit("prompts/system.md", "not in the file", "x"),), "r", "e", "broken")
        return super().propose(request)


def test_a_rejected_edit_is_reported_and_the_other_causes_go_on(repo: Path, engine) -> None:  # type: ignore[no-untyped-def]
    forge = LocalGitForge(repo)
    rep = report(cluster(), cluster("cause-billing", keywords=("invoice", "vat")))
    outcomes = {
        o.cause_id: o
        for o in propose_changes(ProposalRun(forge, config(), engine, _Broken()), ForgeAnalysis(rep))
    }
    assert outcomes["cause-sso"].action == "failed"
    assert "anchor not found" in (outcomes["cause-sso"].reason or "")
    assert outcomes["cause-billing"].action == "created"


def test_a_branch_deleted_by_the_user_cools_its_cause_down(repo: Path, engine) -> None:  # type: ignore[no-untyped-def]
    forge = LocalGitForge(repo)
    propose_changes(ProposalRun(forge, config(), engine, OfflineModel()), ForgeAnalysis(report(cluster())))
    git(repo, "branch", "-D", "agentmend/sso")
    [again] = propose_changes(
        ProposalRun(forge, config(), engine, OfflineModel()), ForgeAnalysis(report(cluster(size=25)))
    )
    assert again.action == "skipped" and "cooling down after a rejected change" in (again.reason or "")
    [grown] = propose_changes(
        ProposalRun(forge, config(), engine, OfflineModel()), ForgeAnalysis(report(cluster(size=60)))
    )
    assert grown.action == "created"


def test_a_merged_change_is_not_proposed_again_until_its_numbers_grow(repo: Path, engine) -> None:  # type: ignore[no-untyped-def]
    forge = LocalGitForge(repo)
    propose_changes(ProposalRun(forge, config(), engine, OfflineModel()), ForgeAnalysis(report(cluster())))
    git(repo, "merge", "--no-ff", "-m", "merge the sso fix", "agentmend/sso")
    # the exports are cumulative: the old failing conversations still show the cause, slightly fewer
    [again] = propose_changes(
        ProposalRun(forge, config(), engine, OfflineModel()), ForgeAnalysis(report(cluster(size=22)))
    )
    assert again.action == "skipped"
    assert (again.reason or "").startswith("merged in agentmend/sso; the metric watch judges it")
    assert "proposals.cooldown_change" in (again.reason or "")
    recorded = changes.find(engine, forge.repo_key, branch="agentmend/sso")
    assert recorded is not None and recorded.state == "merged"
    [grown] = propose_changes(
        ProposalRun(forge, config(), engine, OfflineModel()), ForgeAnalysis(report(cluster(size=40)))
    )
    assert grown.action in ("created", "updated")  # the fix did not hold: +67% > cooldown_change 25%
