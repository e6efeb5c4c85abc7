"""A second example corpus the analysis was not designed for: "Wayfare", a travel-booking assistant.

Other domain, other wording, other export shapes (an OpenAI-style JSON array with `conversation_id`,
epoch timestamps and `agent_version`; a gzipped CSV with tool and feedback columns; Anthropic JSONL),
other failure causes. Same `generate(...)` signature and `GroundTruth` as `generator.py`.

    python examples/travel_generator.py --out examples/travel-agent --seed 11 --conversations 400
"""

# ruff: noqa: E501  -- phrasings are data; wrapping them mid-sentence would hide typos in review

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from generator import (
    ESCALATION_MARK,
    Conv,
    Domain,
    GroundTruth,
    Script,
    _dumps,
    anthropic_record,
    csv_text,
    generate_domain,
    main,
)

GREET = ["", "", "", "Hi, ", "hello! ", "Hey - ", "Bonjour, ", "Good evening, ", "hiya ", "Hello there. "]
SUFFIX = [
    "",
    "",
    "",
    " Cheers.",
    " ty",
    " Many thanks!",
    " Flying next week.",
    " ASAP pls",
    " (booking ref in my account)",
    " Travelling with kids.",
]
CITIES = [
    "Rome",
    "Barcelona",
    "Paris",
    "Munich",
    "Lisbon",
    "Amsterdam",
    "Vienna",
    "Prague",
    "Madrid",
    "Faro",
    "Nice",
]
COUNTRIES = ["JP", "US", "GB", "DE", "IN", "TR", "BR", "TH", "CA", "AU", "AE", "FR"]
REFS = ["QX7T2M", "LM4K9P", "ZR82HD", "BW5N1C", "TT9Q4A", "PJ3E7V", "HK6R2L"]


def opener(s: Script, options: Sequence[str], *, pii_p: float = 0.0) -> None:
    text = s.v.user(s.v.any(GREET) + s.v.pick(options) + s.v.any(SUFFIX))
    if s.v.chance(pii_p):
        text = text.rstrip() + " " + s.leak(("email", "phone", "card")) + "."
    s.user(text[0].upper() + text[1:] if s.v.chance(0.5) else text, raw=True)


def feedback(s: Script, *, good: bool, p: float = 0.35) -> None:
    if not s.v.chance(p):
        return
    if good:
        s.feedback.append(
            {"rating": s.v.rng.choice([4, 5, 5])} if s.v.chance(0.5) else {"thumbs": "thumbs_up"}
        )
    else:
        s.feedback.append(
            {"rating": s.v.rng.choice([1, 2])} if s.v.chance(0.5) else {"thumbs": "thumbs_down"}
        )


CHEERS = [
    "Great, booked. Thanks!",
    "cheers, that's sorted",
    "Perfect, thank you so much",
    "brilliant, all good now",
    "Lovely, thanks for the help.",
    "That worked, thank you",
    "ok great, appreciate it",
    "Super, merci !",
    "thank you, problem solved",
    "Excellent, got it",
    "nice one, thanks",
    "That's exactly it. Thank you!",
]
BYE = [
    "Have a wonderful trip!",
    "Safe travels! ✈️",
    "Enjoy your journey — I'm here if you need anything.",
    "Bon voyage!",
]


def happy_end(s: Script) -> None:
    s.user(s.v.pick(CHEERS))
    if s.v.chance(0.6):
        s.bot(s.v.any(BYE))
    feedback(s, good=True)


AGENT = [
    "I want to talk to an agent.",
    "Can I speak to a real person please",
    "put me through to a human agent",
    "I need a live agent now",
    "Connect me with customer service staff.",
    "get me an actual human",
    "Is there a live person I can chat with?",
    "I'd like a human agent to handle this.",
]


def escalate_tail(s: Script) -> None:
    s.user(s.v.pick(AGENT))
    s.tool(
        "handoff_to_agent",
        {"team": "bookings", "priority": "normal"},
        {"queued": True, "position": s.v.rng.randrange(2, 30)},
    )
    s.bot("I've passed you to a travel agent. Please stay in this chat; you're in the queue.")
    feedback(s, good=False, p=0.3)


def leave_tail(s: Script) -> None:
    """The traveller closes the chat after the failure, sometimes after one last word."""
    if s.v.chance(0.3):
        s.user(s.v.any(["hmm", "ok.", "right", "useless"]))
        s.bot("Sorry I couldn't help more with this one.")


