"""Redaction of personal data and secrets in conversation text before it leaves the conversations.

Everything quoted in a change text or sent to a model passes through `redact`. Each kind gets a typed
placeholder so a reader still sees what was there: `[EMAIL]`, `[PHONE]`, `[CARD]`, `[IBAN]`, `[SECRET]`,
`[IP]`. Candidates are found with patterns and then validated where a checksum or a numbering plan exists,
so order numbers, dates, times, prices and version strings are left alone: card numbers must pass Luhn,
IBANs their ISO 7064 check and country format (python-stdnum), and national phone numbers
(`030 12345678`, `020 7946 0958`, `0044 …`) must be valid in a European numbering plan (Google's
libphonenumber via `phonenumbers`). Emails are matched with Unicode letters (IDN addresses such as
`jörg@exämple.de`); no library finds emails *in* text, the validators only judge a given address.

Not redacted: names of people, street addresses, dates of birth, free-text account details. They have no
shape a pattern can find without also removing ordinary words; the README says so.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import phonenumbers
from stdnum import iban as _iban
from stdnum import luhn as _luhn

if TYPE_CHECKING:
    from agentmend.repo_config import RepoConfig

EMAIL, PHONE, CARD, IBAN, SECRET, IP = "[EMAIL]", "[PHONE]", "[CARD]", "[IBAN]", "[SECRET]", "[IP]"

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
    r"|eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*"  # unsigned (alg: none) too
    r")(?![\w-])"
)
_BEARER = re.compile(r"(?i)(\b(?:bearer|basic)\s+)(?=[^\s]*\d)([A-Za-z0-9._~+/\-]{16,}=*)")
_PASSWORD = re.compile(
    r"(?i)(\b(?:password|passwd|passwort|kennwort|pwd|pw|pass|passcode|pin)\b[\"']?\s*(?:[:=]|\bis\b)"
    r"\s*[\"']?)([^\s\"']{4,})"
)
# Key names may carry a prefix: `aws_secret_access_key`, `STRIPE_API_KEY`, `db-password`.
_ASSIGNED = re.compile(
    r"(?i)(\b(?:[a-z0-9]+[_-])*(?:api[_-]?key|apikey|access[_-]?key|secret(?:[_-]?(?:access[_-]?)?key)?"
    r"|client[_-]?secret|token|access[_-]?token|auth[_-]?token|password|passwd|pwd|key)\b[\"']?\s*[:=]\s*"
    r"[\"']?)([A-Za-z0-9+/_.~\-]{12,}={0,2})"
)
_PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", re.DOTALL)

# \w is Unicode-aware: IDN local parts and domains (jörg@exämple.de, ünïcode@пример.рф).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,}(?![\w-])")

_CARD_CANDIDATE = re.compile(r"(?<![\w.,\-])\d(?:[ .\-]?\d){12,18}(?![\w\-]|[.,]\d)")
# Country code, check digits, then the account in groups (printed with spaces, or in one run).
_IBAN_CANDIDATE = re.compile(r"(?i)(?<![\w])[a-z]{2}\d{2}(?:[ \-]?[a-z0-9]{1,4}){3,8}(?![\w])")
_DATE = re.compile(r"\d{4}[./\-]\d{1,2}[./\-]\d{1,2}|\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}")
_PHONE_HINT = re.compile(r"\d[\d ()./\-]{6,}\d")
# National numbers are judged against these numbering plans (North America has its own pattern below).
PHONE_REGIONS = ("DE", "GB", "FR", "ES", "IT", "NL", "BE", "AT", "CH", "IE", "PL", "SE", "DK", "PT")

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
    return bool(digits.isdigit() and _luhn.is_valid(digits))


def _iban_sub(m: re.Match[str]) -> str:
    """The longest prefix of the candidate's groups that is a valid IBAN (a word may follow the number)."""
    text = m.group(0)
    ends = [g.end() for g in re.finditer(r"[a-z0-9]+", text, re.IGNORECASE)]
    for end in reversed(ends):
        compact = re.sub(r"[ \-]", "", text[:end]).upper()
        if len(compact) >= 15 and _iban.is_valid(compact):
            return IBAN + text[end:]
    return text


def _national_phones(text: str) -> str:
    """National and 00-prefixed numbers valid in a European numbering plan (`030 12345678`, `0044 …`)."""
    if not _PHONE_HINT.search(text):
        return text
    spans: list[tuple[int, int]] = []
    for region in PHONE_REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            raw = match.raw_string.lstrip("(")
            if _DATE.search(raw):
                continue
            # a trunk 0 or an international 00/+ prefix, or ≥ 9 digits in groups: not a bare order number
            grouped = re.search(r"\d[ .\-]\d", raw) and sum(c.isdigit() for c in raw) >= 9
            if raw.startswith(("0", "+")) or grouped:
                spans.append((match.start, match.end))
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in reversed(merged):
        text = text[:start] + PHONE + text[end:]
    return text


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
    (_IBAN_CANDIDATE, _iban_sub),
    (_CARD_CANDIDATE, _card),
    (_IPV4, IP),
    (_IPV6_CANDIDATE, _ipv6),
    (_PHONE_INTL, _phone),
    (_PHONE_US, _phone),
    (_PHONE_BARE, r"\1" + PHONE),
)


def redact(text: str) -> str:
    """Replace emails, phones, cards, IBANs, API keys, passwords and IP addresses with typed placeholders."""
    for pattern, replacement in _STEPS:
        text = pattern.sub(replacement, text)
    return _national_phones(text)


def _as_written(text: str) -> str:
    return text


def redactor(config: RepoConfig) -> Callable[[str], str]:
    """`redact`, or the text as written when the repository turned redaction off (`privacy.redact: false`)."""
    return redact if config.privacy.redact else _as_written


_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in (EMAIL, PHONE, CARD, IBAN, SECRET, IP)))


def redact_words(text: str) -> str:
    """Redacted, and the placeholders dropped too: for words that become names (labels, slugs, titles)."""
    return _PLACEHOLDER.sub(" ", redact(text))
