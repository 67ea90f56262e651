"""When two addresses are the same place, for the visit warning.

Addresses are typed freely (one line or several, with or without commas, "Street" or "St"), so
they are compared by a key rather than as text: the postcode and the numbers before it (house
and flat numbers) when there are both, which survives most differences in how the rest was
written; otherwise the whole address in capitals with punctuation and spacing evened out.
"""

from __future__ import annotations

import re

POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b")
_PUNCTUATION = re.compile(r"[^A-Z0-9]+")
KEY_LENGTH = 300  # the column's width


def _plain(text: str) -> str:
    return _PUNCTUATION.sub(" ", text.upper()).strip()


def address_key(address: str) -> str:
    """The key two ways of writing one address share; empty for no address."""
    plain = _plain(address)
    if not plain:
        return ""
    # The last postcode-shaped text is the postcode; a flat "B1" earlier is not.
    matches = list(POSTCODE.finditer(plain))
    if matches:
        found = matches[-1]
        before = plain[: found.start()]
        numbers = [word for word in before.split() if any(c.isdigit() for c in word)]
        if numbers:
            return f"{found.group(1)}{found.group(2)}|{' '.join(numbers)}"[:KEY_LENGTH]
    return plain[:KEY_LENGTH]