# --- planted cause 1: seat selection fails on partner flights ------------------------------------------

SEAT_OPEN = [
    "I'd like to choose a window seat on my flight to Lisbon.",
    "can I pick my seats for the return flight",
    "How do I select seats together for me and my partner?",
    "seat selection isn't working for my booking",
    "I want an aisle seat on the Madrid leg, can you change it?",
    "Is it possible to reserve seats next to each other for a family of four?",
    "Please assign me seat 14A on my outbound flight.",
    "the seat map won't load for my connecting flight",
    "Can you move me to an exit row seat?",
    "how do i choose seats on a codeshare flight",
    "We got split up on the seat plan, can we sit together?",
    "change seat to a window please",
]
SEAT_AGAIN = [
    "it's the same flight, just a different seat. why can't you do it?",
    "so how DO I choose a seat then?",
    "the airline website sends me back to you",
    "can you try again? I really need a window seat",
    "that's not an answer. I paid for seat selection",
    "ok but my kids need to sit with me",
    "is there any other way to pick the seat",
    "I tried the app too, also nothing",
]


def seat_fail(s: Script) -> None:
    opener(s, SEAT_OPEN)
    ref = s.v.rng.choice(REFS)
    s.tool(
        "get_booking",
        {"booking_ref": ref},
        {"ref": ref, "segments": 2, "operated_by": "partner", "fare": "standard"},
    )
    s.tool(
        "select_seat",
        {"booking_ref": ref, "segment": 1, "preference": s.v.any(["window", "aisle", "together"])},
        {"error": "SEAT_MAP_UNAVAILABLE", "detail": "segment operated by partner carrier"},
        error=True,
    )
    s.bot(
        s.v.any(
            [
                "Sorry, seat selection is unavailable for this flight.",
                "I'm unable to select a seat on this booking at the moment.",
                "Unfortunately I can't change seats for this flight.",
            ]
        )
    )
    s.user(s.v.pick(SEAT_AGAIN))
    s.bot(
        s.v.any(
            [
                "I'm sorry, seat selection isn't available for this flight right now. Please try again later.",
                "I'm not able to assign seats on this segment.",
            ]
        )
    )
    feedback(s, good=False, p=0.3)


def seat_ok(s: Script) -> None:
    opener(s, SEAT_OPEN)
    ref = s.v.rng.choice(REFS)
    s.tool(
        "get_booking",
        {"booking_ref": ref},
        {"ref": ref, "segments": 2, "operated_by": "partner", "fare": "standard"},
    )
    s.bot(
        f"Your flight is operated by our partner airline, so seats are chosen on their site: use booking reference {ref} "
        "under 'Manage booking' there. Seat choice is free on your fare."
    )
    happy_end(s)


# --- planted cause 2: wrong baggage allowance -----------------------------------------------------------

BAG_OPEN = [
    "How many checked bags are included in my ticket?",
    "what's the baggage allowance on a basic fare",
    "Do I need to pay extra for a suitcase?",
    "can i bring a 23kg bag for free",
    "Is hold luggage included on my flight to Rome?",
    "What size carry-on can I take?",
    "I'm flying economy light, is a checked bag included?",
    "baggage allowance for my booking please",
    "Can I take skis as checked baggage without paying?",
    "how much luggage can my baby bring",
    "Do I get two bags on the transatlantic flight?",
    "luggage rules for my return trip?",
]
BAG_WRONG = [
    "Your fare includes one checked bag of up to 23 kg and one carry-on.",
    "Good news: two checked bags are included on your ticket.",
    "All our fares include a free 23 kg checked bag.",
]
BAG_DOUBT = [
    "are you sure? the airline site says carry-on only for my fare",
    "that's not what my confirmation says",
    "hm, my booking says 0 checked bags",
    "I was charged 60 euros at check-in last time on the same fare",
    "that contradicts the fare rules I just read",
    "really? my friend had to pay for hers",
    "the app shows no hold luggage though",
    "That's wrong, the light fare has no checked bag.",
]


