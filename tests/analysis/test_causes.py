"""Causes are intent × mechanism, merged only on evidence: model-free behaviour of the grouping step."""

from __future__ import annotations

import numpy as np
import pytest

from agentmend.analysis.causes import NOISE, FailedItem, group
from agentmend.analysis.mechanism import Mechanism, mechanism_of, reply_action
from agentmend.analysis.records import Outcome, SignalHit
from agentmend.conversations.model import Conversation, ToolCall, Turn

APOLOGY = Mechanism("reply", "refusal")


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def _noisy(base: np.ndarray, n: int, seed: int, sd: float = 0.03) -> np.ndarray:
    rows = base + np.random.default_rng(seed).normal(0, sd, (n, len(base)))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _run(items: list[FailedItem], requests: np.ndarray, answers: np.ndarray) -> np.ndarray:
    return group(items, requests, answers, min_size=3, request_merge=0.6, answer_merge=0.8).labels


def test_a_stock_apology_shared_by_two_unrelated_causes_keeps_them_apart() -> None:
    """Refund and export requests, both failed with the same content-free apology: two causes, each pure."""
    refund, export, other = _unit(1, 0, 0, 0), _unit(0, 1, 0, 0), _unit(0, 0, 1, 0)
    apology = _unit(0, 0, 0, 1)  # about neither request
    requests = np.vstack([_noisy(refund, 8, 1), _noisy(export, 8, 2), _noisy(other, 8, 3)])
    answers = np.vstack([_noisy(apology, 16, 4, 0.005), _noisy(_unit(0, 0, 1, 0.2), 8, 5)])
    intents = ["refund"] * 8 + ["export"] * 8 + ["other"] * 8
    items = [FailedItem(i, APOLOGY, frozenset()) for i in intents]
    labels = _run(items, requests, answers)
    assert labels[0] != labels[8] and NOISE not in labels[:16]
    assert len(set(labels[:8].tolist())) == 1 and len(set(labels[8:16].tolist())) == 1
    mech = group(items, requests, answers, min_size=3, request_merge=0.6, answer_merge=0.8).mechanisms
    assert mech[int(labels[0])].label == "stock apology"


def test_one_need_split_over_two_intents_and_failed_with_one_topical_reply_is_one_cause() -> None:
    """SSO questions naming different vendors land in two intents; the agent's vague SSO reply (about the
    request, unlike a fallback) is the evidence that they are one cause."""
    okta, azure, other = _unit(1, 0.2, 0, 0), _unit(0.2, 1, 0, 0), _unit(0, 0, 1, 0)
    sso_reply = _unit(1, 1, 0, 0)  # about both requests
    requests = np.vstack([_noisy(okta, 8, 1), _noisy(azure, 8, 2), _noisy(other, 8, 3)])
    answers = np.vstack([_noisy(sso_reply, 16, 4, 0.005), _noisy(_unit(0, 0, 1, 1), 8, 5)])
    intents = ["okta"] * 8 + ["azure"] * 8 + ["other"] * 8
    items = [FailedItem(i, Mechanism("reply", "answer"), frozenset()) for i in intents]
    labels = _run(items, requests, answers)
    assert len(set(labels[:16].tolist())) == 1 and labels[0] != labels[16]


def test_a_tool_error_and_a_refusal_in_one_intent_are_two_causes() -> None:
    refund = _unit(1, 0, 0)
    requests = _noisy(refund, 12, 1)
    answers = np.vstack([_noisy(_unit(0, 1, 0), 6, 2), _noisy(_unit(0, 0, 1), 6, 3)])
    tool = Mechanism("tool_error", "tool_error", "issue_refund")
    items = [FailedItem("refund", tool, frozenset({tool.key}))] * 6 + [
        FailedItem("refund", APOLOGY, frozenset())
    ] * 6
    labels = _run(items, requests, answers)
    assert labels[0] != labels[6] and NOISE not in labels


