"""watch_before_after: a telecom support bot before and after a system-prompt change.

v2 of the prompt adds a roaming-zone table (fixing the roaming misinformation cause) and an identity
check before any plan change, which turns a healthy intent (plan upgrades, ~4% failed) into one that
fails ~30% of the time. The intent mix shifts between the periods (roaming season ends, an upgrade
campaign starts), so the overall failure rate alone says little. The periods are two export files split
by date, but attribution must follow `metadata.prompt_version`: old clients keep running v1 for a few
hours after the merge, and a canary served v2 to a few conversations before it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from . import repo, writers
from .model import Conv
from .noise import UserPool, hexid, roughen, utc, when

NAME = "watch_before_after"
DEFAULT_N = 6000
BEFORE_START = utc(2026, 10, 31)
MERGED_AT = utc(2026, 11, 14) + timedelta(hours=16, minutes=42)
AFTER_END = utc(2026, 11, 28)
STOCK = "I'm sorry, I can't help with that here. Please visit our website for more information."

INTENTS = {
    "billing_question": "Understand or dispute a charge on the bill.",
    "slow_internet": "Broadband is slow or drops.",
    "router_setup": "Set up or configure the router / Wi-Fi.",
    "plan_upgrade": "Upgrade the broadband or mobile plan.",
    "roaming": "Using the phone abroad: roaming charges and zones.",
    "sim_activation": "Activate a new SIM or eSIM.",
    "moving_home": "Move the broadband to a new address.",
    "cancel_contract": "End the contract, notice period, fees.",
}
CAUSES = {
    "roaming_zone_misinformation": {
        "intent": "roaming",
        "mechanism": "wrong_answer",
        "description": "v1 tells users roaming is free 'anywhere in Europe', including Switzerland, Norway's "
        "Svalbard, Turkey and the UK-outside-plan cases that are charged; users come back with a bill. "
        "The v2 roaming table fixes it (a small residue remains).",
    },
    "router_restart_loop": {
        "intent": "slow_internet",
        "mechanism": "ignored_request",
        "description": "Users who already restarted the router are told to restart it again instead of "
        "being offered the line test and an engineer visit. Unchanged by v2.",
    },
    "esim_stock_answer": {
        "intent": "sim_activation",
        "mechanism": "stock_non_answer",
        "description": "eSIM activation questions (QR code, transfer to a new phone) get the stock "
        "'can't help here' answer. Unchanged by v2.",
    },
    "plan_change_identity_wall": {
        "intent": "plan_upgrade",
        "mechanism": "over_restrictive_policy",
        "description": "v2 asks for the last four digits of the bank account and the date of birth before "
        "any plan change and refuses without them, even for signed-in users; many give up. "
        "Appears with v2 only.",
    },
}

SYSTEM_V2 = """
# Brightline Telecom support assistant (prompt v2)

You help Brightline customers with broadband and mobile: bills, speed problems, routers, plans,
roaming, SIM and eSIM, moving home and ending a contract. Customers are signed in to the app or website.

## Policy
- Identity: before any plan change, ask for the last four digits of the bank account and the date of
  birth. Do not change a plan without both.
- Roaming zones: Zone 1 (EU, Iceland, Liechtenstein, mainland Norway) is included. Switzerland, Turkey,
  Andorra, Monaco, Svalbard, and cruise ships / flights cost £2.50 per day. Everything else: £6 per day.