def bag_fail(s: Script) -> None:
    opener(s, BAG_OPEN)
    s.bot(s.v.any(BAG_WRONG))
    s.user(s.v.pick(BAG_DOUBT))
    s.bot(
        s.v.any(
            [
                "Yes, a checked bag is included with your ticket.",
                "I can confirm the bag is included.",
                "According to my information, the allowance includes a checked bag.",
            ]
        )
    )
    s.user(
        s.v.any(
            [
                "this is useless",
                "you're wrong and I'll end up paying at the airport",
                "ridiculous, I'll check the airline myself",
                "whatever. not trusting this",
                "wow. ok then",
            ]
        )
    )
    s.feedback.append({"thumbs": "thumbs_down"} if s.v.chance(0.6) else {"rating": 1})


def bag_ok(s: Script) -> None:
    opener(s, BAG_OPEN)
    ref = s.v.rng.choice(REFS)
    s.tool(
        "get_fare_rules", {"booking_ref": ref}, {"fare": "light", "checked_bags": 0, "carry_on": "1 x 8kg"}
    )
    s.bot(
        "Your Light fare includes one 8 kg carry-on but no checked bag. You can add a 23 kg bag for €35 under Manage booking — "
        "cheaper than at the airport."
    )
    happy_end(s)


# --- planted cause 3: visa questions refused -------------------------------------------------------------

VISA_OPEN = [
    "Do I need a visa to travel to Japan with a UK passport?",
    "what are the entry requirements for the US, I'm German",
    "Is an ESTA enough for a layover in New York?",
    "do indian citizens need a transit visa for Frankfurt",
    "Can I enter Turkey with my ID card or do I need a passport?",
    "Visa requirements for Brazil please",
    "My passport expires in 4 months, can I still fly to Thailand?",
    "do I need an eTA for a connection in Toronto?",
    "Does my daughter need her own visa for Canada?",
    "entry rules for australia with a french passport?",
    "Is a Schengen visa valid for a day trip to London?",
    "what documents do I need to fly to Dubai",
]
VISA_REFUSE = [
    "I'm sorry, I can't help with visa or immigration questions.",
    "I'm not able to provide information about entry requirements.",
    "Unfortunately I cannot advise on visas. Please contact the relevant embassy.",
]
VISA_DOWN = [
    "ok, I'll check the embassy website myself",
    "never mind, I'll google it",
    "fine, I'll figure it out myself",
    "forget it then",
    "right, I'll ask someone else",
    "nvm, found a forum thread",
    "ok I'll look elsewhere",
    "thanks anyway",
]


def visa_fail(s: Script) -> None:
    opener(s, VISA_OPEN, pii_p=0.1)
    s.bot(s.v.any(VISA_REFUSE))
    if s.v.chance(0.4):
        s.user(
            s.v.any(
                [
                    "not even a link to the official rules?",
                    "but it's for the flight I booked with you",
                    "you're a travel assistant though?",
                ]
            )
        )
        s.bot(s.v.any(VISA_REFUSE))
    s.user(s.v.pick(VISA_DOWN))
    feedback(s, good=False, p=0.25)


def visa_ok(s: Script) -> None:
    opener(s, VISA_OPEN, pii_p=0.1)
    s.tool(
        "entry_requirements",
        {"destination": s.v.rng.choice(COUNTRIES), "nationality": s.v.rng.choice(COUNTRIES)},
        {"source": "Timatic", "visa_required": False, "notes": "passport valid 6 months"},
    )
    s.bot(
        "According to Timatic (the database airlines use at check-in), you don't need a visa for a stay under 90 days; "
        "your passport must be valid for 6 months after arrival. Always double-check with the embassy before you fly."
    )
    happy_end(s)


# --- planted cause 4: cancellation fee quote fails ---------------------------------------------------------

CANCEL_OPEN = [
    "How much does it cost to cancel my flight?",
    "i need to cancel my booking, what's the fee",
    "Can I cancel my hotel + flight package and get a refund?",
    "What's the cancellation charge for booking {ref}?",
    "we can't travel anymore, please cancel and tell me what I get back",
    "cancellation fee for my trip to Athens?",
    "If I cancel today, how much will I lose?",
    "Please quote the cost of cancelling my return flight.",
    "is my ticket refundable if I cancel?",
    "I have to cancel due to illness, what are the fees",
    "cancel booking {ref} - how much refund?",
    "What do I pay if I cancel 3 days before departure?",
]


