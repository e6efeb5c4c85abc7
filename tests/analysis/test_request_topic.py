"""What a conversation is about: greetings, pleas and typos around the request carry no topic."""

from __future__ import annotations

import pytest

from agentmend.analysis.request import strip_ids, topic_from_turns, topic_of_text


@pytest.mark.parametrize(
    ("said", "topic"),
    [
        (
            "Good morning is there a faster broadband option at my address",
            "a faster broadband option at my address",
        ),
        ("hello, need some help how do I activate my new SIM", "how do I activate my new SIM"),
        ("Hi there I forgot my password", "I forgot my password"),
        ("Quick one: how do I remove a member", "how do I remove a member"),
        ("emails from you go to spam cheers", "emails from you go to spam"),
        ("Bonjour, je voudrais annuler ma commande", "je voudrais annuler ma commande"),
    ],
)
def test_a_greeting_or_plea_around_the_request_is_cut(said: str, topic: str) -> None:
    assert topic_of_text(said) == topic


@pytest.mark.parametrize("said", ["GOOD MRNNG", "hi thre", "hllo", "Hey, thanks so much!"])
def test_a_mistyped_greeting_alone_carries_no_topic(said: str) -> None:
    assert topic_of_text(said) == ""


@pytest.mark.parametrize(
    "said", ["not receiving any notifications", "file a complaint", "term dates for the plan"]
)
def test_words_that_only_look_like_filler_are_kept(said: str) -> None:
    assert topic_of_text(said) == said


def test_the_topic_comes_from_the_next_turn_when_the_first_is_a_mistyped_greeting() -> None:
    assert topic_from_turns(["GOOD MRNNG", "I was charged twice for November"]) == (
        "I was charged twice for November"
    )


def test_booking_codes_in_capitals_carry_no_topic_but_acronyms_and_shouted_words_stay() -> None:
    """"PLFQHF" became a cause's keyword ("apology — booking plfqhf / date switch"); "SSO" names a topic."""
    assert strip_ids("change the date of booking PLFQHF and dghhmp") == "change the date of booking and"
    kept = "SSO login for our VAT invoices, PLEASE HELP"
    assert strip_ids(kept) == kept
