"""Lists of choices in plain words, for messages people read ("email, phone or letter")."""

from __future__ import annotations

from collections.abc import Iterable


def either(labels: Iterable[str]) -> str:
    """``["Upheld", "Partly upheld", "Not upheld"]`` → "upheld, partly upheld or not upheld"."""
    words = [_in_a_sentence(label) for label in labels]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} or {words[-1]}"


def _in_a_sentence(label: str) -> str:
    # "Partly upheld" reads "partly upheld" mid-sentence; "FOI request" keeps its capitals.
    return label[:1].lower() + label[1:] if label[1:2].islower() else label