def cancel_fail(s: Script) -> None:
    ref = s.v.rng.choice(REFS)
    opener(s, [o.replace("{ref}", ref) for o in CANCEL_OPEN], pii_p=0.1)
    s.tool(
        "quote_cancellation",
        {"booking_ref": ref},
        {"status": 500, "error": "fare engine timeout"},
        error=True,
    )
    s.bot(
        s.v.any(
            [
                "Something went wrong while calculating your cancellation fee.",
                "I couldn't retrieve the cancellation quote. Please try again later.",
                "Sorry, an error occurred while checking the cancellation fee.",
            ]
        )
    )
    if s.v.chance(0.35):
        s.user(s.v.any(["can you try again?", "I need the number today", "so what do I do?"]))
        s.tool(
            "quote_cancellation",
            {"booking_ref": ref},
            {"status": 500, "error": "fare engine timeout"},
            error=True,
        )
        s.bot("I'm sorry, I still can't get the quote.")
    s.bot(ESCALATION_MARK)


def cancel_ok(s: Script) -> None:
    ref = s.v.rng.choice(REFS)
    opener(s, [o.replace("{ref}", ref) for o in CANCEL_OPEN])
    s.tool(
        "quote_cancellation",
        {"booking_ref": ref},
        {"fee_eur": 70, "refund_eur": 312, "deadline": "24h before departure"},
    )
    s.bot(
        "Cancelling now costs €70; you'd get €312 back to your original payment method within 7 days. Shall I cancel it?"
    )
    s.user(s.v.any(["yes please", "Yes, cancel it.", "go ahead"]))
    s.tool("cancel_booking", {"booking_ref": ref, "confirm": True}, {"cancelled": True, "refund_eur": 312})
    s.bot(f"Done — booking {ref} is cancelled and the refund is on its way.")
    happy_end(s)


# --- healthy intents ----------------------------------------------------------------------------------------

STATUS_OPEN = [
    "Is my flight on time?",
    "flight status for tomorrow's 7am departure",
    "Has my flight to Berlin been delayed?",
    "what gate does my flight leave from",
    "Is the 18:40 to Vienna cancelled?",
    "any delay on my return flight?",
    "When does boarding start for my flight?",
    "status of flight WF 2231",
    "is my plane leaving on schedule",
    "Did my departure time change?",
    "check if flight is delayed pls",
    "what terminal is my flight",
]
HOTEL_OPEN = [
    "Find me a hotel near the Colosseum for 2 nights.",
    "need a hotel in Barcelona from the 12th to the 15th",
    "Can you book a family room in Paris?",
    "cheap hotel close to the airport in Munich?",
    "I want a hotel with a pool in Lisbon",
    "Any pet-friendly hotels in Amsterdam?",
    "book me a room near the conference centre in Vienna",
    "hotel recommendations in Prague under 120 a night",
    "Is breakfast included at the hotel I booked?",
    "add a hotel to my trip to Rome",
    "I'd like a quiet hotel in Copenhagen for 3 nights",
    "hotel with free cancellation in Madrid please",
]
RECEIPT_OPEN = [
    "Can I get an invoice for my booking?",
    "i need a receipt for expenses",
    "Please send the invoice with our company VAT number.",
    "Where can I download my e-ticket receipt?",
    "invoice for my hotel stay please",
    "Need a receipt in my company's name",
    "can you resend my booking confirmation",
    "How do I get a VAT invoice for the flight?",
    "receipt for the baggage fee I paid",
    "My employer needs an itemised invoice",
    "send me the invoice again please",
    "download receipt for booking",
]
CAR_OPEN = [
    "I need a rental car at Faro airport.",
    "can I add a car to my booking",
    "Rent a car in Nice for 5 days please",
    "is a child seat available with the rental car?",
    "cheapest car hire in Malaga next week",
    "Do I need a credit card to pick up the rental car?",
    "book an automatic car in Dublin",
    "add an additional driver to my car rental",
    "car rental with unlimited mileage in Lyon?",
    "Can I drop the rental car at a different airport?",
    "I want an SUV for a road trip in Iceland",
    "car hire from the train station in Florence",
]
INSURANCE_OPEN = [
    "Does my booking include travel insurance?",
    "how do I add travel insurance",
    "What does the trip insurance cover?",
    "Can I buy insurance after booking?",
    "is medical cover included abroad",
    "I want cancellation insurance for my trip",
    "How much is travel insurance for a family?",
    "does the insurance cover lost luggage",
    "add insurance to booking please",
    "Is COVID covered by your travel insurance?",
    "what's the excess on the travel insurance",
    "insurance for skiing holiday?",
]


