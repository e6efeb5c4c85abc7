"""Action checks fire on the silent failures of tool-using agents, name the turn and the tool, and stay quiet
on the healthy path."""

from __future__ import annotations

from agentmend.analysis.actions import check_actions
from agentmend.analysis.actions.calls import pair_calls
from agentmend.analysis.actions.declared import declared_tools
from agentmend.analysis.detection import rule_outcome
from agentmend.analysis.records import SignalHit
from agentmend.analysis.signals import handoff_turn
from agentmend.conversations.model import Conversation
from agentmend.repo_config import ActionsConfig, ExportSource, RepoConfig
from signals.tool_chats import POLICY, RESERVATION, call, chat, confirmed_cancel, lookup, result, say, user

ALL = {
    "unconfirmed_write",
    "ungrounded_argument",
    "claimed_not_done",
    "unrecovered_tool_error",
    "repeated_call",
    "said_cannot",
    "half_done",
    "over_policy_limit",
}
CFG = ActionsConfig()


def hits(conv: Conversation, policy: str = POLICY, tools: str = "") -> list[SignalHit]:
    declared = declared_tools([tools]) if tools else None
    return check_actions(conv, CFG, ALL, declared, policy, handed_off=handoff_turn(conv) is not None)


def test_the_confirmed_healthy_path_fires_no_action_check() -> None:
    assert hits(confirmed_cancel()) == []


def test_a_cancel_without_the_users_yes_is_an_unconfirmed_write_at_the_call() -> None:
    conv = chat(
        *lookup(),
        call("cancel_reservation", "call_2", reservation_id="ZK42QX"),
        result("call_2", {"status": "cancelled"}),
        say("Done, ZK42QX is cancelled."),
    )
    [hit] = [h for h in hits(conv) if h.name == "unconfirmed_write"]
    assert hit.tool == "cancel_reservation" and hit.turn_index == 4
    assert "not a yes" in hit.evidence and "ZK42QX" in hit.evidence


def test_a_wait_after_the_stated_action_is_not_a_yes() -> None:
    conv = chat(
        *lookup(),
        say("I will cancel ZK42QX and refund $164. Shall I proceed?"),
        user("Wait, no, let me check with my wife first."),
        call("cancel_reservation", "call_2", reservation_id="ZK42QX"),
        result("call_2", {"status": "cancelled"}),
    )
    assert [h.name for h in hits(conv)] == ["unconfirmed_write"]


def test_without_a_confirmation_policy_the_users_own_request_is_enough() -> None:
    conv = chat(
        user("Can you send me a password reset link please?"),
        call("send_password_reset", "call_1", email="on file"),
        result("call_1", {"sent": True}),
        say("I've sent a reset link to your email."),
        user("thanks!"),
    )
    assert hits(conv, policy="Be friendly.") == []
    # a policy that asks for a yes before any action makes the same call unconfirmed
    assert [h.name for h in hits(conv, policy=POLICY)] == ["unconfirmed_write"]
    assert hits(conv, policy="Confirm before you change or cancel a booking.") == []


def test_a_made_up_reservation_id_is_an_ungrounded_argument() -> None:
    conv = chat(
        *lookup(),
        say("I will cancel reservation ZK42QY. Shall I proceed?"),
        user("yes"),
        call("cancel_reservation", "call_2", reservation_id="ZK42QY"),
        result("call_2", {"status": "cancelled"}),
    )
    [hit] = [h for h in hits(conv) if h.name == "ungrounded_argument"]
    assert hit.tool == "cancel_reservation" and "ZK42QY" in hit.evidence and hit.turn_index == 6


def test_an_amount_computed_from_earlier_numbers_and_a_day_the_user_named_are_grounded() -> None:
    conv = chat(
        user("Please book HAT083 on May 20 for 2 passengers, user mia_li_3818, pay with credit_card_4421."),
        call("search_direct_flight", "call_1", origin="JFK", destination="SFO", date="2024-05-20"),
        result("call_1", [{"flight_number": "HAT083", "price": 164}]),
        say("HAT083 on May 20 for 2 passengers is $328 in total on credit_card_4421. Book it?"),
        user("Yes."),
        call(
            "book_reservation",
            "call_2",
            user_id="mia_li_3818",
            flights=[{"flight_number": "HAT083", "date": "2024-05-20"}],
            payment_id="credit_card_4421",
            total_amount=328,
        ),
        result("call_2", {"reservation_id": "NEW123", "status": "booked"}),
    )
    assert hits(conv) == []


def test_a_date_nobody_named_is_ungrounded() -> None:
    conv = chat(
        *lookup(),
        say("I'll move ZK42QX to HAT083 on a later day. Proceed?"),
        user("yes"),
        call("update_reservation_flights", "call_2", reservation_id="ZK42QX", date="2024-05-27"),
        result("call_2", {"status": "ok"}),
    )
    [hit] = [h for h in hits(conv) if h.name == "ungrounded_argument"]
    assert "2024-05-27" in hit.evidence


