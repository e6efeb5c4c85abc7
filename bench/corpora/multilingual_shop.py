"""multilingual_shop: an e-commerce assistant with tools, in English, French, German and Spanish.

Every intent and every planted cause occurs in every language, with each language's own thanks,
goodbyes, frustration and requests for a person. Two causes are silent unless the user pushes back
(a split shipment reported as delivered, a return window counted from the order date instead of the
delivery date), one is a write the policy forbids (an address changed after dispatch), one a success
claimed after the tool said no (a coupon).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from . import repo, writers
from .model import Conv
from .noise import UserPool, ascii_slug, fold_accents, hexid, roughen, utc, when
from .shop_phrases import (
    CARRIERS,
    COUPON_WHY,
    CURRENCY,
    DATE_FMT,
    ITEMS,
    MONTHS,
    STREETS,
    P,
)

NAME = "multilingual_shop"
DEFAULT_N = 800
START = utc(2026, 11, 9)
DAYS = 21
LANGS = {"en": 34, "fr": 24, "de": 22, "es": 20}

INTENTS = {
    "order_status": "Where is my order / when will it arrive.",
    "return_request": "Return an item and get a return label.",
    "refund_status": "When a refund will arrive.",
    "change_address": "Change the delivery address of an order.",
    "discount_code": "Apply a promo code to an order.",
    "payment_failed": "A payment or card was declined.",
    "product_question": "Stock, sizes and restock dates.",
}
CAUSES = {
    "split_shipment_reported_delivered": {
        "intent": "order_status",
        "mechanism": "misread_tool_result",
        "description": "get_order shows two shipments, one delivered and one still in transit; the agent "
        "reports the whole order as delivered.",
    },
    "return_window_from_order_date": {
        "intent": "return_request",
        "mechanism": "misread_tool_result",
        "description": "The agent counts the 30-day return window from placed_at instead of the delivery "
        "date and refuses returns that are still within the window.",
    },
    "address_changed_after_dispatch": {
        "intent": "change_address",
        "mechanism": "forbidden_write",
        "description": "The order is already shipped; policy says send the user to the carrier's redirect, "
        "but the agent calls update_shipping_address and tells the user the address is changed.",
    },
    "coupon_claimed_applied": {
        "intent": "discount_code",
        "mechanism": "claimed_success",
        "description": "apply_coupon returned an error (expired, minimum basket) and the agent told the "
        "user the discount was applied.",
    },
}

SYSTEM_PROMPT = """
# Maison Nord — shopping assistant

You help Maison Nord customers (UK, France, Germany, Spain) with orders, returns, refunds, delivery
addresses, promo codes, payments and product questions. Always answer in the customer's language.

## Policy
- Look up the order with `get_order` before answering anything about it.
- An order can ship in several parcels: report the status of every shipment, not just the first.
- Returns: accepted within 30 days of the DELIVERY date of the item (not the order date). Create the
  return with `create_return` and give the return id.
- Refunds are issued within 3 days of the return reaching the warehouse and take 5–10 business days.
- Address changes are possible only while the order status is `processing`. Once an order has shipped,
  do not change the address: give the carrier and tracking number so the customer can redirect it.
- Promo codes: apply with `apply_coupon`. If the tool returns an error, explain the error; never say a
  code is applied unless the tool confirms it.
- Payments: use `get_payment_attempts` to read the decline reason and explain it.
- If the customer asks for a person, or you cannot resolve the request within this policy, use
  `transfer_to_human`.
