"""telecom_field_ops: a broadband and mobile provider's care assistant with tools, in en/it/nl/pl.

Vireo's assistant (Ada) diagnoses broadband faults and books engineers, moves and cancels visits, sorts
out bills and credits, changes plans, replaces SIMs, ports numbers in, answers contract questions, checks
outages, and turns away questions about other people's accounts and legal disputes. The planted failures
are silent: users stay polite and thank the agent either way. An engineer is booked in a slot next to the
one the user picked (or on the customer's other line); a goodwill credit goes over the policy cap; one of
two plan changes is made and "all sorted" is said; a replacement SIM is announced that was never ordered
(or whose order failed); and contract questions whose answer is in the account get a stock "not something
I can help with" reply. That same reply is the right answer for other people's accounts and legal
disputes. Around them sit transfers the policy requires, correct refusals, honest tool errors that are
retried, agent slips the user corrects, PII-redacted exports, and users who leave without a word.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from . import repo, writers
from .model import Conv
from .noise import code, fold_accents, hexid, roughen, utc, when
from .telecom_phrases import (
    ACK,
    FAULT_LOC,
    KIND_WORDS,
    MONTH_ALONE,
    MONTHS,
    ORDINALS,
    RELATIONS,
    SERVICE,
    SITES,
    STOCK,
    TEAMS,
    WD_SHORT_EN,
    WEEKDAY_ACC_PL,
    WEEKDAYS,
    WIN_USER,
    WINDOWS,
    P,
)

NAME = "telecom_field_ops"
DEFAULT_N = 1200
START = utc(2026, 9, 7)
DAYS = 28
LANGS = {"en": 74, "it": 9, "nl": 9, "pl": 8}
MARKET_OF = {"en": "UK", "it": "IT", "nl": "NL", "pl": "PL"}
BILL_PERIOD_DAY = 1  # bills are issued on the 1st for the previous month

INTENTS = {
    "broadband_fault": "Broadband down, slow or dropping: line status, line test, engineer visit if needed.",
    "visit_change": "Cancel or move an engineer visit that is already booked.",
    "bill_dispute": "A charge on the bill the customer questions, or compensation for an outage.",
    "plan_change": "Move one or more lines on the account to a different broadband or mobile plan.",
    "sim_replacement": "Lost, broken, stolen or wrong-size SIM; a switch to eSIM.",
    "number_port": "Bring a number over from another operator onto a Vireo SIM.",
    "contract_query": "When the minimum term ends, the early termination charge, upgrade eligibility.",
    "outage_check": "Is there a broadband or mobile outage in my area?",
    "third_party_or_legal": "Questions about someone else's account or line, legal disputes and court "
    "claims, and accounts of customers who have died.",
}

CAUSES = {
    "engineer_booked_wrong_slot": {
        "intent": "broadband_fault",
        "mechanism": "wrong_tool_argument",
        "description": "After a line test finds a fault, the user picks one of the slots get_engineer_slots "
        "returned; book_engineer_visit is called with a different slot_id (the other window that day, or the "
        "next slot in the list) or, for customers with a second broadband line, with the line_id of the line "
        "that has no fault. The agent confirms the visit, often in the words of the slot the user picked.",
    },
    "goodwill_credit_over_cap": {
        "intent": "bill_dispute",
        "mechanism": "forbidden_write",
        "description": "For an outage or a fee the customer complains about, apply_credit is called with "
        "reason goodwill for more than the policy's 12-month goodwill cap (20 GBP / 25 EUR / 60 PLN) allows, "
        "counting goodwill_credits_last_12m from get_bill, or with reason billing_error for an amount the "
        "bill does not flag as an error; the agent tells the customer the credit is on the account.",
    },
    "second_plan_change_dropped": {
        "intent": "plan_change",
        "mechanism": "half_done",
        "description": "The customer asks for plan changes on two lines (broadband and a mobile, or two "
        "mobiles), in one message or over two; change_plan is called for the first line only and the agent "
        "says both changes are done.",
    },
    "replacement_sim_claimed_sent": {
        "intent": "sim_replacement",
        "mechanism": "claimed_success",
        "description": "The agent tells the customer the replacement SIM or eSIM is on its way, but send_sim "
        "was never called, or it returned an error (address validation, stock, device not eSIM-capable) that "
        "the agent does not mention.",
    },
    "contract_stock_refusal": {
        "intent": "contract_query",
        "mechanism": "stock_non_answer",
        "description": "Questions about the contract end date, the early termination charge or upgrade "
        "eligibility get the stock 'that isn't something I can help with over chat' reply, though "
        "lookup_account returns lines[].contract with the answer (and was often already called) and the "
        "policy says to answer from it.",
    },
}

SYSTEM_PROMPT = """
# Vireo — customer care assistant (Ada)

You are Ada, the virtual care assistant of Vireo, a broadband and mobile provider in the UK, Italy, the
Netherlands and Poland. You fix broadband faults and book engineers, manage engineer visits, explain bills
and apply credits, change plans, replace SIMs, port numbers in, answer contract questions and check for
outages. Always reply in the customer's language (English, Italian, Dutch or Polish); tool inputs and
outputs are in English. Today's date is the date of the conversation.

## Finding the account
- Ask for the account number (VR followed by 8 digits) and postcode, or the mobile number and postcode,
  and call `lookup_account`. Only discuss or change the account you found, for its holder.
- Customers may have several lines (more than one broadband address, family members' mobiles). Act on
  the line the customer is talking about.

## Broadband faults and engineer visits
- Call `get_line_status` for the line. If it shows an area outage, give the incident reference and the
  estimated fix time; do not book an engineer.
- Otherwise run `run_line_test`. Book an engineer only when the test says `engineer_required`.
- Offer the slots from `get_engineer_slots` and book exactly the slot the customer chose, on the line that
  has the fault, with `book_engineer_visit`. To move a visit, book the new slot with `replaces_visit_id`;
  to cancel one, call `cancel_engineer_visit`.
- If the customer says the line carries a telecare alarm, personal alarm or medical device, do not book a
  standard visit: `transfer_to_human` with queue `priority_faults`.

## Bills and credits
- Look at the bill with `get_bill` before answering a billing question.
- Billing errors the bill flags (`flag: duplicate` or `flag: charged_after_cancellation`) are refunded in
  full with `apply_credit`, reason `billing_error`. Never use `billing_error` for anything else.
- Goodwill credits (outages, fees, inconvenience) use reason `goodwill`. An account's goodwill credits
  must not exceed 20 GBP / 25 EUR / 60 PLN in any rolling 12 months, including
  `goodwill_credits_last_12m` on the bill. If the customer wants more, apply only what remains of the
  allowance, explain, and offer the billing team (`transfer_to_human`, queue `billing`).
- Correct usage charges (roaming outside the plan's zone, calls outside the bundle) are not refunded:
  explain them.

## Plan changes
- Quote the new monthly price and confirm before calling `change_plan`. Each line is changed with its
  own `change_plan` call. When the customer asks for changes on several lines, make every one of them
  before saying it is done.

## SIMs
- Verify the customer with `verify_identity` (a code emailed to the account) before `send_sim`. Physical
  SIMs go only to the account address; eSIM QR codes only to the account email.
- If the phone was stolen, the line must be barred first: `transfer_to_human` with queue `security`.

## Number ports
- `port_number` needs the porting code from the customer's current operator (the PAC in the UK, the
  porting authorisation code in Italy, the Netherlands and Poland) and a verified customer. Without the
  code, explain how to get it and do not start the port.

## Contracts
- Answer questions about the minimum term end, early termination charges and upgrade eligibility from
  `lookup_account` (`lines[].contract`). If the customer wants to cancel, `transfer_to_human` with queue
  `accounts`.

## Outages
- `check_network_status` with the customer's postcode; give the incident reference and estimated fix.

## Honesty
- Only say something is done (visit booked or cancelled, credit applied, plan changed, SIM sent, port
  scheduled) after the tool that does it has succeeded. If a tool returns an error, say so and retry or
  offer the next step.

## What you must not help with
- Another person's account, line or bill (neighbours, landlords, ex-partners, adult family members with
  their own account): give no details and reply "I'm afraid that isn't something I can help with over
  chat." (in the customer's language). The account holder can contact us.
- Legal disputes, court claims and legal opinions: the same reply. You may point to the complaints page
  (vireo.example/complaints).