def test_one_tool_step_failing_in_several_intents_is_one_cause() -> None:
    """Water, storm and theft claims (intents the request step keeps apart) all get a made-up date in
    `open_claim`: one failing step, one fix. A tool error of another tool in the same intents stays apart,
    and so do two error classes of one tool."""
    water, storm, theft = _unit(1, 0, 0, 0), _unit(0, 1, 0, 0), _unit(0, 0, 1, 0)
    requests = np.vstack([_noisy(water, 8, 1), _noisy(storm, 8, 2), _noisy(theft, 8, 3), _noisy(water, 8, 4)])
    answers = np.vstack([_noisy(_unit(0, 0, 0, 1), 24, 5, 0.3), _noisy(_unit(1, 0, 0, -1), 8, 9)])
    made_up = Mechanism("signal", "ungrounded_argument", "open_claim")
    intents = ["water"] * 8 + ["storm"] * 8 + ["theft"] * 8 + ["water"] * 8
    mechs = [made_up] * 24 + [Mechanism("tool_error", "tool_error", "upload_document", "timeout")] * 8
    items = [FailedItem(i, m, frozenset({m.key})) for i, m in zip(intents, mechs, strict=True)]
    labels = _run(items, requests, answers)
    assert len(set(labels[:24].tolist())) == 1 and labels[0] != labels[24] and NOISE not in labels
    timeouts = [Mechanism("tool_error", "tool_error", "upload_document", "timeout")] * 8
    too_big = [Mechanism("tool_error", "tool_error", "upload_document", "file too large")] * 8
    items = [
        FailedItem(i, m, frozenset({m.key}))
        for i, m in zip(["water"] * 8 + ["theft"] * 8, timeouts + too_big, strict=True)
    ]
    split = _run(
        items, np.vstack([_noisy(water, 8, 6), _noisy(theft, 8, 7)]), _noisy(_unit(0, 0, 0, 1), 16, 8, 0.3)
    )
    assert split[0] != split[8]


def test_a_cause_is_named_by_the_step_most_members_fail_by() -> None:
    """Some saw the tool error before the claimed success, others only the claim: the claim names it."""
    claim = Mechanism("signal", "claimed_not_done", "send_certificate")
    error = Mechanism("tool_error", "tool_error", "send_certificate", "service unavailable")
    items = [FailedItem("comp", error, frozenset({error.key, claim.key}))] * 4
    items += [FailedItem("comp", claim, frozenset({claim.key}))] * 3
    requests = _noisy(_unit(1, 0, 0), 7, 1)
    groups = group(
        items, requests, _noisy(_unit(0, 1, 0), 7, 2), min_size=3, request_merge=0.6, answer_merge=0.8
    )
    assert (
        set(groups.labels.tolist()) == {0}
        and groups.mechanisms[0].label == "claimed not done: send_certificate"
    )


def test_the_mechanism_names_the_failing_tool_step() -> None:
    conv = Conversation(
        "c1",
        (
            Turn(0, "user", "please cancel my booking"),
            Turn(1, "assistant", "", tool_calls=(ToolCall("t1", "cancel_reservation", "{}"),)),
            Turn(2, "tool", '{"error": "reservation 8XK2 not found"}', tool_call_id="t1"),
            Turn(3, "assistant", "Sorry, something went wrong."),
        ),
        "f:1",
    )
    plain = Outcome("c1", True, (SignalHit("frustration", 3, "ugh"),), 3)
    assert mechanism_of(conv, plain).label == "tool error: cancel_reservation"
    check = Outcome(
        "c1", True, (SignalHit("unconfirmed_write", 1, "no confirmation", "cancel_reservation"),), 1
    )  # type: ignore[arg-type]
    assert mechanism_of(conv, check).label == "unconfirmed write: cancel_reservation"


def test_reply_actions_follow_explainable_patterns() -> None:
    assert reply_action("I'm sorry, I'm not able to help with that specific request.") == "refusal"
    assert reply_action("Let me transfer you to a human agent.") == "transfer"
    assert reply_action("I've cancelled your reservation.") == "claim"
    assert reply_action("Could you tell me the booking number?") == "question"
    assert reply_action("Baggage allowance is 23 kg.") == "answer"


def test_a_cause_is_compared_with_the_conversations_that_asked_the_same() -> None:
    """An intent that holds a failing need and a healthy one (clustering joined them): the cause's lift is
    the failure rate near its own requests, not the diluted rate of the whole intent."""
    from agentmend.analysis.diagnose import neighbourhood_rate

    rng = np.random.default_rng(0)
    sso, invite = np.eye(8)[0], np.eye(8)[1]

    def around(centre: np.ndarray, n: int) -> np.ndarray:
        v = centre + 0.15 * rng.standard_normal((n, 8))
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    members = around(sso, 19)
    population = np.vstack([members, around(sso, 6), around(invite, 25)])
    failed = np.array([True] * 19 + [False] * 6 + [False] * 25)
    assert failed.mean() == pytest.approx(0.38)  # the intent's own rate
    assert neighbourhood_rate(members, population, failed) >= 0.7
    # a cause spread over the whole intent keeps the intent's rate
    spread = population[::2]
    assert neighbourhood_rate(spread, population, failed) == pytest.approx(failed.mean(), abs=0.1)
