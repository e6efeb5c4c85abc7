"""Redaction of personal data and secrets in conversation text before it leaves the conversations.

Everything quoted in a change text or sent to a model passes through `redact`. Each kind gets a typed
placeholder so a reader still sees what was there: `[EMAIL]`, `[PHONE]`, `[CARD]`, `[SECRET]`, `[IP]`.
Card numbers must pass the Luhn check and phone numbers need phone-like punctuation or a `+`, so order
numbers, dates, times, prices and version strings are left alone.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable

EMAIL, PHONE, CARD, SECRET, IP = "[EMAIL]", "[PHONE]", "[CARD]", "[SECRET]", "[IP]"

# Secrets first: a token can contain digits that would otherwise look like a phone or a card.
_SECRET_TOKENS = re.compile(
    r"(?<![\w-])(?:"
    r"sk-ant-[A-Za-z0-9_\-]{16,}"
    r"|sk-(?:proj-|live_|test_)?[A-Za-z0-9_\-]{20,}"
    r"|(?:pk|rk|sk)_(?:live|test)_[A-Za-z0-9]{16,}"
    r"|gh[pousr]_[A-Za-z0-9]{30,}"
    r"|github_pat_[A-Za-z0-9_]{22,}"
    r"|xox[abposr]-[A-Za-z0-9\-]{10,}"
    r"|(?:AKIA|ASIA)[0-9A-Z]{16}"
    r"|AIza[0-9A-Za-z_\-]{35}"
    r"|eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"
    r")(?![\w-])"
)
_BEARER = re.compile(r"(?i)(\b(?:bearer|basic)\s+)(?=[^\s]*\d)([A-Za-z0-9._~+/\-]{16,}=*)")
_PASSWORD = re.compile(
    r"(?i)(\b(?:password|passwd|pwd|passcode)\b[\"']?\s*(?:[:=]|\bis\b)\s*[\"']?)([^\s\"']{4,})"
)
_ASSIGNED = re.compile(
    r"(?i)(\b(?:api[_-]?key|apikey|access[_-]?key|secret(?:[_-]?key)?|client[_-]?secret|token|access[_-]?token"
    r"|auth[_-]?token|password|passwd|pwd|key)\b[\"']?\s*[:=]\s*[\"']?)([A-Za-z0-9+/_.~\-]{12,}={0,2})"
)
_PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", re.DOTALL)

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(?![\w-])"
)

_CARD_CANDIDATE = re.compile(r"(?<![\w.,\-])\d(?:[ \-]?\d){12,18}(?![\w\-]|[.,]\d)")

_IPV4 = re.compile(
    r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)"
)
_IPV6_CANDIDATE = re.compile(r"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:%\w+)?(?![\w:])")

# Phones: an international number with "+", or a North American number with its usual punctuation.
_PHONE_INTL = re.compile(r"(?<![\w+])\+\d{1,3}(?:[ .\-]?(?:\(\d{1,4}\)|\d{1,4})){2,5}(?![\w\-]|[.,]\d)")
_PHONE_US = re.compile(
    r"(?<![\w.\-/])(?:1[ .\-])?(?:\(\d{3}\)\s?|\d{3}[ .\-])\d{3}[ .\-]\d{4}(?![\w\-/]|[.,]\d)"
)


# A bare digit run is a phone number only when the words around it say so.
_PHONE_BARE = re.compile(
    r"(?i)(\b(?:call|phone|tel|telephone|mobile|cell|text|sms|whatsapp|reach\s+me)\b[^\d\n]{0,20})"
    r"(\+?\d{10,12})(?!\w)"
)


def luhn_ok(digits: str) -> bool:
    """The payment-card checksum: most random digit runs (order numbers) fail it."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card(m: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", m.group(0))
    return CARD if 13 <= len(digits) <= 19 and luhn_ok(digits) else m.group(0)


def _ipv6(m: re.Match[str]) -> str:
    text = m.group(0)
    if text.count(":") < 2 or not re.search(r"[0-9A-Fa-f]", text):
        return text
    try:
        ipaddress.IPv6Address(text.split("%", 1)[0])
    except ValueError:
        return text
    return IP


def _phone(m: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", m.group(0))
    return PHONE if 8 <= len(digits) <= 15 else m.group(0)


_STEPS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (_PRIVATE_KEY, SECRET),
    (_SECRET_TOKENS, SECRET),
    (_BEARER, r"\1" + SECRET),
    (_ASSIGNED, r"\1" + SECRET),
    (_PASSWORD, r"\1" + SECRET),
    (_EMAIL, EMAIL),
    (_CARD_CANDIDATE, _card),
    (_IPV4, IP),
    (_IPV6_CANDIDATE, _ipv6),
    (_PHONE_INTL, _phone),
    (_PHONE_US, _phone),
    (_PHONE_BARE, r"\1" + PHONE),
)


def redact(text: str) -> str:
    """Replace emails, phone numbers, card numbers, API keys and IP addresses with typed placeholders."""
    for pattern, replacement in _STEPS:
        text = pattern.sub(replacement, text)
    return text