def test_a_success_claimed_without_the_call_is_claimed_but_not_done() -> None:
    conv = chat(*lookup(), say("I've cancelled reservation ZK42QX and your refund has been issued."))
    [hit] = [h for h in hits(conv) if h.name == "claimed_not_done"]
    assert hit.turn_index == 4 and "cancelled" in hit.evidence


def test_a_claim_after_a_failed_call_is_still_not_done() -> None:
    conv = chat(
        *lookup(),
        say("I will cancel ZK42QX. Proceed?"),
        user("yes"),
        call("cancel_reservation", "call_2", reservation_id="ZK42QX"),
        result("call_2", "Error: reservation is past the cancellation window"),
        say("I've cancelled your reservation."),
    )
    names = {h.name for h in hits(conv)}
    assert {"claimed_not_done", "unrecovered_tool_error"} <= names


def test_conditional_and_future_wording_is_not_a_claim() -> None:
    conv = chat(
        *lookup(),
        say("Once I have your yes, it will be cancelled. If it has been cancelled by us, you'd know."),
    )
    assert [h for h in hits(conv) if h.name == "claimed_not_done"] == []


def test_a_recovered_error_is_not_unrecovered_and_a_reused_id_blames_the_right_tool() -> None:
    conv = chat(
        user("What's the status of HAT083 today and my reservation ZK42QX?"),
        call("get_flight_status", "call_1", flight_number="HAT083", date="2024-05-15"),
        result("call_1", {"status": "delayed"}),
        call("get_reservation_details", "call_1", reservation_id="ZK42QX"),  # the agent reused the id
        result("call_1", "Error: upstream timeout"),
        say("HAT083 is delayed; I couldn't load your reservation right now."),
    )
    [hit] = [h for h in hits(conv) if h.name == "unrecovered_tool_error"]
    assert hit.tool == "get_reservation_details" and hit.turn_index == 5
    paired = pair_calls(conv)
    assert [(p.name, p.result.index if p.result else None) for p in paired] == [
        ("get_flight_status", 3),
        ("get_reservation_details", 5),
    ]
    retried = chat(
        *conv_messages_with_retry(),
    )
    assert [h for h in hits(retried) if h.name == "unrecovered_tool_error"] == []


def conv_messages_with_retry() -> list[dict[str, object]]:
    return [
        user("Status of reservation ZK42QX?"),
        call("get_reservation_details", "call_1", reservation_id="ZK42QX"),
        result("call_1", "Error: upstream timeout"),
        call("get_reservation_details", "call_2", reservation_id="ZK42QX"),
        result("call_2", {"reservation_id": "ZK42QX", "status": "confirmed"}),
        say("It is confirmed."),
    ]


def test_the_same_successful_call_again_is_a_repeated_call() -> None:
    conv = chat(
        *lookup(),
        call("get_reservation_details", "call_2", reservation_id="ZK42QX"),
        result("call_2", {"reservation_id": "ZK42QX"}),
    )
    [hit] = [h for h in hits(conv) if h.name == "repeated_call"]
    assert hit.tool == "get_reservation_details" and "first at turn 2" in hit.evidence
    assert [h for h in hits(chat(*conv_messages_with_retry())) if h.name == "repeated_call"] == []


def test_saying_it_cannot_see_what_a_tool_returned_is_said_cannot() -> None:
    conv = chat(*lookup(), say("I'm unable to see the payment history for this reservation."))
    [hit] = [h for h in hits(conv) if h.name == "said_cannot"]
    assert "payment" in hit.evidence


def test_saying_it_cannot_do_what_a_declared_tool_offers_is_said_cannot() -> None:
    tools = "tools:\n  - name: update_reservation_baggages\n    description: Add checked bags.\n"
    conv = chat(
        user("Can you add a bag to ZK42QX?"), say("I don't have the ability to update reservation baggages.")
    )
    [hit] = [h for h in hits(conv, tools=tools) if h.name == "said_cannot"]
    assert hit.tool == "update_reservation_baggages"


def test_a_policy_refusal_is_not_said_cannot() -> None:
    conv = chat(
        *lookup(), say("I'm unable to cancel this reservation: it was booked more than 24 hours ago.")
    )
    assert [h for h in hits(conv) if h.name == "said_cannot"] == []


def test_a_compound_request_done_for_one_of_two_is_half_done() -> None:
    conv = chat(
        user("Please cancel reservations ZK42QX and PL77AB."),
        call("get_reservation_details", "call_1", reservation_id="ZK42QX"),
        result("call_1", RESERVATION),
        say("I will cancel ZK42QX and PL77AB. Proceed?"),
        user("yes"),
        call("cancel_reservation", "call_2", reservation_id="ZK42QX"),
        result("call_2", {"status": "cancelled"}),
        say("ZK42QX has been cancelled."),
        user("Thanks."),
    )
    [hit] = [h for h in hits(conv) if h.name == "half_done"]
    assert "pl77ab" in hit.evidence.lower() and hit.turn_index == 8
    none_done = chat(
        user("Please cancel reservations ZK42QX and PL77AB."), say("Neither can be cancelled by policy.")
    )
    assert [h for h in hits(none_done) if h.name == "half_done"] == []


