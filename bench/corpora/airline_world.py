"""The airline world behind polite_tools: airports, members, reservations and the tool results they yield."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .noise import code

AIRPORTS = {
    "JFK": "New York",
    "LAX": "Los Angeles",
    "SFO": "San Francisco",
    "ORD": "Chicago",
    "SEA": "Seattle",
    "BOS": "Boston",
    "MIA": "Miami",
    "DEN": "Denver",
    "ATL": "Atlanta",
    "PHX": "Phoenix",
    "LAS": "Las Vegas",
    "IAH": "Houston",
    "DFW": "Dallas",
    "MSP": "Minneapolis",
    "DTW": "Detroit",
    "PHL": "Philadelphia",
    "CLT": "Charlotte",
    "EWR": "Newark",
    "MCO": "Orlando",
    "LGA": "New York LaGuardia",
}
CABINS = ("basic_economy", "economy", "business")
CABIN_WORDS = {"basic_economy": "basic economy", "economy": "economy", "business": "business"}
FREE_BAGS = {  # per passenger, by membership then cabin (mirrors the policy in system.md)
    "regular": {"basic_economy": 0, "economy": 1, "business": 2},
    "silver": {"basic_economy": 1, "economy": 2, "business": 3},
    "gold": {"basic_economy": 2, "economy": 3, "business": 3},
}


@dataclass
class Reservation:
    rid: str
    user_id: str
    origin: str
    destination: str
    flight_type: str
    cabin: str
    created_at: datetime
    flights: list[dict[str, Any]]
    passengers: list[dict[str, str]]
    insurance: bool
    total_baggages: int
    nonfree_baggages: int
    payment_id: str
    price: int

    def as_result(self) -> dict[str, Any]:
        return {
            "reservation_id": self.rid,
            "user_id": self.user_id,
            "origin": self.origin,
            "destination": self.destination,
            "flight_type": self.flight_type,
            "cabin": self.cabin,
            "flights": self.flights,
            "passengers": self.passengers,
            "payment_history": [{"payment_id": self.payment_id, "amount": self.price}],
            "created_at": self.created_at.strftime("%Y-%m-%dT%H:%M:%S"),
            "total_baggages": self.total_baggages,
            "nonfree_baggages": self.nonfree_baggages,
            "insurance": "yes" if self.insurance else "no",
            "status": None,
        }


@dataclass
class Traveller:
    user_id: str
    first: str
    last: str
    membership: str
    miles: int
    payment_ids: list[str]
    dob: str
    reservations: list[Reservation] = field(default_factory=list)

    def as_result(self, rng: random.Random) -> dict[str, Any]:
        pays: dict[str, Any] = {}
        for p in self.payment_ids:
            if p.startswith("credit_card"):
                pays[p] = {
                    "source": "credit_card",
                    "brand": rng.choice(["visa", "mastercard", "amex"]),
                    "last_four": f"{rng.randrange(10000):04d}",
                    "id": p,
                }
            elif p.startswith("gift_card"):
                pays[p] = {"source": "gift_card", "amount": rng.randrange(20, 400), "id": p}
            else:
                pays[p] = {"source": "certificate", "amount": rng.choice([100, 150, 250]), "id": p}
        return {
            "user_id": self.user_id,
            "name": {"first_name": self.first, "last_name": self.last},
            "dob": self.dob,
            "email": f"{self.first.lower()}.{self.last.lower()}{rng.randrange(9, 99)}@example.com",
            "membership": self.membership,
            "loyalty": {
                "miles_balance": self.miles,
                "tier": self.membership,
                "miles_to_next_tier": max(
                    0, {"regular": 25000, "silver": 50000, "gold": 0}[self.membership] - self.miles % 50000
                ),
            },
            "payment_methods": pays,
            "saved_passengers": [],
            "reservations": [r.rid for r in self.reservations],
        }


def flight_number(rng: random.Random) -> str:
    return f"SH{rng.randrange(100, 2999)}"


def route(rng: random.Random) -> tuple[str, str]:
    o, d = rng.sample(sorted(AIRPORTS), 2)
    return o, d


def make_traveller(rng: random.Random, uid: str, first: str, last: str) -> Traveller:
    membership = rng.choices(["regular", "silver", "gold"], weights=[55, 30, 15])[0]
    miles = {
        "regular": rng.randrange(300, 24000),
        "silver": rng.randrange(25000, 49000),
        "gold": rng.randrange(50000, 180000),
    }[membership]
    pays = [f"credit_card_{rng.randrange(1000000, 9999999)}"]
    if rng.random() < 0.4:
        pays.append(f"gift_card_{rng.randrange(1000000, 9999999)}")
    if rng.random() < 0.2:
        pays.append(f"certificate_{rng.randrange(1000000, 9999999)}")
    dob = f"{rng.randrange(1950, 2003)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    return Traveller(uid, first, last, membership, miles, pays, dob)


def make_reservation(
    rng: random.Random,
    t: Traveller,
    now: datetime,
    *,
    cabin: str | None = None,
    flight_type: str | None = None,
    insurance: bool | None = None,
    booked_hours_ago: float | None = None,
    passengers: int | None = None,
    depart_in_days: int | None = None,
    status: str = "available",
) -> Reservation:
    o, d = route(rng)
    cabin = cabin or rng.choices(CABINS, weights=[35, 45, 20])[0]
    flight_type = flight_type or rng.choice(["one_way", "round_trip"])
    hours = booked_hours_ago if booked_hours_ago is not None else rng.uniform(30, 24 * 60)
    created = now - timedelta(hours=hours)
    dep = now + timedelta(days=depart_in_days if depart_in_days is not None else rng.randrange(2, 45))
    per = {
        "basic_economy": rng.randrange(70, 160),
        "economy": rng.randrange(140, 420),
        "business": rng.randrange(600, 1900),
    }[cabin]
    flights = [
        {
            "flight_number": flight_number(rng),
            "origin": o,
            "destination": d,
            "date": dep.strftime("%Y-%m-%d"),
            "price": per,
            "status": status,
        }
    ]
    if flight_type == "round_trip":
        back = dep + timedelta(days=rng.randrange(2, 12))
        flights.append(
            {
                "flight_number": flight_number(rng),
                "origin": d,
                "destination": o,
                "date": back.strftime("%Y-%m-%d"),
                "price": per,
                "status": "available",
            }
        )
    n = passengers or rng.choices([1, 2, 3], weights=[65, 28, 7])[0]
    pax = [{"first_name": t.first, "last_name": t.last, "dob": t.dob}]
    for _ in range(n - 1):
        pax.append(
            {
                "first_name": rng.choice(["Ana", "Ben", "Chloe", "Dev", "Eli", "Maya", "Sam", "Noor"]),
                "last_name": t.last,
                "dob": f"{rng.randrange(1960, 2018)}-0{rng.randrange(1, 10)}-1{rng.randrange(10)}",
            }
        )
    ins = insurance if insurance is not None else rng.random() < 0.3
    total = per * len(flights) * n + (30 * n if ins else 0)
    r = Reservation(
        code(rng),
        t.user_id,
        o,
        d,
        flight_type,
        cabin,
        created,
        flights,
        pax,
        ins,
        rng.randrange(0, 2),
        0,
        t.payment_ids[0],
        total,
    )
    t.reservations.append(r)
    return r


def search_result(
    rng: random.Random, o: str, d: str, date: str, cabin: str, k: int | None = None
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for _ in range(k or rng.randrange(2, 5)):
        h = rng.randrange(5, 21)
        dur = rng.randrange(1, 6)
        out.append(
            {
                "flight_number": flight_number(rng),
                "origin": o,
                "destination": d,
                "date": date,
                "scheduled_departure_time_est": f"{h:02d}:{rng.choice(['00', '15', '30', '45'])}:00",
                "scheduled_arrival_time_est": f"{(h + dur) % 24:02d}:{rng.choice(['05', '20', '40'])}:00",
                "status": "available",
                "available_seats": {c: rng.randrange(0, 15) for c in CABINS},
                "prices": {
                    "basic_economy": rng.randrange(70, 160),
                    "economy": rng.randrange(140, 420),
                    "business": rng.randrange(600, 1900),
                },
            }
        )
    for f in out:
        f["available_seats"][cabin] = max(1, f["available_seats"][cabin])
    return sorted(out, key=lambda f: f["scheduled_departure_time_est"])