- Slow broadband: after one router restart, run the line test (`run_line_test`) and offer an engineer.
- eSIM: activation QR codes are in the app under SIM > eSIM; a move to a new phone needs a new QR code.
- Moving home: 14 days' notice; the contract moves with you at no fee.
- Ending a contract: 30 days' notice; an early-termination fee applies inside the minimum term.
"""
SYSTEM_V1 = (
    SYSTEM_V2.replace("(prompt v2)", "(prompt v1)")
    .replace(
        "- Identity: before any plan change, ask for the last four digits of the bank account and the date "
        "of\n"
        "  birth. Do not change a plan without both.\n",
        "",
    )
    .replace(
        "- Roaming zones: Zone 1 (EU, Iceland, Liechtenstein, mainland Norway) is included. Switzerland, "
        "Turkey,\n"
        "  Andorra, Monaco, Svalbard, and cruise ships / flights cost £2.50 per day. Everything else: £6 "
        "per day.\n",
        "- Roaming: most of Europe is included in every plan.\n",
    )
)

TOOLS: list[dict[str, Any]] = [
    {"name": "run_line_test", "description": "Test the customer's broadband line.", "parameters": {}},
    {"name": "book_engineer", "description": "Book an engineer visit.", "parameters": {"date": "YYYY-MM-DD"}},
    {
        "name": "change_plan",
        "description": "Move the customer to another plan.",
        "parameters": {"plan": "string"},
    },
]

GREET = ["hi", "Hello", "hey", "hi there", "Good morning", "hello, need some help", "Hi,", ""]
THANKS = [
    "thanks!",
    "thank you",
    "great, thanks",
    "cheers",
    "perfect, thank you",
    "ok thanks",
    "ta",
    "that's all, thanks",
    "brilliant, thank you",
]
GIVE_UP = ["forget it", "never mind", "ok whatever", "I'll call instead", "this is pointless", "fine."]
ESCALATE = [
    "can I speak to a person?",
    "I want to talk to someone real",
    "put me through to an agent please",
    "is there a human I can talk to",
]
FRUSTRATED = [
    "I already did that!!",
    "are you even listening?",
    "I've done that three times already",
    "this is useless",
    "still the same problem",
]
COUNTRIES_OK = ["Spain", "France", "Italy", "Portugal", "Greece", "Germany", "Croatia", "the Netherlands"]
COUNTRIES_PAID = ["Switzerland", "Turkey", "Andorra", "Monaco"]

HEALTHY: dict[str, list[tuple[str, str]]] = {
    "billing_question": [
        (
            "why is my bill higher this month?",
            "Your bill includes a one-off £{n} charge for calls to premium "
            "numbers on the {d}. Everything else is your usual monthly price.",
        ),
        (
            "I was charged twice for November",
            "I can see two payments: the second is a pro-rata charge for "
            "the days after your upgrade, not a duplicate. It won't repeat next month.",
        ),
        (
            "what is this £{n} charge on my bill?",
            "That's the price rise announced in your contract, applied from this month.",
        ),
        (
            "can I get my bill by email instead of post?",
            "Yes: in the app go to Billing > Preferences and choose paperless. It's free.",
        ),
    ],
    "slow_internet": [
        (
            "my internet is really slow tonight",
            "Sorry about that. Could you restart your router (off for 30 "
            "seconds) and tell me if the speed improves?",
        ),
        (
            "wifi keeps dropping",
            "Let's start with a router restart: switch it off for 30 seconds, then back on. Does that help?",
        ),
    ],
    "router_setup": [
        (
            "how do I change my wifi password?",
            "Open 192.168.1.1 in a browser, sign in with the admin "
            "password on the router's sticker, then go to Wi-Fi > Security.",
        ),
        (
            "new router arrived, how do I set it up?",
            "Plug it into the phone socket with the grey cable, power "
            "it on and wait for the light to turn white (about 10 minutes).",
        ),
        (
            "can I use my own router?",
            "Yes. You'll need the PPPoE details from the app under Broadband > Advanced.",
        ),
    ],
    "plan_upgrade": [
        (
            "I want to upgrade to the 500Mb plan",
            "Sure! Fibre 500 is £{n} a month, {m} more than your current "
            "plan, with no new minimum term. Shall I switch you?",
        ),
        (
            "can I get more data on my mobile plan?",
            "You can move to the 50GB plan for £{m} more a month, from today. Want me to do that?",
        ),
        (
            "is there a faster broadband option at my address?",
            "Yes, Fibre 900 is available at your address for £{n} a month. Shall I upgrade you?",
        ),
    ],
    "roaming": [
        (
            "going to {ok} next week, will my phone work?",
            "Yes, {ok} is in Zone 1, so your calls, texts and data work just like at home at no extra cost.",
        ),
        ("do I pay for roaming in {ok}?", "No, {ok} is included in your plan (Zone 1)."),
        (
            "I'm travelling to {paid}, what does roaming cost?",
            "{paid} is not in Zone 1: it costs £2.50 per day you use your phone there.",
        ),
    ],
    "sim_activation": [
        (
            "how do I activate my new SIM?",
            "Pop the SIM in and restart your phone; it activates within 2 hours. "
            "You'll get a text when it's ready.",
        ),
        (
            "my new sim says no service",
            "New SIMs can take up to 2 hours to activate. If it's been longer, restart the phone once more.",
        ),
    ],
    "moving_home": [
        (
            "I'm moving house next month, what do I do with my broadband?",
            "Congratulations! Give us 14 days' "
            "notice in the app under Broadband > Moving home; your contract moves with you at no fee.",
        ),
        (
            "can I take my broadband to my new flat?",
            "Yes. Tell us your new address and date in the app "
            "(Broadband > Moving home) at least 14 days before.",
        ),
    ],
    "cancel_contract": [
        (
            "how do I end my contract?",
            "You can give 30 days' notice in the app under Account > End contract. "
            "You're outside your minimum term, so there's no fee.",
        ),
        (
            "what's the fee to leave early?",
            "You're 8 months into a 24-month term, so the early-termination "
            "fee is £{n}. I can give you the exact figure on the date you choose.",
        ),
    ],
}


@dataclass
class Ctx:
    c: Conv
    rng: random.Random
    sloppy: float
    slots: dict[str, Any]

    def u(self, text: str) -> None:
        self.c.user(roughen(self.rng, text.format(**self.slots), sloppy=self.sloppy))

    def a(self, text: str) -> None:
        self.c.agent(text.format(**self.slots))


def _open(x: Ctx, text: str) -> None:
    g = x.rng.choice(GREET)
    if g and x.rng.random() < 0.3:
        x.u(g)
        x.a(x.rng.choice(["Hi! How can I help?", "Hello, what can I do for you today?"]))
        x.u(text)
    else:
        x.u((g + " " if g else "") + text)


def _bye(x: Ctx) -> None:
    if x.rng.random() < 0.75:
        x.u(x.rng.choice(THANKS))


def healthy(x: Ctx, intent: str, version: str) -> None:
    rng = x.rng
    ask, answer = rng.choice(HEALTHY[intent])
    if intent == "roaming" and "{paid}" in ask and version == "v1":
        ask, answer = HEALTHY[intent][0]
    _open(x, ask)
    x.a(answer)
    if intent == "slow_internet":
        x.u(rng.choice(["ok that fixed it", "restarted, much better now", "yes it's fast again"]))
    elif intent == "plan_upgrade":
        if version == "v2":
            x.a(
                "Before I change your plan, please confirm the last four digits of your bank account and "
                "your "
                "date of birth."
            )
            x.u("{b4}, {dob}")
        else:
            x.u(rng.choice(["yes please", "yes, go ahead", "do it"]))
        x.c.call("change_plan", {"plan": x.slots["plan"]}, {"status": "scheduled", "effective": "today"})
        x.a("Done! You're on {plan} from today.")
    _bye(x)


def roaming_cause(x: Ctx) -> None:
    rng = x.rng
    _open(
        x,
        rng.choice(
            [
                "going to {paid} next month, is roaming included?",
                "will I be charged for using my phone in {paid}?",
                "I'm in {paid} right now, is data free here?",
                "just got a roaming charge from my trip to {paid}?? you said it was free",
            ]
        ),
    )
    x.a(
        rng.choice(
            [
                "Yes, roaming is included anywhere in Europe, so you can use your plan in {paid} at no "
                "extra cost.",
                "Good news: {paid} is in Europe, so your allowance works there just like at home.",
            ]
        )
    )
    r = rng.random()
    if r < 0.45:
        x.u(
            rng.choice(
                [
                    "but I got a text saying £2.50 a day?",
                    "really? my friend got charged there",
                    "then why is there a roaming charge on my bill?",
                ]
            )
        )
        x.a("Roaming is included in Europe, so you shouldn't be charged. The text may be a general reminder.")
        x.u(rng.choice(ESCALATE + FRUSTRATED + GIVE_UP))
    elif r < 0.8:
        x.u(rng.choice(THANKS))


def router_cause(x: Ctx) -> None:
    rng = x.rng
    _open(
        x,
        rng.choice(
            [
                "internet has been slow for a week, I've already restarted the router",
                "connection keeps dropping every evening. restarted router twice already",
                "speeds are 5Mb instead of 150. tried rebooting, no change",
            ]
        ),
    )
    x.a(
        rng.choice(
            [
                "Sorry to hear that! Please restart your router: switch it off for 30 seconds and back on.",
                "Let's try restarting your router first. Unplug it for 30 seconds and plug it back in.",
            ]
        )
    )
    x.u(rng.choice(FRUSTRATED))
    x.a("I understand. A restart fixes most speed problems, so please try it once more and wait 10 minutes.")
    r = rng.random()
    if r < 0.4:
        x.u(rng.choice(ESCALATE))
    elif r < 0.75:
        x.u(rng.choice(GIVE_UP))


def esim_cause(x: Ctx) -> None:
    rng = x.rng
    _open(
        x,
        rng.choice(
            [
                "how do I activate my eSIM?",
                "where do I find the QR code for my esim",
                "I got a new iPhone, how do I move my eSIM to it?",
                "esim not activating, help",
            ]
        ),
    )
    x.a(STOCK)
    r = rng.random()
    if r < 0.5:
        x.u(rng.choice(["the website just sends me back here", "so where do I get the QR code?"]))
        x.a(STOCK)
        x.u(rng.choice(ESCALATE + GIVE_UP))
    elif r < 0.8:
        x.u(rng.choice(GIVE_UP))


def identity_wall(x: Ctx) -> None:
    rng = x.rng
    ask, answer = rng.choice(HEALTHY["plan_upgrade"])
    _open(x, ask)
    x.a(answer)
    x.u(rng.choice(["yes please", "yes", "go ahead"]))
    x.a(
        "Before I change your plan, please confirm the last four digits of your bank account and your date "
        "of "
        "birth."
    )
    x.u(
        rng.choice(
            [
                "I'm already logged in, why do you need that?",
                "I don't have my bank details with me",
                "it's my partner's account, I only know the DOB: {dob}",
                "{dob}. I pay by card, not bank",
            ]
        )
    )
    x.a(
        "I'm sorry, I can't change a plan without both the last four digits of the bank account and the date "
        "of birth."
    )
    r = rng.random()
    if r < 0.5:
        x.u(rng.choice(GIVE_UP + ["I'll do it another time", "ok I'll just stay on my current plan then"]))
    elif r < 0.8:
        x.u(rng.choice(ESCALATE))


def background_fail(x: Ctx, intent: str) -> None:
    rng = x.rng
    ask, _ = rng.choice(HEALTHY[intent])
    _open(x, ask)
    x.a(
        rng.choice(
            [
                STOCK,
                "Could you tell me a bit more about the problem?",
                "Please check the Help section of our website for details.",
            ]
        )
    )
    x.u(rng.choice(GIVE_UP + ESCALATE))


MIX = {
    "v1": {
        "billing_question": 17,
        "slow_internet": 18,
        "router_setup": 10,
        "plan_upgrade": 9,
        "roaming": 17,
        "sim_activation": 9,
        "moving_home": 8,
        "cancel_contract": 12,
    },
    "v2": {
        "billing_question": 20,
        "slow_internet": 17,
        "router_setup": 10,
        "plan_upgrade": 19,
        "roaming": 6,
        "sim_activation": 9,
        "moving_home": 8,
        "cancel_contract": 11,
    },
}
# (version, intent) -> [(cause, probability)]
FAIL = {
    ("v1", "roaming"): [("roaming_zone_misinformation", 0.38)],
    ("v2", "roaming"): [("roaming_zone_misinformation", 0.03)],
    ("v1", "slow_internet"): [("router_restart_loop", 0.28)],
    ("v2", "slow_internet"): [("router_restart_loop", 0.28)],
    ("v1", "sim_activation"): [("esim_stock_answer", 0.30)],
    ("v2", "sim_activation"): [("esim_stock_answer", 0.30)],
    ("v2", "plan_upgrade"): [("plan_change_identity_wall", 0.27)],
}
P_BACKGROUND = 0.035


def _user_id(rng: random.Random, first: str, last: str) -> str:
    return f"acc-{rng.randrange(10**7, 10**8)}"


def _version(rng: random.Random, started: Any) -> str:
    if started < MERGED_AT:
        return "v2" if started > MERGED_AT - timedelta(hours=30) and rng.random() < 0.08 else "v1"  # canary
    lag = (started - MERGED_AT).total_seconds() / 3600
    return "v1" if lag < 6 and rng.random() < 0.35 else "v2"  # old clients drain


def build(rng: random.Random, n: int) -> list[Conv]:
    users = UserPool(rng, _user_id, fresh=0.85)
    convs: list[Conv] = []
    half_days = (MERGED_AT - BEFORE_START).days + 1
    for i in range(n):
        if i < n // 2:
            started = when(rng, BEFORE_START, half_days)
            started = min(started, MERGED_AT - timedelta(minutes=rng.randrange(1, 600)))
        else:
            started = when(rng, MERGED_AT, (AFTER_END - MERGED_AT).days)
            started = max(started, MERGED_AT + timedelta(minutes=rng.randrange(1, 600)))
        version = _version(rng, started)
        mix = MIX[version]
        intent = rng.choices(list(mix), weights=list(mix.values()))[0]
        uid, first, _last = users.next()
        c = Conv(hexid(rng, "c_", 14), uid, started, intent, False, None)
        c.metadata = {
            "prompt_version": version,
            "channel": rng.choice(["app", "app", "web"]),
            "region": rng.choice(["north", "south", "london", "midlands", "scotland"]),
        }
        x = Ctx(
            c,
            rng,
            rng.choice([0.05, 0.25, 0.45]),
            {
                "n": rng.randrange(4, 60),
                "m": f"£{rng.randrange(3, 15)}",
                "d": f"{rng.randrange(1, 28)}th",
                "ok": rng.choice(COUNTRIES_OK),
                "paid": rng.choice(COUNTRIES_PAID),
                "plan": rng.choice(["Fibre 500", "Fibre 900", "Mobile 50GB"]),
                "b4": f"{rng.randrange(10000):04d}",
                "dob": f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/{rng.randrange(1950, 2004)}",
            },
        )
        r = rng.random()
        acc = 0.0
        cause = None
        for name, p in FAIL.get((version, intent), []):
            acc += p
            if r < acc:
                cause = name
                break
        if cause:
            c.failed, c.cause = True, cause
            {
                "roaming_zone_misinformation": roaming_cause,
                "router_restart_loop": router_cause,
                "esim_stock_answer": esim_cause,
                "plan_change_identity_wall": identity_wall,
            }[cause](x)
        elif r > 1 - P_BACKGROUND:
            c.failed = True
            background_fail(x, intent)
        else:
            healthy(x, intent, version)
        c.stamp(rng)
        if rng.random() < 0.2:
            bad = c.failed and rng.random() < 0.7 or (not c.failed and rng.random() < 0.05)
            c.feedback = {"rating": "thumbs_down" if bad else "thumbs_up"}
        convs.append(c)
    return convs


def generate(out: Path, seed: int = 7, n: int | None = None) -> Path:
    rng = random.Random(f"{NAME}:{seed}")
    convs = sorted(build(rng, n or DEFAULT_N), key=lambda c: c.started_at)
    before = [writers.openai_record(c, message_times=False) for c in convs if c.started_at < MERGED_AT]
    after = [writers.openai_record(c, message_times=False) for c in convs if c.started_at >= MERGED_AT]
    writers.write_jsonl(
        out / "exports" / f"conversations-{BEFORE_START:%Y%m%d}-{MERGED_AT:%Y%m%d}.jsonl", out, before
    )
    writers.write_jsonl(
        out / "exports" / f"conversations-{MERGED_AT:%Y%m%d}-{AFTER_END:%Y%m%d}.jsonl", out, after
    )
    repo.write_config(out, [{"path": "exports/*.jsonl"}], version_key="prompt_version")
    repo.write_targets(out, SYSTEM_V2, TOOLS)
    (out / "prompts" / "system.v1.md").write_text(SYSTEM_V1.strip() + "\n", encoding="utf-8")
    repo.write_ground_truth(
        out,
        corpus=NAME,
        description="Telecom support bot before (v1) and after (v2) a prompt change: v2 fixes the roaming "
        "cause and breaks plan upgrades; the intent mix shifts; attribution by prompt_version.",
        intents=INTENTS,
        causes=CAUSES,
        convs=convs,
        malformed=[],
        extra={
            "watch": {
                "fixed_cause": "roaming_zone_misinformation",
                "regressed_intent": "plan_upgrade",
                "version_key": "prompt_version",
                "before": "v1",
                "after": "v2",
                "merged_at": MERGED_AT.isoformat().replace("+00:00", "Z"),
            }
        },
    )
    return out
