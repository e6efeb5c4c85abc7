"""Failure signals fire on realistic failing conversations and stay quiet on healthy ones."""

from __future__ import annotations

import pytest

from agentmend.analysis.records import Outcome
from agentmend.analysis.signals import detect, failing_request, is_request, is_resolution, token_similarity
from agentmend.conversations.model import Conversation, Feedback, ToolCall, Turn
from agentmend.repo_config import SignalsConfig

CFG = SignalsConfig()


def conv(
    *turns: tuple[str, str] | Turn, feedback: tuple[Feedback, ...] = (), cid: str = "c1"
) -> Conversation:
    built = []
    for i, t in enumerate(turns):
        if isinstance(t, Turn):
            built.append(
                Turn(
                    i,
                    t.role,
                    t.text,
                    tool_calls=t.tool_calls,
                    tool_call_id=t.tool_call_id,
                    is_error=t.is_error,
                )
            )
        else:
            built.append(Turn(i, t[0], t[1]))  # type: ignore[arg-type]
    return Conversation(id=cid, turns=tuple(built), source="t.jsonl:1", feedback=feedback)


def names(outcome: Outcome) -> set[str]:
    return set(outcome.signal_names)


HEALTHY = conv(
    ("system", "You are Acme's support agent."),
    ("user", "How do I change the email address on my account?"),
    ("assistant", "Go to Settings → Profile, click Edit next to Email, and confirm the link we send you."),
    ("user", "Found it, thanks, that worked!"),
    ("assistant", "Glad it worked! Is there anything else I can help you with?"),
)


def test_a_healthy_conversation_fires_nothing() -> None:
    outcome = detect(HEALTHY, CFG)
    assert outcome.signals == () and not outcome.failed and outcome.failing_turn is None


def test_negative_feedback_fails_the_conversation_at_the_rated_turn() -> None:
    c = conv(
        ("user", "Can I export my invoices as CSV?"),
        ("assistant", "Yes, open Billing and choose Export."),
        feedback=(Feedback("thumbs", "thumbs_down", True, "there is no export button", turn_index=1),),
    )
    out = detect(c, CFG)
    assert out.failed and names(out) == {"negative_feedback"}
    assert out.failing_turn == 1 and "no export button" in out.signals[0].evidence


def test_escalation_points_at_the_assistant_turn_before_it() -> None:
    c = conv(
        ("user", "My package says delivered but it never arrived."),
        ("assistant", "Deliveries can take up to 10 business days. Please wait a little longer."),
        ("user", "It says DELIVERED. Can I please speak to a real person?"),
        ("assistant", "I'll connect you with our support team."),
    )
    out = detect(c, CFG)
    assert out.failed and "escalation" in names(out)
    hit = next(h for h in out.signals if h.name == "escalation")
    assert hit.turn_index == 2 and "speak to a real person" in hit.evidence
    assert out.failing_turn == 1
    assert failing_request(c, out) == "My package says delivered but it never arrived."


@pytest.mark.parametrize(
    "text",
    [
        "this is useless",
        "Are you even listening to me??",
        "I already told you my order number!!!",
        "WHY IS MY ACCOUNT STILL LOCKED AFTER THREE DAYS",
    ],
)
def test_frustration_language(text: str) -> None:
    c = conv(("user", "I can't log in."), ("assistant", "Try resetting your password."), ("user", text))
    out = detect(c, CFG)
    assert "frustration" in names(out)


def test_frustration_ignores_words_that_merely_contain_a_phrase_and_happy_exclamations() -> None:
    c = conv(
        ("user", "The API returns JSON from the URL, I'm using the SDK for CSV imports"),
        ("assistant", "Great, that format is supported."),
        ("user", "thanks!!! that worked"),
    )
    assert "frustration" not in names(detect(c, CFG))


def test_non_answer_and_abandonment_after_it() -> None:
    c = conv(
        ("user", "Does the Pro plan include SSO with Okta?"),
        ("assistant", "I'm sorry, I don't have information about SSO. Please refer to our documentation."),
    )
    out = detect(c, CFG)
    assert {"non_answer", "abandonment"} <= names(out)
    assert out.failed and out.failing_turn == 1


