"""User-side signals do not punish correct behaviour: handoffs, policy refusals, closing thanks in any
common language, simulator stop tokens, identifiers typed in capitals."""

from __future__ import annotations

import pytest

from agentmend.analysis.actions import check_actions
from agentmend.analysis.signals import detect, is_resolution
from agentmend.conversations.model import Conversation
from agentmend.repo_config import ActionsConfig, SignalsConfig
from signals.tool_chats import call, chat, lookup, result, say, user

CFG = SignalsConfig()


@pytest.mark.parametrize(
    "text",
    [
        "No, that's all I needed. Thanks for your help!",
        "No thak you, that's all.",
        "Merci beaucoup for your help. Bonne journée!",
        "Danke schön!",
        "Muchas gracias",
        "Grazie mille",
        "Obrigada!",
        "Dank je wel",
        "ok, dzięki za sprawdzenie",
        "capito, grazue",  # one slip in a thanks of another language
        "ah ok, no worries, thanks",  # a "no" that reassures takes nothing back
        "I don't need anything else right now. Have a great day!",
        "Thank you! ###STOP###",
    ],
)
def test_closing_thanks_in_common_languages_resolve(text: str) -> None:
    assert is_resolution(text)


@pytest.mark.parametrize(
    "text", ["No, that is wrong. Thanks.", "thanks but it still fails", "thanks in advance"]
)
def test_thanks_taken_back_does_not_resolve(text: str) -> None:
    assert not is_resolution(text)


def test_a_conversation_ending_on_closing_thanks_after_the_work_is_not_abandoned() -> None:
    conv = chat(
        user("Can you check flight HAT083 today?"),
        call("get_flight_status", "call_1", flight_number="HAT083", date="2024-05-15"),
        result("call_1", "on time"),
        say("HAT083 is on time. Is there anything else I can help you with?"),
        user("No, that's all I needed. Thanks! ###STOP###"),
    )
    out = detect(conv, CFG)
    assert not out.failed and "abandonment" not in out.signal_names


def _answered_then(last: str) -> Conversation:
    return chat(
        user("Does my policy cover a hire car after an accident?"),
        say("Yes — comprehensive cover includes a courtesy car for up to 14 days."),
        user(last),
    )


@pytest.mark.parametrize(
    "text",
    ["top man", "you're a star", "ta love", "lovely jubbly", "BRILL, TA", "THANKYOU", "show, valeu", "tyvm"],
)
def test_informal_thanks_after_an_answer_is_no_abandonment(text: str) -> None:
    assert "abandonment" not in detect(_answered_then(text), CFG).signal_names


@pytest.mark.parametrize("text", ["right, show me", "a man answered before"])
def test_filler_without_thanks_left_unanswered_is_still_abandonment(text: str) -> None:
    assert "abandonment" in detect(_answered_then(text), CFG).signal_names


def test_reporting_a_tool_error_that_is_then_recovered_is_not_a_failure() -> None:
    """ "I couldn't upload IMG_5769.HEIC … send it as a JPG?", the user does, the upload succeeds: one
    recovered episode. Left unrecovered, the same error fails the conversation."""
    start = (
        user("they asked me for pics of the damage, claim CLM-26-794618"),
        call("upload_document", "c1", claim_id="CLM-26-794618", file_name="IMG_5769.HEIC"),
        result("c1", {"error": "unsupported_format", "accepted": ["jpg", "png", "pdf"]}),
        say("I couldn't upload IMG_5769.HEIC: that file type isn't supported. Could you send it as a JPG?"),
    )
    recovered = chat(
        *start,
        user("oh sorry, here"),
        call("upload_document", "c2", claim_id="CLM-26-794618", file_name="IMG_5769.jpg"),
        result("c2", {"document_id": "doc_c1f33bca", "status": "stored"}),
        say("Thanks — I've added 1 file to claim CLM-26-794618."),
        user("cheers"),
    )
    assert not detect(recovered, CFG).failed
    assert detect(chat(*start, user("I don't have it in any other format")), CFG).failed