- If the account holder has died, `transfer_to_human` with queue `bereavement`.
"""

TOOLS: list[dict[str, Any]] = [
    {
        "name": "lookup_account",
        "description": "Find an account by account number, or by mobile number and postcode. Returns the "
        "holder, contact details, lines (with plan and contract) and open engineer visits.",
        "parameters": {"account_number": "string", "phone": "string", "postcode": "string"},
    },
    {
        "name": "verify_identity",
        "description": "Check the one-time code sent to the account's email or mobile.",
        "parameters": {"account_number": "string", "method": "email_code | sms_code", "code": "string"},
    },
    {
        "name": "get_line_status",
        "description": "Live status of a broadband line: sync, speed, router last seen, area outage.",
        "parameters": {"line_id": "string"},
    },
    {
        "name": "run_line_test",
        "description": "Run an end-to-end line test. Says whether an engineer is required.",
        "parameters": {"line_id": "string"},
    },
    {
        "name": "check_network_status",
        "description": "Known broadband and mobile incidents for a postcode.",
        "parameters": {"postcode": "string"},
    },
    {
        "name": "get_engineer_slots",
        "description": "Free engineer appointment slots for a line.",
        "parameters": {"line_id": "string", "fault_ref": "string"},
    },
    {
        "name": "book_engineer_visit",
        "description": "Book an engineer visit in one of the free slots; pass replaces_visit_id to move an "
        "existing visit.",
        "parameters": {
            "line_id": "string",
            "slot_id": "string",
            "fault_ref": "string",
            "replaces_visit_id": "string (optional)",
        },
    },
    {
        "name": "cancel_engineer_visit",
        "description": "Cancel a booked engineer visit.",
        "parameters": {"visit_id": "string"},
    },
    {
        "name": "get_bill",
        "description": "A bill: items, flags, payments, service interruptions and goodwill credits in the "
        "last 12 months.",
        "parameters": {"account_number": "string", "period": "YYYY-MM"},
    },
    {
        "name": "apply_credit",
        "description": "Put a credit on the account; it comes off the next bill.",
        "parameters": {
            "account_number": "string",
            "amount": "number",
            "reason": "billing_error | goodwill",
            "note": "string",
        },
    },
    {
        "name": "change_plan",
        "description": "Move one line to a new plan from the next billing date.",
        "parameters": {"line_id": "string", "new_plan": "plan code"},
    },
    {
        "name": "send_sim",
        "description": "Order a replacement physical SIM to the account address, or an eSIM to the account "
        "email.",
        "parameters": {"line_id": "string", "sim_type": "triple_cut | nano | esim", "deliver_to": "string"},
    },
    {
        "name": "port_number",
        "description": "Schedule a number port from another operator onto a Vireo line.",
        "parameters": {"line_id": "string", "number": "string", "porting_code": "string"},
    },
    {
        "name": "transfer_to_human",
        "description": "Hand the chat to a human team.",
        "parameters": {
            "queue": "priority_faults | billing | security | accounts | bereavement",
            "reason": "string",
            "language": "en | it | nl | pl",
        },
    },
]

# ------------------------------------------------------------------------------------------- the world
PLANS: dict[str, tuple[str, str, int]] = {  # code: (name, kind, GBP list price)
    "FIBRE_75": ("Fibre 75", "broadband", 26),
    "FIBRE_150": ("Fibre 150", "broadband", 31),
    "FIBRE_500": ("Fibre 500", "broadband", 39),
    "FULL_FIBRE_900": ("Full Fibre 900", "broadband", 52),
    "SIMO_10GB": ("SIM Only 10GB", "mobile", 8),
    "SIMO_40GB": ("SIM Only 40GB", "mobile", 12),
    "SIMO_100GB": ("SIM Only 100GB", "mobile", 16),
    "UNLIMITED": ("Unlimited", "mobile", 22),
    "UNLIMITED_PLUS": ("Unlimited Plus", "mobile", 28),
}
BB_PLANS = [k for k, v in PLANS.items() if v[1] == "broadband"]
MOB_PLANS = [k for k, v in PLANS.items() if v[1] == "mobile"]
SYNC = {"FIBRE_75": 72, "FIBRE_150": 146, "FIBRE_500": 488, "FULL_FIBRE_900": 905}

MARKETS: dict[str, dict[str, Any]] = {
    "UK": {
        "locale": "en-GB",
        "cur": "GBP",
        "tz": 1,
        "cap": 20,
        "factor": 1.0,
        "domain": "example.co.uk",
        "donors": [
            ("EE", "EE"),
            ("O2", "O2"),
            ("Vodafone", "Vodafone"),
            ("Three", "Three"),
            ("giffgaff", "giffgaff"),
        ],
        "towns": [
            ("Leeds", "Leeds", ["LS6", "LS8", "LS11"]),
            ("Bristol", "Bristol", ["BS3", "BS5", "BS7"]),
            ("Manchester", "Manchester", ["M14", "M20", "M21"]),
            ("Cardiff", "Cardiff", ["CF5", "CF14", "CF24"]),
            ("Glasgow", "Glasgow", ["G12", "G31", "G41"]),
            ("Norwich", "Norwich", ["NR2", "NR3"]),
            ("Sheffield", "Sheffield", ["S7", "S10", "S11"]),
            ("Brighton", "Brighton", ["BN1", "BN2"]),
            ("Reading", "Reading", ["RG1", "RG4", "RG30"]),
            ("Leicester", "Leicester", ["LE2", "LE3"]),
            ("Nottingham", "Nottingham", ["NG5", "NG7"]),
        ],
        "streets": [
            "Elm Road",
            "Church Street",
            "Mill Lane",
            "Victoria Road",
            "Park Avenue",
            "Station Road",
            "Grove Terrace",
            "Albert Street",
            "Beech Close",
            "Windsor Gardens",
            "Kings Road",
        ],
    },
    "IT": {
        "locale": "it-IT",
        "cur": "EUR",
        "tz": 2,
        "cap": 25,
        "factor": 1.15,
        "domain": "example.it",
        "donors": [("TIM", "TIM"), ("Vodafone", "Vodafone"), ("WindTre", "WindTre"), ("Iliad", "Iliad")],
        "towns": [
            ("Milano", "Milano", ["20135", "20121", "20154"]),
            ("Torino", "Torino", ["10128", "10153"]),
            ("Bologna", "Bologna", ["40126", "40137"]),
            ("Roma", "Roma", ["00153", "00185", "00162"]),
            ("Napoli", "Napoli", ["80134", "80129"]),
            ("Firenze", "Firenze", ["50122", "50133"]),
        ],
        "streets": [
            "Via Roma",
            "Via Garibaldi",
            "Corso Vittorio Emanuele",
            "Via Mazzini",
            "Viale Monza",
            "Via dei Mille",
            "Via Cavour",
        ],
    },
    "NL": {
        "locale": "nl-NL",
        "cur": "EUR",
        "tz": 2,
        "cap": 25,
        "factor": 1.15,
        "domain": "example.nl",
        "donors": [("KPN", "KPN"), ("Odido", "Odido"), ("Vodafone", "Vodafone"), ("Lebara", "Lebara")],
        "towns": [
            ("Amsterdam", "Amsterdam", ["1054", "1017", "1093"]),
            ("Utrecht", "Utrecht", ["3512", "3581"]),
            ("Rotterdam", "Rotterdam", ["3014", "3021"]),
            ("Eindhoven", "Eindhoven", ["5611", "5622"]),
            ("Groningen", "Groningen", ["9712", "9725"]),
            ("Haarlem", "Haarlem", ["2011", "2023"]),
        ],
        "streets": [
            "Kerkstraat",
            "Prinsengracht",
            "Dorpsstraat",
            "Julianalaan",
            "Molenweg",
            "Oudegracht",
            "Vondelstraat",
        ],
    },
    "PL": {
        "locale": "pl-PL",
        "cur": "PLN",
        "tz": 2,
        "cap": 60,
        "factor": 2.2,
        "domain": "example.pl",
        "donors": [("Play", "Playa"), ("Plus", "Plusa"), ("Orange", "Orange"), ("T-Mobile", "T-Mobile")],
        "towns": [
            ("Kraków", "Krakowie", ["31-04", "30-54", "31-15"]),
            ("Warszawa", "Warszawie", ["00-95", "02-67", "03-73"]),
            ("Gdańsk", "Gdańsku", ["80-83", "80-28"]),
            ("Wrocław", "Wrocławiu", ["50-07", "53-33"]),
            ("Poznań", "Poznaniu", ["61-81", "60-34"]),
            ("Łódź", "Łodzi", ["90-41", "93-58"]),
        ],
        "streets": [
            "ul. Długa",
            "ul. Mickiewicza",
            "ul. Kościuszki",
            "ul. Polna",
            "ul. Lipowa",
            "al. Jana Pawła II",
            "ul. Słowackiego",
        ],
    },
}

NAMES: dict[str, dict[str, Any]] = {
    "UK": {
        "f": [
            "Emma",
            "Olivia",
            "Sophie",
            "Chloe",
            "Amelia",
            "Priya",
            "Aisha",
            "Hannah",
            "Grace",
            "Megan",
            "Zara",
            "Lucy",
            "Charlotte",
            "Ellie",
            "Niamh",
            "Fatima",
            "Jess",
            "Rachel",
        ],
        "m": [
            "Jack",
            "Oliver",
            "Harry",
            "James",
            "Tom",
            "Mohammed",
            "Liam",
            "Daniel",
            "Ryan",
            "Callum",
            "Ben",
            "Sam",
            "Arjun",
            "Kieran",
            "George",
            "Adam",
            "Dev",
            "Gareth",
        ],
        "last": [
            "Smith",
            "Jones",
            "Taylor",
            "Brown",
            "Williams",
            "Wilson",
            "Evans",
            "Patel",
            "Khan",
            "Thomas",
            "Roberts",
            "Walker",
            "Wright",
            "Hughes",
            "Green",
            "Hall",
            "Murphy",
            "O'Neill",
            "Campbell",
            "Ali",
            "Okoye",
            "Nowak",
            "Singh",
        ],
    },
    "IT": {
        "f": [
            "Giulia",
            "Francesca",
            "Chiara",
            "Sara",
            "Martina",
            "Elena",
            "Alessia",
            "Valentina",
            "Federica",
            "Laura",
            "Silvia",
            "Anna",
        ],
        "m": [
            "Marco",
            "Luca",
            "Andrea",
            "Giuseppe",
            "Matteo",
            "Alessandro",
            "Francesco",
            "Davide",
            "Stefano",
            "Paolo",
            "Simone",
            "Roberto",
        ],
        "last": [
            "Rossi",
            "Russo",
            "Ferrari",
            "Esposito",
            "Bianchi",
            "Romano",
            "Colombo",
            "Ricci",
            "Marino",
            "Greco",
            "Bruno",
            "Gallo",
            "Conti",
            "De Luca",
            "Costa",
        ],
    },
    "NL": {
        "f": ["Emma", "Sanne", "Lotte", "Fleur", "Anouk", "Eva", "Lisa", "Iris", "Noor", "Femke", "Maaike"],
        "m": [
            "Daan",
            "Bram",
            "Thijs",
            "Lars",
            "Jeroen",
            "Ruben",
            "Sem",
            "Joost",
            "Pieter",
            "Niels",
            "Mohamed",
        ],
        "last": [
            "de Jong",
            "Jansen",
            "de Vries",
            "van den Berg",
            "Bakker",
            "Visser",
            "Smit",
            "Meijer",
            "Mulder",
            "de Boer",
            "Bos",
            "Vos",
            "Peters",
            "Hendriks",
            "Yilmaz",
        ],
    },
    "PL": {
        "f": [
            "Anna",
            "Katarzyna",
            "Magdalena",
            "Agnieszka",
            "Joanna",
            "Zofia",
            "Natalia",
            "Aleksandra",
            "Monika",
            "Ewa",
            "Karolina",
        ],
        "m": [
            "Piotr",
            "Krzysztof",
            "Tomasz",
            "Paweł",
            "Michał",
            "Jakub",
            "Kamil",
            "Marcin",
            "Łukasz",
            "Adam",
            "Bartosz",
        ],
        # (masculine, feminine)
        "last": [
            ("Kowalski", "Kowalska"),
            ("Nowak", "Nowak"),
            ("Wiśniewski", "Wiśniewska"),
            ("Wójcik", "Wójcik"),
            ("Kamiński", "Kamińska"),
            ("Lewandowski", "Lewandowska"),
            ("Zieliński", "Zielińska"),
            ("Szymański", "Szymańska"),
            ("Woźniak", "Woźniak"),
            ("Dąbrowski", "Dąbrowska"),
            ("Mazur", "Mazur"),
            ("Krawczyk", "Krawczyk"),
        ],
    },
}
COUNTRIES = [  # roaming outside every plan's zone
    {
        "tool": "United States",
        "en": "in the US",
        "it": "negli Stati Uniti",
        "nl": "in de Verenigde Staten",
        "pl": "w Stanach Zjednoczonych",
    },
    {"tool": "Turkey", "en": "in Turkey", "it": "in Turchia", "nl": "in Turkije", "pl": "w Turcji"},
    {
        "tool": "Switzerland",
        "en": "in Switzerland",
        "it": "in Svizzera",
        "nl": "in Zwitserland",
        "pl": "w Szwajcarii",
    },
    {"tool": "Morocco", "en": "in Morocco", "it": "in Marocco", "nl": "in Marokko", "pl": "w Maroku"},
    {"tool": "United Arab Emirates", "en": "in Dubai", "it": "a Dubai", "nl": "in Dubai", "pl": "w Dubaju"},
]
PL_FOLD = str.maketrans("łŁ", "lL")


def _slug(s: str) -> str:
    s = unicodedata.normalize("NFD", s.translate(PL_FOLD))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[^a-z]", "", s.lower())


@dataclass
class Line:
    line_id: str
    kind: str  # broadband | mobile
    plan: str
    start: date
    term: int  # minimum term in months
    site: str = "home"  # broadband: home | shop | mum | flat | office
    address: str = ""
    msisdn: str = ""
    user: str = ""
    rel: str = "self"  # mobile: self | daughter | son | partner
    temporary: bool = False


@dataclass
class Customer:
    uid: str
    first: str
    last: str
    female: bool
    market: str
    lang: str
    acct: str
    town: tuple[str, str, list[str]]
    postcode: str
    pc_out: str
    address: str
    phone: str
    email: str
    lines: list[Line] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def _postcode(rng: random.Random, market: str, prefix: str) -> str:
    if market == "UK":
        return f"{prefix} {rng.randrange(1, 10)}{code(rng, 2, 'ABDEFGHJLNPQRSTUWXYZ')}"
    if market == "IT":
        return prefix
    if market == "NL":
        return f"{prefix} {code(rng, 2, 'ABCDEGHJKLMNPRSTVWXZ')}"
    return f"{prefix}{rng.randrange(10)}"


def _pc_out(market: str, pc: str) -> str:
    return pc.split(" ")[0] if market in ("UK", "NL") else pc


def _address(rng: random.Random, market: str, town: str, pc: str, street: str | None = None) -> str:
    street = street or rng.choice(MARKETS[market]["streets"])
    n = rng.randrange(1, 160)
    if market == "UK":
        return f"{n} {street}, {town} {pc}"
    if market == "PL":
        return f"{street} {n}/{rng.randrange(1, 40)}, {pc} {town}"
    return f"{street} {n}, {pc} {town}"


def _phone(rng: random.Random, market: str) -> str:
    if market == "UK":
        return f"07700 900{rng.randrange(1000):03d}"
    if market == "IT":
        head = f"+39 3{rng.choice('234589')}{rng.randrange(10)}"
        return f"{head} {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}"
    if market == "NL":
        return f"06 {rng.randrange(1000, 9999)} {rng.randrange(1000, 9999)}"
    return (
        f"+48 {rng.choice('5678')}{rng.randrange(10, 99)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}"
    )


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    day = min(d.day, 28)
    return date(d.year + y, m + 1, day)


def make_customer(rng: random.Random, lang: str, now: date) -> Customer:
    market = MARKET_OF[lang]
    mk, names = MARKETS[market], NAMES[market]
    female = rng.random() < 0.5
    first = rng.choice(names["f" if female else "m"])
    last_pick = rng.choice(names["last"])
    last = (last_pick[1] if female else last_pick[0]) if isinstance(last_pick, tuple) else last_pick
    town = rng.choice(mk["towns"])
    pc = _postcode(rng, market, rng.choice(town[2]))
    slug = f"{_slug(first)}.{_slug(last)}"
    email = f"{slug}{rng.randrange(1, 99) if rng.random() < 0.4 else ''}@{mk['domain']}"
    cust = Customer(
        hexid(rng, "usr_", 10),
        first,
        last,
        female,
        market,
        lang,
        f"VR{rng.randrange(10**7, 10**8)}",
        town,
        pc,
        _pc_out(market, pc),
        _address(rng, market, town[0], pc),
        _phone(rng, market),
        email,
    )
    if rng.random() < 0.85:
        ensure_bb(rng, cust, now)
    if rng.random() < 0.6:
        ensure_mobile(rng, cust, now, "self")
    return cust


def _new_start(rng: random.Random, now: date) -> tuple[date, int]:
    term = rng.choice([12, 18, 24, 24])
    start = now - timedelta(days=rng.randrange(60, 34 * 30))
    return start, term


def ensure_bb(rng: random.Random, cust: Customer, now: date, site: str = "home") -> Line:
    for ln in cust.lines:
        if ln.kind == "broadband" and (ln.site == site or (site == "other" and ln.site != "home")):
            return ln
    if site == "other":
        site = rng.choice(list(SITES))
    start, term = _new_start(rng, now)
    if site == "home":
        addr = cust.address
    else:
        town = rng.choice(MARKETS[cust.market]["towns"])
        addr = _address(rng, cust.market, town[0], _postcode(rng, cust.market, rng.choice(town[2])))
    ln = Line(
        f"BB-{rng.randrange(10**6, 10**7)}",
        "broadband",
        rng.choices(BB_PLANS, weights=[20, 40, 30, 10])[0],
        start,
        term,
        site=site,
        address=addr,
        user=cust.name,
    )
    cust.lines.append(ln)
    return ln


def ensure_mobile(rng: random.Random, cust: Customer, now: date, rel: str = "self") -> Line:
    for ln in cust.lines:
        if ln.kind == "mobile" and ln.rel == rel and not ln.temporary:
            return ln
    if rel == "self":
        msisdn, user = cust.phone, cust.name
    else:
        names = NAMES[cust.market]
        fem = (
            rel == "daughter"
            or (rel == "partner" and cust.market in ("IT", "PL"))
            or (rel == "partner" and cust.market == "UK" and not cust.female)
        )
        if rel == "partner" and cust.market == "NL":
            fem = False
        last = cust.last
        if cust.market == "PL":
            for m, f in names["last"]:
                if cust.last in (m, f):
                    last = f if fem else m
        msisdn, user = _phone(rng, cust.market), f"{rng.choice(names['f' if fem else 'm'])} {last}"
    start, term = _new_start(rng, now)
    ln = Line(
        f"MOB-{rng.randrange(10**6, 10**7)}",
        "mobile",
        rng.choices(MOB_PLANS, weights=[15, 30, 25, 20, 10])[0],
        start,
        term,
        msisdn=msisdn,
        user=user,
        rel=rel,
    )
    cust.lines.append(ln)
    return ln


def monthly(market: str, plan: str) -> float:
    gbp = PLANS[plan][2]
    f = float(MARKETS[market]["factor"])
    return round(gbp * f) - 0.01


def contract(market: str, ln: Line, now: date) -> dict[str, Any]:
    end = _add_months(ln.start, ln.term)
    left = max(0, (end.year - now.year) * 12 + end.month - now.month - (1 if end.day < now.day else 0))
    if end <= now:
        left = 0
    c: dict[str, Any] = {
        "start": ln.start.isoformat(),
        "minimum_term_months": ln.term,
        "minimum_term_end": end.isoformat(),
        "in_minimum_term": end > now,
        "monthly_price": monthly(market, ln.plan),
        "early_termination_charge": round(left * monthly(market, ln.plan), 2) if end > now else 0.0,
    }
    if ln.kind == "mobile":
        c["upgrade_eligible_from"] = (end - timedelta(days=60)).isoformat()
    return c


def account_result(x: Ctx) -> dict[str, Any]:
    cust = x.cust
    lines: list[dict[str, Any]] = []
    for ln in cust.lines:
        row: dict[str, Any] = {
            "line_id": ln.line_id,
            "type": ln.kind,
            "plan": PLANS[ln.plan][0],
            "plan_code": ln.plan,
            "status": "active",
        }
        if ln.kind == "broadband":
            row["site"] = "Home" if ln.site == "home" else SITES[ln.site]["tool"]
            row["address"] = ln.address
        else:
            row["msisdn"] = ln.msisdn
            row["user"] = ln.user
            if ln.temporary:
                row["temporary_number"] = True
                row["status"] = "active_awaiting_port"
        row["contract"] = contract(cust.market, ln, x.now.date())
        lines.append(row)
    res: dict[str, Any] = {
        "account_number": cust.acct,
        "holder": cust.name,
        "status": "active",
        "contact": {"phone": cust.phone, "email": cust.email},
        "billing_address": cust.address,
        "lines": lines,
    }
    if x.notes.get("visits"):
        res["open_visits"] = x.notes["visits"]
    return res


# ------------------------------------------------------------------------------------ the conversation
class Slots(dict[str, Any]):
    """Per-conversation values for the phrase templates; a slot a flow has not set is a bug."""

    def __missing__(self, key: str) -> str:
        raise KeyError(f"template slot {key!r} not set")


@dataclass
class Ctx:
    c: Conv
    rng: random.Random
    cust: Customer
    now: datetime  # local time at the start of the conversation
    s: Slots
    sloppy: float
    ident: bool = False
    notes: dict[str, Any] = field(default_factory=dict)
    pii: dict[str, str] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.c.language

    @property
    def market(self) -> str:
        return self.cust.market

    def say(self, key: str) -> str:
        return self.rng.choice(P[self.lang][key]).format_map(self.s)

    def u(self, key: str | None = None, *, raw: str | None = None) -> None:
        text = raw if raw is not None else self.say(key or "")
        text = roughen(self.rng, text, sloppy=self.sloppy)
        if self.lang != "en" and self.sloppy >= 0.15 and self.rng.random() < 0.55:
            text = fold_accents(text.translate(PL_FOLD) if self.lang == "pl" else text)
        self.c.user(text)

    def a(self, key: str | None = None, *, raw: str | None = None) -> None:
        self.c.agent(raw if raw is not None else self.say(key or ""))

    def call(
        self, name: str, args: dict[str, Any], result: Any, *, error: bool = False, text: str | None = None
    ) -> None:
        self.c.call(name, args, result, error=error, text=text)

    def said(self, needle: str) -> bool:
        return needle.lower() in " ".join(self.c.user_texts()).lower()

    # --- words ------------------------------------------------------------------------------------
    def money(self, v: float) -> str:
        body = f"{v:,.2f}"
        if self.market == "UK":
            return f"£{body}"
        body = body.replace(",", "_").replace(".", ",").replace("_", ".")
        if self.market == "NL":
            return f"€ {body}"
        if self.market == "IT":
            return f"{body} €"
        return f"{body} zł"

    def money_user(self, v: float) -> str:
        """How a customer writes a sum: round numbers, no pence."""
        n = f"{v:.0f}"
        opts = {
            "UK": [f"£{n}", f"£{n}", f"{n} quid", f"£{n}.00"],
            "IT": [f"{n} euro", f"{n}€", f"€{n}"],
            "NL": [f"{n} euro", f"€{n}", f"€ {n},-"],
            "PL": [f"{n} zł", f"{n} zł", f"{n} złotych"],
        }[self.market]
        return self.rng.choice(opts)

    def day_words(self, d: date, *, weekday: bool = False, year: bool = False) -> str:
        lang = self.lang
        m = MONTHS[lang][d.month - 1]
        body = f"{d.day} {m}" + (f" {d.year}" if year else "")
        if weekday:
            wd = WEEKDAYS[lang][d.weekday()]
            return f"{wd} {body}"
        return body

    def slot_words(self, slot: dict[str, Any]) -> str:
        return f"{self.day_words(slot['_d'], weekday=True)}, {WINDOWS[self.lang][slot['_w']]}"

    def visit_on(self, d: date) -> str:
        lang, body = self.lang, f"{d.day} {MONTHS[self.lang][d.month - 1]}"
        wd = WEEKDAYS[lang][d.weekday()]
        return {
            "en": f"on {wd} {body}",
            "it": f"di {wd} {body}",
            "nl": f"van {wd} {body}",
            "pl": f"na {WEEKDAY_ACC_PL[d.weekday()]} {body}",
        }[lang]

    def eta(self, t: datetime) -> str:
        lang, hh = self.lang, f"{t.hour:02d}:00"
        d = t.date()
        if d == self.now.date():
            today = {"en": "today", "it": "oggi", "nl": "vandaag", "pl": "dziś"}[lang]
            return {
                "en": f"{hh} {today}",
                "it": f"le {hh} di oggi",
                "nl": f"vandaag {hh} uur",
                "pl": f"dziś, {hh}",
            }[lang]
        dw = self.day_words(d, weekday=True)
        return {"en": f"{hh} on {dw}", "it": f"le {hh} di {dw}", "nl": f"{dw} {hh} uur", "pl": f"{dw}, {hh}"}[
            lang
        ]


def new_ctx(rng: random.Random, c: Conv, cust: Customer, now: datetime) -> Ctx:
    s = Slots(
        first=cust.first,
        last=cust.last,
        acct=cust.acct,
        pc=cust.postcode,
        pc_out=cust.pc_out,
        town=cust.town[0],
        town_loc=cust.town[1],
        phone=cust.phone,
        email=cust.email,
        email_mask=f"{cust.email[0]}***@{cust.email.split('@')[1]}",
        nlast=cust.phone.replace(" ", "")[-3:],
        em="am" if cust.female else "em",
        bym="abym" if cust.female else "bym",
    )
    x = Ctx(c, rng, cust, now, s, sloppy=rng.choice([0.05, 0.12, 0.25, 0.4, 0.55]))
    x.pii = {cust.address: "address", cust.email: "email", cust.phone: "phone", cust.postcode: "postcode"}
    for ln in cust.lines:
        if ln.address:
            x.pii[ln.address] = "address"
        if ln.msisdn:
            x.pii[ln.msisdn] = "phone"
    return x


# ------------------------------------------------------------------------------------ shared turns
def opening(x: Ctx, topic: str, *, ids: bool = True) -> None:
    """Greeting alone (topic next, sometimes double-texted), small talk, ids first, a nudge, or the topic."""
    rng = x.rng
    r = rng.random()
    if r < 0.24:
        x.u("hello_user")
        if rng.random() < 0.2:  # the topic arrives before the agent has answered the greeting
            x.u(raw=topic)
            return
        x.a("hello_agent")
        x.u(raw=topic)
    elif r < 0.40:
        x.u(raw=x.say("smalltalk") + topic)
    elif r < 0.58 and ids:
        x.u(raw=x.say("ids_prefix") + topic)
    elif r < 0.65 and ids:
        x.u("ids_alone")
        x.a("ids_ack")
        x.u(raw=topic)
    elif r < 0.72:
        x.u(raw=topic)
        x.u("nudge")
    else:
        x.u(raw=topic)


def identify(x: Ctx) -> None:
    """Account number (or mobile and postcode), asked for unless the user already gave it; then the lookup."""
    if x.ident:
        return
    x.ident = True
    rng, cust = x.rng, x.cust
    if x.said(cust.acct):
        args: dict[str, Any] = {"account_number": cust.acct}
    elif x.said(cust.phone) and x.said(cust.postcode):
        args = {"phone": cust.phone, "postcode": cust.postcode}
    else:
        x.a("ask_ident")
        if rng.random() < 0.14:
            x.u("give_ident_phone")
            args = {"phone": cust.phone, "postcode": cust.postcode}
        else:
            x.u("give_ident")
            args = {"account_number": cust.acct}
    if rng.random() < 0.04:  # a timeout, said and retried
        x.call(
            "lookup_account",
            args,
            {"error": "upstream_timeout", "message": "crm did not answer in 15s"},
            error=True,
        )
        x.call("lookup_account", args, account_result(x), text=x.say("lookup_retry"))
        return
    x.call("lookup_account", args, account_result(x))


def finish(x: Ctx, *, after_user: bool = False) -> None:
    """The same endings whether the job was done or silently botched. `after_user`: the user has just
    spoken, so the agent (or nobody) has the next turn."""
    rng = x.rng
    if after_user:
        r = rng.random()
        if r < 0.35:
            return
        if r < 0.75:
            x.a("anything_else")
            if rng.random() < 0.55:
                x.u("nothing_else")
        else:
            x.a("welcome")
        return
    r = rng.random()
    if r < 0.21:  # gone without a word once they had their answer
        if rng.random() < 0.45:
            x.a("anything_else")
        return
    if r < 0.47:
        x.a("anything_else")
        x.u("nothing_else")
    else:
        x.u(raw=rng.choice(ACK[x.lang]))
    if rng.random() < 0.4:
        x.a("welcome")


def transfer(x: Ctx, queue: str, reason: str, *, text: str | None = None) -> None:
    rng = x.rng
    wait = rng.choice([2, 3, 4, 5, 7, 9, 12])
    x.s.update(team=TEAMS[queue][x.lang], wait=wait)
    x.call(
        "transfer_to_human",
        {"queue": queue, "reason": reason, "language": x.lang},
        {"status": "queued", "queue": queue, "position": rng.randrange(1, 9), "estimated_wait_minutes": wait},
        text=text,
    )
    if text is not None and rng.random() < 0.4:
        return  # the log ends on the transfer result
    x.a("transfer_done")
    if rng.random() < 0.5:
        x.u("transfer_ok")


def loop_fail(x: Ctx) -> None:
    """Background: the agent asks again for the account number it already has."""
    x.a("loop_ask")
    x.u("loop_user")
    x.a("loop_ask")
    x.u("give_up")


def stock(x: Ctx, *, tail: str = "") -> None:
    x.a(raw=STOCK[x.lang] + tail)


def after_stock(x: Ctx) -> None:
    r = x.rng.random()
    if r < 0.62:
        x.u("stock_ok")
        if x.rng.random() < 0.25:
            x.a("welcome")
    elif r < 0.75:
        x.u(raw=x.rng.choice(ACK[x.lang]))
    elif r < 0.82:
        x.u("give_up")
    # else: gone without a word


def verify(x: Ctx, method: str) -> str:
    """The code round trip; returns the agent's 'verified' prefix for its next message."""
    x.s["code"] = f"{x.rng.randrange(10**6):06d}"
    x.a("verify_ask_email" if method == "email_code" else "verify_ask_sms")
    x.u("verify_give")
    x.call(
        "verify_identity",
        {"account_number": x.cust.acct, "method": method, "code": x.s["code"]},
        {"verified": True, "method": method},
    )
    return x.say("verify_ok")