def status_ok(s: Script) -> None:
    opener(s, STATUS_OPEN)
    flight = f"WF {s.v.rng.randrange(100, 9999)}"
    s.tool(
        "flight_status",
        {"flight": flight},
        {"flight": flight, "status": "on_time", "gate": f"B{s.v.rng.randrange(1, 40)}"},
    )
    s.bot(
        f"{flight} is on time. Boarding starts 40 minutes before departure; check the airport screens for the gate."
    )
    happy_end(s)


def hotel_ok(s: Script) -> None:
    opener(s, HOTEL_OPEN)
    s.tool(
        "search_hotels",
        {"city": s.v.rng.choice(CITIES), "nights": s.v.rng.randrange(1, 6)},
        {"results": 3, "cheapest_eur": s.v.rng.randrange(70, 180)},
    )
    s.bot(
        "I found three options that match. The best-rated is a 4-star 600 m away with free cancellation until 48 h before "
        "check-in. Shall I add it to your trip?"
    )
    s.user(s.v.any(["yes please add it", "Yes, book that one.", "sounds good, go ahead"]))
    s.bot("Done — it's in your trip and the confirmation is in your inbox.")
    happy_end(s)


def receipt_ok(s: Script) -> None:
    opener(s, RECEIPT_OPEN)
    if s.v.chance(0.3):
        s.bot("Sure. Which email should I send it to?")
        s.user(s.leak(("email",)), raw=True)
    s.tool("send_invoice", {"booking_ref": s.v.rng.choice(REFS)}, {"sent": True})
    s.bot("I've emailed the invoice. You can also download it any time under My trips → Documents.")
    happy_end(s)


def car_ok(s: Script) -> None:
    opener(s, CAR_OPEN)
    s.tool(
        "search_cars",
        {"pickup": s.v.rng.choice(CITIES) + " airport"},
        {"offers": 5, "cheapest_eur_per_day": s.v.rng.randrange(19, 60)},
    )
    s.bot(
        "There are five offers; the cheapest compact with unlimited mileage is shown first. Pick-up needs a credit card in "
        "the main driver's name. Want me to reserve it?"
    )
    s.user(s.v.any(["yes", "Yes please.", "go for it"]))
    s.bot("Reserved. You'll pay at the desk.")
    happy_end(s)


def insurance_ok(s: Script) -> None:
    opener(s, INSURANCE_OPEN)
    s.bot(
        "Insurance isn't included by default. You can add our Travel Cover up to 24 h before departure under My trips → "
        "Extras: it covers cancellation, medical costs abroad and delayed or lost baggage (excess €50)."
    )
    happy_end(s)


def _regress(options: Sequence[str], wrong: str) -> Any:
    def run(s: Script) -> None:
        opener(s, options)
        s.bot(wrong)
        s.user(s.v.any(["that's not right", "huh? that's wrong", "no, that can't be it"]))
        s.bot("I'm sorry, I don't have more information on that.")
        feedback(s, good=False, p=0.5)

    return run


def bg_confused(s: Script) -> None:
    opener(s, s.topic or STATUS_OPEN + HOTEL_OPEN + CAR_OPEN)
    s.bot(
        s.v.any(
            [
                "Here are some popular destinations for spring!",
                "You can find our fares on wayfare.example/deals.",
            ]
        )
    )
    s.user(s.v.any(["that's not what I asked", "??", "irrelevant"]))
    s.bot("Apologies — could you rephrase?")
    feedback(s, good=False, p=0.5)


def bg_down(s: Script) -> None:
    opener(s, s.topic or RECEIPT_OPEN + INSURANCE_OPEN)
    s.tool(
        "get_booking", {"booking_ref": s.v.rng.choice(REFS)}, {"error": "upstream unavailable"}, error=True
    )
    s.bot("Sorry, our booking system isn't responding.")
    s.bot(ESCALATION_MARK)


def abandon(s: Script) -> None:
    opener(s, s.topic or STATUS_OPEN + HOTEL_OPEN + CAR_OPEN)
    s.bot(s.v.any(["Which booking is this about?", "Could you give me the travel dates?"]))


SYSTEM = "You are Wayfare, a travel-booking assistant. Follow prompts/assistant.md."

