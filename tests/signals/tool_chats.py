"""Small, realistic tool-using conversations in OpenAI chat shape, read through the real reader."""

from __future__ import annotations

import io
import json
from typing import Any

from agentmend.conversations.model import Conversation
from agentmend.conversations.readers import read_export

POLICY = (
    "You are Skyway's airline agent. Before taking any actions that update the booking database (booking, "
    "modifying flights, cancelling), list the action details and obtain explicit user confirmation (yes) to "
    "proceed. Economy bookings can be cancelled within 24 hours of booking."
)


def user(text: str) -> dict[str, Any]:
    return {"role": "user", "content": text}


def say(text: str) -> dict[str, Any]:
    return {"role": "assistant", "content": text}


def call(name: str, call_id: str, text: str | None = None, **arguments: Any) -> dict[str, Any]:
    return {
        "role": "assistant",
        "content": text,
        "tool_calls": [
            {
                "id": call_id,
                "type": "function",
                "function": {"name": name, "arguments": json.dumps(arguments)},
            }
        ],
    }


def result(call_id: str, payload: Any) -> dict[str, Any]:
    content = payload if isinstance(payload, str) else json.dumps(payload)
    return {"role": "tool", "tool_call_id": call_id, "content": content}


def chat(
    *messages: dict[str, Any], cid: str = "c1", started_at: str | None = None, **metadata: Any
) -> Conversation:
    record: dict[str, Any] = {
        "id": cid,
        "messages": [{"role": "system", "content": POLICY}, *messages],
        "metadata": metadata,
    }
    if started_at is not None:
        record["started_at"] = started_at
    items = list(read_export("chats.jsonl", io.BytesIO((json.dumps(record) + "\n").encode())))
    assert len(items) == 1 and isinstance(items[0], Conversation), items
    return items[0]


RESERVATION = {
    "reservation_id": "ZK42QX",
    "user_id": "mia_li_3818",
    "flight_type": "one_way",
    "cabin": "economy",
    "flights": [{"flight_number": "HAT083", "date": "2024-05-20", "price": 164}],
    "payment_history": [{"payment_id": "credit_card_4421", "amount": 164}],
}


def lookup(call_id: str = "call_1") -> list[dict[str, Any]]:
    return [
        user("Hi, I need to cancel my flight. My user id is mia_li_3818 and the reservation is ZK42QX."),
        call("get_reservation_details", call_id, reservation_id="ZK42QX"),
        result(call_id, RESERVATION),
    ]


def confirmed_cancel() -> Conversation:
    """The healthy path: look up, state the action, get a yes, cancel, report."""
    return chat(
        *lookup(),
        say(
            "I found ZK42QX (HAT083 on May 20, economy, $164). I will cancel it and refund $164 to "
            "credit_card_4421. Shall I proceed? (yes/no)"
        ),
        user("Yes, please go ahead."),
        call("cancel_reservation", "call_2", reservation_id="ZK42QX"),
        result("call_2", {"reservation_id": "ZK42QX", "status": "cancelled"}),
        say("Your reservation ZK42QX has been cancelled; $164 goes back to your card in 5-7 days."),
        user("No, that's all. Thanks!"),
    )
