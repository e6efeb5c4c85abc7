"""Which causes get a proposal: thresholds, the open-change budget, and cooldowns after a rejection."""

from __future__ import annotations

from dataclasses import replace

import pytest
from proposal_factories import cluster, config, report

from agentmend.analysis.merit import assess
from agentmend.fixes.select import Cooldown, History, select_causes

CFG = config().model_copy(update={"proposals": config().proposals.model_copy(update={"max_open_prs": 2})})


@pytest.fixture
def past() -> dict[str, Cooldown]:
    return {}


def verdicts(past: dict[str, Cooldown], *clusters, open_branches=(), only=None):  # type: ignore[no-untyped-def]
    sel = select_causes(
        report(*clusters), CFG, history=History(past), open_branches=open_branches, only_cause=only
    )
    return {s.cluster.id: s.skip_reason for s in sel}


def cool(
    past: dict[str, Cooldown], cause_id: str, size: int, rate: float, permanent: bool = False,
    kind: str = "rejected",
) -> None:  # fmt: skip
    past[cause_id] = Cooldown(cause_id, size, rate, permanent, "merged" if kind == "merged" else "rejected")


def test_small_or_undistinctive_causes_are_skipped_with_the_threshold(past: dict[str, Cooldown]) -> None:
    v = verdicts(past, cluster("cause-a"), cluster("cause-b", size=3), cluster("cause-c", lift=1.0))
    assert v["cause-a"] is None
    assert "proposals.min_cluster_size 5" in (v["cause-b"] or "")
    assert "proposals.min_lift 1.2" in (v["cause-c"] or "")


def test_the_budget_counts_open_changes_but_always_refreshes_them(past: dict[str, Cooldown]) -> None:
    v = verdicts(
        past,
        cluster("cause-a", size=50),
        cluster("cause-b", size=40),
        cluster("cause-c", size=30),
        open_branches=["agentmend/c"],
    )
    assert v["cause-c"] is None  # its change is open: refreshed, and it already counts
    assert v["cause-a"] is None  # the larger new cause takes the last slot
    assert v["cause-b"] == "2 changes already open (proposals.max_open_prs = 2)"


def test_a_rejected_cause_waits_until_its_numbers_move(past: dict[str, Cooldown]) -> None:
    cool(past, "cause-a", size=24, rate=0.48)
    assert "cooling down" in (verdicts(past, cluster("cause-a", size=26))["cause-a"] or "")
    assert verdicts(past, cluster("cause-a", size=40))["cause-a"] is None  # +67% > cooldown_change 25%


def test_an_ignored_cause_is_never_proposed_again_even_when_asked(past: dict[str, Cooldown]) -> None:
    cool(past, "cause-a", size=24, rate=0.48, permanent=True)
    assert "never proposed again" in (verdicts(past, cluster("cause-a", size=400))["cause-a"] or "")
    assert "never proposed again" in (verdicts(past, cluster("cause-a"), only="cause-a")["cause-a"] or "")


def test_an_explicit_cause_skips_thresholds_and_others_wait(past: dict[str, Cooldown]) -> None:
    v = verdicts(past, cluster("cause-a", size=2), cluster("cause-b"), only="a")
    assert v == {"cause-a": None, "cause-b": "not requested (--cause a)"}


def test_a_merged_cause_comes_back_only_when_its_numbers_grow(past: dict[str, Cooldown]) -> None:
    cool(past, "cause-a", size=24, rate=0.48, kind="merged")
    shrunk = verdicts(past, cluster("cause-a", size=10))["cause-a"] or ""
    assert shrunk.startswith("merged in agentmend/a; the metric watch judges it")  # fewer: the fix works
    assert verdicts(past, cluster("cause-a", size=40))["cause-a"] is None  # +67% > cooldown_change 25%


def test_a_coherent_low_lift_cause_is_proposed_and_says_why(past: dict[str, Cooldown]) -> None:
    """A specific mechanism inside an intent that fails at about the average rate is still the cause a team
    acts on; a generic one at the same lift is not, and both verdicts say why."""
    specific = replace(
        cluster("cause-miles", size=24, lift=0.9),
        mechanism="refusal",
        mechanism_kind="reply",
        specificity=0.6,
        coherence=1.0,
    )
    generic = replace(
        cluster("cause-vague", size=24, lift=0.9),
        mechanism="answer did not serve",
        mechanism_kind="reply",
        specificity=0.3,
        coherence=1.0,
    )
    verdicts = assess([specific, generic], CFG)
    assert (
        verdicts["cause-miles"].selected
        and "lift 0.90 is below proposals.min_lift" in verdicts["cause-miles"].reason
    )
    assert not verdicts["cause-vague"].selected and "generic" in verdicts["cause-vague"].reason
    assert verdicts["cause-miles"].rank == 1
    v = verdicts_of(past, specific, generic)
    assert v["cause-miles"] is None and "generic" in (v["cause-vague"] or "")


def test_a_cause_mixing_mechanisms_is_not_proposed(past: dict[str, Cooldown]) -> None:
    mixed = replace(
        cluster("cause-mix", size=40),
        mechanism="refusal",
        mechanism_kind="reply",
        specificity=0.6,
        coherence=0.3,
    )
    verdict = assess([mixed], CFG)["cause-mix"]
    assert not verdict.selected and "not coherent" in verdict.reason


def verdicts_of(past: dict[str, Cooldown], *clusters):  # type: ignore[no-untyped-def]
    return verdicts(past, *clusters)