def test_a_completed_transfer_the_user_asked_for_is_not_a_failure() -> None:
    conv = chat(
        *lookup(),
        say("Basic economy cannot be cancelled under our policy."),
        user("Then please transfer me to a human agent."),
        call("transfer_to_human_agents", "call_2", summary="wants to cancel basic economy"),
        result("call_2", "Transfer successful"),
        say("YOU ARE BEING TRANSFERRED TO A HUMAN AGENT. PLEASE HOLD ON."),
        end_marker="transfer",
    )
    out = detect(conv, CFG)
    assert "escalation" in out.signal_names  # still reported, as evidence
    assert not out.failed and "abandonment" not in out.signal_names


def test_an_escalation_left_unanswered_still_fails() -> None:
    conv = chat(user("This is broken, let me talk to a real person."), say("Have you tried restarting?"))
    assert detect(conv, CFG).failed


def test_not_wanting_a_human_is_no_escalation() -> None:
    conv = chat(
        user("I don't want to be transferred to a human agent, just fix my booking."),
        say("Sure, what is the reservation?"),
    )
    assert "escalation" not in detect(conv, CFG).signal_names


def test_accepting_a_policy_refusal_is_neither_abandonment_nor_giving_up() -> None:
    conv = chat(
        *lookup(),
        say("Unfortunately I can't cancel this one: basic economy is non-refundable under our policy."),
        user("Oh, that's unfortunate. I understand, thanks anyway."),
    )
    out = detect(conv, CFG)
    assert not out.failed and not {"abandonment", "expectation_downgrade"} & set(out.signal_names)
    without_policy = chat(*lookup(), say("Hmm, not sure."), user("Never mind, thanks anyway."))
    assert detect(without_policy, CFG).failed


def test_an_identifier_typed_in_capitals_is_not_shouting() -> None:
    conv = chat(user("SURE, IT'S SOFIA_MOREAU_9742."), say("Thanks, Sofia."), user("thanks!"))
    assert "frustration" not in detect(conv, CFG).signal_names
    angry = chat(user("WHY IS THIS STILL NOT WORKING AT ALL"), say("Let me check."))
    assert "frustration" in detect(angry, CFG).signal_names


def test_a_yes_after_declining_an_extra_confirms_the_write() -> None:
    conv = chat(
        *lookup(),
        say("Total $164 on credit_card_4421 for ZK42QX. Would you like travel insurance? Shall I proceed?"),
        user("No insurance. Yes, go ahead."),
        call("update_reservation_flights", "call_2", reservation_id="ZK42QX"),
        result("call_2", {"status": "ok"}),
    )
    assert (
        check_actions(
            conv,
            ActionsConfig(),
            {"unconfirmed_write"},
            None,
            "Obtain explicit confirmation (yes).",
            handed_off=False,
        )
        == []
    )


def _after_check_in(check_in: str, reply: str) -> list[str]:
    conv = chat(
        user("Can you update the email on my account to mia@example.com?"),
        call("update_email", "c1", email="mia@example.com"),
        result("c1", {"status": "updated"}),
        say(f"Done, your email is now mia@example.com. {check_in}"),
        user(reply),
    )
    return list(detect(conv, CFG).signal_names)


@pytest.mark.parametrize(
    ("check_in", "reply"),
    [
        ("Can I help with anything else?", "no bother, thanks"),
        ("Can I help with anything else?", "top man"),
        ("¿Puedo ayudarle en algo más?", "no, eso es todo, gracais"),
        ("Posso ajudar em mais alguma coisa?", "só isso mesmo, valeu"),
        ("Puis-je vous aider avec autre chose ?", "non c'est bon"),
        ("C'è altro che posso fare per lei?", "no, è tutto"),
        ("Is er verder nog iets?", "nee hoor"),
    ],
)
def test_a_short_reply_to_anything_else_closes_the_conversation(check_in: str, reply: str) -> None:
    assert "abandonment" not in _after_check_in(check_in, reply)


@pytest.mark.parametrize(
    "reply", ["no, it still shows the old address", "but the other account?", "pero no me llegó nada"]
)
def test_a_reply_to_anything_else_that_takes_it_back_is_still_unanswered(reply: str) -> None:
    assert "abandonment" in _after_check_in("Anything else I can do?", reply)