def test_declared_tools_say_which_change_state() -> None:
    text = (
        '[{"type": "function", "function": {"name": "lookup_order"}},'
        ' {"name": "void_order", "annotations": {"destructiveHint": true}},'
        ' {"name": "get_refund", "annotations": {"readOnlyHint": true}}]'
    )
    d = declared_tools([text, "not: [valid"])
    assert d.names == {"lookup_order", "void_order", "get_refund"}
    assert d.writes == {"void_order"} and d.reads == {"get_refund"}


def test_a_strong_action_check_alone_fails_the_conversation_at_its_turn() -> None:
    config = RepoConfig(version=1, exports=[ExportSource(path="x")])
    conv = chat(*lookup(), say("I've cancelled reservation ZK42QX."), user("Great, thanks!"))
    out = rule_outcome(conv, config, policy=POLICY)
    assert out.failed and out.failing_turn == 4 and "claimed_not_done" in out.signal_names
    assert not rule_outcome(confirmed_cancel(), config, policy=POLICY).failed


# ------------------------------------------------------------------ claims agent: tools known by description

CLAIM_TOOLS = """
tools:
- name: get_policy
  description: Policy details, holder, drivers and cover.
- name: open_claim
  description: Open a new claim on a policy.
- name: claims_intake
  description: Open a new claim on a policy (the intake system's name for it).
- name: update_policy
  description: Change the correspondence or risk address on a policy.
- name: add_driver
  description: Add a named driver to a motor policy.
- name: get_adjuster_slots
  description: Free assessor visit slots for a claim.
- name: schedule_adjuster
  description: Book an assessor visit in one of the free slots.
- name: upload_document
  description: Attach a file the customer sent to a claim.
"""
POLICY_DOC = {"policy_number": "HM-5473953", "product": "home", "status": "active"}


def _claim(
    said: str, incident_date: str, started_at: str = "2026-11-21T10:00:00Z", tool: str = "open_claim"
) -> Conversation:
    return chat(
        user(said + " Policy HM-5473953."),
        call("get_policy", "c1", policy_number="HM-5473953"),
        result("c1", POLICY_DOC),
        say("Sorry to hear that. I'll open a claim for accidental damage. Is that OK?"),
        user("yes please"),
        call(tool, "c2", policy_number="HM-5473953", incident_date=incident_date),
        result("c2", {"claim_id": "CLM-26-745758", "status": "open"}),
        say("Your claim CLM-26-745758 is open."),
        user("great, thanks"),
        started_at=started_at,
    )


def test_a_tool_described_with_a_write_verb_is_checked_as_a_write() -> None:
    """`claims_intake` has no write verb in its name; its description ("Open a new claim") says it writes."""
    made_up = _claim("I spilled paint on the carpet.", "2026-10-02", tool="claims_intake")
    fired = [h.tool for h in hits(made_up, tools=CLAIM_TOOLS) if h.name == "ungrounded_argument"]
    assert fired == ["claims_intake"]
    assert hits(made_up) == []  # without the tool descriptions nothing says claims_intake changes state


def test_a_day_named_relative_to_the_message_grounds_the_date() -> None:
    """Saturday 21 November: "yesterday" is the 20th, "el lunes" the 16th, "02/11" (day first) the 2nd."""
    for said, day in [
        ("The storm yesterday blew tiles off my roof.", "2026-11-20"),
        ("se me volcó un bote de pintura en la alfombra el lunes.", "2026-11-16"),
        ("my car got keyed on 02/11", "2026-11-02"),
        ("the hot water tank burst in the night", "2026-11-21"),
    ]:
        assert [
            h for h in hits(_claim(said, day), tools=CLAIM_TOOLS) if h.name == "ungrounded_argument"
        ] == [], said
    wrong = _claim("The storm yesterday blew tiles off my roof.", "2026-11-14")
    assert [h.name for h in hits(wrong, tools=CLAIM_TOOLS)] == ["ungrounded_argument"]


def test_day_words_typed_in_a_hurry_still_ground_the_date() -> None:
    """Saturday 21 November: "yday" and "yesterdya" are the 20th, "onem" (ontem) too; a postcode like "H91"
    is not the year 1991, and "right" is not "night"."""
    for said in [
        "a tree branch came through the roof yday",
        "the pipe burst yesterdya",
        "entornei tinta no tapete onem",
        "Ref H91 4CE6, water through the ceiling yesterday",
    ]:
        assert [
            h for h in hits(_claim(said, "2026-11-20"), tools=CLAIM_TOOLS) if h.name == "ungrounded_argument"
        ] == [], said
    right = _claim("the right side of the roof is damaged", "2026-11-20")
    assert [h.name for h in hits(right, tools=CLAIM_TOOLS)] == ["ungrounded_argument"]