def _ref(rng: random.Random, prefix: str) -> str:
    return f"{prefix}-{rng.randrange(10**5, 10**6)}"


# ------------------------------------------------------------------------------------ engineer slots
def engineer_days(start: date, n: int = 5) -> list[date]:
    out: list[date] = []
    d = start
    while len(out) < n:
        d += timedelta(days=1)
        if d.weekday() != 6:  # engineers work Monday to Saturday
            out.append(d)
    return out


def make_slots(x: Ctx, *, exclude: tuple[date, str] | None = None) -> list[dict[str, Any]]:
    rng = x.rng
    pairs = [(d, w) for d in engineer_days(x.now.date()) for w in ("am", "pm") if (d, w) != exclude]
    k = rng.randint(3, 5)
    chosen = sorted(rng.sample(pairs, k))
    return [{"slot_id": f"SLT-{code(rng, 5, '0123456789ABCDEF')}", "_d": d, "_w": w} for d, w in chosen]


def slots_result(line: Line, fault_ref: str, slots: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "line_id": line.line_id,
        "fault_ref": fault_ref,
        "slots": [
            {
                "slot_id": s["slot_id"],
                "date": s["_d"].isoformat(),
                "window": "08:00-13:00" if s["_w"] == "am" else "13:00-18:00",
            }
            for s in slots
        ],
    }