def test_tool_error_not_recovered_fails_and_blames_the_tool_turn() -> None:
    c = conv(
        ("user", "Cancel order 48213 please"),
        Turn(0, "assistant", "", tool_calls=(ToolCall("call_1", "cancel_order", "{}"),)),
        Turn(0, "tool", '{"error": "upstream returned 503 Service Unavailable"}', tool_call_id="call_1"),
        ("assistant", "Your order has been cancelled."),
        ("user", "great, thanks!"),
    )
    out = detect(c, CFG)
    assert names(out) == {"tool_error"} and out.failed and out.failing_turn == 2


def test_tool_error_recovered_by_a_retry_alone_does_not_fail() -> None:
    c = conv(
        ("user", "What's the status of order 48213?"),
        Turn(0, "assistant", "", tool_calls=(ToolCall("a", "lookup_order", "{}"),)),
        Turn(0, "tool", "Request timed out after 10s", tool_call_id="a", is_error=True),
        Turn(0, "assistant", "", tool_calls=(ToolCall("b", "lookup_order", "{}"),)),
        Turn(0, "tool", '{"status": "shipped", "error": null}', tool_call_id="b"),
        ("assistant", "It shipped yesterday and should arrive Friday."),
        ("user", "perfect, thank you"),
    )
    out = detect(c, CFG)
    assert names(out) == {"tool_error"} and not out.failed


def test_expectation_downgrade_but_not_for_i_never_mind_waiting() -> None:
    give_up = conv(
        ("user", "How do I merge two workspaces?"),
        ("assistant", "Could you tell me which plan you are on?"),
        ("user", "never mind, I'll do it myself"),
    )
    out = detect(give_up, CFG)
    assert "expectation_downgrade" in names(out) and out.failed and out.failing_turn == 1
    patient = conv(
        ("user", "Is the refund still processing? I never mind waiting, just curious."),
        ("assistant", "Yes, refunds take 5-7 business days. It should arrive by Monday."),
        ("user", "thanks, that worked!"),
    )
    out = detect(patient, CFG)
    assert out.signals == () and not out.failed


def test_abandonment_when_the_assistant_asks_and_the_user_leaves() -> None:
    c = conv(
        ("user", "My invoice shows the wrong VAT number."),
        ("assistant", "Could you send me the invoice number so I can check?"),
    )
    out = detect(c, CFG)
    assert names(out) == {"abandonment"} and out.failing_turn == 1


def test_an_unanswered_last_user_message_is_abandonment_but_thanks_is_not() -> None:
    unanswered = conv(
        ("user", "Hello?"), ("assistant", "Hi! How can I help?"), ("user", "Where is my refund")
    )
    assert "abandonment" in names(detect(unanswered, CFG))
    assert "abandonment" not in names(detect(HEALTHY, CFG))
    closing = conv(
        ("user", "What are your opening hours?"),
        ("assistant", "9am to 5pm, Monday to Friday."),
        ("user", "ok"),
    )
    assert detect(closing, CFG).signals == ()


@pytest.mark.parametrize(
    "last",
    ["ta", "ok tanks", "yes it's fast agaain", "restarted, much better now", "chees", "d'accord mercci",
     "super, daanke", "MIL GRRACIAS", "ok dziękki wielie", "fab x", "nice one", "fair enough", "apppreciated",
     "great stuff", "mooi zo, dank"],
)  # fmt: skip
def test_a_short_acknowledgement_after_the_answer_is_not_abandonment(last: str) -> None:
    c = conv(
        ("user", "my internet is really slow tonight"),
        ("assistant", "Sorry about that. Could you restart your router and tell me if the speed improves?"),
        ("user", last),
    )
    assert detect(c, CFG).signals == ()


@pytest.mark.parametrize(
    "last", ["yes", "ok whatever", "forget it", "my booking ref is ABC123", "not fixed", "oui mais non"]
)
def test_a_last_message_that_asks_objects_or_gives_up_is_still_unanswered(last: str) -> None:
    c = conv(
        ("user", "my internet is really slow tonight"),
        ("assistant", "Sorry about that. Shall I book an engineer visit?"),
        ("user", last),
    )
    assert "abandonment" in names(detect(c, CFG))