"""

TOOLS: list[dict[str, Any]] = [
    {
        "name": "get_order",
        "description": "Order details: items, status, shipments with carrier, tracking and delivery dates.",
        "parameters": {"order_id": "string"},
    },
    {
        "name": "create_return",
        "description": "Create a return for items of an order.",
        "parameters": {"order_id": "string", "skus": "list of strings"},
    },
    {
        "name": "get_refund",
        "description": "Refunds issued for an order.",
        "parameters": {"order_id": "string"},
    },
    {
        "name": "update_shipping_address",
        "description": "Change the delivery address of an order.",
        "parameters": {"order_id": "string", "address": "string"},
    },
    {
        "name": "apply_coupon",
        "description": "Apply a promo code to an order.",
        "parameters": {"order_id": "string", "code": "string"},
    },
    {
        "name": "get_payment_attempts",
        "description": "Recent payment attempts and decline reasons.",
        "parameters": {"customer_id": "string"},
    },
    {
        "name": "check_stock",
        "description": "Stock and restock date of a product in a size.",
        "parameters": {"sku": "string", "size": "string"},
    },
    {
        "name": "transfer_to_human",
        "description": "Hand over to customer service.",
        "parameters": {"reason": "string"},
    },
]

COUPONS = {
    "en": ["WELCOME15", "AUTUMN20", "FRIENDS10"],
    "fr": ["BIENVENUE15", "AUTOMNE20", "NOEL10"],
    "de": ["WILLKOMMEN15", "HERBST20", "FREUNDE10"],
    "es": ["BIENVENIDA15", "OTONO20", "AMIGOS10"],
}
STORE_TLD = {"en": "uk", "fr": "fr", "de": "de", "es": "es"}
SIZES = ["XS", "S", "M", "L", "XL", "38", "40", "42", "44"]


@dataclass
class Ctx:
    c: Conv
    rng: random.Random
    lang: str
    now: datetime
    slots: dict[str, Any]
    sloppy: float

    def say(self, key: str) -> str:
        return self.rng.choice(P[self.lang][key]).format(**self.slots)

    def u(self, key: str, *, raw: str | None = None) -> None:
        text = roughen(self.rng, raw if raw is not None else self.say(key), sloppy=self.sloppy)
        if self.lang != "en" and self.sloppy >= 0.2 and self.rng.random() < 0.5:
            text = fold_accents(text)
        self.c.user(text)

    def a(self, key: str) -> None:
        self.c.agent(self.say(key))

    def date(self, d: datetime) -> str:
        return DATE_FMT[self.lang].format(d=d.day, m=MONTHS[self.lang][d.month - 1])

    def money(self, amount: float) -> str:
        if self.lang == "en":
            return f"£{amount:.2f}"
        return f"{amount:.2f} €".replace(".", ",")


def _order(x: Ctx, *, placed_days: int, status: str, shipments: list[dict[str, Any]]) -> dict[str, Any]:
    rng = x.rng
    placed = x.now - timedelta(days=placed_days, hours=rng.randrange(0, 20))
    items: list[dict[str, Any]] = []
    for k in range(rng.choice([1, 2, 2, 3])):
        items.append(
            {
                "sku": f"MN-{rng.randrange(10000, 99999)}",
                "name": ITEMS["en"][(k + rng.randrange(6)) % 6],
                "size": rng.choice(SIZES),
                "qty": 1,
                "price": round(rng.uniform(19, 240), 2),
            }
        )
    items[0]["name"] = x.slots["item"]
    total = round(sum(float(i["price"]) for i in items) + 4.95, 2)
    return {
        "order_id": x.slots["order"],
        "customer_id": x.c.user_id,
        "placed_at": placed.isoformat() + "Z",
        "status": status,
        "items": items,
        "total": total,
        "currency": CURRENCY[x.lang],
        "shipping_address": x.slots["old_addr"],
        "shipments": shipments,
    }


def _shipment(x: Ctx, *, shipped_days: int, delivered_days: int | None) -> dict[str, Any]:
    rng = x.rng
    s: dict[str, Any] = {
        "shipment_id": hexid(rng, "shp_", 8),
        "carrier": x.slots["carrier"],
        "tracking": x.slots["tracking"],
        "shipped_at": (x.now - timedelta(days=shipped_days)).isoformat(timespec="seconds") + "Z",
        "status": "in_transit" if delivered_days is None else "delivered",
    }
    if delivered_days is not None:
        s["delivered_at"] = (x.now - timedelta(days=delivered_days)).isoformat(timespec="seconds") + "Z"
    else:
        s["estimated_delivery"] = (x.now + timedelta(days=x.rng.randrange(1, 5))).date().isoformat()
    return s


def _lookup(x: Ctx, order: dict[str, Any], opening_has_order: bool) -> None:
    if not opening_has_order:
        x.a("ask_order")
        x.u("give_order")
    x.c.call("get_order", {"order_id": x.slots["order"]}, order)


def _end_ok(x: Ctx) -> None:
    r = x.rng.random()
    if r < 0.35:
        x.a("anything")
        x.u("thanks")
    elif r < 0.85:
        x.u("thanks")
        if x.rng.random() < 0.4:
            x.a("bye_agent")
    # else: gone without a word once they had their answer


def _end_pushed(x: Ctx) -> None:
    r = x.rng.random()
    if r < 0.35:
        x.u("escalate")
        x.c.call(
            "transfer_to_human", {"reason": "customer asked for a person"}, {"queued": True, "wait_min": 6}
        )
        x.a("transfer")
    elif r < 0.65:
        x.u("frustrated")
        if x.rng.random() < 0.5:
            x.u("give_up")
    elif r < 0.9:
        x.u("give_up")
    # else: leaves


def _opening(x: Ctx, key: str) -> bool:
    text = x.say(key)
    if x.rng.random() < 0.35:
        text = x.say("hello_user") + x.rng.choice([", ", " ", "! ", ". "]) + text
    elif x.rng.random() < 0.15:
        x.u("hello_user")
        x.a("hello_agent")
    x.u(key, raw=text)
    return x.slots["order"] in text


def order_status(x: Ctx, variant: str) -> None:
    has = _opening(x, "open_status")
    d1 = x.rng.randrange(1, 4)
    x.slots["d1"] = x.date(x.now - timedelta(days=d1))
    eta = x.now + timedelta(days=x.rng.randrange(1, 5))
    x.slots["d2"] = x.date(eta)
    if variant in ("cause", "split_ok"):
        ships = [
            _shipment(x, shipped_days=d1 + 2, delivered_days=d1),
            _shipment(x, shipped_days=1, delivered_days=None),
        ]
        ships[1]["tracking"] = x.slots["tracking2"]
        ships[1]["estimated_delivery"] = eta.date().isoformat()
        order = _order(x, placed_days=d1 + 4, status="partially_delivered", shipments=ships)
        _lookup(x, order, has)
        if variant == "split_ok":
            x.slots["tracking"] = x.slots["tracking2"]
            x.a("status_split")
            _end_ok(x)
            return
        x.a("status_delivered")
        if x.rng.random() < 0.5:
            x.u("user_partial")
            x.a("agent_partial_wrong")
            _end_pushed(x)
        else:
            _end_ok(x)
        return
    if variant == "delivered":
        order = _order(
            x,
            placed_days=d1 + 4,
            status="delivered",
            shipments=[_shipment(x, shipped_days=d1 + 2, delivered_days=d1)],
        )
        _lookup(x, order, has)
        x.a("status_delivered")
    else:
        s = _shipment(x, shipped_days=1, delivered_days=None)
        s["estimated_delivery"] = eta.date().isoformat()
        order = _order(x, placed_days=3, status="shipped", shipments=[s])
        _lookup(x, order, has)
        x.a("status_transit")
    _end_ok(x)


def return_request(x: Ctx, variant: str) -> None:
    rng = x.rng
    has = _opening(x, "open_return")
    if variant == "cause":  # backordered: placed long ago, delivered recently
        placed, delivered = rng.randrange(34, 50), rng.randrange(6, 22)
    elif variant == "refusal":
        placed, delivered = rng.randrange(42, 70), rng.randrange(33, 40)
    elif rng.random() < 0.25:  # the same backorder shape, handled right
        placed, delivered = rng.randrange(34, 50), rng.randrange(6, 22)
    else:
        placed, delivered = rng.randrange(5, 25), rng.randrange(1, 4)
    delivered = min(delivered, placed - 2)
    order = _order(
        x,
        placed_days=placed,
        status="delivered",
        shipments=[_shipment(x, shipped_days=delivered + 2, delivered_days=delivered)],
    )
    _lookup(x, order, has)
    x.slots["d1"] = x.date(x.now - timedelta(days=delivered))
    if variant == "cause":
        x.slots["dend"] = x.date(x.now - timedelta(days=placed) + timedelta(days=30))
        x.a("return_refused")
        if rng.random() < 0.55:
            x.u("user_push_return")
            x.a("return_refused")
            _end_pushed(x)
        elif rng.random() < 0.7:
            x.u("thanks")
        return
    if variant == "refusal":
        x.slots["dend"] = x.date(x.now - timedelta(days=delivered) + timedelta(days=30))
        x.a("return_refused")
        if rng.random() < 0.7:
            x.u("thanks")
        return
    rma = f"RMA-{rng.randrange(100000, 999999)}"
    x.slots["rma"] = rma
    x.c.call(
        "create_return",
        {"order_id": x.slots["order"], "skus": [order["items"][0]["sku"]]},
        {"rma_id": rma, "status": "label_created", "label_url": f"https://returns.maisonnord.example/{rma}"},
    )
    x.a("return_ok")
    _end_ok(x)


def refund_status(x: Ctx, variant: str) -> None:
    has = _opening(x, "open_refund")
    order = _order(
        x, placed_days=30, status="returned", shipments=[_shipment(x, shipped_days=26, delivered_days=24)]
    )
    _lookup(x, order, has)
    if variant == "missing":
        x.c.call(
            "get_refund",
            {"order_id": x.slots["order"]},
            {
                "order_id": x.slots["order"],
                "refunds": [],
                "return": {"status": "received_at_warehouse", "received_days_ago": 9},
            },
        )
        x.a("refund_missing")
        _end_pushed(x)
        return
    amount = round(order["total"] - 4.95, 2)
    issued = x.now - timedelta(days=x.rng.randrange(1, 6))
    x.slots.update(amount=x.money(amount), d1=x.date(issued))
    x.c.call(
        "get_refund",
        {"order_id": x.slots["order"]},
        {
            "order_id": x.slots["order"],
            "refunds": [
                {
                    "amount": amount,
                    "currency": CURRENCY[x.lang],
                    "issued_at": issued.date().isoformat(),
                    "status": "issued",
                }
            ],
        },
    )
    x.a("refund_ok")
    _end_ok(x)


def change_address(x: Ctx, variant: str) -> None:
    has = _opening(x, "open_address")
    shipped = variant in ("cause", "refusal")
    ships = [_shipment(x, shipped_days=1, delivered_days=None)] if shipped else []
    order = _order(
        x, placed_days=2 if shipped else 0, status="shipped" if shipped else "processing", shipments=ships
    )
    _lookup(x, order, has)
    if variant == "refusal":
        x.a("address_refused")
        _end_ok(x)
        return
    x.a("address_ask")
    x.u("new_address")
    x.c.call(
        "update_shipping_address",
        {"order_id": x.slots["order"], "address": x.slots["addr"]},
        dict(order, shipping_address=x.slots["addr"]),
    )
    x.a("address_ok")
    _end_ok(x)


def discount_code(x: Ctx, variant: str) -> None:
    rng = x.rng
    has = _opening(x, "open_coupon")
    order = _order(x, placed_days=0, status="processing", shipments=[])
    _lookup(x, order, has)
    pct = int("".join(ch for ch in x.slots["code"] if ch.isdigit()))
    args = {"order_id": x.slots["order"], "code": x.slots["code"]}
    if variant == "ok":
        new_total = round(order["total"] * (1 - pct / 100), 2)
        x.slots.update(pct=pct, total=x.money(new_total))
        x.c.call("apply_coupon", args, {"applied": True, "discount_percent": pct, "new_total": new_total})
        x.a("coupon_ok")
        _end_ok(x)
        return
    expired = x.now - timedelta(days=rng.randrange(2, 40))
    x.slots["dend"] = x.date(expired)
    min_basket = max(80, (int(order["total"]) // 50 + 2) * 50)
    x.slots["why"] = COUPON_WHY[x.lang].format(min=min_basket)
    err = rng.choice(
        [
            {"error": "coupon_expired", "code": x.slots["code"], "expired_at": expired.date().isoformat()},
            {
                "error": "min_basket_not_met",
                "code": x.slots["code"],
                "min_basket": min_basket,
                "basket": order["total"],
            },
        ]
    )
    x.c.call("apply_coupon", args, err, error=True)
    if variant == "refusal":
        x.a("coupon_refused")
        _end_ok(x)
        return
    x.slots.update(pct=pct, total=x.money(round(order["total"] * (1 - pct / 100), 2)))
    x.a("coupon_ok")
    if rng.random() < 0.25:
        x.u("user_total")
        x.a("agent_total")
    _end_ok(x)


def payment_failed(x: Ctx, variant: str) -> None:
    x.slots["order"] = ""
    _opening(x, "open_payment")
    x.c.call(
        "get_payment_attempts",
        {"customer_id": x.c.user_id},
        {
            "attempts": [
                {
                    "at": (x.now - timedelta(minutes=m)).isoformat(timespec="seconds") + "Z",
                    "status": "declined",
                    "reason": "3ds_authentication_not_completed",
                }
                for m in (4, 11)
            ]
        },
    )
    if variant == "unexplained":
        x.a("payment_bad")
        _end_pushed(x)
        return
    x.a("payment_ok")
    _end_ok(x)


def product_question(x: Ctx, variant: str) -> None:
    x.slots["order"] = ""
    _opening(x, "open_product")
    restock = x.now + timedelta(days=x.rng.randrange(3, 20))
    x.slots["d2"] = x.date(restock)
    sku = f"MN-{x.rng.randrange(10000, 99999)}"
    in_stock = x.rng.random() < 0.6
    x.c.call(
        "check_stock",
        {"sku": sku, "size": x.slots["size"]},
        {
            "sku": sku,
            "size": x.slots["size"],
            "in_stock": in_stock,
            "restock_date": None if in_stock else restock.date().isoformat(),
        },
    )
    key = "product_ok"
    text = P[x.lang][key][0 if in_stock else 1].format(**x.slots)
    x.c.agent(text)
    _end_ok(x)


PLAN: dict[str, tuple[int, list[tuple[str, float, bool, str | None]]]] = {
    "order_status": (
        22,
        [
            ("delivered", 32, False, None),
            ("transit", 30, False, None),
            ("split_ok", 12, False, None),
            ("cause", 26, True, "split_shipment_reported_delivered"),
        ],
    ),
    "return_request": (
        18,
        [
            ("ok", 46, False, None),
            ("refusal", 22, False, None),
            ("cause", 32, True, "return_window_from_order_date"),
        ],
    ),
    "refund_status": (12, [("ok", 90, False, None), ("missing", 10, True, None)]),
    "change_address": (
        12,
        [
            ("ok", 45, False, None),
            ("refusal", 23, False, None),
            ("cause", 32, True, "address_changed_after_dispatch"),
        ],
    ),
    "discount_code": (
        14,
        [
            ("ok", 45, False, None),
            ("refusal", 23, False, None),
            ("cause", 32, True, "coupon_claimed_applied"),
        ],
    ),
    "payment_failed": (10, [("ok", 85, False, None), ("unexplained", 15, True, None)]),
    "product_question": (12, [("ok", 100, False, None)]),
}
BUILD = {
    "order_status": order_status,
    "return_request": return_request,
    "refund_status": refund_status,
    "change_address": change_address,
    "discount_code": discount_code,
    "payment_failed": payment_failed,
    "product_question": product_question,
}


def _user_id(rng: random.Random, first: str, last: str) -> str:
    return hexid(rng, "cus_", 10)


def build(rng: random.Random, n: int) -> list[Conv]:
    users = {lang: UserPool(rng, _user_id, fresh=0.8) for lang in LANGS}
    langs = list(LANGS)
    convs: list[Conv] = []
    per_cause: dict[str, int] = {}
    for _ in range(n):
        intent = rng.choices(list(PLAN), weights=[PLAN[i][0] for i in PLAN])[0]
        variant, _w, failed, cause = rng.choices(PLAN[intent][1], weights=[o[1] for o in PLAN[intent][1]])[0]
        lang = rng.choices(langs, weights=[LANGS[k] for k in langs])[0]
        if cause is not None:  # the first few of each cause visit every language, so each has some
            k = per_cause.get(cause, 0)
            per_cause[cause] = k + 1
            if k < 2 * len(langs):
                lang = langs[k % len(langs)]
        uid, first, last = users[lang].next()
        tz = {"en": 0, "fr": 1, "de": 1, "es": 1}[lang]
        started = when(rng, START, DAYS, tz_offset=tz)
        c = Conv(hexid(rng, "chat_", 14), uid, started, intent, failed, cause, language=lang)
        c.metadata = {
            "locale": {"en": "en-GB", "fr": "fr-FR", "de": "de-DE", "es": "es-ES"}[lang],
            "store": {"en": "uk", "fr": "fr", "de": "de", "es": "es"}[lang],
            "channel": rng.choice(["web", "web", "ios", "android"]),
            "customer_email": f"{ascii_slug(first)}.{ascii_slug(last)}@example.{STORE_TLD[lang]}",
        }
        slots: dict[str, Any] = {
            "order": f"MN{rng.randrange(1000000, 9999999)}",
            "item": rng.choice(ITEMS[lang]),
            "size": rng.choice(SIZES),
            "code": rng.choice(COUPONS[lang]),
            "carrier": rng.choice(CARRIERS[lang]),
            "tracking": f"{rng.choice(['JD', 'CP', '00', 'H'])}{rng.randrange(10**9, 10**10)}",
            "tracking2": f"{rng.choice(['JD', 'CP', '00', 'H'])}{rng.randrange(10**9, 10**10)}",
            "addr": rng.choice(STREETS[lang]).format(n=rng.randrange(1, 180)),
            "old_addr": rng.choice(STREETS[lang]).format(n=rng.randrange(1, 180)),
        }
        x = Ctx(c, rng, lang, started.replace(tzinfo=None), slots, sloppy=rng.choice([0.05, 0.2, 0.4]))
        BUILD[intent](x, variant)
        c.stamp(rng)
        if rng.random() < 0.15:
            c.feedback = {"rating": "thumbs_down" if (failed and rng.random() < 0.8) else "thumbs_up"}
        convs.append(c)
    return convs


def generate(out: Path, seed: int = 7, n: int | None = None) -> Path:
    rng = random.Random(f"{NAME}:{seed}")
    convs = sorted(build(rng, n or DEFAULT_N), key=lambda c: c.started_at)
    uk = [writers.openai_record(c) for c in convs if c.language == "en" and c.metadata["channel"] == "web"]
    eu = [writers.openai_record(c) for c in convs if c.language != "en" and c.metadata["channel"] == "web"]
    app = [
        writers.anthropic_record(c, system=SYSTEM_PROMPT.strip(), rng=rng)
        for c in convs
        if c.metadata["channel"] != "web"
    ]
    writers.write_jsonl(out / "exports" / "web" / "uk-store.jsonl", out, uk)
    writers.write_json_array(out / "exports" / "web" / "eu-stores.json", eu)
    writers.write_jsonl(out / "exports" / "app" / "assistant-sessions.jsonl.gz", out, app, gz=True)
    repo.write_config(
        out,
        [{"path": "exports/**/*.jsonl"}, {"path": "exports/**/*.json"}, {"path": "exports/**/*.jsonl.gz"}],
    )
    repo.write_targets(out, SYSTEM_PROMPT, TOOLS)
    repo.write_ground_truth(
        out,
        corpus=NAME,
        description="E-commerce assistant with tools in en/fr/de/es; each cause in every language; "
        "thanks, goodbyes, frustration and escalation in each language.",
        intents=INTENTS,
        causes=CAUSES,
        convs=convs,
        malformed=[],
    )
    return out