def test_a_wrong_date_the_agent_puts_right_is_not_a_failure() -> None:
    """The user spots the made-up date and a later write replaces it: recovered. Left as it was: reported."""
    opened = [
        user("The storm yesterday blew tiles off my roof. Policy HM-5473953."),
        call("open_claim", "c1", policy_number="HM-5473953", incident_date="2026-11-21"),
        result("c1", {"claim_id": "CLM-26-745758", "status": "open"}),
        say("I've opened claim CLM-26-745758 with the date 21 November."),
        user("wait, it was yesterday, not the 21st"),
    ]
    fixed = chat(
        *opened,
        call("update_claim", "c2", claim_id="CLM-26-745758", changes={"incident_date": "2026-11-20"}),
        result("c2", {"claim_id": "CLM-26-745758", "incident_date": "2026-11-20"}),
        say("You're right, I've corrected the date to 20 November."),
        started_at="2026-11-21T10:00:00Z",
    )
    assert [h for h in hits(fixed, tools=CLAIM_TOOLS) if h.name == "ungrounded_argument"] == []
    apologised = chat(*opened, say("Sorry about that!"), started_at="2026-11-21T10:00:00Z")
    assert [h.tool for h in hits(apologised, tools=CLAIM_TOOLS) if h.name == "ungrounded_argument"] == [
        "open_claim"
    ]


def test_a_relative_day_without_a_known_moment_grounds_nothing() -> None:
    conv = chat(
        user("The storm yesterday blew tiles off my roof. Policy HM-5473953."),
        call("get_policy", "c1", policy_number="HM-5473953"),
        result("c1", POLICY_DOC),
        say("I'll open a storm claim. OK?"),
        user("yes"),
        call("open_claim", "c2", policy_number="HM-5473953", incident_date="2026-11-20"),
        result("c2", {"claim_id": "CLM-1", "status": "open"}),
    )
    assert conv.started_at is None
    assert [h.name for h in hits(conv, tools=CLAIM_TOOLS)] == ["ungrounded_argument"]


def _slots_then(reply: str, *, book: bool) -> Conversation:
    messages = [
        user("necesito que venga el perito, CLM-26-777810"),
        call("get_adjuster_slots", "c1", claim_id="CLM-26-777810"),
        result("c1", {"slots": [{"slot_id": "slot_0d42a8", "date": "2026-11-25", "window": "am"}]}),
        say("Tengo el miércoles 25 de noviembre, de 8:00 a 12:00. ¿Le va bien?"),
        user("sí, el miércoles"),
    ]
    if book:
        messages += [
            call("schedule_adjuster", "c2", claim_id="CLM-26-777810", slot_id="slot_0d42a8"),
            result("c2", {"status": "booked"}),
        ]
    return chat(*messages, say(reply), user("gracias"))


def test_a_booking_reported_in_another_language_without_the_call_is_claimed_not_done() -> None:
    said = "Listo, la visita queda confirmada el miércoles 25 de noviembre."
    fired = [
        h for h in hits(_slots_then(said, book=False), tools=CLAIM_TOOLS) if h.name == "claimed_not_done"
    ]
    assert len(fired) == 1 and "queda confirmada" in fired[0].evidence
    booked = hits(_slots_then(said, book=True), tools=CLAIM_TOOLS)
    assert [h for h in booked if h.name == "claimed_not_done"] == []


def test_a_claimed_booking_names_the_booking_tool_it_never_called() -> None:
    """The one declared tool that books is the step a fix is about: the cause reads "claimed not done:
    schedule_adjuster", not a generic reply."""
    conv = _slots_then("I've booked the assessor for Wednesday morning.", book=False)
    fired = [(h.name, h.tool) for h in hits(conv, tools=CLAIM_TOOLS)]
    assert fired == [("claimed_not_done", "schedule_adjuster")]


def test_a_claim_after_a_tool_that_may_write_reports_it() -> None:
    """ "I've added the file" right after a successful `upload_document` (no write verb in its name)."""
    conv = chat(
        user("here's the photo for CLM-26-465895"),
        call("upload_document", "c1", claim_id="CLM-26-465895", file_name="IMG_2850.jpg"),
        result("c1", {"status": "attached"}),
        say("Thanks — I've added 1 file to claim CLM-26-465895."),
        user("cheers"),
    )
    assert hits(conv, tools=CLAIM_TOOLS) == []


def _two_changes(*calls_made: dict[str, object]) -> Conversation:
    return chat(
        user(
            "I've moved: new address 103 Cowley Road, Oxford OX4 5UP, and can you add my son Tomás "
            "as a driver?"
        ),
        user("MT-5236332"),
        call("get_policy", "c1", policy_number="MT-5236332"),
        result("c1", {"policy_number": "MT-5236332", "product": "motor"}),
        say("I'll update your address and add Tomás as a driver. OK?"),
        user("yes please"),
        *calls_made,
        say("Done — your policy is updated."),
        user("no that's all"),
    )


