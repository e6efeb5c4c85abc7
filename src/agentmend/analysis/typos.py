"""How far apart two words are, for the typo-tolerant word lists (greetings, filler, acknowledgements)."""

from __future__ import annotations

from rapidfuzz.distance import OSA, Levenshtein


def one_edit(a: str, b: str) -> bool:
    """a and b are equal or differ by one insertion, deletion or substitution (or one swap of neighbours)."""
    return bool(OSA.distance(a, b, score_cutoff=1) <= 1)


def edits(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 once it is above `limit`."""
    return int(Levenshtein.distance(a, b, score_cutoff=limit))