def test_long_unresolved_alone_is_weak_and_fails_with_another_signal() -> None:
    questions = [
        "Where do I find the audit log?",
        "Can admins export it?",
        "Is there an API for the log?",
        "How long are entries retained?",
        "Can I filter by user?",
        "Does it include logins?",
        "Are API key rotations logged?",
        "Can I stream it to Splunk?",
    ]
    turns: list[tuple[str, str]] = []
    for q in questions:
        turns += [("user", q), ("assistant", "Yes, under Admin → Security.")]
    out = detect(conv(*turns), CFG)
    assert names(out) == {"long_unresolved"} and not out.failed
    assert out.signals[0].turn_index == 15
    turns[2] = ("user", "Can admins export it? This is a waste of time.")
    out = detect(conv(*turns), CFG)
    assert names(out) == {"long_unresolved", "frustration"} and out.failed
    assert out.failing_turn == 1  # the answer before the frustrated turn, not the 16th turn
    turns.append(("user", "great, thanks"))
    assert "long_unresolved" not in names(detect(conv(*turns), CFG))


def test_two_weak_signals_fail_one_does_not() -> None:
    one = conv(
        ("user", "Which regions do you ship to?"),
        ("assistant", "I'm not sure about every region, but we ship to the EU, UK and US."),
        ("user", "ok thanks"),
    )
    out = detect(one, CFG)
    assert names(out) == {"non_answer"} and not out.failed and out.failing_turn is None
    two = conv(
        ("user", "Which regions do you ship to?"),
        ("assistant", "I'm not sure about every region."),
        ("user", "this is ridiculous, just tell me if you ship to Canada"),
        ("assistant", "We ship to Canada."),
        ("user", "thanks"),
    )
    out = detect(two, CFG)
    assert names(out) == {"non_answer", "frustration"} and out.failed and out.failing_turn == 1


def test_rephrasing_with_token_overlap_fallback() -> None:
    c = conv(
        ("user", "How do I cancel my subscription?"),
        ("assistant", "You can manage your plan in Settings."),
        ("user", "I want to cancel my subscription"),
        ("assistant", "Open Settings, then Billing, then Cancel plan."),
        ("user", "thanks!"),
    )
    out = detect(c, CFG)
    assert names(out) == {"rephrasing"}
    assert out.signals[0].turn_index == 2
    assert token_similarity("How do I cancel my subscription?", "What's the weather on Mars?") == 0.0


@pytest.mark.slow
def test_rephrasing_with_real_embeddings(embedder) -> None:  # type: ignore[no-untyped-def]
    texts = [
        "I can't log into my account, it keeps saying invalid password",
        "Login fails with an incorrect password error even though my password is right",
        "Also, can I change the color theme of the dashboard?",
    ]
    vectors = dict(zip(texts, embedder.encode(texts), strict=True))
    same = conv(("user", texts[0]), ("assistant", "Please try again."), ("user", texts[1]))
    other = conv(("user", texts[0]), ("assistant", "Reset it via the link we emailed."), ("user", texts[2]))
    cfg = CFG.model_copy(update={"rephrase_similarity": 0.6})
    assert "rephrasing" in names(detect(same, cfg, vectors.__getitem__))
    assert "rephrasing" not in names(detect(other, cfg, vectors.__getitem__))


def test_signals_can_be_disabled_and_extended() -> None:
    c = conv(
        ("user", "My card was declined at checkout."),
        ("assistant", "Please contact your bank."),
        ("user", "hand me over to the billing crew"),
    )
    assert "escalation" not in names(detect(c, CFG))
    cfg = CFG.model_copy(update={"extra_escalation_phrases": ["billing crew"], "enabled": ["escalation"]})
    out = detect(c, cfg)
    assert names(out) == {"escalation"} and out.failing_turn == 1
    # a configured phrase never matches inside another word
    cfg = CFG.model_copy(update={"extra_escalation_phrases": ["crew"], "enabled": ["escalation"]})
    assert detect(conv(("user", "screwdriver missing from the kit")), cfg).signals == ()