WAYFARE = Domain(
    name="wayfare",
    system=SYSTEM,
    cause_intent={
        "seat_selection_unavailable": "seat_selection",
        "baggage_allowance_wrong": "baggage",
        "visa_question_refused": "visa",
        "cancellation_fee_tool_error": "cancellation",
    },
    default_cause_rates={
        "seat_selection_unavailable": 0.09,
        "baggage_allowance_wrong": 0.09,
        "visa_question_refused": 0.09,
        "cancellation_fee_tool_error": 0.09,
    },
    intent_share={
        "seat_selection": 0.11,
        "baggage": 0.11,
        "visa": 0.11,
        "cancellation": 0.11,
        "flight_status": 0.112,
        "hotel_booking": 0.112,
        "invoice": 0.112,
        "car_rental": 0.112,
        "insurance": 0.112,
    },
    fail={
        "seat_selection_unavailable": seat_fail,
        "baggage_allowance_wrong": bag_fail,
        "visa_question_refused": visa_fail,
        "cancellation_fee_tool_error": cancel_fail,
    },
    succeed={
        "seat_selection": seat_ok,
        "baggage": bag_ok,
        "visa": visa_ok,
        "cancellation": cancel_ok,
        "flight_status": status_ok,
        "hotel_booking": hotel_ok,
        "invoice": receipt_ok,
        "car_rental": car_ok,
        "insurance": insurance_ok,
    },
    regress={
        "flight_status": _regress(STATUS_OPEN, "I don't have access to live flight information."),
        "hotel_booking": _regress(HOTEL_OPEN, "There are no hotels available for those dates."),
        "invoice": _regress(RECEIPT_OPEN, "Invoices can't be issued for bookings made online."),
        "car_rental": _regress(CAR_OPEN, "We don't offer car rentals at that location."),
        "insurance": _regress(INSURANCE_OPEN, "Insurance can only be added at the time of booking."),
    },
    background=(bg_confused, bg_down),
    openers={
        "seat_selection": SEAT_OPEN,
        "baggage": BAG_OPEN,
        "visa": VISA_OPEN,
        "cancellation": CANCEL_OPEN,
        "flight_status": STATUS_OPEN,
        "hotel_booking": HOTEL_OPEN,
        "invoice": RECEIPT_OPEN,
        "car_rental": CAR_OPEN,
        "insurance": INSURANCE_OPEN,
    },
    abandon=abandon,
    escalate_tail=escalate_tail,
    leave_tail=leave_tail,
    channels=("web", "ios", "android", "whatsapp"),
    default_prompt_version="2026.10-a",
)

# --- export shapes unlike the Lumen ones ---------------------------------------------------------------------

CSV_COLUMNS = [
    "conversation_id",
    "role",
    "content",
    "timestamp",
    "user_id",
    "tool_name",
    "tool_call_id",
    "is_error",
    "feedback",
    "channel",
    "agent_version",
]


def _epoch(when: datetime | None) -> int:
    assert when is not None
    return int(when.timestamp())


def _json_record(c: Conv) -> dict[str, Any]:
    """OpenAI chat messages, but the way this vendor's export names things: conversation_id, epoch seconds."""
    messages: list[dict[str, Any]] = []
    for m in c.script.msgs:
        msg: dict[str, Any]
        if m.role == "tool":
            msg = {"role": "tool", "tool_call_id": m.call_id, "content": m.text}
        elif m.tool_name:
            msg = {
                "role": "assistant",
                "content": m.text,
                "tool_calls": [
                    {
                        "id": m.call_id,
                        "type": "function",
                        "function": {"name": m.tool_name, "arguments": json.dumps(m.tool_args)},
                    }
                ],
            }
        else:
            msg = {"role": m.role, "content": m.text}
        msg["created"] = _epoch(m.ts)
        messages.append(msg)
    rec: dict[str, Any] = {
        "conversation_id": c.id,
        "user_id": c.user_id,
        "created_at": _epoch(c.started_at),
        "metadata": {"agent_version": c.metadata["prompt_version"], "channel": c.metadata["channel"]},
        "messages": messages,
    }
    if c.script.feedback:
        rec["feedback"] = c.script.feedback
    return rec


