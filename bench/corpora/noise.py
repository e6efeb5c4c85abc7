"""How real people type, and when they show up: typos, casing, fillers, ids and office-hour timestamps."""

from __future__ import annotations

import random
import string
import unicodedata
from datetime import UTC, datetime, timedelta

_KEYBOARD_NEIGHBOURS = {
    "a": "sq",
    "e": "wr",
    "i": "uo",
    "o": "ip",
    "n": "bm",
    "t": "ry",
    "s": "ad",
    "r": "et",
    "l": "k",
    "h": "gj",
    "c": "xv",
    "d": "sf",
    "u": "yi",
    "m": "n",
    "p": "o",
    "g": "fh",
}


def typo(rng: random.Random, text: str) -> str:
    """One slip of the finger in one longer word: a swap, a drop, a double or a neighbouring key."""
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha() and not w.isupper()]
    if not idx:
        return text
    i = rng.choice(idx)
    w = words[i]
    j = rng.randint(1, len(w) - 2)
    kind = rng.randrange(4)
    if kind == 0:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    elif kind == 1:
        w = w[:j] + w[j + 1 :]
    elif kind == 2:
        w = w[:j] + w[j] + w[j:]
    else:
        near = _KEYBOARD_NEIGHBOURS.get(w[j].lower())
        if near:
            w = w[:j] + rng.choice(near) + w[j + 1 :]
    words[i] = w
    return " ".join(words)


def roughen(rng: random.Random, text: str, *, sloppy: float = 0.3) -> str:
    """Apply a person's habits: some type in lowercase without final punctuation, some make typos."""
    if rng.random() < sloppy:
        text = text.lower()
        if rng.random() < 0.6:
            text = text.rstrip(".!")
    if rng.random() < sloppy:
        text = typo(rng, text)
    if rng.random() < sloppy * 0.3:
        text = typo(rng, text)
    if rng.random() < 0.04:
        text = text.upper() if len(text) < 60 else text
    return text


def fold_accents(text: str) -> str:
    """How many people type French, German or Spanish on a phone set to English: no accents, no ß."""
    text = text.replace("ß", "ss").replace("¿", "").replace("¡", "")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def pick(rng: random.Random, pool: list[str], **slots: object) -> str:
    return rng.choice(pool).format(**slots)


def hexid(rng: random.Random, prefix: str, n: int = 12) -> str:
    return f"{prefix}{rng.getrandbits(4 * n):0{n}x}"


def code(rng: random.Random, n: int = 6, alphabet: str = string.ascii_uppercase + string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


FIRST = [
    "mia",
    "liam",
    "noah",
    "emma",
    "olivia",
    "ava",
    "lucas",
    "sofia",
    "yusuf",
    "chen",
    "aisha",
    "mateo",
    "ines",
    "omar",
    "priya",
    "jonas",
    "lea",
    "hugo",
    "camille",
    "diego",
    "lucia",
    "anna",
    "raj",
    "mei",
    "fatima",
    "ethan",
    "zoe",
    "ivan",
    "nina",
    "tomás",
    "kwame",
    "sara",
    "daniel",
    "elif",
    "arjun",
    "yara",
]
LAST = [
    "li",
    "garcia",
    "smith",
    "nguyen",
    "müller",
    "dubois",
    "rossi",
    "kim",
    "patel",
    "silva",
    "kowalski",
    "jensen",
    "ahmed",
    "martin",
    "lopez",
    "schmidt",
    "bernard",
    "okafor",
    "tanaka",
    "cohen",
    "moreau",
    "fischer",
    "santos",
    "brown",
    "ivanova",
    "haddad",
    "novak",
    "wright",
    "sato",
    "perez",
]


def person(rng: random.Random) -> tuple[str, str]:
    f, last = rng.choice(FIRST), rng.choice(LAST)
    return f.capitalize(), last.capitalize()


def ascii_slug(s: str) -> str:
    table = str.maketrans("äöüéèàáíóúñçšıðøå", "aoueeaaiouncsidoa")
    return s.lower().translate(table)


class UserPool:
    """Returning users: a minority come back several times, as in real traffic."""

    def __init__(self, rng: random.Random, make_id: object, fresh: float = 0.7) -> None:
        self.rng, self.make_id, self.fresh = rng, make_id, fresh
        self.seen: list[tuple[str, str, str]] = []

    def next(self) -> tuple[str, str, str]:
        if self.seen and self.rng.random() > self.fresh:
            return self.rng.choice(self.seen)
        first, last = person(self.rng)
        uid = self.make_id(self.rng, first, last)  # type: ignore[operator]
        entry = (uid, first, last)
        self.seen.append(entry)
        return entry


_HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 11, 11, 10, 10, 11, 11, 10, 9, 8, 7, 6, 4, 3, 2]


def when(rng: random.Random, start: datetime, days: int, *, tz_offset: int = 0) -> datetime:
    """A start time in the window: busy on weekdays and office hours (local), quiet at night."""
    while True:
        day = rng.randrange(days)
        d = start + timedelta(days=day)
        if d.weekday() >= 5 and rng.random() < 0.45:
            continue
        hour = rng.choices(range(24), weights=_HOUR_WEIGHTS)[0]
        local = d.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))
        return (local - timedelta(hours=tz_offset)).astimezone(UTC)


def utc(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, tzinfo=UTC)