def test_resolution_detection() -> None:
    assert is_resolution("Thanks, that fixed it")
    assert is_resolution("perfect!")
    assert not is_resolution("thanks for nothing")
    assert not is_resolution("thanks anyway")
    assert not is_resolution("thanks but it still doesn't work")


def test_failing_request_defaults_to_the_opening_request() -> None:
    out = detect(HEALTHY, CFG)
    assert failing_request(HEALTHY, out) == "How do I change the email address on my account?"


def test_an_opening_problem_description_is_not_frustration_but_the_same_words_after_an_answer_are() -> None:
    c = conv(
        ("user", "The reset link doesn't work, it says expired"),
        ("assistant", "Please request a new link from the login page."),
        ("user", "still the same error, the new link doesn't work either"),
        ("assistant", "Links are valid for 30 minutes."),
        ("user", "ok thanks"),
    )
    out = detect(c, CFG)
    assert [(h.name, h.turn_index) for h in out.signals if h.name == "frustration"] == [("frustration", 2)]


def test_swapped_letters_in_common_words_are_tolerated() -> None:
    thanked = conv(
        ("user", "How do I add a label?"),
        ("assistant", "Open the task and click Labels."),
        ("user", "tahnk you, wokrs now"),
    )
    assert detect(thanked, CFG).signals == ()
    assert is_resolution("thnak you!!")
    typo = conv(
        ("user", "How do I add a label?"),
        ("assistant", "Labels are not available."),
        ("user", "this is uselses"),
    )
    [hit] = [h for h in detect(typo, CFG).signals if h.name == "frustration"]
    assert hit.evidence == "this is uselses"  # evidence quotes what the user wrote


def test_deflecting_to_documentation_and_leaving_after_answering_a_complaint() -> None:
    c = conv(
        ("user", "How do I enter the SAML metadata URL in Lumen?"),
        ("assistant", "I'd suggest consulting your IdP's documentation."),
        ("user", "that doesn't answer my question"),
        ("assistant", "SSO setup depends on your organization."),
    )
    out = detect(c, CFG)
    assert {"non_answer", "frustration", "abandonment"} <= names(out)
    assert next(h for h in out.signals if h.name == "abandonment").turn_index == 3
    assert out.failing_turn == 1


def test_asking_for_a_person_instead_of_the_bot_is_escalation() -> None:
    for text in ["I need a person, not a bot.", "Can someone from your team call me?"]:
        c = conv(
            ("user", "Refund my annual plan"),
            ("assistant", "The refund failed to go through."),
            ("user", text),
        )
        assert "escalation" in names(detect(c, CFG)), text


@pytest.mark.parametrize(
    "text",
    [
        "Can you connect me to our Slack workspace?",
        "I'm a manager, how do I add a manager role for my deputy?",
        "Will the technician come on Monday?",
        "Great steps, I'll set it up myself, thanks for the help!",
        "I tried the import with no luck, what format does it need?",
    ],
)
def test_everyday_requests_are_not_mistaken_for_failure(text: str) -> None:
    c = conv(
        ("user", text),
        ("assistant", "Sure: open Settings → Integrations and follow the steps."),
        ("user", "thanks, that worked"),
    )
    assert detect(c, CFG).signals == ()


def test_failing_request_is_the_request_that_failed_not_a_reply_or_pushback() -> None:
    c = conv(
        ("user", "How do I rename a project?"),
        ("assistant", "Open the project, click its name and type the new one."),
        ("user", "Great. Also, can I move tasks between workspaces?"),
        ("assistant", "Which workspace are they in now?"),
        ("user", "it's the acme-marketing workspace"),
        ("assistant", "I'm not able to move tasks between workspaces."),
        ("user", "that's not what your docs say"),
        ("assistant", "I'm sorry for the confusion."),
    )
    out = detect(c, CFG)
    assert out.failed and out.failing_turn == 5
    assert failing_request(c, out) == "Great. Also, can I move tasks between workspaces?"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("How do I export to CSV?", True),
        ("I need to change the billing email", True),
        ("Hi! please add my colleague to the project", True),
        ("it's the acme-marketing workspace", False),
        ("really? not even for admins?", False),
        ("Tried it. Nothing.", False),
    ],
)
def test_is_request(text: str, expected: bool) -> None:
    assert is_request(text) is expected