def test_an_announced_action_with_its_own_tool_never_called_is_half_done() -> None:
    address = [
        call("update_policy", "c2", policy_number="MT-5236332", address="103 Cowley Road, Oxford OX4 5UP"),
        result("c2", {"status": "updated"}),
    ]
    driver = [
        call("add_driver", "c3", policy_number="MT-5236332", driver="Tomás Ruiz"),
        result("c3", {"status": "added"}),
    ]
    fired = [h for h in hits(_two_changes(*address), tools=CLAIM_TOOLS) if h.name == "half_done"]
    assert len(fired) == 1 and "add_driver" in fired[0].evidence and fired[0].turn_index == 5
    assert fired[0].tool == "add_driver"  # the step never taken names the mechanism: "half done: add_driver"
    assert [
        h for h in hits(_two_changes(*address, *driver), tools=CLAIM_TOOLS) if h.name == "half_done"
    ] == []


def test_an_action_the_user_asked_for_whose_tool_was_never_called_is_half_done() -> None:
    """ "update my address … and add my daughter Sara as a driver", no offer recap, only `update_policy` ran:
    `add_driver` never called. Nothing asked beyond the address, or the driver added too: quiet."""

    def asked(request: str, *calls_made: dict[str, object]) -> Conversation:
        return chat(
            user(request),
            user("MT-4916939, CF14 1XP"),
            call("get_policy", "c1", policy_number="MT-4916939"),
            result("c1", {"policy_number": "MT-4916939", "product": "motor"}),
            say("Sure — I'll need Sara's date of birth and licence number."),
            user("21/06/2004, HADDA469764SE"),
            call("update_policy", "c2", policy_number="MT-4916939", address="146 Victoria Street, BS1 8PU"),
            result("c2", {"status": "updated"}),
            *calls_made,
            say("All done! Your policy has been updated."),
        )

    both = "can you update my address to 146 victoria street, bs1 8pu and add my daughter sara as a driver?"
    [hit] = [h for h in hits(asked(both), tools=CLAIM_TOOLS) if h.name == "half_done"]
    assert hit.tool == "add_driver" and "add my daughter sara as a driver" in hit.evidence
    added = [call("add_driver", "c3", policy_number="MT-4916939", driver="Sara"), result("c3", {"ok": True})]
    assert [h for h in hits(asked(both, *added), tools=CLAIM_TOOLS) if h.name == "half_done"] == []
    one = "can you update my address to 146 victoria street, bs1 8pu? don't add anyone as a driver"
    assert [h for h in hits(asked(one), tools=CLAIM_TOOLS) if h.name == "half_done"] == []


SEAT_TOOLS = """
tools:
  - name: update_reservation_baggages
    description: Update the checked bags of a reservation.
  - name: update_seat
    description: Change the seat of a passenger on a reservation.
"""


def test_a_seat_asked_for_with_put_or_switch_and_never_set_is_half_done() -> None:
    """ "1) add one checked bag 2) put me in an aisle seat": the bag is added, `update_seat` never runs."""
    for request in (
        "for reservation 9ea4m3: 1) add one checked bag 2) put me in an aisle seat",
        "I need to add a checked bag to 9EA4M3 and also switch my seat to an aisle.",
    ):
        conv = chat(
            user(request),
            say("As a silver member you have 3 free bags. Adding one is free. Shall I proceed?"),
            user("YES, GO AHEAD."),
            call("update_reservation_baggages", "c1", reservation_id="9EA4M3", total_baggages=2),
            result("c1", {"reservation_id": "9EA4M3", "total_baggages": 2}),
            say("All done! Your reservation 9EA4M3 has been updated."),
        )
        fired = [(h.name, h.tool) for h in hits(conv, tools=SEAT_TOOLS) if h.name == "half_done"]
        assert fired == [("half_done", "update_seat")], request


def test_both_changes_agreed_with_one_write_to_show_is_half_done() -> None:
    """ "Shall I go ahead with both?" — "ok yes" — one `change_plan`: the second line was dropped. Two calls,
    or a second call when the user points it out, and it was done."""
    first = [
        call("change_plan", "c2", line_id="BB-1327458", new_plan="FULL_FIBRE_900"),
        result("c2", {"status": "scheduled"}),
    ]
    second = [
        call("change_plan", "c3", line_id="MOB-7161271", new_plan="SIMO_10GB"),
        result("c3", {"status": "scheduled"}),
    ]

    def plans(*middle: dict[str, object]) -> Conversation:
        return chat(
            user("I want Full Fibre 900 on the broadband and SIM Only 10GB for my mobile please, VR11618705"),
            call("lookup_account", "c1", account_number="VR11618705"),
            result("c1", ACCOUNT),
            say("Full Fibre 900 is £51.99 a month and SIM Only 10GB £7.99. Shall I go ahead with both?"),
            user("ok yes"),
            *middle,
        )

    [hit] = [
        h
        for h in hits(plans(*first, say("Done! Everything's updated.")), tools=CARE_TOOLS)
        if h.name == "half_done"
    ]
    assert hit.tool == "change_plan" and "with both" in hit.evidence
    done = plans(*first, *second, say("Done! Everything's updated."))
    assert [h for h in hits(done, tools=CARE_TOOLS) if h.name == "half_done"] == []
    caught_up = plans(
        *first,
        say("Tutto sistemato, entrambe le modifiche partono dal 1 ottobre."),
        user("and my mobile? the email only mentions one"),
        *second,
        say("Sorry — done now."),
    )
    assert [h for h in hits(caught_up, tools=CARE_TOOLS) if h.name == "half_done"] == []


