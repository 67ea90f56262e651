"""Words people read: counts in good English ("1 complaint", "2 complaints", "1,250 survey
responses") and lists of choices ("email, phone or letter")."""

from __future__ import annotations

from collections.abc import Iterable


def counted(n: int, singular: str, plural: str = "") -> str:
    """``n`` with the noun that agrees with it; ``plural`` for nouns not made with -s."""
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"


def was_were(n: int) -> str:
    return "was" if n == 1 else "were"


def is_are(n: int) -> str:
    return "is" if n == 1 else "are"


def either(labels: Iterable[str]) -> str:
    """``["Upheld", "Partly upheld", "Not upheld"]`` → "upheld, partly upheld or not upheld"."""
    words = [_in_a_sentence(label) for label in labels]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} or {words[-1]}"


def _in_a_sentence(label: str) -> str:
    # "Partly upheld" reads "partly upheld" mid-sentence; "FOI request" keeps its capitals.
    return label[:1].lower() + label[1:] if label[1:2].islower() else label