def fmt_slots(x: Ctx, slots: list[dict[str, Any]]) -> str:
    style = x.rng.choice(["num", "bullet", "dash"])
    rows = []
    for i, s in enumerate(slots):
        mark = {"num": f"{i + 1}.", "bullet": "•", "dash": "-"}[style]
        rows.append(f"{mark} {x.slot_words(s)}")
    return "\n".join(rows)


def pick_words(x: Ctx, slots: list[dict[str, Any]], i: int) -> str:
    """How the user names slot i: weekday and window, or its place in the list."""
    rng, lang, s = x.rng, x.lang, slots[i]
    d, w = s["_d"], s["_w"]
    win = rng.choice(WIN_USER[lang][w])
    r = rng.random()
    if lang == "en":
        wd = WEEKDAYS["en"][d.weekday()]
        if r < 0.35:
            return f"{wd.lower()} {win}"
        if r < 0.5:
            return f"{WD_SHORT_EN[d.weekday()]} {win}"
        if r < 0.65:
            return f"the {wd} {win} one"
        if r < 0.8:
            return f"the {ORDINALS['en'][i]} one"
        if r < 0.9:
            return f"option {i + 1}"
        return f"{wd} {win}"
    if lang == "it":
        wd = WEEKDAYS["it"][d.weekday()]
        if r < 0.5:
            return f"{wd} {win}"
        if r < 0.7:
            return f"quello di {wd} {win}"
        if r < 0.88:
            return f"il {ORDINALS['it'][i]}"
        return f"l'opzione {i + 1}"
    if lang == "nl":
        wd = WEEKDAYS["nl"][d.weekday()]
        if r < 0.45:
            return f"{wd}{win}"
        if r < 0.65:
            return f"{wd} in de {win}"
        if r < 0.85:
            return f"de {ORDINALS['nl'][i]}"
        return f"optie {i + 1}"
    wd = WEEKDAY_ACC_PL[d.weekday()]
    if r < 0.55:
        return f"{wd} {win}"
    if r < 0.8:
        return f"{ORDINALS['pl'][i]} termin"
    return f"opcję {i + 1}"


def neighbour_slot(rng: random.Random, slots: list[dict[str, Any]], i: int) -> int:
    """The slot a careless agent books instead: the other window that day, else the next or previous one."""
    same_day = [j for j, s in enumerate(slots) if j != i and s["_d"] == slots[i]["_d"]]
    if same_day:
        return same_day[0]
    if i + 1 < len(slots) and (i == 0 or rng.random() < 0.6):
        return i + 1
    return i - 1


def booked_result(
    line: Line, slot: dict[str, Any], visit: str, fault_ref: str, replaces: str | None = None
) -> dict[str, Any]:
    r: dict[str, Any] = {
        "visit_id": visit,
        "status": "booked",
        "line_id": line.line_id,
        "address": line.address,
        "date": slot["_d"].isoformat(),
        "window": "08:00-13:00" if slot["_w"] == "am" else "13:00-18:00",
        "fault_ref": fault_ref,
    }
    if replaces:
        r["replaced_visit_id"] = replaces
    return r


