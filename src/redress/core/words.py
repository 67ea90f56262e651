"""Counts in good English: "1 complaint", "2 complaints", "1,250 survey responses"."""

from __future__ import annotations


def counted(n: int, singular: str, plural: str = "") -> str:
    """``n`` with the noun that agrees with it; ``plural`` for nouns not made with -s."""
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"


def was_were(n: int) -> str:
    return "was" if n == 1 else "were"


def is_are(n: int) -> str:
    return "is" if n == 1 else "are"
