"""greeting_support: a SaaS support bot whose users open with a greeting, not with their topic.

Most first messages are "hi", "I need help" or "quick question"; the topic follows after the greeting in
the same message or only in the second user turn. Three of the five planted causes are failed with the
same stock apology, though their topics (SAML SSO, VAT invoices, exports with attachments) have nothing in
common; the other two fail differently (a wrong answer about rate limits, a retention loop on cancelling).
Three export formats, CSV rows interleaved by time as helpdesk exports are, and ~1% broken records.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from . import repo, writers
from .model import Conv
from .noise import UserPool, ascii_slug, code, hexid, roughen, utc, when

NAME = "greeting_support"
DEFAULT_N = 2000
START = utc(2026, 11, 9)
DAYS = 21
PROMPT_SWITCH = START + timedelta(days=10, hours=15)  # v14 -> v15: wording only, no planted effect

STOCK = "I'm sorry, I'm not able to help with that specific request."

INTENTS = {
    "password_reset": "Cannot log in, reset a password, locked account.",
    "sso_setup": "Set up single sign-on (Google, Okta, Azure AD / SAML).",
    "billing_invoice": "Invoices, receipts, VAT and billing details.",
    "plan_change": "Upgrade or downgrade a plan, seat pricing.",
    "cancel_subscription": "Cancel the subscription.",
    "api_rate_limits": "The REST API: keys, limits, 429 errors.",
    "data_export": "Export projects or the whole workspace.",
    "integrations": "Slack, GitHub, Jira and Google Drive integrations.",
    "team_members": "Invite or remove members, roles and permissions.",
    "two_factor": "Two-factor authentication, lost phone, recovery codes.",
    "notifications": "Email and push notifications: too many, or none arriving.",
}

CAUSES = {
    "saml_sso_unsupported_answer": {
        "intent": "sso_setup",
        "mechanism": "stock_non_answer",
        "description": "Questions about SAML SSO with Okta, Azure AD or OneLogin (metadata URL, ACS URL, "
        "attribute mapping) get the stock apology, though the system prompt documents SAML setup.",
    },
    "vat_invoice_unsupported_answer": {
        "intent": "billing_invoice",
        "mechanism": "stock_non_answer",
        "description": "Requests to add a VAT id or company address to invoices, or to reissue one, get "
        "the stock apology, though billing settings support it.",
    },
    "export_attachments_unsupported_answer": {
        "intent": "data_export",
        "mechanism": "stock_non_answer",
        "description": "Asking how to export a workspace including file attachments (full backup) gets "
        "the stock apology, though the prompt documents the full backup export.",
    },
    "rate_limit_outdated_answer": {
        "intent": "api_rate_limits",
        "mechanism": "wrong_answer",
        "description": "For 429 errors the agent quotes an outdated per-minute limit and tells users to "
        "upgrade; the real cause is the 20 requests/second burst limit, so users keep hitting 429s.",
    },
    "cancel_retention_loop": {
        "intent": "cancel_subscription",
        "mechanism": "ignored_request",
        "description": "A user who asks to cancel gets discount, pause and downgrade offers again and "
        "again instead of the cancellation steps.",
    },
}

SYSTEM_PROMPT = f"""
# Tasklane support assistant

You are the support assistant for Tasklane, a project management tool for teams. Answer questions
about the product using the facts below. Be concise and friendly. If you cannot help, say so and offer
to create a ticket for the support team (replies within one business day).

When a request is outside what you can do, answer: "{STOCK}"

## Facts
- Passwords: reset at app.tasklane.io/reset; links expire after 30 minutes. Five wrong attempts lock the
  account for 15 minutes.
- SSO: Google sign-in on all plans. SAML SSO (Okta, Azure AD, OneLogin, any SAML 2.0 IdP) on Business
  and Enterprise: Settings > Security > SAML. ACS URL https://app.tasklane.io/sso/saml/acs, entity id
  tasklane. Attributes: email (required), firstName, lastName.
- Billing: invoices under Settings > Billing > Invoices (PDF). Company name, address and VAT id can be
  set under Settings > Billing > Billing details; they appear on future invoices, and an owner can
  regenerate past invoices from the invoice list.
- Plans: Free (up to 5 members), Team $8/member/month, Business $15/member/month, Enterprise (sales).
  Upgrades apply immediately and are prorated; downgrades at the end of the billing period.
- Cancellation: owners cancel under Settings > Billing > Cancel plan. Data is kept 90 days.

