"""Redaction removes planted personal data and secrets, and leaves ordinary support text alone."""

from __future__ import annotations

import pytest

from agentmend.conversations.redact import luhn_ok, redact, redactor
from agentmend.repo_config import parse_config


@pytest.mark.parametrize(
    ("text", "planted", "placeholder"),
    [
        (
            "Please email me at jane.doe+billing@example.co.uk when it ships.",
            "jane.doe+billing@example.co.uk",
            "[EMAIL]",
        ),
        ("My card 4111 1111 1111 1111 was charged twice", "4111 1111 1111 1111", "[CARD]"),
        ("card number 5500-0000-0000-0004, exp 04/27", "5500-0000-0000-0004", "[CARD]"),
        ("Amex 378282246310005 declined", "378282246310005", "[CARD]"),
        ("Call me on +44 20 7946 0958 after 5pm", "+44 20 7946 0958", "[PHONE]"),
        ("my number is (415) 555-0132.", "(415) 555-0132", "[PHONE]"),
        ("reach me at 415-555-0132 or 415.555.0199", "415-555-0132", "[PHONE]"),
        ("phone: +14155550132", "+14155550132", "[PHONE]"),
        ("text me at 4155550132 please", "4155550132", "[PHONE]"),
        (
            "Here is my key sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 does it work",
            "sk-ant-api03",
            "[SECRET]",
        ),
        ("OPENAI_API_KEY=sk-proj-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c", "sk-proj-4f9a", "[SECRET]"),
        ("token ghp_16C7e42F292c6912E7710c838347Ae178B4a in the config", "ghp_16C7e42F", "[SECRET]"),
        ("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "github_pat_11ABC", "[SECRET]"),
        ("slack bot xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp", "xoxb-1234", "[SECRET]"),
        ("aws AKIAIOSFODNN7EXAMPLE leaked", "AKIAIOSFODNN7EXAMPLE", "[SECRET]"),
        (
            "curl -H 'Authorization: Bearer eyJhbGciOi.J9eyJzdWIi0.SflKxwRJSMeKKF2QT4'",
            "eyJhbGciOi",
            "[SECRET]",
        ),
        ("webhook?key=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b", "9f86d081884c", "[SECRET]"),
        ("api_key: 'Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OQ=='", "Zm9vYmFyYmF6", "[SECRET]"),
        ("my password is hunter22", "hunter22", "[SECRET]"),
        ("the server at 203.0.113.42 refuses connections.", "203.0.113.42", "[IP]"),
        ("überweise an DE89 3704 0044 0532 0130 00 bitte", "3704 0044 0532", "[IBAN]"),
        ("IBAN: GB82WEST12345698765432.", "GB82WEST12345698765432", "[IBAN]"),
        ("mon IBAN FR76 3000 6000 0112 3456 7890 189 merci", "3000 6000 0112", "[IBAN]"),
        ("ruf mich an unter 030 12345678", "030 12345678", "[PHONE]"),
        ("London office: 020 7946 0958", "020 7946 0958", "[PHONE]"),
        ("from abroad dial 0044 20 7946 0958", "0044 20 7946 0958", "[PHONE]"),
        ("Berlin: +49 30 901820", "+49 30 901820", "[PHONE]"),
        ("mon portable 06 12 34 56 78", "06 12 34 56 78", "[PHONE]"),
        ("card 4111.1111.1111.1111 was declined", "4111.1111.1111.1111", "[CARD]"),
        ("my card is 5500 0000 0000 0004", "5500 0000 0000 0004", "[CARD]"),
        (
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "wJalrXUtnFEMI",
            "[SECRET]",
        ),
        (
            "session eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxMjM0NTY3ODkwIiwiYWRtaW4iOnRydWV9. ok",
            "eyJzdWIiOiIxMjM0NTY3ODkwIiwiYWRtaW4iOnRydWV9",
            "[SECRET]",
        ),
        ("pw: hunter22", "hunter22", "[SECRET]"),
        ("login with password=Sommer2024!", "Sommer2024!", "[SECRET]"),
        ("write to ünïcode@exämple.de please", "ünïcode@exämple.de", "[EMAIL]"),
        ("contact jörg.müller@straße.de", "jörg.müller@straße.de", "[EMAIL]"),
        ("from 2001:db8:85a3::8a2e:370:7334 and ::1", "2001:db8:85a3::8a2e:370:7334", "[IP]"),
    ],
)
def test_planted_pii_does_not_survive(text: str, planted: str, placeholder: str) -> None:
    out = redact(text)
    assert planted not in out and placeholder in out


def test_secondary_values_in_one_message_are_all_removed() -> None:
    text = (
        "Hi, I'm Jane (jane@acme.io, +1 415 555 0132). Card 4242 4242 4242 4242 failed from IP 198.51.100.7; "
        "backup phone 415.555.0199."
    )
    out = redact(text)
    assert out == ("Hi, I'm Jane ([EMAIL], [PHONE]). Card [CARD] failed from IP [IP]; backup phone [PHONE].")


@pytest.mark.parametrize(
    "text",
    [
        "Order #48213377 placed on 2026-11-25 at 14:30:05 for $1,299.99",
        "Order ORD-2026-118842 and invoice INV-000123456789 are late",
        "tracking number 1234567890123456 shows no movement",  # 16 digits, fails Luhn
        "We run version 4.12.3 (build 2026.11.2) on Python 3.11.7",
        "Meeting at 09:30-10:15 on 11/25/2026, room 4B, ext. 221",
        "The price went from €49.90 to €59.90 per seat (+20%)",
        "Error code 0x80070005 at 12:30:45",
        "Call me tomorrow about the plan",
        "a key decision: we kept the monthly plan",
        "Ticket DE12 is open, see PR 4821 and issue 20231115",
        "Invoice RE-2026-004711 for 1.299,00 EUR, due 15.12.2026",
        "Sprint 24 ends 2026-12-03; 3 of 12 stories done",
        "The pass rate went up: 97.5% of 1200 tests",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert redact(text) == text


def test_what_is_not_redacted_is_documented_not_guessed() -> None:
    """Names and street addresses have no shape a pattern can find: left as they are (README says so)."""
    text = "I'm Jane Doe, Hauptstraße 5, 10115 Berlin"
    assert redact(text) == text


def test_luhn() -> None:
    assert luhn_ok("4111111111111111")
    assert not luhn_ok("4111111111111112")


def test_a_repository_that_turns_redaction_off_gets_its_text_as_written() -> None:
    exports = "version: 1\nexports:\n  - path: exports/*.jsonl\n"
    text = "mail jane@example.com"
    assert redactor(parse_config(exports))(text) == "mail [EMAIL]"
    assert redactor(parse_config(exports + "privacy: {redact: false}\n"))(text) == text
