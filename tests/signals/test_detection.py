"""The detector measures itself against labels: precision/recall/F1 with intervals, fire rates per signal on
both sides, and a learned detector that only takes over when it measured better."""

from __future__ import annotations

from datetime import UTC, datetime

from agentmend.analysis.calibration import score
from agentmend.analysis.detection import Targets, run_detection
from agentmend.analysis.detection_report import to_json, to_markdown
from agentmend.analysis.records import ConversationResult
from agentmend.conversations.model import Conversation
from agentmend.repo_config import parse_config
from signals.tool_chats import POLICY, call, chat, confirmed_cancel, lookup, result, say, user

LABELLED = (
    "version: 1\nexports: [{path: 'x/*.jsonl'}]\n"
    "outcomes: [{field: metadata.reward, failed_when: '< 1'}]\n"
    "detection: {min_labels_per_class: 5, cv_folds: 3}\n"
)


def failed_silently(k: int, reward: float | None) -> Conversation:
    """The agent announces a cancellation it never made; the user stays polite."""
    meta = {} if reward is None else {"reward": reward}
    return chat(
        *lookup(f"call_{k}"), say("I've cancelled reservation ZK42QX."), user("Thanks!"), cid=f"f{k}", **meta
    )


def healthy(k: int, reward: float | None) -> Conversation:
    c = confirmed_cancel()
    return Conversation(f"h{k}", c.turns, c.source, metadata={} if reward is None else {"reward": reward})


def polite_but_wrong(k: int) -> Conversation:
    """Looks healthy to every rule, but the label says it failed."""
    c = confirmed_cancel()
    return Conversation(f"w{k}", c.turns, c.source, metadata={"reward": 0.0})


def test_scores_count_and_bound_precision_recall_and_f1() -> None:
    s = score([True, True, False, False, True], [True, False, True, False, True])
    assert (s.tp, s.fp, s.fn, s.tn) == (2, 1, 1, 1)
    assert abs(s.precision - 2 / 3) < 1e-9 and abs(s.recall - 2 / 3) < 1e-9
    lo, hi = s.precision_interval
    assert 0.0 < lo < s.precision < hi < 1.0
    assert s.f1_interval[0] <= s.f1 <= s.f1_interval[1]


def test_calibration_on_a_labelled_fixture_reports_rules_baseline_and_per_signal_rates() -> None:
    convs = [failed_silently(k, 0.0) for k in range(6)] + [polite_but_wrong(k) for k in range(2)]
    convs += [healthy(k, 1.0) for k in range(8)]
    d = run_detection(convs, parse_config(LABELLED))
    cal = d.calibration
    assert cal is not None and cal.labelled == 16 and cal.labelled_failed == 8
    assert (cal.rules.tp, cal.rules.fp, cal.rules.fn) == (6, 0, 2)  # the two polite failures are missed
    assert cal.rules.precision == 1.0 and cal.rules.recall == 0.75
    assert cal.all_failed.precision == 0.5 and cal.all_failed.recall == 1.0
    claimed = next(s for s in cal.signals if s.name == "claimed_not_done")
    assert (claimed.on_failed, claimed.failed, claimed.on_succeeded, claimed.succeeded) == (6, 8, 0, 8)
    assert all(o.decided_by == "label" for o in d.outcomes)  # every conversation carries a label


def test_the_learned_detector_reports_cv_figures_and_scores_only_unlabelled_conversations() -> None:
    convs = [failed_silently(k, 0.0) for k in range(8)] + [healthy(k, 1.0) for k in range(8)]
    convs += [failed_silently(100, None), healthy(100, None)]
    d = run_detection(convs, parse_config(LABELLED))
    assert d.learned is not None and d.learned.cv is not None and d.learned.trained_on == 16
    assert set(d.learned.scores) <= {"f100", "h100"}
    by_id = {o.conversation_id: o for o in d.outcomes}
    assert by_id["f100"].failed and by_id["f100"].decided_by in ("learned", "signals")
    assert not by_id["h100"].failed
    # the rules are perfect here, so the learned detector cannot beat them and does not take over
    assert not d.learned.used and "the rules decide" in d.learned.reason


def test_too_few_labels_leaves_the_rules_in_charge_and_says_why() -> None:
    convs = [failed_silently(0, 0.0), healthy(0, 1.0), failed_silently(1, None)]
    d = run_detection(convs, parse_config(LABELLED))
    assert d.learned is not None and d.learned.cv is None and not d.learned.used
    assert "needs 5 labelled conversations of each kind" in d.learned.reason
    assert d.outcomes[2].decided_by == "signals" and d.outcomes[2].failed


def test_the_report_gives_the_figures_and_every_hit_with_turn_tool_and_evidence() -> None:
    convs = [failed_silently(k, 0.0) for k in range(3)] + [healthy(k, 1.0) for k in range(3)]
    convs.append(
        chat(
            *lookup("call_9"),
            call("cancel_reservation", "call_10", reservation_id="ZK42QX"),
            result("call_10", {"status": "cancelled"}),
            cid="unlabelled-write",
        )
    )
    d = run_detection(convs, parse_config(LABELLED), targets=Targets(system_prompt=POLICY))
    data = to_json(d)
    assert data["decided_by"] == {"label": 6, "signals": 1}
    assert data["calibration"]["rules"]["precision"] == 1.0
    assert len(data["calibration"]["rules"]["precision_ci95"]) == 2
    assert data["judge"] is None
    o = d.outcomes[-1]
    row = ConversationResult(
        o.conversation_id, o.failed, o.signal_names, o.failing_turn, None, None, None, None, None, 7, "t:1",
        decided_by=o.decided_by, hits=o.signals,
    )  # fmt: skip
    md = "\n".join(to_markdown(d, [row]))
    assert "| rules | P 1.00" in md and "all failed (baseline)" in md
    assert "`unlabelled-write` | signals" in md and "[cancel_reservation]" in md
    assert row.failed and any(h.tool == "cancel_reservation" for h in row.hits)


def test_labels_never_reach_the_rules() -> None:
    """The rules give the same verdicts with and without labels: a reward is never a feature of the rules."""
    convs = [failed_silently(0, 0.0), healthy(0, 1.0), polite_but_wrong(0)]
    plain = [
        Conversation(c.id, c.turns, c.source, started_at=datetime(2026, 1, 1, tzinfo=UTC)) for c in convs
    ]
    labelled = run_detection(convs, parse_config(LABELLED)).rules
    unlabelled = run_detection(plain, parse_config(LABELLED)).rules
    assert [o.failed for o in labelled] == [o.failed for o in unlabelled] == [True, False, False]
