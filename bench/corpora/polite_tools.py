"""polite_tools: an airline agent with tools whose users say thanks whether or not the job got done.

The planted failures are silent: nothing in the user's words says the task failed. They are visible only by
reading the tool calls against the request, the tool results and the policy in prompts/system.md. Around
them sit healthy conversations that look alarming: correct policy refusals, transfers the policy requires,
simulator stop tokens, endings on a tool result, a user who leaves without a word once the job is done.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from . import repo, writers
from .airline_world import (
    AIRPORTS,
    CABIN_WORDS,
    FREE_BAGS,
    Traveller,
    make_reservation,
    make_traveller,
    search_result,
)
from .model import Conv
from .noise import UserPool, ascii_slug, hexid, pick, roughen, utc, when

NAME = "polite_tools"
DEFAULT_N = 600

INTENTS = {
    "book_flight": "Book a new one-way or round-trip flight.",
    "cancel_booking": "Cancel an existing reservation and get a refund where the policy allows one.",
    "change_flight": "Move a reservation to other dates or flights.",
    "baggage_and_seats": "Add checked bags and/or choose or change seats on a reservation.",
    "delay_compensation": "Ask for compensation after a delayed or cancelled flight.",
    "loyalty_miles": "Ask about the miles balance, membership tier or using miles.",
    "flight_status": "Check whether a flight is on time.",
    "update_passenger": "Correct passenger details or ask for special assistance.",
}

CAUSES = {
    "round_trip_booked_one_way": {
        "intent": "book_flight",
        "mechanism": "wrong_tool_argument",
        "description": "The user asked for a return trip; the agent called book_reservation with "
        "flight_type one_way and only the outbound flight, then confirmed the trip as booked.",
    },
    "cancelled_nonrefundable_basic_economy": {
        "intent": "cancel_booking",
        "mechanism": "forbidden_write",
        "description": "The reservation is basic economy, without insurance, booked more than 24 hours ago "
        "and not cancelled by the airline; the policy forbids cancelling it, the agent called "
        "cancel_reservation anyway.",
    },
    "seat_request_dropped": {
        "intent": "baggage_and_seats",
        "mechanism": "half_done",
        "description": "The user asked for a checked bag and a seat change in one request; the agent added "
        "the bag, never called update_seat, and said everything was done.",
    },
    "certificate_claimed_not_sent": {
        "intent": "delay_compensation",
        "mechanism": "claimed_success",
        "description": "The agent told the user a travel certificate was issued, but send_certificate was "
        "never called or it returned an error.",
    },
    "miles_balance_unseen": {
        "intent": "loyalty_miles",
        "mechanism": "ignored_tool_result",
        "description": "get_user_details returned the miles balance and tier; the agent said it cannot see "
        "them and sent the user to the app.",
    },
}

SYSTEM_PROMPT = """
# SkyHarbor Airlines — customer service agent

You are the SkyHarbor Airlines virtual agent. You help members book, modify and cancel reservations,
manage baggage and seats, check flight status, and handle compensation requests. Today's date is given
by the conversation's timestamps.

## General rules
- Authenticate the user first: get their user id and call `get_user_details`.
- Before any action that changes a reservation (booking, modifying flights, baggage, seats, passengers,
  cancelling) list the details of the action and obtain an explicit "yes" from the user.
- Make one tool call at a time, and never make up information that a tool did not return.
- Only tell the user an action is done after the tool call that does it has succeeded.
- Deny requests that are against this policy, and explain which rule applies.

## Booking
- Ask for the trip type (one way or round trip), origin, destination, dates, cabin and passengers.
- At most 5 passengers per reservation. Groups of 6 or more must be transferred to a human agent.
- Travel insurance costs $30 per passenger.

## Cancellation
A reservation may be cancelled only if ONE of the following holds:
  1. it was booked within the last 24 hours, or
  2. the airline cancelled a flight in it, or
  3. the cabin is economy or business, or
  4. the user bought travel insurance and the reason is covered (illness, family emergency).
Basic economy reservations that meet none of these are non-refundable: do not cancel them. Refunds go to
the original payment method within 5 to 7 business days.

## Changes
- Basic economy flights cannot be modified. Other reservations may change flights, keeping origin,
  destination and trip type; the fare difference is charged or refunded.

## Baggage and seats
Free checked bags per passenger:
  regular member: basic economy 0, economy 1, business 2
  silver member:  basic economy 1, economy 2, business 3
  gold member:    basic economy 2, economy 3, business 3
Each extra bag is $50. Bags can be added, never removed. Seats are set with `update_seat`.

## Compensation
- Only for silver or gold members, users with travel insurance, or business cabin, and only when a
  flight in the reservation was delayed by 3 hours or more or cancelled by the airline.
- The amount is $50 per passenger for a delay and $100 per passenger for a cancellation, issued with
  `send_certificate`. Never offer compensation unless the user asks for it.