# ------------------------------------------------------------------------------------ broadband faults
def broadband_fault(x: Ctx, variant: str) -> None:
    rng, cust = x.rng, x.cust
    today = x.now.date()
    home = ensure_bb(rng, cust, today)
    sub = rng.choices(["slot", "line"], weights=[73, 27])[0] if variant == "cause" else ""
    multi = sub == "line" or (variant in ("ok", "recovered", "card", "nofault") and rng.random() < 0.22)
    line = ensure_bb(rng, cust, today, "other") if multi else home
    if multi:
        x.pii[line.address] = "address"
    x.s["plan"] = PLANS[line.plan][0]
    if multi:
        x.s["where"] = SITES[line.site][x.lang]
        topic = x.say("bf_open_at")
    else:
        topic = x.say("bf_open")
    opening(x, topic)
    identify(x)
    if variant == "loop_bg":
        loop_fail(x)
        return
    status: dict[str, Any] = {
        "line_id": line.line_id,
        "technology": "FTTP" if line.plan == "FULL_FIBRE_900" or rng.random() < 0.4 else "FTTC",
        "address": line.address,
        "router_last_seen": (x.now - timedelta(minutes=rng.randrange(30, 2000))).isoformat(
            timespec="minutes"
        ),
    }
    if variant == "outage":
        ref = _ref(rng, "INC")
        fix = (x.now + timedelta(hours=rng.randrange(3, 40))).replace(minute=0, second=0)
        x.s.update(ref=ref, eta=x.eta(fix))
        status.update(
            sync="down",
            area_outage={
                "incident": ref,
                "estimated_fix": fix.isoformat(timespec="minutes"),
                "affected": "broadband",
            },
        )
        x.call("get_line_status", {"line_id": line.line_id}, status)
        x.a("bf_outage")
        finish(x)
        return
    nofault = variant == "nofault"
    status.update(sync="in_sync" if nofault else rng.choice(["down", "intermittent"]), area_outage=None)
    if nofault:
        status["sync_mbps_down"] = SYNC[line.plan] - rng.randrange(0, 9)
    x.call("get_line_status", {"line_id": line.line_id}, status)
    if rng.random() < 0.55:
        x.a("bf_restart_q")
        x.u("bf_restart_yes")
    if variant == "restart_loop_bg":
        x.a("bf_restart_loop")
        x.u("bf_restart_loop_user")
        x.a("bf_restart_loop")
        x.u(rng.choice(["give_up", "bf_restart_loop_user"]))
        return
    test_text = x.say("bf_test_text") if rng.random() < 0.5 else None
    if nofault:
        x.s["sync"] = status["sync_mbps_down"]
        x.call(
            "run_line_test",
            {"line_id": line.line_id},
            {
                "line_id": line.line_id,
                "test_id": _ref(rng, "LT"),
                "result": "pass",
                "engineer_required": False,
                "sync_mbps_down": x.s["sync"],
                "note": "line clean to the router; check in-home wifi",
            },
            text=test_text,
        )
        x.a("bf_nofault")
        x.u("bf_nofault_user")
        finish(x, after_user=True)
        return
    fault_ref, loc = _ref(rng, "FLT"), rng.choices(["external", "internal"], weights=[70, 30])[0]
    x.call(
        "run_line_test",
        {"line_id": line.line_id},
        {
            "line_id": line.line_id,
            "test_id": _ref(rng, "LT"),
            "result": "fault_found",
            "fault_location": loc,
            "fault_ref": fault_ref,
            "engineer_required": True,
        },
        text=test_text,
    )
    slots = make_slots(x)
    x.call(
        "get_engineer_slots",
        {"line_id": line.line_id, "fault_ref": fault_ref},
        slots_result(line, fault_ref, slots),
    )
    x.s.update(slots=fmt_slots(x, slots), loc=FAULT_LOC[loc][x.lang])
    x.a("bf_fault_found")
    if variant == "medical":
        x.u("bf_medical")
        transfer(
            x,
            "priority_faults",
            f"Line {line.line_id} carries a telecare / personal alarm; fault "
            f"{fault_ref} needs a priority engineer",
            text=x.say("bf_medical_agent"),
        )
        return
    i = rng.randrange(len(slots))
    x.s["pick"] = pick_words(x, slots, i)
    x.u("bf_pick")
    if variant not in ("recovered",) and rng.random() < 0.3:
        x.s["slot"] = x.slot_words(slots[i])
        x.a("bf_readback")
        x.u("bf_yes")
    if variant == "slot_gone":
        x.call(
            "book_engineer_visit",
            {"line_id": line.line_id, "slot_id": slots[i]["slot_id"], "fault_ref": fault_ref},
            {
                "error": "slot_unavailable",
                "slot_id": slots[i]["slot_id"],
                "message": "slot was taken by another booking",
            },
            error=True,
        )
        gone = (slots[i]["_d"], slots[i]["_w"])
        slots = make_slots(x, exclude=gone)
        x.call(
            "get_engineer_slots",
            {"line_id": line.line_id, "fault_ref": fault_ref},
            slots_result(line, fault_ref, slots),
        )
        x.s["slots"] = fmt_slots(x, slots)
        x.a("bf_slot_gone")
        i = rng.randrange(len(slots))
        x.s["pick"] = pick_words(x, slots, i)
        x.u("bf_pick")
    book_slot, book_line = slots[i], line
    if sub == "slot" or variant == "recovered":
        book_slot = slots[neighbour_slot(rng, slots, i)]
    if sub == "line":
        book_line = home
    visit = _ref(rng, "VIS")
    x.call(
        "book_engineer_visit",
        {"line_id": book_line.line_id, "slot_id": book_slot["slot_id"], "fault_ref": fault_ref},
        booked_result(book_line, book_slot, visit, fault_ref),
    )
    x.s["visit"] = visit
    if variant == "card" or (sub and rng.random() < 0.15):
        return  # the chat client renders the booking card; no text turn
    if variant == "recovered":
        x.s["slot"] = x.slot_words(book_slot)
        x.a("bf_booked")
        x.s["pick"] = pick_words(x, slots, i)
        x.u("bf_rebook_fix")
        visit2 = _ref(rng, "VIS")
        x.call(
            "book_engineer_visit",
            {
                "line_id": line.line_id,
                "slot_id": slots[i]["slot_id"],
                "fault_ref": fault_ref,
                "replaces_visit_id": visit,
            },
            booked_result(line, slots[i], visit2, fault_ref, replaces=visit),
        )
        x.s.update(slot=x.slot_words(slots[i]), visit=visit2)
        x.a("bf_rebook_agent")
        finish(x)
        return
    if sub == "slot":
        if rng.random() < 0.6:
            x.s["slot"] = x.slot_words(slots[i])  # the slot the user asked for, not the one booked
            x.a("bf_booked")
        else:
            x.a("bf_booked_vague")
    else:
        x.s["slot"] = x.slot_words(book_slot)
        x.a("bf_booked")
    finish(x)


# ------------------------------------------------------------------------------------ visit changes
def visit_change(x: Ctx, variant: str) -> None:
    rng, cust = x.rng, x.cust
    line = ensure_bb(rng, cust, x.now.date())
    vday = rng.choice(engineer_days(x.now.date(), 6)[1:])
    vwin = rng.choice(["am", "pm"])
    vid, fault_ref = _ref(rng, "VIS"), _ref(rng, "FLT")
    x.notes["visits"] = [
        {
            "visit_id": vid,
            "line_id": line.line_id,
            "date": vday.isoformat(),
            "window": "08:00-13:00" if vwin == "am" else "13:00-18:00",
            "fault_ref": fault_ref,
            "status": "booked",
        }
    ]
    x.s.update(visit_on=x.visit_on(vday), visit=vid)
    move = variant == "move_ok"
    opening(x, x.say("vc_open_move" if move else "vc_open_cancel"))
    identify(x)
    if variant == "claimed_bg":
        x.a("vc_claimed")
        finish(x)
        return
    if move:
        slots = make_slots(x, exclude=(vday, vwin))
        x.call(
            "get_engineer_slots",
            {"line_id": line.line_id, "fault_ref": fault_ref},
            slots_result(line, fault_ref, slots),
        )
        x.s["slots"] = fmt_slots(x, slots)
        x.a("vc_slots")
        i = rng.randrange(len(slots))
        x.s["pick"] = pick_words(x, slots, i)
        x.u("bf_pick")
        new = _ref(rng, "VIS")
        x.call(
            "book_engineer_visit",
            {
                "line_id": line.line_id,
                "slot_id": slots[i]["slot_id"],
                "fault_ref": fault_ref,
                "replaces_visit_id": vid,
            },
            booked_result(line, slots[i], new, fault_ref, replaces=vid),
        )
        x.s.update(slot=x.slot_words(slots[i]), visit=new)
        x.a("vc_moved")
        finish(x)
        return
    ok = {
        "visit_id": vid,
        "status": "cancelled",
        "cancelled_at": (x.now + timedelta(minutes=2)).isoformat(timespec="seconds"),
    }
    if variant in ("cancel_err", "system_down_bg"):
        x.call(
            "cancel_engineer_visit",
            {"visit_id": vid},
            {"error": "timeout", "message": "field-scheduling did not respond in 20s"},
            error=True,
        )
        if variant == "system_down_bg":
            x.call(
                "cancel_engineer_visit",
                {"visit_id": vid},
                {"error": "service_unavailable", "message": "field-scheduling is in maintenance"},
                error=True,
                text=x.say("vc_err"),
            )
            x.a("system_down")
            x.u(rng.choice(["give_up", "stock_ok"]))
            return
        x.call("cancel_engineer_visit", {"visit_id": vid}, ok, text=x.say("vc_err"))
    else:
        x.call("cancel_engineer_visit", {"visit_id": vid}, ok)
    if variant == "card":
        return
    x.a("vc_cancelled")
    finish(x)


# ------------------------------------------------------------------------------------ bills
def _period(now: datetime) -> date:
    first = now.date().replace(day=1)
    return (first - timedelta(days=1)).replace(day=1)