## Policy
- Never promise refunds, credits or discounts; billing disputes go to a ticket.
- Retention: you may mention the pause option once. If the user still wants to cancel, give the steps.
- Never ask for or repeat passwords, full card numbers or recovery codes.
- Account ownership changes and lost two-factor devices need identity verification: create a ticket.
- API: tokens under Settings > API. Limits: 600 requests per minute per token on paid plans, 60 on Free,
  and a burst limit of 20 requests per second on every plan. A 429 response has a Retry-After header.
- Export: Settings > Workspace > Export gives CSV or JSON of projects and tasks. The full backup
  (Settings > Workspace > Backup, owners only) is a ZIP including attachments, emailed within an hour.
- Integrations: Slack, GitHub, Jira, Google Drive under Settings > Integrations.
- Members: admins invite by email under Members; roles Owner, Admin, Member, Guest.
- Two-factor: authenticator apps or SMS; recovery codes under Profile > Security. A lost device without
  recovery codes needs identity verification by the support team (create a ticket).
- Notifications: Profile > Notifications; daily digest or instant; check spam for notify@tasklane.io.
"""

TOOLS: list[dict[str, Any]] = [
    {
        "name": "search_help_center",
        "description": "Search Tasklane help-center articles.",
        "parameters": {"query": "string"},
    },
    {
        "name": "create_ticket",
        "description": "Open a ticket for the human support team.",
        "parameters": {"email": "string", "summary": "string", "priority": "low | normal | high"},
    },
]

# ------------------------------------------------------------------------------------------ openings
GREETINGS = [
    "hi",
    "Hi",
    "hello",
    "Hello!",
    "hey",
    "hey there",
    "Hi there",
    "good morning",
    "Good afternoon",
    "hiya",
    "Hello, I need help",
    "hi, I need some help",
    "I need help",
    "help",
    "quick question",
    "Hi, quick question",
    "hey quick q",
    "Hello team",
    "hi, can someone help me?",
    "Hi, is anyone there?",
    "Hello, I have a question",
    "hi :)",
    "Good morning, hope you're well",
    "hello? anyone?",
    "Hey! Hope you can help",
    "hi support",
]
GREETING_JOINERS = [" ", ", ", ". ", "! ", " - ", "... ", "\n"]
AGENT_HELLO = [
    "Hi! How can I help you today?",
    "Hello! What can I help you with?",
    "Hi there 👋 What can I do for you?",
    "Hello! Sure, what's your question?",
    "Hi! I'm the Tasklane assistant. How can I help?",
]

# ---------------------------------------------------------------------------------------------- words
EMAIL_DOMAINS = [
    "acme.io",
    "northwind.com",
    "globex.co",
    "initech.dev",
    "umbrella-labs.com",
    "hooli.xyz",
    "gmail.com",
    "outlook.com",
    "brightside.agency",
    "kettle.studio",
]


@dataclass
class Slots:
    email: str
    ws: str
    inv: str
    idp: str
    tool: str
    n: int
    plan: str
    vat: str
    company: str

    def fill(self, text: str) -> str:
        return text.format(**self.__dict__)


def _slots(rng: random.Random, first: str, last: str) -> Slots:
    dom = rng.choice(EMAIL_DOMAINS)
    company = dom.split(".")[0].replace("-", " ").title()
    return Slots(
        email=f"{ascii_slug(first)}.{ascii_slug(last)}@{dom}"
        if rng.random() < 0.7
        else f"{ascii_slug(first)}@{dom}",
        ws=f"ws_{code(rng, 8, 'abcdefghijklmnopqrstuvwxyz0123456789')}",
        inv=f"INV-2026-{rng.randrange(1000, 99999):05d}",
        idp=rng.choice(["Okta", "Okta", "Azure AD", "Entra ID", "OneLogin"]),
        tool=rng.choice(["Slack", "GitHub", "Jira", "Google Drive"]),
        n=rng.choice([3, 4, 6, 8, 12, 15, 25, 40]),
        plan=rng.choice(["Team", "Business"]),
        vat=rng.choice(["DE", "FR", "NL", "IE", "ES"]) + str(rng.randrange(100000000, 999999999)),
        company=company,
    )


# intent -> list of (ask variants, agent answer, optional follow-up (user, agent))
HEALTHY: dict[str, list[tuple[list[str], str, tuple[str, str] | None]]] = {
    "password_reset": [
        (
            [
                "I forgot my password",
                "can't log in, forgot my password",
                "how do I reset my password?",
                "I need to reset my password for {email}",
                "password reset link isn't working, it says expired",
                "My reset link expired before I clicked it. Can I get a new one?",
            ],
            "You can request a new reset link at app.tasklane.io/reset. Links expire after 30 minutes, so "
            "use it "
            "right away. If the email doesn't arrive, check your spam folder for notify@tasklane.io.",
            ("got it, the new link worked", "Great, glad you're back in!"),
        ),
        (
            [
                "my account is locked",
                "It says my account is locked after too many attempts??",
                "locked out of my account {email}, help",
                "I typed the wrong password a few times and now it's locked",
            ],
            "After five wrong attempts the account is locked for 15 minutes for security. Wait 15 minutes "
            "and "
            "then sign in again, or reset your password at app.tasklane.io/reset.",
            None,
        ),
    ],
    "sso_setup": [
        (
            [
                "how do I turn on Google sign-in for my team?",
                "can we log in with Google accounts?",
                "Is Google SSO available on the Team plan?",
                "want everyone on {ws} to sign in with google",
            ],
            "Yes, Google sign-in works on every plan. Members can choose 'Continue with Google' on the "
            "login page; "
            "as an admin you can require it under Settings > Security > Sign-in methods.",
            ("and can I force it for everyone?", "Yes: enable 'Require Google sign-in' in the same place."),
        ),
    ],
    "billing_invoice": [
        (
            [
                "where can I download my invoices?",
                "I need last month's invoice as a PDF",
                "how do I get a receipt for invoice {inv}?",
                "where do I find invoices in the app",
                "my accountant needs all invoices from this year",
            ],
            "You'll find every invoice under Settings > Billing > Invoices, with a PDF download for each "
            "one.",
            ("found it, thanks", "Perfect!"),
        ),
        (
            [
                "how do I update my credit card?",
                "my card expired, how do I change it",
                "need to change the payment method on {ws}",
            ],
            "Go to Settings > Billing > Payment method and click 'Update card'. The new card is used from "
            "the "
            "next charge.",
            None,
        ),
    ],
    "plan_change": [
        (
            [
                "how much is the Business plan for {n} people?",
                "what's the price difference between Team and Business?",
                "I want to upgrade to Business",
                "if I upgrade mid-month do I pay the full month?",
                "can I downgrade from Business to Team?",
                "we need to add {n} seats, what will it cost",
            ],
            "Team is $8 and Business is $15 per member per month. Upgrades apply immediately and are "
            "prorated for "
            "the rest of the period; downgrades take effect at the end of the billing period.",
            ("ok makes sense", "Let me know if you'd like help with anything else!"),
        ),
    ],
    "cancel_subscription": [
        (
            [
                "I want to cancel my subscription",
                "how do I cancel?",
                "please cancel our plan for {ws}",
                "we're moving to another tool, how do we cancel",
                "Cancel my account please",
                "I'd like to stop my subscription at the end of the month",
            ],
            "I'm sorry to see you go! If it helps, you can also pause the workspace for up to 3 months. To "
            "cancel, "
            "the owner goes to Settings > Billing > Cancel plan; your data is kept for 90 days.",
            (
                "no pause needed, I'll cancel. thanks",
                "Understood. The plan stays active until the end of the current period.",
            ),
        ),
    ],
    "api_rate_limits": [
        (
            [
                "where do I create an API token?",
                "how do I get an API key",
                "does the API support pagination?",
                "is there an API endpoint for creating tasks?",
                "how do I authenticate against your API",
            ],
            "API tokens are under Settings > API; send the token as a Bearer token in the Authorization "
            "header. "
            "List endpoints are paginated with a `cursor` parameter; see developers.tasklane.io.",
            None,
        ),
    ],
    "data_export": [
        (
            [
                "how do I export my projects to CSV?",
                "can I export all tasks to excel?",
                "I need a JSON export of one project",
                "export tasks from {ws}",
                "is there a way to download everything as a spreadsheet",
            ],
            "Go to Settings > Workspace > Export and choose CSV or JSON. You can export all projects or pick "
            "specific ones; the file downloads right away.",
            (
                "does it include comments?",
                "Yes, comments are included as a column in CSV and a field in JSON.",
            ),
        ),
    ],
    "integrations": [
        (
            [
                "how do I connect Slack?",
                "can I link GitHub pull requests to tasks?",
                "is there a Jira integration?",
                "how do I hook up {tool}",
                "we want {tool} notifications for our project",
                "the {tool} integration disconnected, how do I reconnect",
            ],
            "Go to Settings > Integrations, pick {tool} and click Connect; you'll be asked to authorize "
            "Tasklane. "
            "If it disconnected, click Reconnect in the same place.",
            ("done, it works now!", "Great!"),
        ),
    ],
    "team_members": [
        (
            [
                "how do I invite someone?",
                "need to add {n} people to our workspace",
                "how do I remove a member",
                "can I make someone an admin?",
                "what's the difference between Member and Guest?",
                "I want to invite a freelancer who should only see one project",
            ],
            "Admins can invite by email under Members > Invite and choose a role: Owner, Admin, Member or "
            "Guest. "
            "Guests only see the projects they're added to.",
            None,
        ),
    ],
    "two_factor": [
        (
            [
                "how do I enable 2FA?",
                "can I use Google Authenticator?",
                "where are my recovery codes?",
                "I got a new phone, how do I move my 2FA",
                "want to turn on two factor for my account",
            ],
            "Two-factor is under Profile > Security: you can use an authenticator app or SMS. Your "
            "recovery codes "
            "are on the same page; keep them somewhere safe.",
            ("ok set up, thanks", "You're welcome!"),
        ),
    ],
    "notifications": [
        (
            [
                "I'm getting way too many emails",
                "how do I stop notification emails?",
                "not receiving any notifications",
                "can I get a daily summary instead of every update?",
                "emails from you go to spam",
            ],
            "You can choose instant emails or a daily digest under Profile > Notifications, per project. If "
            "nothing arrives, check spam and add notify@tasklane.io to your contacts.",
            None,
        ),
    ],
}

CAUSE_ASKS = {
    "saml_sso_unsupported_answer": [
        "how do I set up SAML SSO with {idp}?",
        "we're trying to connect {idp} to Tasklane, what's the ACS URL?",
        "need the SAML metadata / entity id for our {idp} setup",
        "Our IT wants to enforce {idp} login for everyone in {ws}. How?",
        "what attributes do you need in the SAML assertion? {idp} is asking",
        "Configuring SSO in {idp}. Which reply URL should I use?",
        "Can we use {idp} as our identity provider? We're on Business.",
        "saml setup {idp} - getting 'invalid audience' error. what should the entity ID be",
        "we bought Business for SSO. where do I configure {idp}?",
    ],
    "vat_invoice_unsupported_answer": [
        "I need our VAT number on the invoices. It's {vat}",
        "can you add our company VAT id to invoice {inv}?",
        "our finance team rejected invoice {inv} because it has no company address",
        "how do I put {company}'s billing address on invoices?",
        "Need the invoice reissued with VAT ID {vat}, we're an EU company",
        "Hi, invoices show my personal name, they need to say {company} Ltd. Can you fix that?",
        "where do I enter a tax id so it shows on the invoice?",
        "Could you regenerate last month's invoice with our VAT number? Accounting needs it by Friday",
    ],
    "export_attachments_unsupported_answer": [
        "how do I export everything including the attached files?",
        "I need a full backup of {ws} with all attachments",
        "the CSV export doesn't contain the files people uploaded. how do I get those?",
        "can I download all attachments from our workspace at once?",
        "we're leaving and need ALL our data including PDFs and images attached to tasks",
        "Is there a complete backup export? Legal wants a copy of everything incl. documents",
        "export workspace with attachments zip?",
    ],
    "rate_limit_outdated_answer": [
        "I keep getting 429 Too Many Requests from the API",
        "our integration is hitting rate limits, what are the limits exactly?",
        "getting HTTP 429 when syncing tasks, even though we only send a few hundred requests",
        "Why am I rate limited? We're on {plan}.",
        "API returns 429 after like 20 calls in a loop",
        "what is the API rate limit? our script keeps failing with 429",
        'getting this from the API:\n{{"error": "rate_limited", "status": 429}}\nwhat does it mean?',
    ],
    "cancel_retention_loop": [
        "I want to cancel my subscription",
        "please cancel our subscription, we don't use it anymore",
        "how do I cancel? we're moving to another tool",
        "Cancel my plan for {ws}",
        "I'd like to cancel before the next renewal",
        "we need to cancel, budget cuts",
        "cancel subscription",
    ],
}

SAML_REPHRASE = [
    "I mean SAML, not Google sign-in. With {idp}.",
    "it's in the docs that you support SAML? I just need the ACS URL",
    "Sorry, let me rephrase: where in Tasklane do I configure a SAML identity provider?",
    "we are on Business, SSO is supposed to be included. how do I set it up with {idp}",
    "so how do I connect {idp}??",
]
VAT_REPHRASE = [
    "It's a legal requirement for us. How do I add the VAT number?",
    "I just need the company name and VAT id on the invoice, is that possible?",
    "Can I at least edit the billing details myself somewhere?",
    "ok let me ask differently: where are the billing details settings?",
]
EXPORT_REPHRASE = [
    "I don't mean the CSV, I mean the actual files.",
    "So there's no way to get the attachments out??",
    "Is there a backup feature? Something that includes the uploaded files?",
    "ok, how do I download the files attached to tasks then",
]
GIVE_UP = [
    "ok never mind",
    "forget it",
    "never mind, I'll figure it out myself",
    "ok.",
    "ok thanks anyway",
    "this is useless",
    "ugh, ok",
    "Alright, I'll look elsewhere.",
    "that doesn't help at all",
    "fine",
    "ok I'll email support then",
]
ESCALATE = [
    "can I talk to a human please?",
    "I'd like to speak to a real person",
    "is there someone from your team I can talk to?",
    "please connect me with a support agent",
    "Can you open a ticket for this?",
    "agent please",
    "I need a human, this bot isn't helping",
]
THANKS = [
    "thanks!",
    "Thank you!",
    "great, thanks",
    "perfect, thank you so much",
    "thx",
    "ty",
    "awesome, that worked",
    "cool, thanks for the help",
    "that's all, thank you",
    "Thanks, have a nice day",
    "👍",
    "ok got it",
]


def _stock_variant(rng: random.Random) -> str:
    tail = rng.choice(
        [
            "",
            "",
            " Is there anything else I can help you with?",
            " You can find more information in our Help Center at help.tasklane.io.",
        ]
    )
    return STOCK + tail


@dataclass
class Ctx:
    c: Conv
    rng: random.Random
    s: Slots
    style: float  # how sloppy this user types

    def u(self, text: str) -> None:
        self.c.user(roughen(self.rng, self.s.fill(text), sloppy=self.style))

    def a(self, text: str) -> None:
        self.c.agent(self.s.fill(text))


ASK_PREFIX = [
    "We're a team of {n}. ",
    "I'm the admin of {ws}. ",
    "Our IT guy asked me to find out: ",
    "So, ",
    "Not sure if this is the right place, but ",
    "My boss is asking. ",
    "Quick one: ",
    "I searched the help center and couldn't find it. ",
    "Probably a silly question, ",
    "Using Tasklane for {company}. ",
]
ASK_SUFFIX = [
    " Thanks in advance!",
    " it's kind of urgent",
    " My email is {email}.",
    " (workspace {ws})",
    " thanks",
    "?",
    " Any idea?",
    " We're on the {plan} plan.",
    " I'm on mobile btw",
    " cheers",
]
ANSWER_PREFIX = [
    "",
    "",
    "",
    "Sure! ",
    "Good question. ",
    "Happy to help. ",
    "Of course. ",
    "Thanks for reaching out! ",
]
ANSWER_SUFFIX = ["", "", "", " Let me know if that helps!", " Anything else I can do?", " Hope that helps!"]


def _dress(rng: random.Random, ask: str) -> str:
    """Real questions come wrapped in context and sign-offs that have nothing to do with the topic."""
    if rng.random() < 0.3:
        ask = rng.choice(ASK_PREFIX) + (ask[0].lower() + ask[1:] if rng.random() < 0.5 else ask)
    if rng.random() < 0.3:
        ask = ask.rstrip("?.!") + rng.choice(ASK_SUFFIX)
    return ask


def _answer(rng: random.Random, text: str) -> str:
    return rng.choice(ANSWER_PREFIX) + text + rng.choice(ANSWER_SUFFIX)


def _open(x: Ctx, topic: str) -> None:
    """Greeting first: alone (topic in the next user turn), glued before the topic, or no greeting."""
    rng = x.rng
    topic = _dress(rng, topic)
    r = rng.random()
    if r < 0.45:
        x.u(rng.choice(GREETINGS))
        if rng.random() < 0.12:  # double-texting before the agent answered
            x.u(topic)
            return
        x.a(rng.choice(AGENT_HELLO))
        x.u(topic)
    elif r < 0.82:
        g = rng.choice(GREETINGS)
        x.u(g + rng.choice(GREETING_JOINERS) + topic)
    else:
        x.u(topic)


def _close(x: Ctx, *, p_thanks: float = 0.65) -> None:
    rng = x.rng
    if rng.random() < p_thanks:
        x.u(rng.choice(THANKS))
        if rng.random() < 0.4:
            x.a(rng.choice(["You're welcome!", "Happy to help!", "Anytime! Have a great day."]))


def healthy(x: Ctx, intent: str) -> None:
    rng = x.rng
    asks, answer, follow = rng.choice(HEALTHY[intent])
    ask = rng.choice(asks)
    if rng.random() < 0.15:
        ask = (
            rng.choice(
                [
                    "this is so frustrating, ",
                    "I've been trying for an hour. ",
                    "asked this yesterday and got no reply... ",
                    "Sorry if this is a dumb question but ",
                ]
            )
            + ask
        )
    _open(x, ask)
    if rng.random() < 0.2:
        x.a(
            rng.choice(
                ["Sure! Which workspace is this about?", "Happy to help. Are you an admin of the workspace?"]
            )
        )
        x.u(rng.choice(["{ws}", "yes I'm the admin", "it's {ws}, I'm the owner", "the one for {company}"]))
    x.a(_answer(rng, answer))
    if follow and rng.random() < 0.5:
        x.u(follow[0])
        x.a(follow[1])
    _close(x)


def recovered_after_stock(x: Ctx, intent: str) -> None:
    """A misread first question, an apology, a clearer question, a good answer: a success that looks bad."""
    rng = x.rng
    asks, answer, _ = rng.choice(HEALTHY[intent])
    _open(
        x,
        rng.choice(
            [
                "question about my account settings",
                "something is weird with my workspace",
                "need help with a setting",
                "can you check something for me",
            ]
        ),
    )
    x.a(_stock_variant(rng))
    x.u("sorry, to be clearer: " + rng.choice(asks))
    x.a(_answer(rng, answer))
    _close(x, p_thanks=0.85)


def stock_cause(x: Ctx, cause: str) -> None:
    rng = x.rng
    _open(x, rng.choice(CAUSE_ASKS[cause]))
    x.a(_stock_variant(rng))
    rephrase = {
        "saml_sso_unsupported_answer": SAML_REPHRASE,
        "vat_invoice_unsupported_answer": VAT_REPHRASE,
        "export_attachments_unsupported_answer": EXPORT_REPHRASE,
    }[cause]
    r = rng.random()
    if r < 0.55:
        x.u(rng.choice(rephrase))
        x.a(_stock_variant(rng) if rng.random() < 0.7 else STOCK + " Please check our documentation.")
        if rng.random() < 0.5:
            x.u(rng.choice(ESCALATE))
            x.a(
                "I've created a ticket for our support team; they'll reply to {email} within one business "
                "day."
            )
            if rng.random() < 0.5:
                x.u(rng.choice(["ok", "fine.", "thanks I guess", "one business day?? ok"]))
        elif rng.random() < 0.7:
            x.u(rng.choice(GIVE_UP))
    elif r < 0.8:
        x.u(rng.choice(ESCALATE))
        x.a("I've created a ticket for our support team; they'll reply to {email} within one business day.")
        if rng.random() < 0.4:
            x.u(rng.choice(["thanks", "ok"]))
    elif r < 0.92:
        x.u(rng.choice(GIVE_UP))
    # else: the user leaves without a word


RATE_WRONG = [
    "The API allows 100 requests per minute per workspace. If you need more, upgrading to {up} raises the "
    "limit to 1,000 requests per minute.",
    "Rate limits depend on your plan: 100 requests/minute on Team and 1,000 on Business. Upgrading should "
    "resolve the 429 errors.",
    "A 429 means you've exceeded your plan's limit of 100 requests per minute. I'd recommend upgrading to "
    "{up} for a higher limit.",
]
RATE_PUSHBACK = [
    "we're already on {plan} and only send about 300 a minute",
    "That can't be it, we're nowhere near 100/min. It fails in bursts",
    "still getting 429s even after upgrading yesterday",
    "I upgraded and it's still the same error",
    "but the errors come after ~20 requests in one second, not per minute",
    "we're on Business already. still 429",
]
RATE_AGAIN = [
    "I'm sorry for the trouble. The limit is per minute, so please make sure you stay under it or upgrade to "
    "a higher plan.",
    "Please try spreading your requests over the minute. If it persists, upgrading is the best option.",
    "I understand. Unfortunately the only way to raise the limit is a plan upgrade.",
]


def rate_cause(x: Ctx) -> None:
    rng = x.rng
    _open(x, rng.choice(CAUSE_ASKS["rate_limit_outdated_answer"]))
    if rng.random() < 0.3:
        x.a("Which plan is your workspace on?")
        x.u(rng.choice(["{plan}", "we're on {plan}", "{plan} plan, workspace {ws}"]))
    up = "Enterprise" if x.s.plan == "Business" else "Business"
    x.a(_answer(rng, rng.choice(RATE_WRONG).replace("{up}", up)))
    r = rng.random()
    if r < 0.75:
        x.u(rng.choice(RATE_PUSHBACK))
        x.a(rng.choice(RATE_AGAIN))
        rr = rng.random()
        if rr < 0.35:
            x.u(
                rng.choice(
                    [
                        "this doesn't help. still the same error",
                        "you're not listening. it's per second!",
                        "ok this is going nowhere",
                        "still the same 429, nothing changed",
                    ]
                )
            )
        elif rr < 0.6:
            x.u(rng.choice(ESCALATE))
            x.a(
                "I've created a ticket for our support team; they'll reply to {email} within one business "
                "day."
            )
        elif rr < 0.8:
            x.u(rng.choice(["ok I'll try that, thanks", "alright thanks", "ok"]))
    elif r < 0.9:
        x.u(
            rng.choice(["ok I'll ask my manager about upgrading, thanks", "thanks, will look into upgrading"])
        )


RETENTION = [
    "Before you go: we'd love to keep you! I can offer 30% off your next 3 months. Would you like that?",
    "I'm sorry to hear that! Did you know you can pause your workspace for up to 3 months instead of "
    "cancelling? Your data stays exactly as it is.",
    "We'd hate to see you go. Many teams in your situation switch to the Free plan instead, which keeps "
    "up to 5 members. Would that work for you?",
    "Can I ask what made you decide to cancel? If it's the price, I can apply a 30% discount right away.",
]
RETENTION_PUSH = [
    "no thanks, I just want to cancel",
    "No. Please just cancel it.",
    "I said cancel. how do I cancel",
    "not interested, cancel please",
    "I don't want a discount, I want to cancel",
    "just tell me how to cancel!!",
    "we're not pausing, we're leaving. cancel",
]


def retention_cause(x: Ctx) -> None:
    rng = x.rng
    _open(x, rng.choice(CAUSE_ASKS["cancel_retention_loop"]))
    offers = rng.sample(RETENTION, 3)
    x.a(offers[0])
    x.u(rng.choice(RETENTION_PUSH))
    x.a(offers[1])
    r = rng.random()
    if r < 0.5:
        x.u(rng.choice(RETENTION_PUSH).upper() if rng.random() < 0.3 else rng.choice(RETENTION_PUSH))
        x.a(offers[2])
        x.u(
            rng.choice(
                [
                    "I'll just dispute the charge with my bank then.",
                    "unbelievable. forget it",
                    "ok I'll remove my card and be done with it",
                    "are you even listening?",
                    "can I talk to a human please?",
                    "whatever",
                ]
            )
        )
    elif r < 0.8:
        x.u(rng.choice(ESCALATE))
        x.a("I've created a ticket for our support team; they'll reply to {email} within one business day.")
    # else: the user leaves


BACKGROUND_FAIL = [
    "I'm not sure I understand. Could you tell me more about what you're trying to do?",
    "Please refer to our documentation at help.tasklane.io for details.",
    STOCK,
]


def background_fail(x: Ctx, intent: str) -> None:
    rng = x.rng
    asks, _answer, _ = rng.choice(HEALTHY[intent])
    _open(x, rng.choice(asks))
    x.a(rng.choice(BACKGROUND_FAIL))
    r = rng.random()
    if r < 0.4:
        x.u(rng.choice(GIVE_UP))
    elif r < 0.7:
        x.u(rng.choice(ESCALATE))
        x.a("I've created a ticket for our support team; they'll reply to {email} within one business day.")


# intent -> (weight, p_cause, cause)
MIX: dict[str, tuple[int, float, str | None]] = {
    "password_reset": (13, 0.0, None),
    "sso_setup": (8, 0.55, "saml_sso_unsupported_answer"),
    "billing_invoice": (11, 0.35, "vat_invoice_unsupported_answer"),
    "plan_change": (9, 0.0, None),
    "cancel_subscription": (7, 0.45, "cancel_retention_loop"),
    "api_rate_limits": (8, 0.5, "rate_limit_outdated_answer"),
    "data_export": (8, 0.4, "export_attachments_unsupported_answer"),
    "integrations": (10, 0.0, None),
    "team_members": (10, 0.0, None),
    "two_factor": (8, 0.0, None),
    "notifications": (8, 0.0, None),
}
P_BACKGROUND = 0.04
P_RECOVERED = 0.03


def _user_id(rng: random.Random, first: str, last: str) -> str:
    return hexid(rng, "usr_", 10) if rng.random() < 0.8 else f"{ascii_slug(first)}.{ascii_slug(last)}"


def build(rng: random.Random, n: int) -> list[Conv]:
    users = UserPool(rng, _user_id, fresh=0.75)
    slots_of: dict[str, Slots] = {}
    convs: list[Conv] = []
    names = list(MIX)
    for _ in range(n):
        intent = rng.choices(names, weights=[MIX[i][0] for i in names])[0]
        _w, p_cause, cause = MIX[intent]
        uid, first, last = users.next()
        s = slots_of.setdefault(uid, _slots(rng, first, last))
        started = when(rng, START, DAYS, tz_offset=rng.choice([-8, -5, 0, 1, 2]))
        c = Conv(
            hexid(rng, "", 8) + "-" + hexid(rng, "", 4) + "-" + hexid(rng, "", 12),
            uid,
            started,
            intent,
            False,
            None,
        )
        c.metadata = {
            "channel": rng.choices(["widget", "in_app", "email"], weights=[60, 30, 10])[0],
            "prompt_version": "support-v14" if started < PROMPT_SWITCH else "support-v15",
            "plan": s.plan if rng.random() < 0.8 else "Free",
        }
        x = Ctx(c, rng, s, style=rng.choice([0.05, 0.2, 0.35, 0.6]))
        r = rng.random()
        if cause and r < p_cause:
            c.failed, c.cause = True, cause
            if cause == "rate_limit_outdated_answer":
                rate_cause(x)
            elif cause == "cancel_retention_loop":
                retention_cause(x)
            else:
                stock_cause(x, cause)
        elif r > 1 - P_BACKGROUND:
            c.failed = True
            background_fail(x, intent)
        elif r > 1 - P_BACKGROUND - P_RECOVERED:
            recovered_after_stock(x, intent)
        else:
            healthy(x, intent)
        if len(c.turns) < 2:
            x.a(rng.choice(AGENT_HELLO))
        c.stamp(rng)
        if rng.random() < 0.22:
            if c.failed:
                score = rng.choices([1, 2, 3, 4], weights=[45, 30, 15, 10])[0]
            else:
                score = rng.choices([2, 3, 4, 5], weights=[4, 10, 30, 56])[0]
            c.feedback = (
                {"csat": score}
                if rng.random() < 0.6
                else {"rating": "thumbs_up" if score >= 4 else "thumbs_down"}
            )
        convs.append(c)
    return convs


def generate(out: Path, seed: int = 7, n: int | None = None) -> Path:
    rng = random.Random(f"{NAME}:{seed}")
    convs = sorted(build(rng, n or DEFAULT_N), key=lambda c: c.started_at)
    fmt = {c.id: rng.choices(["openai", "anthropic", "csv"], weights=[45, 30, 25])[0] for c in convs}
    malformed: list[tuple[str, int]] = []
    junk = max(1, round(len(convs) * 0.01 / 3))
    oa = [
        writers.openai_record(c, parts=c.metadata["channel"] == "in_app")
        for c in convs
        if fmt[c.id] == "openai"
    ]
    weeks = [START + timedelta(days=7 * k) for k in range(4)]
    for k in range(3):
        lo, hi = weeks[k], weeks[k + 1]
        part = [
            r
            for r, c in zip(oa, [c for c in convs if fmt[c.id] == "openai"], strict=True)
            if (k == 0 or lo <= c.started_at) and (k == 2 or c.started_at < hi)
        ]
        malformed += writers.write_jsonl(
            out / "exports" / "widget" / f"chats-{lo:%Y-%m-%d}.jsonl",
            out,
            part,
            junk=junk // 2 + (k == 0),
            rng=rng,
        )
    an = [
        writers.anthropic_record(c, system=SYSTEM_PROMPT.strip(), rng=rng)
        for c in convs
        if fmt[c.id] == "anthropic"
    ]
    malformed += writers.write_jsonl(
        out / "exports" / "assistant-api" / "messages.jsonl.gz", out, an, gz=True, junk=junk, rng=rng
    )
    malformed += writers.write_csv(
        out / "exports" / "helpdesk" / "transcripts.csv",
        out,
        [c for c in convs if fmt[c.id] == "csv"],
        extra=("channel", "prompt_version"),
        junk=junk,
        rng=rng,
        order=lambda rows: sorted(rows, key=lambda row: row[1]),
    )
    repo.write_config(
        out,
        [
            {"path": "exports/**/*.jsonl"},
            {"path": "exports/**/*.jsonl.gz"},
            {"path": "exports/**/*.csv", "format": "csv"},
        ],
    )
    repo.write_targets(out, SYSTEM_PROMPT, TOOLS)
    repo.write_ground_truth(
        out,
        corpus=NAME,
        description="SaaS support bot; greetings before the topic; one stock apology shared by three "
        "unrelated causes; OpenAI JSONL, gzipped Anthropic JSONL and time-ordered CSV.",
        intents=INTENTS,
        causes=CAUSES,
        convs=convs,
        malformed=malformed,
    )
    return out
