"""Fold text to the plain lowercase ASCII-ish form every guard check runs on.

An attacker writes `ignоre` with a Cyrillic о, `ｉｇｎｏｒｅ` in fullwidth, `ig\u200bnore` with a zero-width
space, or `i g n o r e` letter by letter; a reader sees "ignore", a regex does not. So before any check:
NFKC (fullwidth and compatibility forms), drop invisible format characters (Unicode category Cf: zero-width
spaces and joiners, bidi controls, soft hyphens), map confusable letters of other scripts to the Latin
letter they imitate (Unicode's confusables data via `confusable_homoglyphs`), strip accents (so French,
German and Spanish phrases match without them), casefold, and rejoin letters spelled out one by one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from confusable_homoglyphs import confusables

_SPELLED = re.compile(r"(?<![a-z0-9])(?:[a-z][ .\-_*·]){3,}[a-z](?![a-z0-9])")
_SPACES = re.compile(r"\s+")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})


@lru_cache(maxsize=4096)
def _latin(char: str) -> str:
    """The ASCII letter a character imitates, if Unicode lists one; else the character itself."""
    if char.isascii():
        return char
    found = confusables.is_confusable(char, preferred_aliases=["latin"])
    if found:
        for glyph in found[0]["homoglyphs"]:
            if glyph["c"].isascii() and glyph["c"].isalnum():
                return str(glyph["c"])
    return char


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """The normalised form: what a person reads, with the disguises removed."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = "".join(_latin(c) for c in text.casefold())  # lower case first: Greek Ι reads as i, not l
    text = _strip_accents(text).casefold()
    text = _SPELLED.sub(lambda m: re.sub(r"[ .\-_*·]", "", m.group(0)), text)
    return _SPACES.sub(" ", text).strip()


def unleet(folded: str) -> str:
    """`1gn0re` → `ignore`: digits and symbols standing in for letters (only inside words)."""
    return re.sub(
        r"[a-z0-9@$]+",
        lambda m: m.group(0).translate(_LEET) if re.search(r"[a-z]", m.group(0)) else m.group(0),
        folded,
    )
