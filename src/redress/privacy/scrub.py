"""Finding and removing what identifies a person in text that is kept: timeline sentences,
the data timeline events carry, and the reason an officer gives for an erasure.

Free text written about the person (a complaint's description, notes, letters) is not
scrubbed word by word: it is replaced whole (``anonymise``), because it is about them even
where it does not name them. These functions are for text that stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

REMOVED = "[removed]"
# Parts of a name too common or too short to remove on their own without mangling text.
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "the", "and", "sir", "lady", "lord"})
MIN_PART = 3


def terms_of(worded: Iterable[str], whole: Iterable[str] = ()) -> list[str]:
    """The strings to remove: each value whole, and for ``worded`` values (names, addresses)
    each line and each word long enough to identify (``Jo Smith`` gives ``Jo Smith`` and
    ``Smith``). ``whole`` values (email addresses, phone numbers) are never split: an
    address's domain is the council's too. Longest first, so a whole name goes before its
    parts."""
    worded, whole = list(worded), list(whole)
    found = {value.strip() for value in [*worded, *whole] if value and value.strip()}
    for value in worded:
        for line in (value or "").splitlines():
            line = line.strip(" ,")
            if len(line) >= MIN_PART:
                found.add(line)
            for word in re.findall(r"[^\W_][\w'’-]*", line):
                if len(word) >= MIN_PART and word.lower() not in TITLES:
                    found.add(word)
    return sorted(found, key=lambda term: (-len(term), term))


def pattern_of(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching any term as a whole word (or whole address)."""
    parts = [re.escape(term) for term in terms if term]
    if not parts:
        return None
    # Not inside a longer word; an underscore or dot counts as a gap (file names).
    return re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + r")(?![^\W_])", re.IGNORECASE)


def scrub_text(text: str, pattern: re.Pattern[str] | None) -> str:
    if not text or pattern is None:
        return text
    return pattern.sub(REMOVED, text)


# Keys of timeline data that hold free text someone wrote: replaced whole, like the fields.
FREE_TEXT_KEYS = frozenset({"description", "body", "note", "comments", "extension_reason"})


def scrub_data(value: Any, pattern: re.Pattern[str] | None) -> Any:
    """``value`` (a timeline event's JSON data) with every string scrubbed, keys kept, and
    the free text under ``FREE_TEXT_KEYS`` removed whole."""
    if isinstance(value, str):
        return scrub_text(value, pattern)
    if isinstance(value, dict):
        return {
            key: REMOVED if key in FREE_TEXT_KEYS and item else scrub_data(item, pattern)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [scrub_data(item, pattern) for item in value]
    return value