def test_an_identifier_said_to_find_the_account_is_not_a_second_thing_to_do() -> None:
    """ "Cancel visit VIS-115588" then "account VR41338173 postcode CF5 4JZ" ("postcode" is no write verb):
    one visit asked for, one cancelled."""
    conv = chat(
        user("Cancel engineer visit VIS-115588 please"),
        user("account vr41338173 postcode cf5 4jz"),
        call("lookup_account", "c1", account_number="VR41338173"),
        result("c1", ACCOUNT),
        say("I'll cancel visit VIS-115588. OK?"),
        user("yes"),
        call("cancel_visit", "c2", visit_id="VIS-115588"),
        result("c2", {"visit_id": "VIS-115588", "status": "cancelled"}),
        say("Visit VIS-115588 is cancelled."),
    )
    assert [h for h in hits(conv) if h.name == "half_done"] == []


CARE_TOOLS = """
tools:
  - name: lookup_account
    description: Look up a customer's account by account number and postcode.
  - name: verify_identity
    description: Check the code the customer read back.
  - name: send_sim
    description: Send a replacement SIM to the account address.
  - name: change_plan
    description: Change the plan of one line.
"""
ACCOUNT = {"account_number": "VR11618705", "lines": [{"line_id": "MOB-7161271", "plan": "SIM Only 100GB"}]}


CONTRACT_ACCOUNT = {
    "account_number": "VR60593428",
    "holder": "Ellie Walker",
    "lines": [
        {
            "line_id": "BB-4447438",
            "plan": "Fibre 500",
            "contract": {"minimum_term_end": "2027-03-18", "early_termination_charge": 142.5},
        }
    ],
}


def _contract_question(*after: dict[str, object], refusal: str) -> Conversation:
    return chat(
        user("hi, am I still in contract on the broadband or can I leave?"),
        say("Sure, could I take your account number and postcode?"),
        user("VR60593428 NR2 4ZX"),
        call("lookup_account", "c1", account_number="VR60593428"),
        result("c1", CONTRACT_ACCOUNT),
        say(refusal),
        *after,
    )


def test_a_bare_refusal_of_what_the_lookup_returned_is_said_cannot() -> None:
    """ "That isn't something I can help with" to a contract question, right after a lookup that returned
    the contract: the agent could. In Dutch too. The account number the user gave is no such field."""
    for refusal in (
        "I'm afraid that isn't something I can help with over chat.",
        "Helaas kan ik je daar in deze chat niet mee helpen.",
    ):
        conv = _contract_question(user("oh right. ok, thanks"), refusal=refusal)
        [hit] = [h for h in hits(conv, policy="", tools=CARE_TOOLS) if h.name == "said_cannot"]
        [at] = [t.index for t in conv.turns if t.text == refusal]
        assert hit.turn_index == at and hit.tool == "lookup_account" and "`contract`" in hit.evidence, refusal
    account_only = chat(
        user("can you help with my account please"),
        call("lookup_account", "c1", account_number="VR60593428"),
        result("c1", {"account_number": "VR60593428", "status": "active"}),
        say("I'm afraid that isn't something I can help with over chat."),
    )
    assert [h for h in hits(account_only, policy="", tools=CARE_TOOLS) if h.name == "said_cannot"] == []


def test_a_refusal_with_a_reason_or_answered_after_a_rephrase_is_not_said_cannot() -> None:
    """A reason ("by policy") makes it a policy refusal; an answer with the date after the user rephrased
    is a recovery."""
    reasoned = _contract_question(
        refusal="That isn't something I can help with: contract changes are by phone only."
    )
    rephrased = _contract_question(
        user("sorry, I mean when does my internet contract end?"),
        say("Your contract runs until 18 March 2027."),
        refusal="I'm afraid that isn't something I can help with over chat.",
    )
    for conv in (reasoned, rephrased):
        assert [h for h in hits(conv, policy="", tools=CARE_TOOLS) if h.name == "said_cannot"] == []


def _sim_chat(*middle: dict[str, object]) -> Conversation:
    return chat(
        user("my sim is broken, account VR11618705"),
        call("lookup_account", "c1", account_number="VR11618705"),
        result("c1", ACCOUNT),
        *middle,
        user("thanks"),
    )


def test_a_replacement_said_to_be_in_the_post_with_no_call_is_claimed_not_done() -> None:
    """ "A new SIM is being posted to you today", "Nowa karta SIM jest już w drodze", "Your eSIM is all set
    up" with no `send_sim` call: claims, in any of these forms."""
    for said in (
        "All sorted — a new SIM is being posted to you today.",
        "Nowa karta SIM jest już w drodze, dotrze w 1–2 dni robocze.",
        "Perfect, verified. Your eSIM is all set up.",
    ):
        fired = [(h.name, h.tool) for h in hits(_sim_chat(say(said)), policy="", tools=CARE_TOOLS)]
        assert fired == [("claimed_not_done", "send_sim")], said