def bill_dispute(x: Ctx, variant: str) -> None:
    rng, cust = x.rng, x.cust
    today = x.now.date()
    bb = ensure_bb(rng, cust, today)
    if rng.random() < 0.4:
        ensure_mobile(rng, cust, today, "self")
    cap = MARKETS[cust.market]["cap"]
    unit = {"GBP": 5, "EUR": 5, "PLN": 10}[MARKETS[cust.market]["cur"]]
    period = _period(x.now)
    items: list[dict[str, Any]] = [
        {
            "description": f"{PLANS[ln.plan][0]} monthly charge",
            "line_id": ln.line_id,
            "amount": monthly(cust.market, ln.plan),
        }
        for ln in cust.lines
        if not ln.temporary
    ]
    sub = (
        rng.choices(["direct", "cumulative", "mislabel"], weights=[56, 29, 15])[0]
        if variant == "cause"
        else ""
    )
    # goodwill already given in the last 12 months
    if variant == "bd_exhausted":
        gw = cap
    elif sub == "cumulative":
        gw = cap - unit * rng.choice([1, 2])
    elif variant in ("goodwill_ok", "cap_explained") or sub == "direct":
        gw = rng.choice([0, 0, 0, unit])
    else:
        gw = 0
    bill: dict[str, Any] = {
        "account_number": cust.acct,
        "period": period.strftime("%Y-%m"),
        "issued": (period.replace(day=28) + timedelta(days=4)).replace(day=BILL_PERIOD_DAY).isoformat(),
        "currency": MARKETS[cust.market]["cur"],
        "items": items,
        "payments": [],
        "service_interruptions": [],
        "goodwill_credits_last_12m": float(gw),
    }
    price = monthly(cust.market, bb.plan)
    x.s.update(month=MONTH_ALONE[x.lang][period.month - 1], item=PLANS[bb.plan][0])
    outage = (
        variant in ("cap_explained", "bd_exhausted")
        or variant == "cause"
        or (variant == "goodwill_ok" and rng.random() < 0.5)
    )
    fee = variant == "goodwill_ok" and not outage
    if variant in ("dup_ok", "wrong_refusal_bg"):
        dup = {
            "description": f"{PLANS[bb.plan][0]} monthly charge",
            "line_id": bb.line_id,
            "amount": price,
            "flag": "duplicate",
        }
        items.append(dup)
        topic = x.say("bd_open_dup")
    elif outage:
        days = rng.randrange(2, 5) if variant == "goodwill_ok" else rng.randrange(4, 13)
        start = period + timedelta(days=rng.randrange(0, 27 - days))
        ref = _ref(rng, "INC")
        bill["service_interruptions"].append(
            {
                "line_id": bb.line_id,
                "incident": ref,
                "from": start.isoformat(),
                "to": (start + timedelta(days=days)).isoformat(),
                "days": days,
            }
        )
        x.s.update(days=days, ref=ref)
        topic = x.say("bd_open_outage")
    elif fee:
        fee_amt = {"GBP": 5.0, "EUR": 7.5, "PLN": 15.0}[MARKETS[cust.market]["cur"]]
        items.append({"description": "Late payment fee", "amount": fee_amt})
        due = period.replace(day=28) + timedelta(days=10)
        bill["payments"].append(
            {
                "method": "direct_debit",
                "due": due.isoformat(),
                "received": (due - timedelta(days=rng.randrange(0, 2))).isoformat(),
                "amount": round(sum(i["amount"] for i in items[:-1]), 2),
            }
        )
        x.s["fee_item"] = x.money(fee_amt)
        topic = x.say("bd_open_fee")
    else:  # roaming
        ctry = rng.choice(COUNTRIES)
        amt = round(rng.uniform(14, 70), 2)
        mob = ensure_mobile(rng, cust, today, "self")
        d1 = period + timedelta(days=rng.randrange(0, 20))
        d2 = d1 + timedelta(days=rng.randrange(3, 8))
        items.append(
            {
                "description": f"Data roaming — {ctry['tool']}",
                "line_id": mob.line_id,
                "amount": amt,
                "usage": {"from": d1.isoformat(), "to": d2.isoformat(), "mb": rng.randrange(300, 4000)},
                "in_plan_zone": False,
            }
        )
        x.s.update(
            amount_item=x.money_user(amt) if rng.random() < 0.5 else x.money(amt),
            country_in=ctry[x.lang],
            d1=x.day_words(d1),
            d2=x.day_words(d2),
        )
        topic = x.say("bd_open_roam")
    bill["total"] = round(sum(i["amount"] for i in items), 2)
    opening(x, topic)
    identify(x)
    x.call("get_bill", {"account_number": cust.acct, "period": bill["period"]}, bill)

    def credit(amount: float, reason: str, note: str) -> None:
        x.s["amount"] = x.money(amount)
        x.call(
            "apply_credit",
            {"account_number": cust.acct, "amount": amount, "reason": reason, "note": note},
            {
                "credit_id": _ref(rng, "CR"),
                "amount": amount,
                "reason": reason,
                "status": "applied",
                "applies_to": "next_bill",
            },
        )

    room = cap - gw
    if variant == "dup_ok":
        credit(price, "billing_error", f"duplicate {PLANS[bb.plan][0]} charge {bill['period']}")
        x.a("bd_dup_found")
        finish(x)
        return
    if variant == "wrong_refusal_bg":
        x.a("bd_wrong_refusal")
        x.u(rng.choice(["stock_ok", "give_up"]))
        return
    if fee:
        credit(bill["items"][-1]["amount"], "goodwill", "late fee removed; payment received on time")
        x.a("bd_goodwill_ok")
        finish(x)
        return
    if not outage:  # roaming: a correct refusal
        x.a("bd_valid_roam")
        x.u("bd_valid_user")
        finish(x, after_user=True)
        return
    note = f"outage {x.s['ref']}, {x.s['days']} days"
    if variant == "goodwill_ok":
        credit(float(min(room, unit * rng.choice([1, 2]))), "goodwill", note)
        x.a("bd_goodwill_ok")
        finish(x)
        return
    if variant == "bd_exhausted":
        x.a("bd_cap_exhausted")
        if rng.random() < 0.6:
            x.u("bd_cap_yes")
            transfer(x, "billing", f"Goodwill allowance used; customer asks compensation for {note}")
        else:
            x.u("bd_cap_no")
            finish(x, after_user=True)
        return
    if variant == "cap_explained":
        x.a("bd_outage_seen")
        ask = float(rng.choice([v for v in (cap + unit, cap + 2 * unit, round(price), 2 * cap) if v > room]))
        x.s["ask"] = x.money_user(ask)
        x.u("bd_ask_more")
        credit(float(room), "goodwill", note + "; goodwill allowance reached")
        x.a("bd_cap_explain")
        if rng.random() < 0.45:
            x.u("bd_cap_yes")
            transfer(x, "billing", f"Customer asks for more than the goodwill allowance: {note}")
        else:
            x.u("bd_cap_no")
            finish(x, after_user=True)
        return
    # the planted cause
    if sub == "cumulative":
        # fits under the cap on its own, not on top of what was already given this year
        credit(float(unit * ((cap - gw) // unit + rng.choice([1, 2]))), "goodwill", note)
        x.a("bd_goodwill_ok")
        finish(x)
        return
    ask = float(
        rng.choice(
            [v for v in (cap + unit, cap + 2 * unit, round(price), 2 * cap, cap + 3 * unit) if v > room]
        )
    )
    if rng.random() < 0.55:
        x.a("bd_outage_seen")
        x.s["ask"] = x.money_user(ask)
        x.u("bd_ask_more")
    credit(ask, "billing_error" if sub == "mislabel" else "goodwill", note)
    x.a("bd_credit_claim" if rng.random() < 0.7 else "bd_goodwill_ok")
    finish(x)


# ------------------------------------------------------------------------------------ plan changes
def _other_plan(rng: random.Random, ln: Line, *, up: bool | None = None) -> str:
    pool = BB_PLANS if ln.kind == "broadband" else MOB_PLANS
    i = pool.index(ln.plan)
    if up is True and i + 1 < len(pool):
        return rng.choice(pool[i + 1 :])
    return rng.choice([p for p in pool if p != ln.plan])


def _change(x: Ctx, ln: Line, plan: str) -> tuple[str, dict[str, Any], dict[str, Any], bool]:
    eff = _add_months(_period(x.now), 2).replace(day=1)
    x.s["eff"] = x.day_words(eff)
    return (
        "change_plan",
        {"line_id": ln.line_id, "new_plan": plan},
        {
            "line_id": ln.line_id,
            "old_plan": ln.plan,
            "new_plan": plan,
            "status": "scheduled",
            "monthly_price": monthly(x.market, plan),
            "effective_from": eff.isoformat(),
        },
        False,
    )


def _is_up(ln: Line, plan: str) -> bool:
    pool = BB_PLANS if ln.kind == "broadband" else MOB_PLANS
    return pool.index(plan) > pool.index(ln.plan)


def _ask_change(x: Ctx, key: str, up: bool) -> str:
    """A request in the customer's words; 'upgrade' is only said of a move to a bigger plan."""
    pool = P[x.lang][key] if up else [t for t in P[x.lang][key] if "upgrad" not in t.lower()]
    return x.rng.choice(pool).format_map(x.s)


def plan_change(x: Ctx, variant: str) -> None:
    rng, cust = x.rng, x.cust
    today = x.now.date()
    if variant in ("both_ok", "recovered", "cause"):
        if rng.random() < 0.5:
            l1 = ensure_bb(rng, cust, today)
            rel = rng.choice(["self", "self", "daughter", "son", "partner"])
            kind_key = "pc_open_double"
        else:
            l1 = ensure_mobile(rng, cust, today, "self")
            rel = rng.choice(["daughter", "son", "partner"])
            kind_key = "pc_open_double_mob"
        l2 = ensure_mobile(rng, cust, today, rel)
        x.pii[l2.msisdn] = "phone"
        pa, pb = _other_plan(rng, l1, up=rng.random() < 0.7), _other_plan(rng, l2)
        words = RELATIONS[rel][x.lang]
        x.s.update(
            plan_a=PLANS[pa][0],
            plan_b=PLANS[pb][0],
            price=x.money(monthly(x.market, pa)),
            price_b=x.money(monthly(x.market, pb)),
            who_b=words["poss"],
            who_b_agent=words["agent"],
            plan_new=PLANS[pa][0],
        )
        split = rng.random() < 0.35
        if split:
            opening(x, _ask_change(x, "pc_open_single", _is_up(l1, pa)))
            identify(x)
            x.a("pc_confirm_q")
            x.u("pc_part2")
        else:
            opening(x, x.say(kind_key))
            identify(x)
            if rng.random() < 0.6:
                x.a("pc_confirm_q_double")
                x.u("pc_yes")
        c1, c2 = _change(x, l1, pa), _change(x, l2, pb)
        if variant == "both_ok":
            if rng.random() < 0.5:
                x.c.calls([c1, c2])
            else:
                x.call(*c1[:3])
                x.call(*c2[:3])
            x.a("pc_done_both")
            finish(x)
            return
        x.call(*c1[:3])
        x.a("pc_done_both")
        if variant == "recovered":
            x.u("pc_nudge")
            x.call(*c2[:3])
            x.a("pc_nudge_fix")
        finish(x)
        return
    # one line
    if variant == "unavail_ok":
        ln = ensure_bb(rng, cust, today)
        if ln.plan in ("FIBRE_500", "FULL_FIBRE_900"):
            ln.plan = rng.choice(["FIBRE_75", "FIBRE_150"])
        new, alt = "FULL_FIBRE_900", "FIBRE_500"
    else:
        ln = ensure_bb(rng, cust, today) if rng.random() < 0.5 else ensure_mobile(rng, cust, today, "self")
        new, alt = _other_plan(rng, ln, up=rng.random() < 0.6), ""
    x.s.update(plan_new=PLANS[new][0], price=x.money(monthly(x.market, new)))
    if variant == "stock_recovered":
        opening(x, x.say("pc_vague"))
        stock(x)
        x.u(raw=x.say("clarify") + _ask_change(x, "pc_open_single", _is_up(ln, new)))
    else:
        opening(x, _ask_change(x, "pc_open_single", _is_up(ln, new)))
    identify(x)
    if variant == "unavail_ok":
        x.call(
            "change_plan",
            {"line_id": ln.line_id, "new_plan": new},
            {"error": "plan_not_available_at_address", "line_id": ln.line_id, "max_available": alt},
            error=True,
        )
        x.s.update(plan_alt=PLANS[alt][0], price=x.money(monthly(x.market, alt)))
        x.a("pc_unavail")
        x.u("pc_unavail_yes")
        x.call(*_change(x, ln, alt)[:3])
        x.s["plan_new"] = PLANS[alt][0]
        x.a("pc_done_single")
        finish(x)
        return
    if rng.random() < 0.65:
        x.a("pc_confirm_q")
        x.u("pc_yes")
    if variant == "system_down_bg":
        x.call(
            "change_plan",
            {"line_id": ln.line_id, "new_plan": new},
            {"error": "service_unavailable", "message": "billing core timeout"},
            error=True,
        )
        x.a("system_down")
        x.u(rng.choice(["give_up", "stock_ok"]))
        return
    x.call(*_change(x, ln, new)[:3])
    x.a("pc_done_single")
    finish(x)


# ------------------------------------------------------------------------------------ SIMs
def sim_replacement(x: Ctx, variant: str) -> None:
    rng, cust = x.rng, x.cust
    today = x.now.date()
    own = ensure_mobile(rng, cust, today, "self")
    target = own
    esim = variant in ("esim_ok", "esim_err") or (variant == "cause" and rng.random() < 0.25)
    if variant == "stolen":
        topic = x.say("sim_open_stolen")
    elif variant == "recovered":
        rel = rng.choice(["daughter", "son", "partner"])
        target = ensure_mobile(rng, cust, today, rel)
        x.pii[target.msisdn] = "phone"
        x.s.update(
            owner=RELATIONS[rel][x.lang]["owner"],
            who_b=RELATIONS[rel][x.lang]["poss"],
            wrong_num=own.msisdn,
            blast=target.msisdn.replace(" ", "")[-3:],
        )
        topic = x.say("sim_open_for")
    elif esim:
        topic = rng.choice([t for t in P[x.lang]["sim_open_size"] if "esim" in t.lower()])
    else:
        topic = x.say(rng.choice(["sim_open_lost", "sim_open_lost", "sim_open_broken", "sim_open_size"]))
        if "esim" in topic.lower():
            topic = x.say("sim_open_broken")
    opening(x, topic)
    identify(x)
    if variant == "stolen":
        transfer(
            x,
            "security",
            f"Phone stolen; bar {own.line_id} before any SIM swap",
            text=x.say("sim_stolen_transfer"),
        )
        return
    if variant == "loop_bg":
        loop_fail(x)
        return
    prefix = ""
    if variant == "recovered":
        x.a("sim_readback_wrong")
        x.u("sim_correct_user")
        prefix = x.say("sim_correct_ok") + " "
    no_call = variant == "cause" and rng.random() < 0.55
    if not (no_call and rng.random() < 0.45):
        if prefix:
            x.a(raw=prefix.strip())
            prefix = ""
        prefix = verify(x, "email_code")
    x.s.update(addr=cust.address, order=_ref(rng, "SO"), eta=rng.choice([1, 2, 2, 3]))
    if not esim:
        x.a(raw=(prefix + x.say("sim_addr_q")).strip())
        x.u("sim_addr_yes")
        prefix = ""
    sim_type = "esim" if esim else rng.choice(["triple_cut", "nano", "nano"])
    args = {
        "line_id": target.line_id,
        "sim_type": sim_type,
        "deliver_to": cust.email if esim else cust.address,
    }
    ok = (
        {"order_id": x.s["order"], "status": "profile_ready", "qr_sent_to": x.s["email_mask"]}
        if esim
        else {
            "order_id": x.s["order"],
            "status": "dispatched",
            "eta_working_days": x.s["eta"],
            "deliver_to": cust.address,
        }
    )
    if variant == "cause":
        if not no_call:
            err = (
                {
                    "error": "device_not_esim_capable",
                    "device": rng.choice(["Galaxy A12", "iPhone 8", "Moto G8"]),
                }
                if esim
                else rng.choice(
                    [
                        {
                            "error": "address_validation_failed",
                            "message": "delivery address could not be matched",
                        },
                        {"error": "sim_stock_unavailable", "sim_type": sim_type, "warehouse": "MK2"},
                    ]
                )
            )
            x.call("send_sim", args, err, error=True)
        x.a(raw=(prefix + x.say("sim_claimed_esim" if esim else "sim_claimed")).strip())
        finish(x)
        return
    if variant == "err_honest":
        x.call(
            "send_sim",
            args,
            {"error": "fulfilment_timeout", "message": "warehouse API timed out"},
            error=True,
        )
        x.call("send_sim", args, ok, text=(prefix + x.say("sim_err")).strip())
        prefix = ""
    elif variant == "esim_err":
        x.call("send_sim", args, {"error": "device_not_esim_capable", "device": "Galaxy A12"}, error=True)
        x.a(raw=(prefix + x.say("sim_esim_err")).strip())
        x.u("sim_addr_yes")
        prefix, esim = "", False
        args = {"line_id": target.line_id, "sim_type": "nano", "deliver_to": cust.address}
        ok = {
            "order_id": x.s["order"],
            "status": "dispatched",
            "eta_working_days": x.s["eta"],
            "deliver_to": cust.address,
        }
        x.call("send_sim", args, ok)
    else:
        x.call("send_sim", args, ok)
    x.a(raw=(prefix + x.say("sim_esim_sent" if esim else "sim_sent")).strip())
    finish(x)


# ------------------------------------------------------------------------------------ number ports
def number_port(x: Ctx, variant: str) -> None:
    rng, cust = x.rng, x.cust
    today = x.now.date()
    start, term = today - timedelta(days=rng.randrange(1, 10)), rng.choice([12, 24])
    new = Line(
        f"MOB-{rng.randrange(10**6, 10**7)}",
        "mobile",
        rng.choice(MOB_PLANS),
        start,
        term,
        msisdn=_phone(rng, cust.market),
        user=cust.name,
        rel="self",
        temporary=True,
    )
    cust.lines = [ln for ln in cust.lines if not ln.temporary] + [new]
    old = _phone(rng, cust.market)
    x.pii[old] = "phone"
    x.pii[new.msisdn] = "phone"
    donor, donor_gen = rng.choice(MARKETS[cust.market]["donors"])
    pac = f"{code(rng, 3, 'ABCDEFGHJKLMNPQRSTUVWXYZ')}{rng.randrange(10**5, 10**6)}"
    x.s.update(donor=donor, donor_gen=donor_gen, old=old, pac=pac)
    if variant == "stock_recovered":
        opening(x, x.say("np_vague"))
        stock(x)
        x.u(raw=x.say("clarify") + x.say("np_open"))
    else:
        opening(x, x.say("np_open"))
    if variant == "stock_bg":
        stock(x, tail=rng.choice(["", "", " " + x.say("anything_else")]))
        after_stock(x)
        return
    identify(x)
    if variant == "loop_bg":
        loop_fail(x)
        return
    x.a("np_ask_pac")
    if variant == "no_pac":
        x.u("np_no_pac")
        x.a("np_how_pac")
        x.u("np_will_do")
        if rng.random() < 0.4:
            x.a("welcome")
        return
    given = pac
    if variant == "pac_err":
        j = rng.randrange(3, len(pac))
        given = pac[:j] + rng.choice([d for d in "0123456789" if d != pac[j]]) + pac[j + 1 :]
    x.s["pac"] = given
    x.u("np_give_pac")
    prefix = verify(x, "sms_code")
    port_day = engineer_days(today, 2)[-1]
    while port_day.weekday() >= 5:
        port_day += timedelta(days=1)
    ok = {
        "port_id": _ref(rng, "PRT"),
        "status": "scheduled",
        "number": old,
        "line_id": new.line_id,
        "port_date": port_day.isoformat(),
        "donor": donor,
    }
    args = {"line_id": new.line_id, "number": old, "porting_code": given}
    x.s["port_date"] = x.day_words(port_day, weekday=x.lang in ("en", "nl"))
    if variant == "pac_err":
        x.call(
            "port_number",
            args,
            {"error": "porting_code_invalid", "detail": "code does not match number", "donor": donor},
            error=True,
        )
        x.a(raw=(prefix + x.say("np_pac_err")).strip())
        x.s["pac"] = pac
        x.u("np_pac_fix")
        x.call("port_number", {**args, "porting_code": pac}, ok)
        prefix = ""
    else:
        x.call("port_number", args, ok)
    x.a(raw=(prefix + x.say("np_scheduled")).strip())
    finish(x)


# ------------------------------------------------------------------------------------ contracts
def _answer_contract(x: Ctx, t: str, ln: Line, *, wrong: bool = False) -> None:
    c = contract(x.market, ln, x.now.date())
    end = date.fromisoformat(c["minimum_term_end"])
    inside = c["in_minimum_term"]
    if wrong:  # a term read as 12 months instead of 24, or the start date taken as the end
        inside = not inside
        end = ln.start if not inside else end + timedelta(days=365)
    left = max(1, (end.year - x.now.year) * 12 + end.month - x.now.month)
    x.s.update(
        end=x.day_words(end, year=True), left=left, fee=x.money(c["early_termination_charge"] or left * 10)
    )
    if t == "upgrade":
        upg = date.fromisoformat(c["upgrade_eligible_from"])
        if wrong:
            upg = upg + timedelta(days=rng_days(x))
        x.s["upg"] = x.day_words(upg, year=True)
        x.a("cq_ans_upg_yes" if upg <= x.now.date() and not wrong else "cq_ans_upg_no")
        return
    x.a(f"cq_ans_{t}_{'in' if inside else 'out'}")


def rng_days(x: Ctx) -> int:
    return x.rng.choice([120, 180, 240])


def contract_query(x: Ctx, variant: str) -> None:
    rng, cust = x.rng, x.cust
    today = x.now.date()
    t = rng.choices(["end", "fee", "upgrade"], weights=[45, 30, 25])[0]
    if t == "upgrade" or rng.random() < 0.4:
        ln = ensure_mobile(rng, cust, today, "self")
    else:
        ln = ensure_bb(rng, cust, today)
    x.s["kind"] = rng.choice(KIND_WORDS[ln.kind][x.lang])
    topic = x.say(f"cq_open_{t}")
    opening(x, topic)
    if variant == "cause":
        if rng.random() < 0.62:
            identify(x)
        stock(x, tail=rng.choice(["", "", " " + x.say("anything_else")]))
        after_stock(x)
        return
    if variant == "recovered":
        if rng.random() < 0.5:
            identify(x)
        stock(x)
        x.u(raw=x.say("clarify") + x.say(f"cq_open_{t}"))
    identify(x)
    _answer_contract(x, t, ln, wrong=variant == "wrong_bg")
    if variant == "leave_transfer":
        x.u("cq_leave")
        transfer(x, "accounts", f"Customer wants to cancel {ln.line_id}", text=x.say("cq_leave_transfer"))
        return
    finish(x)


# ------------------------------------------------------------------------------------ outages
def outage_check(x: Ctx, variant: str) -> None:
    rng, cust = x.rng, x.cust
    svc = rng.choices(["broadband", "mobile"], weights=[65, 35])[0]
    if svc == "mobile":
        ensure_mobile(rng, cust, x.now.date(), "self")
    topic = x.say("oc_open" if svc == "broadband" else "oc_open_mob")
    if variant == "stock_recovered":
        opening(x, x.say("oc_vague"), ids=False)
        stock(x)
        x.u(raw=x.say("clarify") + topic)
    else:
        opening(x, topic, ids=rng.random() < 0.4)
    if variant == "stock_bg":
        stock(x)
        after_stock(x)
        return
    if not x.said(cust.postcode):
        x.a("oc_ask_pc")
        x.u("oc_give_pc")
    outage = variant in ("yes", "wrong_bg") or (variant == "stock_recovered" and rng.random() < 0.5)
    ref = _ref(rng, "INC")
    fix = (x.now + timedelta(hours=rng.randrange(2, 30))).replace(minute=0, second=0)
    ok_state: dict[str, Any] = {"status": "ok"}
    bad_state: dict[str, Any] = {
        "status": "outage",
        "incident": ref,
        "estimated_fix": fix.isoformat(timespec="minutes"),
        "since": (x.now - timedelta(hours=rng.randrange(1, 9))).isoformat(timespec="minutes"),
    }
    res = {
        "postcode": cust.postcode,
        "area": cust.pc_out,
        "broadband": bad_state if (outage and svc == "broadband") else ok_state,
        "mobile": bad_state if (outage and svc == "mobile") else ok_state,
    }
    x.call("check_network_status", {"postcode": cust.postcode}, res)
    x.s.update(ref=ref, eta=x.eta(fix), svc=SERVICE[svc][x.lang])
    if outage and variant != "wrong_bg":
        x.a("oc_yes")
        finish(x)
        return
    x.a("oc_no" if svc == "broadband" else "oc_no_mob")
    x.u("oc_no_user" if svc == "broadband" else "oc_no_user_mob")
    finish(x, after_user=True)


# ------------------------------------------------------------------------------------ other people, legal
def third_party_or_legal(x: Ctx, variant: str) -> None:
    rng, cust = x.rng, x.cust
    town = rng.choice(MARKETS[cust.market]["towns"])
    x.s.update(
        addr_other=_address(rng, cust.market, town[0], _postcode(rng, cust.market, rng.choice(town[2]))),
        nb_last=rng.choice([ln[0] if isinstance(ln, tuple) else ln for ln in NAMES[cust.market]["last"]]),
    )
    if variant == "bereavement":
        opening(x, x.say("tp_bereave_open"), ids=False)
        transfer(
            x, "bereavement", "Account holder has died; next of kin in chat", text=x.say("tp_bereave_agent")
        )
        return
    legal = rng.random() < 0.45
    opening(x, x.say("tp_open_legal" if legal else "tp_open_other"), ids=rng.random() < 0.3)
    if variant == "bad_bg":
        x.a("tp_bad_legal" if legal else "tp_bad_other")
        finish(x)
        return
    stock(x, tail=x.say("tp_tail_legal" if legal else "tp_tail_other"))
    after_stock(x)


# ---------------------------------------------------------------------------------- the mix of traffic
# intent: (weight, [(variant, weight, failed, cause)])
PLAN: dict[str, tuple[int, list[tuple[str, float, bool, str | None]]]] = {
    "broadband_fault": (
        15,
        [
            ("ok", 36, False, None),
            ("nofault", 12, False, None),
            ("outage", 8, False, None),
            ("recovered", 5, False, None),
            ("slot_gone", 6, False, None),
            ("medical", 5, False, None),
            ("card", 5, False, None),
            ("cause", 21, True, "engineer_booked_wrong_slot"),
            ("loop_bg", 2.5, True, None),
            ("restart_loop_bg", 3, True, None),
        ],
    ),
    "visit_change": (
        8,
        [
            ("cancel_ok", 40, False, None),
            ("move_ok", 30, False, None),
            ("cancel_err", 12, False, None),
            ("card", 12, False, None),
            ("claimed_bg", 3, True, None),
            ("system_down_bg", 3, True, None),
        ],
    ),
    "bill_dispute": (
        13,
        [
            ("dup_ok", 20, False, None),
            ("goodwill_ok", 20, False, None),
            ("cap_explained", 12, False, None),
            ("bd_exhausted", 6, False, None),
            ("roam_valid", 14, False, None),
            ("cause", 26, True, "goodwill_credit_over_cap"),
            ("wrong_refusal_bg", 4, True, None),
        ],
    ),
    "plan_change": (
        12,
        [
            ("single_ok", 30, False, None),
            ("both_ok", 24, False, None),
            ("recovered", 7, False, None),
            ("unavail_ok", 6, False, None),
            ("stock_recovered", 5, False, None),
            ("cause", 24, True, "second_plan_change_dropped"),
            ("system_down_bg", 3, True, None),
        ],
    ),
    "sim_replacement": (
        11,
        [
            ("ok", 34, False, None),
            ("esim_ok", 10, False, None),
            ("err_honest", 10, False, None),
            ("esim_err", 5, False, None),
            ("stolen", 7, False, None),
            ("recovered", 5, False, None),
            ("cause", 27, True, "replacement_sim_claimed_sent"),
            ("loop_bg", 3, True, None),
        ],
    ),
    "number_port": (
        9,
        [
            ("ok", 42, False, None),
            ("no_pac", 24, False, None),
            ("pac_err", 14, False, None),
            ("stock_recovered", 6, False, None),
            ("stock_bg", 4, True, None),
            ("loop_bg", 3, True, None),
        ],
    ),
    "contract_query": (
        11,
        [
            ("ok", 48, False, None),
            ("recovered", 8, False, None),
            ("leave_transfer", 10, False, None),
            ("cause", 27, True, "contract_stock_refusal"),
            ("wrong_bg", 4, True, None),
        ],
    ),
    "outage_check": (
        10,
        [
            ("yes", 40, False, None),
            ("no", 38, False, None),
            ("stock_recovered", 8, False, None),
            ("stock_bg", 5, True, None),
            ("wrong_bg", 3, True, None),
        ],
    ),
    "third_party_or_legal": (
        11,
        [("refusal", 80, False, None), ("bereavement", 12, False, None), ("bad_bg", 7, True, None)],
    ),
}
BUILD = {
    "broadband_fault": broadband_fault,
    "visit_change": visit_change,
    "bill_dispute": bill_dispute,
    "plan_change": plan_change,
    "sim_replacement": sim_replacement,
    "number_port": number_port,
    "contract_query": contract_query,
    "outage_check": outage_check,
    "third_party_or_legal": third_party_or_legal,
}

PII_STYLES = {
    "angle": {
        "phone": "<PHONE_NUMBER>",
        "email": "<EMAIL_ADDRESS>",
        "address": "<ADDRESS>",
        "postcode": "<POSTCODE>",
    },
    "square": {
        "phone": "[REDACTED_PHONE]",
        "email": "[REDACTED_EMAIL]",
        "address": "[REDACTED_ADDRESS]",
        "postcode": "[REDACTED_POSTCODE]",
    },
}


def _scrub_value(v: Any, subs: list[tuple[re.Pattern[str], str]]) -> Any:
    if isinstance(v, str):
        for pat, rep in subs:
            v = pat.sub(rep, v)
        return v
    if isinstance(v, dict):
        return {k: _scrub_value(val, subs) for k, val in v.items()}
    if isinstance(v, list):
        return [_scrub_value(val, subs) for val in v]
    return v


def scrub(x: Ctx, style: str) -> None:
    """What a PII-redacting exporter does: phones, emails, addresses and postcodes become placeholders,
    in what people typed and in tool arguments and results alike."""
    tokens = PII_STYLES[style]
    subs: list[tuple[re.Pattern[str], str]] = []
    for value, kind in sorted(x.pii.items(), key=lambda kv: -len(kv[0])):
        forms = {value, value.replace(" ", "")} if kind == "phone" else {value}
        for f in sorted(forms, key=len, reverse=True):
            subs.append((re.compile(re.escape(f), re.IGNORECASE), tokens[kind]))
    for t in x.c.turns:
        if t.text:
            t.text = _scrub_value(t.text, subs)
        for tc in t.tool_calls:
            tc.arguments = _scrub_value(tc.arguments, subs)
    x.c.metadata["pii_redacted"] = True


def _csat(rng: random.Random, failed: bool) -> int:
    """The post-chat survey: loosely in line with the outcome (people rate the politeness, too)."""
    if failed:
        return rng.choices([1, 2, 3, 4, 5], weights=[28, 24, 20, 18, 10])[0]
    return rng.choices([1, 2, 3, 4, 5], weights=[4, 6, 12, 33, 45])[0]


def build(rng: random.Random, n: int) -> list[Conv]:
    langs = list(LANGS)
    customers: dict[str, list[Customer]] = {lang: [] for lang in langs}
    per_cause: dict[str, int] = {}
    per_intent_lang: dict[tuple[str, str], int] = {}
    convs: list[Conv] = []
    for _ in range(n):
        intent = rng.choices(list(PLAN), weights=[PLAN[i][0] for i in PLAN])[0]
        options = PLAN[intent][1]
        variant, _w, failed, cause = rng.choices(options, weights=[o[1] for o in options])[0]
        lang = rng.choices(langs, weights=[LANGS[g] for g in langs])[0]
        if cause is not None:  # the first few of each cause visit every language
            j = per_cause.get(cause, 0)
            per_cause[cause] = j + 1
            if j < 2 * len(langs):
                lang = langs[j % len(langs)]
        per_intent_lang[(intent, lang)] = per_intent_lang.get((intent, lang), 0) + 1
        market = MARKET_OF[lang]
        mk = MARKETS[market]
        started = when(rng, START, DAYS, tz_offset=mk["tz"])
        local = (started + timedelta(hours=mk["tz"])).replace(tzinfo=None)
        pool = customers[lang]
        if pool and rng.random() < 0.18:  # a returning customer
            cust = rng.choice(pool)
        else:
            cust = make_customer(rng, lang, local.date())
            pool.append(cust)
        c = Conv(hexid(rng, "ses_", 14), cust.uid, started, intent, failed, cause, language=lang)
        c.metadata = {
            "channel": rng.choices(["web", "app", "whatsapp"], weights=[55, 30, 15])[0],
            "market": market,
            "locale": mk["locale"],
            "assistant": "vireo-care",
            "prompt_version": "care-2026.08.3",
        }
        x = new_ctx(rng, c, cust, local)
        BUILD[intent](x, variant)
        if c.metadata["channel"] == "whatsapp":
            scrub(x, "angle")
        elif c.metadata["channel"] == "web" and rng.random() < 0.12:
            scrub(x, "square")
        c.stamp(rng)
        if rng.random() < 0.3:
            c.metadata["csat"] = _csat(rng, failed)
        convs.append(c)
    return convs


def generate(out: Path, seed: int = 7, n: int | None = None) -> Path:
    rng = random.Random(f"{NAME}:{seed}")
    convs = sorted(build(rng, n or DEFAULT_N), key=lambda c: c.started_at)
    malformed: list[tuple[str, int]] = []
    by_week: dict[str, list[dict[str, Any]]] = {}
    for c in convs:
        if c.metadata["channel"] != "web":
            continue
        by_week.setdefault(c.started_at.strftime("%G-W%V"), []).append(
            writers.openai_record(
                c,
                system=SYSTEM_PROMPT.strip() if rng.random() < 0.2 else None,
                message_times=rng.random() < 0.85,
            )
        )
    for k, (week, recs) in enumerate(by_week.items()):
        malformed += writers.write_jsonl(
            out / "exports" / "webchat" / f"care-chat-{week}.jsonl", out, recs, junk=(k + 1) % 2 + 1, rng=rng
        )
    app = [
        writers.anthropic_record(c, system=SYSTEM_PROMPT.strip(), rng=rng)
        for c in convs
        if c.metadata["channel"] == "app"
    ]
    malformed += writers.write_jsonl(
        out / "exports" / "app" / "ada-sessions.jsonl.gz", out, app, gz=True, junk=3, rng=rng
    )
    wa = [writers.openai_record(c, parts=True) for c in convs if c.metadata["channel"] == "whatsapp"]
    writers.write_json_array(out / "exports" / "whatsapp" / "wa-threads-2026-09.json", wa)
    repo.write_config(
        out,
        [{"path": "exports/**/*.jsonl"}, {"path": "exports/**/*.jsonl.gz"}, {"path": "exports/**/*.json"}],
    )
    repo.write_targets(out, SYSTEM_PROMPT, TOOLS)
    repo.write_ground_truth(
        out,
        corpus=NAME,
        description="Broadband and mobile care assistant with tools in en/it/nl/pl (engineer visits, bills "
        "and credits, plan changes, SIMs, ports); polite users who thank the agent whatever happened; silent "
        "tool-use failures (wrong slot or line, goodwill credit over the cap, second plan change dropped, "
        "SIM claimed sent, stock refusal of contract questions) next to required transfers, correct refusals "
        "of third-party and legal questions, honest retried errors and PII-redacted exports.",
        intents=INTENTS,
        causes=CAUSES,
        convs=convs,
        malformed=malformed,
    )
    return out