def _csv_rows(c: Conv) -> list[list[str]]:
    rows = []
    last = len(c.script.msgs) - 1
    for i, m in enumerate(c.script.msgs):
        assert m.ts is not None
        fb = json.dumps(c.script.feedback, separators=(",", ":")) if i == last and c.script.feedback else ""
        rows.append(
            [
                c.id,
                m.role,
                (m.text or "").replace("\n", " "),
                m.ts.strftime("%Y-%m-%d %H:%M:%S+00:00"),
                c.user_id,
                m.tool_name or "",
                m.call_id or "",
                "true" if m.is_error else "",
                fb,
                c.metadata["channel"],
                c.metadata["prompt_version"],
            ]
        )
    return rows


def render(rel: str, items: list[Conv], system: str) -> list[str]:
    if rel.endswith(".csv.gz"):
        return csv_text([CSV_COLUMNS] + [r for c in items for r in _csv_rows(c)]).rstrip("\n").split("\n")
    if rel.endswith(".json"):
        recs = [_dumps(_json_record(c)) for c in items]
        return ["["] + [r + ("," if i < len(recs) - 1 else "") for i, r in enumerate(recs)] + ["]"]
    for c in items:
        c.metadata = {"agent_version": c.metadata["prompt_version"], "channel": c.metadata["channel"]}
    return [_dumps(anthropic_record(c, system)) for c in items]


def plant_malformed(rng: random.Random, lines: dict[str, list[str]], id_prefix: str) -> list[tuple[str, int]]:
    """An array element with an unknown role, a CSV row cut short, a CSV row with a bad timestamp."""
    planted: list[tuple[str, int]] = []
    arrays = sorted(r for r in lines if r.endswith(".json"))
    csvs = sorted(r for r in lines if r.endswith(".csv.gz"))
    if arrays:
        body = lines[arrays[0]]
        at = rng.randrange(1, len(body) - 1)  # between "[" and "]"; every element ends with ","
        body.insert(
            at,
            _dumps(
                {
                    "conversation_id": f"{id_prefix}x1",
                    "created_at": 1791000000,
                    "messages": [{"role": "bot", "content": "Welcome to Wayfare!"}],
                }
            )
            + ",",
        )
        planted.append((arrays[0], at + 1))
    for n, rel in enumerate(csvs[:2]):
        body = lines[rel]
        cuts = [i for i in range(2, len(body)) if body[i].split(",", 1)[0] != body[i - 1].split(",", 1)[0]]
        at = rng.choice(cuts)
        row = (
            f"{id_prefix}x{2 + n},user"
            if n == 0
            else f"{id_prefix}x{2 + n},user,hello?,yesterday-ish,u_x,,,,,web,{id_prefix}"
        )
        body.insert(at, row)
        planted.append((rel, at + 1))
    return planted


def _layout(fmt: str, week: date) -> str:
    return {
        "openai": f"exports/chat-api/{week.isoformat()}.json",
        "csv": f"exports/helpdesk/{week.isoformat()}.csv.gz",
        "anthropic": f"exports/claude/{week.isoformat()}.jsonl.gz",
    }[fmt]


def generate(
    out_dir: Path,
    *,
    seed: int = 7,
    conversations: int = 600,
    start: date = date(2026, 11, 2),
    days: int = 21,
    cause_rates: dict[str, float] | None = None,
    intent_failure: dict[str, float] | None = None,
    escalation_shift: float = 0.0,
    abandonment_shift: float = 0.0,
    prompt_version: str | None = None,
    id_prefix: str = "wf-",
    holdout: bool = False,
    formats: tuple[str, ...] = ("openai", "csv", "anthropic"),
) -> GroundTruth:
    """Write Wayfare exports under `out_dir/exports/`; options as in `generator.generate`."""
    return generate_domain(
        WAYFARE,
        Path(out_dir),
        seed=seed,
        conversations=conversations,
        start=start,
        days=days,
        cause_rates=cause_rates,
        intent_failure=intent_failure,
        escalation_shift=escalation_shift,
        abandonment_shift=abandonment_shift,
        prompt_version=prompt_version,
        id_prefix=id_prefix,
        holdout=holdout,
        formats=formats,
        layout=_layout,
        format_weights={"openai": 0.45, "csv": 0.4, "anthropic": 0.15},
        malformed_plan=plant_malformed,
        render=render,
    )


COMMITTED = {"seed": 11, "conversations": 400}  # examples/travel-agent/exports was written with these

if __name__ == "__main__":
    raise SystemExit(main(gen=generate, prog="travel_generator.py", defaults=COMMITTED, description=__doc__))