def test_a_sign_in_code_the_agent_says_it_sent_is_not_a_claimed_write() -> None:
    """ "We've sent a 6-digit code" is the harness's sign-in step, in any language, not `send_sim` claimed."""
    for said in (
        "Quick security step: we've sent a 6-digit code by text to the number ending 879.",
        "Per sicurezza le ho inviato un codice di 6 cifre all'email dell'account.",
        "Dla bezpieczeństwa wysłałam 6-cyfrowy kod na e-mail przypisany do konta.",
    ):
        assert [h.name for h in hits(_sim_chat(say(said)), policy="", tools=CARE_TOOLS)] == [], said


def test_a_claimed_replacement_names_the_tool_its_object_names_in_any_language() -> None:
    """ "I've ordered a replacement SIM" with no `send_sim` call is `send_sim` not done (the verb says book,
    the object says which tool); the same claim in Italian and Dutch; after the call it is no claim."""
    for said in (
        "I've ordered a replacement SIM to 46 Windsor Gardens.",
        "Ho ordinato una SIM sostitutiva a Via dei Mille 8.",
        "Ik heb een nieuwe simkaart besteld, de SIM komt over 2 dagen.",
    ):
        fired = [(h.name, h.tool) for h in hits(_sim_chat(say(said)), policy="", tools=CARE_TOOLS)]
        assert fired == [("claimed_not_done", "send_sim")], said
    sent = _sim_chat(
        call("send_sim", "c2", account_number="VR11618705"),
        result("c2", {"order_id": "SO-451584", "status": "dispatched"}),
        say("I've ordered a replacement SIM to 46 Windsor Gardens."),
    )
    assert hits(sent, policy="", tools=CARE_TOOLS) == []


def test_a_plan_code_the_user_said_in_words_is_grounded() -> None:
    """`FULL_FIBRE_900` is what the user asked for as "Full Fibre 900"; a code nobody said is made up."""

    def change(asked: str, code: str) -> Conversation:
        return chat(
            user(f"hi, please switch my broadband to {asked}. account VR11618705"),
            call("lookup_account", "c1", account_number="VR11618705"),
            result("c1", {"account_number": "VR11618705", "lines": [{"line_id": "BB-2368589"}]}),
            say(f"{asked} is £51.99 a month. Shall I go ahead?"),
            user("go for it"),
            call("change_plan", "c2", line_id="BB-2368589", new_plan=code),
            result("c2", {"status": "scheduled"}),
        )

    assert hits(change("Full Fibre 900", "FULL_FIBRE_900"), tools=CARE_TOOLS) == []
    fired = [h for h in hits(change("Full Fibre 900", "FIBRE_X9"), tools=CARE_TOOLS)]
    assert [h.name for h in fired] == ["ungrounded_argument"] and "FIBRE_X9" in fired[0].evidence


def test_a_yes_to_an_offer_is_a_confirmation_in_the_users_words() -> None:
    """ "Would you like that instead?" — "yeah go on then"; "Klopt dat?" — "ja graag": confirmed writes."""

    def offer(asked: str, reply: str) -> Conversation:
        return chat(
            user("switch me to Fibre 500, account VR11618705"),
            call("lookup_account", "c1", account_number="VR11618705"),
            result("c1", {"account_number": "VR11618705", "lines": [{"line_id": "BB-8621312"}]}),
            say(asked),
            user(reply),
            call("change_plan", "c2", line_id="BB-8621312", new_plan="FIBRE_500"),
            result("c2", {"status": "scheduled"}),
        )

    assert hits(offer("Fibre 500 is £38.99 a month. Would you like that instead?", "yeah go on then")) == []
    assert hits(offer("Fibre 500 kost €38,99 per maand. Klopt dat?", "ja graag")) == []
    assert [h.name for h in hits(offer("Fibre 500 is £38.99 a month.", "hmm"))] == ["unconfirmed_write"]


SLOTS = {
    "slots": [
        {"slot_id": "SLT-09F09", "date": "2026-10-05", "window": "08:00-13:00"},
        {"slot_id": "SLT-E948D", "date": "2026-10-05", "window": "13:00-18:00"},
        {"slot_id": "SLT-03212", "date": "2026-10-06", "window": "08:00-13:00"},
    ]
}
VISIT_TOOLS = """
tools:
  - name: get_engineer_slots
    description: List the free engineer slots for a line.
  - name: book_engineer_visit
    description: Book an engineer visit in one slot.
"""


def _pick(choice: str, booked: str, *between: dict[str, object]) -> Conversation:
    return chat(
        user("my broadband is down, line BB-2955421"),
        call("get_engineer_slots", "c1", line_id="BB-2955421"),
        result("c1", SLOTS),
        say("Monday 5 October morning or afternoon, or Tuesday 6 October morning. Which suits you?"),
        user(choice),
        *between,
        call("book_engineer_visit", "c2", line_id="BB-2955421", slot_id=booked),
        result("c2", {"visit_id": "VIS-303100", "status": "booked"}),
        say("All booked."),
        user("brilliant, thanks"),
    )