## Transfers
Transfer to a human agent with `transfer_to_human_agents` when the request is outside your tools
(medical assistance, wheelchair service, unaccompanied minors, groups of 6+), or when the user asks
for a human and you cannot resolve the issue within policy. After the transfer tell the user:
"YOU ARE BEING TRANSFERRED TO A HUMAN AGENT. PLEASE HOLD ON."
"""

TOOLS: list[dict[str, Any]] = [
    {
        "name": "get_user_details",
        "description": "Get a member's profile, membership tier, loyalty miles, "
        "payment methods and reservation ids.",
        "parameters": {"user_id": "string"},
    },
    {
        "name": "get_reservation_details",
        "description": "Get a reservation: route, trip type, cabin, "
        "flights, passengers, baggage, insurance and when it was booked.",
        "parameters": {"reservation_id": "string"},
    },
    {
        "name": "search_flights",
        "description": "Search direct flights between two airports on a date.",
        "parameters": {
            "origin": "IATA code",
            "destination": "IATA code",
            "date": "YYYY-MM-DD",
            "cabin": "basic_economy | economy | business",
        },
    },
    {
        "name": "book_reservation",
        "description": "Book a reservation.",
        "parameters": {
            "user_id": "string",
            "origin": "IATA code",
            "destination": "IATA code",
            "flight_type": "one_way | round_trip",
            "cabin": "basic_economy | economy | business",
            "flights": "list of {flight_number, date}",
            "passengers": "list of passengers",
            "payment_id": "string",
            "total_baggages": "integer",
            "insurance": "yes | no",
        },
    },
    {
        "name": "update_reservation_flights",
        "description": "Replace the flights of a reservation.",
        "parameters": {
            "reservation_id": "string",
            "cabin": "string",
            "flights": "list of {flight_number, date}",
            "payment_id": "string",
        },
    },
    {
        "name": "update_reservation_baggages",
        "description": "Set the number of checked bags.",
        "parameters": {
            "reservation_id": "string",
            "total_baggages": "integer",
            "nonfree_baggages": "integer",
            "payment_id": "string",
        },
    },
    {
        "name": "update_seat",
        "description": "Assign or change a passenger's seat.",
        "parameters": {
            "reservation_id": "string",
            "passenger": "first and last name",
            "flight_number": "string",
            "seat": "e.g. 14A, or window | aisle | together",
        },
    },
    {
        "name": "update_passenger",
        "description": "Correct a passenger's name spelling or date of birth.",
        "parameters": {
            "reservation_id": "string",
            "passenger_index": "integer",
            "first_name": "string",
            "last_name": "string",
            "dob": "YYYY-MM-DD",
        },
    },
    {
        "name": "cancel_reservation",
        "description": "Cancel a whole reservation and refund it.",
        "parameters": {"reservation_id": "string"},
    },
    {
        "name": "get_flight_status",
        "description": "Status of a flight on a date.",
        "parameters": {"flight_number": "string", "date": "YYYY-MM-DD"},
    },
    {
        "name": "send_certificate",
        "description": "Issue a travel certificate to a member.",
        "parameters": {"user_id": "string", "amount": "integer (USD)"},
    },
    {
        "name": "transfer_to_human_agents",
        "description": "Hand the conversation to a human agent.",
        "parameters": {"summary": "string"},
    },
]

START = utc(2026, 11, 2)
DAYS = 21

# ---------------------------------------------------------------------------------------- shared words
THANKS = [
    "Thank you so much!",
    "Great, thanks!",
    "Perfect, thank you.",
    "Awesome, thanks for your help!",
    "thanks!",
    "That's all I needed, thank you.",
    "Thanks a lot, have a good day.",
    "ok great thank you",
    "Wonderful. Thanks!",
    "Thank you, that's really helpful.",
    "Cool, appreciate it.",
    "thx",
    "Thanks so much for sorting that out!",
    "Lovely, thank you!",
    "Great, I appreciate your help.",
]
NOTHING_ELSE = [
    "No, that's all, thanks.",
    "no that's it, thanks!",
    "Nope, that's everything. Thank you!",
    "That's all for now, thanks.",
    "No thank you, that's all.",
    "nope all good",
    "No, I'm good. Thanks!",
]
ANYTHING_ELSE = [
    "Is there anything else I can help you with?",
    "Is there anything else you need today?",
    "Can I help you with anything else?",
]
WELCOME = [
    "You're welcome! Have a great trip.",
    "My pleasure. Safe travels!",
    "You're welcome, have a nice day!",
    "Glad I could help. Enjoy your flight!",
]
ASK_ID = [
    "I'd be happy to help with that. Could you please provide your user ID?",
    "Sure, I can help. First, may I have your user ID so I can pull up your account?",
    "Happy to help! Can you share your user ID, please?",
]
GIVE_ID = ["Sure, it's {uid}.", "{uid}", "My user id is {uid}.", "it's {uid}", "Yes — {uid}"]
YES = [
    "Yes, please.",
    "yes",
    "Yes, go ahead.",
    "yep, do it",
    "Yes please proceed.",
    "Sounds good, yes.",
    "yes that's correct",
    "Correct, please go ahead.",
]


@dataclass
class Ctx:
    c: Conv
    rng: random.Random
    t: Traveller
    now: datetime
    sim: bool

    def u(self, text: str) -> None:
        self.c.user(roughen(self.rng, text, sloppy=0.12 if self.sim else 0.35))

    def a(self, text: str) -> None:
        self.c.agent(text)


def _city(code: str) -> str:
    return AIRPORTS[code]


def _date_words(d: str) -> str:
    dt = datetime.strptime(d, "%Y-%m-%d")
    return dt.strftime("%B ") + str(dt.day)


def auth(x: Ctx, *, in_opening: bool = False) -> None:
    if not in_opening:
        x.a(x.rng.choice(ASK_ID))
        x.u(pick(x.rng, GIVE_ID, uid=x.t.user_id))
    x.c.call("get_user_details", {"user_id": x.t.user_id}, x.t.as_result(x.rng))


def finish(x: Ctx, *, closing: str = "thanks") -> None:
    """The same endings for a job done and a job silently botched: that is the point of this corpus."""
    r = x.rng.random()
    if closing == "leave" or r < 0.18:
        if x.rng.random() < 0.5:
            x.a(x.rng.choice(ANYTHING_ELSE))
        return
    if r < 0.55:
        x.a(x.rng.choice(ANYTHING_ELSE))
        x.u(x.rng.choice(NOTHING_ELSE))
    else:
        x.u(x.rng.choice(THANKS))
    if x.sim:
        if x.rng.random() < 0.5:
            x.c.turns[-1].text = (x.c.turns[-1].text or "") + " ###STOP###"
        else:
            x.c.user("###STOP###")
    elif x.rng.random() < 0.6:
        x.a(x.rng.choice(WELCOME))


def transfer(x: Ctx, summary: str) -> None:
    x.c.call("transfer_to_human_agents", {"summary": summary}, "Transfer successful")
    x.a("YOU ARE BEING TRANSFERRED TO A HUMAN AGENT. PLEASE HOLD ON.")
    if x.sim:
        x.c.user("###TRANSFER###")


def _pid(x: Ctx) -> str:
    return x.t.payment_ids[0]


def _pay_words(pid: str) -> str:
    return {"credit_card": "credit card", "gift_card": "gift card"}.get(
        pid.rsplit("_", 1)[0], "travel certificate"
    )


# ---------------------------------------------------------------------------------------------- booking
BOOK_OPEN_RT = [
    "Hi, I'd like to book a round-trip flight from {oc} to {dc}.",
    "hello! I need a return flight {o} to {d}, leaving {d1} and coming back {d2}",
    "Hi there. Can you book me a round trip from {oc} to {dc}? Going out on {d1}, back on {d2}.",
    "I want to fly to {dc} from {oc} and return a few days later.",
    "Hey, looking to book flights {oc} -> {dc} and back please",
    "Hi, my user id is {uid}. I need a round trip {o}-{d}, {d1} to {d2}.",
]
BOOK_OPEN_OW = [
    "Hi, I need a one-way ticket from {oc} to {dc}.",
    "hello, can you book me a flight {o} to {d} on {d1}? just one way",
    "I'd like to book a one way flight to {dc}, departing {oc} on {d1}.",
    "Hi, my user id is {uid}. One-way {o} to {d} on {d1} please.",
]


def book_flight(x: Ctx, variant: str) -> None:
    rng, t = x.rng, x.t
    o, d = rng.sample(sorted(AIRPORTS), 2)
    dep = x.now + timedelta(days=rng.randrange(5, 60))
    ret = dep + timedelta(days=rng.randrange(2, 14))
    d1, d2 = dep.strftime("%Y-%m-%d"), ret.strftime("%Y-%m-%d")
    round_trip = variant in ("cause", "wrong_cabin") or rng.random() < 0.6
    pool = BOOK_OPEN_RT if round_trip else BOOK_OPEN_OW
    opening = pick(
        rng, pool, o=o, d=d, oc=_city(o), dc=_city(d), d1=_date_words(d1), d2=_date_words(d2), uid=t.user_id
    )
    x.u(opening)
    auth(x, in_opening=t.user_id in opening)
    cabin = rng.choices(["economy", "business", "basic_economy"], weights=[55, 30, 15])[0]
    if variant == "wrong_cabin":
        cabin = "business"
    n_pax = rng.choices([1, 2], weights=[75, 25])[0]
    x.a(
        rng.choice(
            [
                "Thanks, {f}. Which cabin would you like (basic economy, economy or business), and how "
                "many passengers?",
                "Got it. What cabin class do you prefer, and is it just you travelling?",
            ]
        ).format(f=t.first)
    )
    pax_words = "just me" if n_pax == 1 else "me and my partner"
    x.u(
        rng.choice(["{cab}, {pax}.", "{cab} please, {pax}", "{pax}, in {cab}"]).format(
            cab=CABIN_WORDS[cabin], pax=pax_words
        )
    )
    out = search_result(rng, o, d, d1, cabin)
    x.c.call("search_flights", {"origin": o, "destination": d, "date": d1, "cabin": cabin}, out)
    back: list[dict[str, Any]] = []
    if round_trip:
        back = search_result(rng, d, o, d2, cabin)
        x.c.call("search_flights", {"origin": d, "destination": o, "date": d2, "cabin": cabin}, back)
    f_out = rng.choice(out)
    lines = [
        f"- {f['flight_number']} departing {f['scheduled_departure_time_est'][:5]}, ${f['prices'][cabin]}"
        for f in out
    ]
    msg = f"Here are the {CABIN_WORDS[cabin]} options from {o} to {d} on {_date_words(d1)}:\n" + "\n".join(
        lines
    )
    if round_trip:
        msg += f"\n\nAnd returning {_date_words(d2)}:\n" + "\n".join(
            f"- {f['flight_number']} departing {f['scheduled_departure_time_est'][:5]}, ${f['prices'][cabin]}"
            for f in back
        )
    x.a(msg + "\n\nWhich flights would you like?")
    f_back = rng.choice(back) if back else None
    if f_back:
        x.u(
            rng.choice(
                [
                    "The {a} one out and {b} back.",
                    "{a} and {b} please",
                    "Let's do {a} going and {b} returning.",
                ]
            ).format(a=f_out["flight_number"], b=f_back["flight_number"])
        )
    else:
        x.u(rng.choice(["{a} works.", "I'll take {a}", "{a} please"]).format(a=f_out["flight_number"]))
    price = f_out["prices"][cabin] + (f_back["prices"][cabin] if f_back else 0)
    total = price * n_pax
    pid = _pid(x)
    x.a(
        f"Here's the summary:\n- {'Round trip' if round_trip else 'One way'} {o} → {d}"
        + (f", returning {_date_words(d2)}" if round_trip else "")
        + f"\n- Cabin: {CABIN_WORDS[cabin]}\n- Passengers: {n_pax}\n- Total: ${total}, paid with your "
        f"{_pay_words(pid)}\n\nWould you like travel insurance ($30 per passenger), and shall I book it?"
    )
    ins = rng.random() < 0.3
    x.u(
        rng.choice(["No insurance. Yes, book it.", "no insurance thanks, go ahead"])
        if not ins
        else rng.choice(["Yes with insurance please.", "add the insurance and book"])
    )
    booked_type = "round_trip" if round_trip else "one_way"
    flights = [{"flight_number": f_out["flight_number"], "date": d1}]
    if f_back:
        flights.append({"flight_number": f_back["flight_number"], "date": d2})
    booked_cabin = cabin
    if variant == "cause":
        booked_type, flights = "one_way", flights[:1]
    if variant == "wrong_cabin":
        booked_cabin = "economy"
    rid = hexid(rng, "", 6).upper()
    pax = [{"first_name": t.first, "last_name": t.last, "dob": t.dob}]
    if n_pax == 2:
        pax.append(
            {
                "first_name": rng.choice(["Sam", "Alex", "Jordan", "Robin"]),
                "last_name": t.last,
                "dob": "1990-04-12",
            }
        )
    if variant == "payment_error":
        x.c.call(
            "book_reservation",
            {
                "user_id": t.user_id,
                "origin": o,
                "destination": d,
                "flight_type": booked_type,
                "cabin": booked_cabin,
                "flights": flights,
                "passengers": pax,
                "payment_id": pid,
                "total_baggages": 0,
                "insurance": "yes" if ins else "no",
            },
            {"error": "PaymentDeclined", "message": f"payment method {pid} was declined by the issuer"},
            error=True,
        )
        x.a(
            "I'm sorry, the payment was declined by your card issuer. Do you have another payment method "
            "on file you'd like to use?"
        )
        x.u(
            rng.choice(
                [
                    "No, that's the only card I have. I'll try again later I guess.",
                    "ugh. no. forget it, I'll book on the website",
                    "Hmm, not right now. Thanks anyway.",
                ]
            )
        )
        if x.sim:
            x.c.turns[-1].text = (x.c.turns[-1].text or "") + " ###STOP###"
        return
    fares = {
        f_out["flight_number"]: f_out["prices"],
        **({f_back["flight_number"]: f_back["prices"]} if f_back else {}),
    }
    paid = sum(fares[f["flight_number"]][booked_cabin] for f in flights) * n_pax + 30 * n_pax * ins
    result = {
        "reservation_id": rid,
        "user_id": t.user_id,
        "origin": o,
        "destination": d,
        "flight_type": booked_type,
        "cabin": booked_cabin,
        "flights": [dict(f, status="available") for f in flights],
        "passengers": pax,
        "payment_history": [{"payment_id": pid, "amount": paid}],
        "insurance": "yes" if ins else "no",
        "status": "confirmed",
    }
    x.c.call(
        "book_reservation",
        {
            "user_id": t.user_id,
            "origin": o,
            "destination": d,
            "flight_type": booked_type,
            "cabin": booked_cabin,
            "flights": flights,
            "passengers": pax,
            "payment_id": pid,
            "total_baggages": 0,
            "insurance": "yes" if ins else "no",
        },
        result,
    )
    x.a(
        rng.choice(
            [
                "You're all set! Your reservation {rid} is confirmed. You'll receive a confirmation email "
                "shortly.",
                "Done — reservation {rid} is booked. Have a great trip to {dc}!",
                "Your booking is confirmed. The reservation number is {rid}.",
            ]
        ).format(rid=rid, dc=_city(d))
    )
    finish(x)


# ------------------------------------------------------------------------------------------ cancelling
CANCEL_OPEN = [
    "Hi, I need to cancel my reservation {rid}.",
    "hello, something came up and I can't make my trip to {dc} anymore. can I cancel?",
    "I'd like to cancel a booking please. Reservation {rid}.",
    "Hi. My plans changed, please cancel reservation {rid} and refund me.",
    "hey, need to cancel my flight to {dc}, booking code {rid}",
    "Hello, I want to cancel my upcoming trip. My user id is {uid} and the reservation is {rid}.",
]
CANCEL_REASONS = [
    "My plans changed.",
    "change of plans",
    "My meeting got moved.",
    "I got sick.",
    "Family emergency, unfortunately.",
    "I just don't need it anymore.",
]


def cancel_booking(x: Ctx, variant: str) -> None:
    rng, t = x.rng, x.t
    if variant in ("cause", "refusal"):
        r = make_reservation(
            rng, t, x.now, cabin="basic_economy", insurance=False, booked_hours_ago=rng.uniform(40, 24 * 50)
        )
    else:
        kind = rng.choice(["economy", "business", "fresh", "insured"])
        r = make_reservation(
            rng,
            t,
            x.now,
            cabin="basic_economy" if kind in ("fresh", "insured") else kind,
            insurance=kind == "insured" or None,
            booked_hours_ago=rng.uniform(1, 20) if kind == "fresh" else None,
        )
    opening = pick(rng, CANCEL_OPEN, rid=r.rid, dc=_city(r.destination), uid=t.user_id)
    x.u(opening)
    auth(x, in_opening=t.user_id in opening)
    if r.rid not in opening:
        x.a(
            f"Thanks {t.first}. I see {len(t.reservations)} reservation(s) on your profile. Which one would "
            "you like to cancel?"
        )
        x.u(
            rng.choice(["{rid}", "The one to {dc}, {rid}.", "it's {rid}"]).format(
                rid=r.rid, dc=_city(r.destination)
            )
        )
    x.c.call("get_reservation_details", {"reservation_id": r.rid}, r.as_result())
    x.a("May I ask the reason for the cancellation?")
    covered_only = (
        r.cabin == "basic_economy"
        and r.insurance
        and variant not in ("cause", "refusal")
        and (x.now - r.created_at) > timedelta(hours=24)
    )
    x.u(rng.choice(CANCEL_REASONS[3:5] if covered_only else CANCEL_REASONS))
    refund = r.price
    if variant == "refusal":
        x.a(
            rng.choice(
                [
                    "I'm sorry, but reservation {rid} is a basic economy fare booked on {day} without "
                    "travel insurance, "
                    "so under our policy it is non-refundable and can't be cancelled. You're welcome to "
                    "keep the "
                    "booking, or I can help with anything else.",
                    "Unfortunately I can't cancel this one: basic economy reservations are non-refundable "
                    "unless they "
                    "were booked within the last 24 hours, the airline cancelled the flight, or insurance "
                    "covers the "
                    "reason, and none of those apply to {rid}.",
                ]
            ).format(rid=r.rid, day=r.created_at.strftime("%B %d"))
        )
        if rng.random() < 0.45:
            x.u(
                rng.choice(
                    [
                        "Are you sure? It's really not my fault.",
                        "Is there really nothing you can do?",
                        "can't you make an exception just this once?",
                    ]
                )
            )
            x.a(
                "I understand, and I'm sorry. I'm not able to make exceptions to the fare rules for basic "
                "economy. The reservation stays active, so you can still travel on it."
            )
        x.u(
            rng.choice(
                [
                    "Oh, that's unfortunate. I understand, thanks anyway.",
                    "ok, understood. thanks",
                    "Fine, I'll keep it then. Thanks for checking.",
                    "Alright. Thank you for explaining.",
                ]
            )
        )
        if x.sim:
            x.c.user("###STOP###")
        elif rng.random() < 0.5:
            x.a(rng.choice(WELCOME))
        return
    x.a(
        f"Thanks. To confirm: cancel reservation {r.rid} ({r.origin} → {r.destination}, "
        f"{CABIN_WORDS[r.cabin]}, {len(r.passengers)} passenger(s)). The refund of ${refund} will go back to "
        f"your original {_pay_words(r.payment_id)} within 5–7 business days. Shall I proceed?"
    )
    if variant == "abandon":
        return  # the user never came back to confirm
    x.u(rng.choice(YES))
    x.c.call(
        "cancel_reservation",
        {"reservation_id": r.rid},
        dict(
            r.as_result(),
            status="cancelled",
            payment_history=[
                {"payment_id": r.payment_id, "amount": r.price},
                {"payment_id": r.payment_id, "amount": -refund},
            ],
        ),
    )
    if rng.random() < 0.12 and variant != "cause":
        return  # the log stops on the tool result; the user saw the confirmation page
    x.a(
        rng.choice(
            [
                "Your reservation {rid} has been cancelled. The refund will appear in 5–7 business days.",
                "Done! Reservation {rid} is cancelled and ${amt} will be refunded to your original payment "
                "method.",
                "All set — {rid} is cancelled. You'll get a confirmation email shortly.",
            ]
        ).format(rid=r.rid, amt=refund)
    )
    finish(x)


# ------------------------------------------------------------------------------------------- changing
CHANGE_OPEN = [
    "Hi, can I move my flight {rid} to a later date?",
    "I need to change the dates on my booking {rid}.",
    "hello, is it possible to fly a day earlier? reservation {rid}",
    "Hi! I'd like to change my flight to {dc} to {nd}.",
    "Could you switch my outbound flight to {nd}? Booking {rid}.",
]


def change_flight(x: Ctx, variant: str) -> None:
    rng, t = x.rng, x.t
    r = make_reservation(
        rng,
        t,
        x.now,
        cabin="basic_economy" if variant == "refusal" else rng.choice(["economy", "business", "economy"]),
    )
    old = datetime.strptime(r.flights[0]["date"], "%Y-%m-%d")
    new = old + timedelta(days=rng.choice([-2, -1, 1, 2, 3, 7]))
    nd = new.strftime("%Y-%m-%d")
    opening = pick(rng, CHANGE_OPEN, rid=r.rid, dc=_city(r.destination), nd=_date_words(nd))
    x.u(opening)
    auth(x)
    if r.rid not in opening:
        x.a("Which reservation is it?")
        x.u(r.rid)
    x.c.call("get_reservation_details", {"reservation_id": r.rid}, r.as_result())
    if variant == "refusal":
        x.a(
            f"I'm sorry, {r.rid} is a basic economy reservation, and basic economy flights can't be "
            "modified. "
            "You could keep the current flight, or book a new reservation for the new date."
        )
        x.u(
            rng.choice(
                [
                    "Ah ok, I'll keep it as is then. Thanks.",
                    "got it, thanks for letting me know",
                    "Okay. No, that's all then, thank you.",
                ]
            )
        )
        if x.sim:
            x.c.user("###STOP###")
        return
    if nd not in opening and _date_words(nd) not in opening:
        x.a("What date would you like to move the outbound flight to?")
        x.u(rng.choice(["{nd}", "{w} please", "Can we do {w}?"]).format(nd=nd, w=_date_words(nd)))
    search_day = nd
    if variant == "recovered":
        search_day = (new + timedelta(days=1)).strftime("%Y-%m-%d")
    opts = search_result(rng, r.origin, r.destination, search_day, r.cabin)
    x.c.call(
        "search_flights",
        {"origin": r.origin, "destination": r.destination, "date": search_day, "cabin": r.cabin},
        opts,
    )
    x.a(
        f"On {_date_words(search_day)} I found: "
        + ", ".join(
            f"{f['flight_number']} at {f['scheduled_departure_time_est'][:5]} (${f['prices'][r.cabin]})"
            for f in opts
        )
        + ". Which one works?"
    )
    if variant == "recovered":
        x.u(
            rng.choice(["Wait, that's the wrong day. I said {w}.", "no, {w}, not {b}!"]).format(
                w=_date_words(nd), b=_date_words(search_day)
            )
        )
        x.a("You're right, my apologies. Let me search the correct date.")
        opts = search_result(rng, r.origin, r.destination, nd, r.cabin)
        x.c.call(
            "search_flights",
            {"origin": r.origin, "destination": r.destination, "date": nd, "cabin": r.cabin},
            opts,
        )
        x.a(
            f"On {_date_words(nd)}: "
            + ", ".join(f"{f['flight_number']} at {f['scheduled_departure_time_est'][:5]}" for f in opts)
            + "."
        )
    pickf = rng.choice(opts)
    x.u(
        rng.choice(["{f} please.", "the {h} one", "{f}"]).format(
            f=pickf["flight_number"], h=pickf["scheduled_departure_time_est"][:5]
        )
    )
    diff = pickf["prices"][r.cabin] - r.flights[0]["price"]
    x.a(
        f"Changing the outbound to {pickf['flight_number']} on {_date_words(nd)}. The fare difference is "
        + (f"${diff}, charged to your {_pay_words(r.payment_id)}" if diff >= 0 else f"a refund of ${-diff}")
        + ". Shall I go ahead?"
    )
    x.u(rng.choice(YES))
    flights = [{"flight_number": pickf["flight_number"], "date": nd}] + [
        {"flight_number": f["flight_number"], "date": f["date"]} for f in r.flights[1:]
    ]
    args = {"reservation_id": r.rid, "cabin": r.cabin, "flights": flights, "payment_id": r.payment_id}
    if variant == "payment_error":
        x.c.call(
            "update_reservation_flights",
            args,
            f"Error: payment {r.payment_id} declined (insufficient funds)",
            error=True,
        )
        x.a(
            "It looks like the payment for the fare difference was declined. Would you like to use a "
            "different payment method?"
        )
        x.u(
            rng.choice(
                [
                    "I don't have another one on file. Never mind, I'll keep my original flight.",
                    "no. forget it then",
                    "That card should work... whatever, I'll call the airline.",
                ]
            )
        )
        if x.sim:
            x.c.user("###STOP###")
        return
    if variant == "escalated":
        x.c.call(
            "update_reservation_flights",
            args,
            {"error": "FareRuleViolation", "message": "segment cannot be changed within 24h of departure"},
            error=True,
        )
        x.a("I'm sorry, I wasn't able to change the flight; the system rejected the change.")
        x.u(
            rng.choice(
                [
                    "Why not? Can I please talk to a real person?",
                    "this is frustrating. human agent please",
                    "I need to speak to someone, this is urgent.",
                ]
            )
        )
        transfer(x, f"User wants to change {r.rid} to {nd}; update rejected by fare rules.")
        return
    x.c.call(
        "update_reservation_flights",
        args,
        dict(
            r.as_result(),
            flights=[dict(f, status="available", price=pickf["prices"][r.cabin]) for f in flights],
        ),
    )
    x.a(f"Done! Your outbound flight is now {pickf['flight_number']} on {_date_words(nd)}.")
    finish(x)


# --------------------------------------------------------------------------------------- bags and seats
BAG_ONLY = [
    "Hi, I'd like to add a checked bag to my reservation {rid}.",
    "can I add 2 bags to booking {rid}?",
    "Hello, how much is an extra suitcase? I'd like to add one to my flight to {dc}.",
]
SEAT_ONLY = [
    "Hi, can I get a window seat on my flight {rid}?",
    "I'd like to change my seat to an aisle seat please, reservation {rid}",
    "Hello, can my son and I sit together on {rid}?",
]
BAG_AND_SEAT = [
    "Hi, I need to add a checked bag to {rid} and also switch my seat to an aisle.",
    "hello, two things: can you add one suitcase to my booking {rid}, and move me to a window seat?",
    "Can I add a bag and get a seat next to my wife on reservation {rid}?",
    "I'd like to add an extra bag for my trip to {dc} and change my seat to {seat}, if possible.",
    "hey could you add a checked bag on {rid}? oh and I'd like a window seat too",
    "Hi! For reservation {rid}: 1) add one checked bag 2) put me in an aisle seat. Thanks!",
]


def baggage_and_seats(x: Ctx, variant: str) -> None:
    rng, t = x.rng, x.t
    r = make_reservation(rng, t, x.now, cabin=rng.choice(["economy", "business", "basic_economy"]))
    seat_pref = rng.choice(["aisle", "window", "14C", "22A"])
    want_bag = variant in ("cause", "both_ok", "bag_ok", "bag_overcharged")
    want_seat = variant in ("cause", "both_ok", "seat_ok")
    pool = BAG_AND_SEAT if want_bag and want_seat else BAG_ONLY if want_bag else SEAT_ONLY
    x.u(pick(rng, pool, rid=r.rid, dc=_city(r.destination), seat=seat_pref))
    auth(x)
    if r.rid not in (x.c.user_texts()[0]):
        x.a("Which reservation should I update?")
        x.u(r.rid)
    x.c.call("get_reservation_details", {"reservation_id": r.rid}, r.as_result())
    if want_bag:
        free = FREE_BAGS[t.membership][r.cabin] * len(r.passengers)
        total = r.total_baggages + 1
        nonfree = max(0, total - free)
        if variant == "bag_overcharged":
            nonfree = total  # background: the free allowance ignored
        cost = 50 * nonfree
        x.a(
            f"As a {t.membership} member in {CABIN_WORDS[r.cabin]}, your reservation includes {free} free "
            f"checked bag(s). Adding one bag brings you to {total} total"
            + (f", with {nonfree} at $50 each (${cost})" if nonfree else ", at no extra cost")
            + (f", and I'll set your seat to {seat_pref}" if want_seat and rng.random() < 0.5 else "")
            + ". Shall I proceed?"
        )
        x.u(rng.choice(YES))
        x.c.call(
            "update_reservation_baggages",
            {
                "reservation_id": r.rid,
                "total_baggages": total,
                "nonfree_baggages": nonfree,
                "payment_id": r.payment_id,
            },
            dict(r.as_result(), total_baggages=total, nonfree_baggages=nonfree),
        )
    if want_seat and variant != "cause":
        if not want_bag:
            x.a(f"I can set your seat to {seat_pref} on {r.flights[0]['flight_number']}. Confirm?")
            x.u(rng.choice(YES))
        x.c.call(
            "update_seat",
            {
                "reservation_id": r.rid,
                "passenger": f"{t.first} {t.last}",
                "flight_number": r.flights[0]["flight_number"],
                "seat": seat_pref,
            },
            {
                "status": "ok",
                "flight_number": r.flights[0]["flight_number"],
                "seat": seat_pref
                if seat_pref[0].isdigit()
                else f"{rng.randrange(8, 30)}{'C' if seat_pref == 'aisle' else 'A'}",
            },
        )
    if variant == "cause":
        x.a(
            rng.choice(
                [
                    "All done! Your reservation {rid} has been updated.",
                    "You're all set — the bag has been added to {rid}.",
                    "Done! Everything is updated on {rid}.",
                    "Your reservation {rid} is updated. You'll get an updated itinerary by email.",
                ]
            ).format(rid=r.rid)
        )
    elif want_bag and want_seat:
        x.a(f"All done: the bag is added and your seat is now {seat_pref} on {r.rid}.")
    elif want_bag:
        x.a(f"Done, the bag has been added to {r.rid}.")
    else:
        x.a(f"Your seat on {r.flights[0]['flight_number']} is now {seat_pref}.")
    finish(x)


# ---------------------------------------------------------------------------------------- compensation
COMP_OPEN = [
    "Hi, my flight {fn} yesterday was delayed by {h} hours. Is there any compensation?",
    "hello, my flight got delayed for hours and I missed my connection. what can you do for me?",
    "I'm writing about flight {fn} on reservation {rid}, it was {h} hours late. I'd like some kind of "
    "compensation.",
    "My flight was delayed {h} hours last night, this is the second time. Can I get a voucher or something?",
    "Hi, flight {fn} was super late. Do I get anything for that?",
]


def delay_compensation(x: Ctx, variant: str) -> None:
    rng, t = x.rng, x.t
    eligible = variant in ("cause", "ok")
    if eligible and t.membership == "regular" and rng.random() < 0.5:
        t.membership = rng.choice(["silver", "gold"])
    r = make_reservation(
        rng,
        t,
        x.now,
        depart_in_days=-1,
        status="delayed",
        cabin="business" if eligible and t.membership == "regular" else None,
        insurance=False if not eligible else None,
    )
    if not eligible:
        t.membership = "regular"
        r.cabin = rng.choice(["economy", "basic_economy"])
    h = rng.choice([3, 4, 5, 6, 8])
    fn = r.flights[0]["flight_number"]
    x.u(pick(rng, COMP_OPEN, fn=fn, h=h, rid=r.rid))
    auth(x)
    x.a("I'm sorry to hear about the delay. Which reservation was it?")
    x.u(rng.choice(["{rid}", "Reservation {rid}.", "it's {rid}, flight {fn}"]).format(rid=r.rid, fn=fn))
    x.c.call("get_reservation_details", {"reservation_id": r.rid}, r.as_result())
    x.c.call(
        "get_flight_status",
        {"flight_number": fn, "date": r.flights[0]["date"]},
        {
            "flight_number": fn,
            "date": r.flights[0]["date"],
            "status": "delayed",
            "delay_minutes": h * 60 + rng.randrange(0, 50),
        },
    )
    amount = 50 * len(r.passengers)
    if variant == "refusal":
        x.a(
            rng.choice(
                [
                    "I'm really sorry about the delay. I checked, and unfortunately compensation is only "
                    "available to "
                    "silver and gold members, business cabin travellers, or reservations with travel "
                    "insurance, so "
                    "I'm not able to issue a certificate for this trip.",
                    "Thank you for your patience. I've looked into it: under our policy this reservation "
                    "isn't eligible "
                    "for a delay certificate (regular membership, {cab} cabin, no insurance). I apologize "
                    "for the "
                    "inconvenience.",
                ]
            ).format(cab=CABIN_WORDS[r.cabin])
        )
        x.u(
            rng.choice(
                [
                    "Ok, I understand. Thanks for checking.",
                    "that's disappointing but ok. thanks",
                    "Alright, thanks anyway.",
                    "Fair enough. Thank you.",
                ]
            )
        )
        if x.sim:
            x.c.user("###STOP###")
        return
    if variant == "escalated":
        x.a(
            "I'm sorry about the delay. I'm not able to offer compensation for this reservation under our "
            "policy."
        )
        x.u(
            rng.choice(
                [
                    "That's ridiculous. I want to speak with a manager.",
                    "Let me talk to a human please.",
                    "Can I speak to someone else? This isn't fair.",
                ]
            )
        )
        x.a(
            "I understand your frustration. I'm not able to transfer compensation requests that are outside "
            "policy, but you can submit feedback on our website."
        )
        x.u(rng.choice(["Unbelievable. Forget it.", "ok whatever, bye", "I'll take my business elsewhere."]))
        return
    x.a(
        f"I'm sorry for the trouble. Since your flight was delayed over 3 hours, I can offer a travel "
        f"certificate of ${amount} ({len(r.passengers)} passenger(s) × $50). Would you like me to issue it?"
    )
    x.u(rng.choice(["Yes please.", "yes, thank you", "That would be great, yes.", "ok sure"]))
    args = {"user_id": t.user_id, "amount": amount}
    if variant == "ok":
        x.c.call(
            "send_certificate",
            args,
            {
                "certificate_id": f"certificate_{rng.randrange(1000000, 9999999)}",
                "amount": amount,
                "user_id": t.user_id,
                "status": "issued",
            },
        )
    elif rng.random() < 0.45:
        err = rng.choice(
            [
                ("Error: certificate service unavailable (503)", True),
                (
                    {
                        "error": "CertificateLimitExceeded",
                        "message": "user already received a certificate this month",
                    },
                    True,
                ),
                ("Error: amount must not exceed 50 per passenger for a delay", True),
            ]
        )
        x.c.call(
            "send_certificate",
            dict(args, amount=amount if "exceed" not in str(err[0]) else amount * 2),
            err[0],
            error=err[1],
        )
    x.a(
        rng.choice(
            [
                "Done! I've issued a ${amt} travel certificate to your account. You can use it on your "
                "next booking.",
                "I've sent you a ${amt} certificate. It should show up in your profile under payment "
                "methods.",
                "The ${amt} travel certificate has been added to your account. Sorry again for the delay!",
            ]
        ).format(amt=amount)
    )
    finish(x)


# ------------------------------------------------------------------------------------------------ miles
MILES_OPEN = [
    "Hi, how many miles do I have right now?",
    "hello, what's my current miles balance?",
    "Can you tell me my membership status? Am I gold yet?",
    "How close am I to the next tier?",
    "hi quick question, how many skymiles do i have",
    "I want to know if I have enough miles for a free flight.",
    "Hi, my user id is {uid}. What's my loyalty balance?",
]


def loyalty_miles(x: Ctx, variant: str) -> None:
    rng, t = x.rng, x.t
    opening = pick(rng, MILES_OPEN, uid=t.user_id)
    x.u(opening)
    auth(x, in_opening=t.user_id in opening)
    miles = t.miles
    if variant == "cause":
        x.a(
            rng.choice(
                [
                    "Thanks, {f}. I'm sorry, but I don't have visibility into your miles balance from "
                    "here. You can "
                    "check it in the SkyHarbor app under My Account > SkyMiles.",
                    "I'm afraid I can't see loyalty details such as your miles or tier. The SkyHarbor app "
                    "or website "
                    "will show your current balance.",
                    "Unfortunately I'm not able to access your SkyMiles account information. Please check "
                    "the "
                    "SkyMiles section of our website.",
                ]
            ).format(f=t.first)
        )
        if rng.random() < 0.4:
            x.u(
                rng.choice(
                    [
                        "Oh, the app isn't loading for me. Could you check again?",
                        "Hmm, are you sure? Can you look one more time?",
                        "Really? I thought you could see my account. Can you try again please?",
                    ]
                )
            )
            x.a(
                "I'm sorry, I don't have access to loyalty balances. The app or website is the best place to "
                "check them."
            )
            x.u(
                rng.choice(
                    [
                        "Ok never mind then, thanks.",
                        "oh well, I'll try later. thanks anyway",
                        "Okay, I'll call instead. Thanks.",
                    ]
                )
            )
        else:
            x.u(
                rng.choice(
                    [
                        "Oh ok, I'll check the app. Thanks!",
                        "ok no problem, thanks",
                        "Alright, thank you.",
                        "Got it, thanks anyway!",
                    ]
                )
            )
        if x.sim:
            x.c.user("###STOP###")
        return
    if variant == "rephrase_fail":  # background: agent answers a different question
        x.a(
            "You can redeem miles for award flights starting at 12,500 miles one way. Would you like to "
            "search "
            "for an award flight?"
        )
        x.u(
            rng.choice(["No, I just want to know my balance.", "That's not what I asked. What's my balance?"])
        )
        x.a("Award flights can be booked on our website under SkyMiles > Redeem.")
        x.u(rng.choice(["Forget it.", "never mind.", "ok I give up, thanks"]))
        return
    nxt = {"regular": "silver", "silver": "gold", "gold": None}[t.membership]
    tail = (
        f" You need {max(0, (25000 if nxt == 'silver' else 50000) - t.miles):,} more miles to reach {nxt}."
        if nxt
        else " You're at our top tier."
    )
    x.a(f"You currently have {miles:,} SkyMiles and you're a {t.membership} member.{tail}")
    if rng.random() < 0.4:
        x.u(
            rng.choice(
                ["Can I use them on a flight to {dc}?", "Great. Is that enough for a free flight?"]
            ).format(dc=rng.choice(list(AIRPORTS.values())))
        )
        x.a(
            "Award one-way flights start at 12,500 miles in economy, so "
            + ("yes, you have enough for at least one." if miles >= 12500 else "not quite yet.")
        )
    finish(x)


# ------------------------------------------------------------------------------------------ flight status
STATUS_OPEN = [
    "Is flight {fn} on time today?",
    "hi, what's the status of {fn} on {d}?",
    "Can you check if my flight {fn} tomorrow is delayed?",
    "hello! is SH flight {n} leaving on time?",
    "my mom is flying in on {fn}, has it landed?",
]


def flight_status(x: Ctx, variant: str) -> None:
    rng = x.rng
    fn = f"SH{rng.randrange(100, 2999)}"
    day = (x.now + timedelta(days=rng.choice([0, 0, 1]))).strftime("%Y-%m-%d")
    x.u(pick(rng, STATUS_OPEN, fn=fn, n=fn[2:], d=_date_words(day)))
    if variant == "not_found":
        x.c.call(
            "get_flight_status",
            {"flight_number": fn[2:], "date": day},
            {"error": "NotFound", "message": f"no flight {fn[2:]} on {day}"},
            error=True,
        )
        x.a("I couldn't find that flight. Could you double-check the flight number?")
        x.u(rng.choice([f"It's {fn}, I'm looking right at the ticket.", f"{fn}. It's definitely right."]))
        x.c.call(
            "get_flight_status",
            {"flight_number": fn[2:], "date": day},
            {"error": "NotFound", "message": f"no flight {fn[2:]} on {day}"},
            error=True,
        )
        x.a("I'm sorry, I still can't find that flight in our system.")
        x.u(rng.choice(["ok forget it, I'll check the airport website.", "useless. bye", "never mind then."]))
        return
    status = rng.choices(["on time", "delayed", "landed", "departed"], weights=[50, 20, 15, 15])[0]
    res: dict[str, Any] = {"flight_number": fn, "date": day, "status": status.replace(" ", "_")}
    if status == "delayed":
        res["delay_minutes"] = rng.choice([25, 40, 55, 90, 130])
        res["estimated_departure"] = f"{rng.randrange(6, 22):02d}:{rng.choice(['10', '35', '50'])}"
    if status in ("landed", "departed"):
        res["actual_time"] = f"{rng.randrange(6, 22):02d}:{rng.choice(['04', '19', '42'])}"
    res["gate"] = f"{rng.choice('ABCDE')}{rng.randrange(1, 40)}"
    x.c.call("get_flight_status", {"flight_number": fn, "date": day}, res)
    if rng.random() < 0.3:
        return  # the widget rendered the status card from the tool result; no text turn was logged
    words = {
        "on time": f"{fn} is on time, departing from gate {res['gate']}.",
        "delayed": f"{fn} is delayed by about {res.get('delay_minutes')} minutes; new estimated departure "
        f"{res.get('estimated_departure')} from gate {res['gate']}.",
        "landed": f"{fn} landed at {res.get('actual_time')}.",
        "departed": f"{fn} departed at {res.get('actual_time')}.",
    }[status]
    x.a(words)
    finish(x)


# ------------------------------------------------------------------------------------------- passengers
PAX_FIX_OPEN = [
    "Hi, my last name is misspelled on reservation {rid}. It should be {last}.",
    "hello, the date of birth on my booking {rid} is wrong",
    "There's a typo in my name on my ticket, can you fix it?",
]
PAX_TRANSFER_OPEN = [
    "Hi, I need to arrange wheelchair assistance for my father on reservation {rid}.",
    "My 10 year old daughter will fly alone on {rid}. How do I set up the unaccompanied minor service?",
    "Hello, I'm travelling with an oxygen concentrator, who can I talk to about that? Booking {rid}.",
    "We're a group of 8 from my office and want to book together to {dc}.",
]
PAX_SWAP_OPEN = [
    "Hi, I can't travel anymore. Can I put my brother's name on my ticket {rid} instead?",
    "can I transfer my booking {rid} to a friend?",
]


def update_passenger(x: Ctx, variant: str) -> None:
    rng, t = x.rng, x.t
    r = make_reservation(rng, t, x.now)
    if variant == "transfer":
        x.u(pick(rng, PAX_TRANSFER_OPEN, rid=r.rid, dc=_city(r.destination)))
        auth(x)
        x.a(
            rng.choice(
                [
                    "I understand. This request needs our special services team, so I'll transfer you to "
                    "a human agent who can arrange it.",
                    "Thanks for letting us know in advance. I'm not able to set that up myself; a human "
                    "agent will take care of it.",
                ]
            )
        )
        transfer(x, "Special assistance / group request: " + (x.c.user_texts()[0])[:120])
        return
    if variant == "refusal":
        x.u(pick(rng, PAX_SWAP_OPEN, rid=r.rid))
        auth(x)
        x.c.call("get_reservation_details", {"reservation_id": r.rid}, r.as_result())
        x.a(
            "I'm sorry, tickets are non-transferable: I can correct the spelling of a passenger's name or "
            "their date of birth, but I can't change the passenger to a different person."
        )
        x.u(rng.choice(["Ah, ok. That makes sense. Thanks.", "ok, thank you anyway", "understood, thanks"]))
        if x.sim:
            x.c.user("###STOP###")
        return
    wrong_last = t.last[:-1] + ("e" if t.last[-1] != "e" else "a")
    r.passengers[0]["last_name"] = wrong_last
    x.u(pick(rng, PAX_FIX_OPEN, rid=r.rid, last=t.last))
    auth(x)
    x.c.call("get_reservation_details", {"reservation_id": r.rid}, r.as_result())
    if variant == "escalated":
        x.a("I'm sorry, I'm not able to change names on a ticket.")
        x.u(
            rng.choice(["It's a one-letter typo! Please get me a human.", "I want to talk to a real person."])
        )
        transfer(x, f"User wants spelling correction on {r.rid}")
        return
    x.a(
        f"I see the passenger listed as {t.first} {wrong_last}. I'll correct the last name to {t.last}. "
        "Is that right?"
    )
    x.u(rng.choice(YES))
    x.c.call(
        "update_passenger",
        {
            "reservation_id": r.rid,
            "passenger_index": 0,
            "first_name": t.first,
            "last_name": t.last,
            "dob": t.dob,
        },
        {"status": "ok", "passenger": {"first_name": t.first, "last_name": t.last, "dob": t.dob}},
    )
    x.a(f"Done, the name on {r.rid} now reads {t.first} {t.last}.")
    finish(x)


# -------------------------------------------------------------------------------------- the mix of traffic
# intent: (weight, [(variant, weight, failed, cause)])
PLAN: dict[str, tuple[int, list[tuple[str, float, bool, str | None]]]] = {
    "book_flight": (
        18,
        [
            ("ok", 55, False, None),
            ("cause", 37, True, "round_trip_booked_one_way"),
            ("wrong_cabin", 4, True, None),
            ("payment_error", 4, True, None),
        ],
    ),
    "cancel_booking": (
        16,
        [
            ("ok", 36, False, None),
            ("refusal", 30, False, None),
            ("cause", 31, True, "cancelled_nonrefundable_basic_economy"),
            ("abandon", 3, True, None),
        ],
    ),
    "change_flight": (
        12,
        [
            ("ok", 60, False, None),
            ("refusal", 15, False, None),
            ("recovered", 10, False, None),
            ("payment_error", 8, True, None),
            ("escalated", 7, True, None),
        ],
    ),
    "baggage_and_seats": (
        12,
        [
            ("cause", 36, True, "seat_request_dropped"),
            ("both_ok", 22, False, None),
            ("bag_ok", 24, False, None),
            ("seat_ok", 14, False, None),
            ("bag_overcharged", 4, True, None),
        ],
    ),
    "delay_compensation": (
        11,
        [
            ("cause", 36, True, "certificate_claimed_not_sent"),
            ("ok", 30, False, None),
            ("refusal", 29, False, None),
            ("escalated", 5, True, None),
        ],
    ),
    "loyalty_miles": (
        10,
        [
            ("cause", 40, True, "miles_balance_unseen"),
            ("ok", 55, False, None),
            ("rephrase_fail", 5, True, None),
        ],
    ),
    "flight_status": (11, [("ok", 92, False, None), ("not_found", 8, True, None)]),
    "update_passenger": (
        10,
        [
            ("ok", 45, False, None),
            ("transfer", 30, False, None),
            ("refusal", 20, False, None),
            ("escalated", 5, True, None),
        ],
    ),
}
BUILDERS = {
    "book_flight": book_flight,
    "cancel_booking": cancel_booking,
    "change_flight": change_flight,
    "baggage_and_seats": baggage_and_seats,
    "delay_compensation": delay_compensation,
    "loyalty_miles": loyalty_miles,
    "flight_status": flight_status,
    "update_passenger": update_passenger,
}


def _user_id(rng: random.Random, first: str, last: str) -> str:
    return f"{ascii_slug(first)}_{ascii_slug(last).replace(' ', '')}_{rng.randrange(1000, 9999)}"


def build(rng: random.Random, n: int) -> list[Conv]:
    users = UserPool(rng, _user_id, fresh=0.8)
    travellers: dict[str, Traveller] = {}
    convs: list[Conv] = []
    intents = list(PLAN)
    for _ in range(n):
        intent = rng.choices(intents, weights=[PLAN[i][0] for i in intents])[0]
        options = PLAN[intent][1]
        variant, _w, failed, cause = rng.choices(options, weights=[o[1] for o in options])[0]
        uid, first, last = users.next()
        t = travellers.get(uid) or make_traveller(rng, uid, first, last)
        travellers[uid] = t
        t.reservations = []
        started = when(rng, START, DAYS, tz_offset=-5)
        c = Conv(hexid(rng, "conv_", 16), uid, started, intent, failed, cause)
        sim = rng.random() < 0.4
        c.metadata = {
            "channel": "simulation" if sim else rng.choice(["web", "web", "app"]),
            "agent": "skyharbor-cs",
            "prompt_version": "2026-10-28",
        }
        x = Ctx(c, rng, t, started.replace(tzinfo=None), sim)
        BUILDERS[intent](x, variant)
        c.stamp(rng)
        if rng.random() < 0.6:
            c.metadata["reward"] = 0.0 if failed else 1.0
        convs.append(c)
    return convs


def generate(out: Path, seed: int = 7, n: int | None = None) -> Path:
    rng = random.Random(f"{NAME}:{seed}")
    convs = build(rng, n or DEFAULT_N)
    convs.sort(key=lambda c: c.started_at)
    openai = [c for c in convs if rng.random() < 0.75]
    chosen = {c.id for c in openai}
    anthropic = [c for c in convs if c.id not in chosen]
    by_week: dict[str, list[dict[str, Any]]] = {}
    for c in openai:
        week = c.started_at.strftime("%G-W%V")
        by_week.setdefault(week, []).append(
            writers.openai_record(
                c,
                system=SYSTEM_PROMPT.strip() if rng.random() < 0.3 else None,
                message_times=rng.random() < 0.7,
                parts=c.metadata["channel"] == "app" and rng.random() < 0.5,
            )
        )
    for week, recs in by_week.items():
        writers.write_jsonl(out / "exports" / "openai" / f"cs-agent-{week}.jsonl", out, recs)
    half = len(anthropic) // 2
    a_recs = [writers.anthropic_record(c, system=SYSTEM_PROMPT.strip(), rng=rng) for c in anthropic]
    writers.write_jsonl(out / "exports" / "anthropic" / "sessions-a.jsonl", out, a_recs[:half])
    writers.write_jsonl(out / "exports" / "anthropic" / "sessions-b.jsonl.gz", out, a_recs[half:], gz=True)
    repo.write_config(out, [{"path": "exports/**/*.jsonl"}, {"path": "exports/**/*.jsonl.gz"}])
    repo.write_targets(out, SYSTEM_PROMPT, TOOLS)
    repo.write_ground_truth(
        out,
        corpus=NAME,
        description="Tool-using airline agent; polite users; silent tool-use failures next to healthy "
        "conversations that look alarming (policy refusals, required transfers, stop tokens).",
        intents=INTENTS,
        causes=CAUSES,
        convs=convs,
        malformed=[],
    )
    return out