def test_booking_another_option_than_the_one_the_user_chose_is_a_wrong_argument() -> None:
    """ "monday morning is best" — the Monday afternoon slot booked: grounded (the tool offered it), wrong."""
    [hit] = hits(_pick("monday morning is best for me", "SLT-E948D"), policy="", tools=VISIT_TOOLS)
    assert (hit.name, hit.tool) == ("ungrounded_argument", "book_engineer_visit")
    assert "SLT-E948D" in hit.evidence and "SLT-09F09" in hit.evidence
    assert hits(_pick("monday morning is best for me", "SLT-09F09"), policy="", tools=VISIT_TOOLS) == []
    assert hits(_pick("the Tuesday one please", "SLT-03212"), policy="", tools=VISIT_TOOLS) == []


def test_a_yes_to_the_agents_new_offer_is_the_users_choice() -> None:
    """The chosen slot was taken; "I can do Tuesday morning instead — would that work?" — "Yes"."""
    conv = _pick(
        "Monday afternoon works",
        "SLT-03212",
        call("book_engineer_visit", "c3", line_id="BB-2955421", slot_id="SLT-E948D"),
        result("c3", {"error": "slot_unavailable"}),
        say("Sorry, that slot has just gone. I can do Tuesday 6 October, 8am–1pm instead — would that work?"),
        user("Yes, that's right"),
    )
    assert [h.name for h in hits(conv, policy="", tools=VISIT_TOOLS) if h.name == "ungrounded_argument"] == []


def test_a_write_that_concludes_reads_of_one_entity_on_another_is_a_wrong_argument() -> None:
    """The shop's line tested and its slots listed, the visit booked on the account's other line."""

    def book(line: str) -> Conversation:
        return chat(
            user("the line at the shop keeps dropping, account VR26392062"),
            call("lookup_account", "c0", account_number="VR26392062"),
            result("c0", {"lines": [{"line_id": "BB-6899638"}, {"line_id": "BB-9436076"}]}),
            call("get_line_status", "c1", line_id="BB-9436076"),
            result("c1", {"sync": "down"}),
            call("get_engineer_slots", "c2", line_id="BB-9436076"),
            result("c2", SLOTS),
            say("Monday 5 October morning or afternoon, or Tuesday 6 October morning. Which suits you?"),
            user("the Tuesday one"),
            call("book_engineer_visit", "c3", line_id=line, slot_id="SLT-03212"),
            result("c3", {"visit_id": "VIS-118929", "status": "booked"}),
            say("That's booked for Tuesday."),
            user("thanks"),
        )

    [hit] = hits(book("BB-6899638"), policy="", tools=VISIT_TOOLS)
    assert (hit.name, hit.tool) == ("ungrounded_argument", "book_engineer_visit")
    assert "BB-6899638" in hit.evidence and "BB-9436076" in hit.evidence
    assert hits(book("BB-9436076"), policy="", tools=VISIT_TOOLS) == []


CREDIT_POLICY = """## Bills and credits
- Billing errors the bill flags are refunded in full with `apply_credit`, reason `billing_error`.
- Goodwill credits (outages, fees) use reason `goodwill`. An account's goodwill credits
  must not exceed 20 GBP / 25 EUR / 60 PLN in any rolling 12 months.
- You can book up to 5 passengers.
"""


def _credit(amount: float, reason: str, currency: str = "GBP") -> Conversation:
    return chat(
        user("12 days with no broadband, I'd like some compensation. VR61432355"),
        call("get_bill", "c1", account_number="VR61432355"),
        result("c1", {"currency": currency, "items": [{"amount": 38.99}], "goodwill_credits_last_12m": 0}),
        say("I'm sorry. Shall I apply a credit?"),
        user("yes please"),
        call("apply_credit", "c2", account_number="VR61432355", amount=amount, reason=reason),
        result("c2", {"credit_id": "CR-260683", "status": "applied"}),
        say("Done, the credit is on your account."),
        user("thanks"),
    )


def test_a_credit_above_the_cap_the_policy_states_is_over_the_policy_limit() -> None:
    """£35 of goodwill against "must not exceed 20 GBP / 25 EUR / 60 PLN": the GBP cap, from the bill."""

    def over(conv: Conversation) -> list[SignalHit]:
        return [h for h in hits(conv, policy=CREDIT_POLICY) if h.name == "over_policy_limit"]

    [hit] = over(_credit(35.0, "goodwill"))
    assert hit.tool == "apply_credit" and "35" in hit.evidence and "20 GBP" in hit.evidence
    assert over(_credit(15.0, "goodwill")) == []
    assert over(_credit(35.0, "goodwill", currency="PLN")) == []  # 60 PLN allowed
    # a billing error is refunded in full: the goodwill cap is not about it
    assert over(_credit(38.99, "billing_error")) == []
