"""A password rule Django's validators leave out: a run of one character or of neighbouring
keys is as easy to guess as a common password ("aaaaaaaaaaaa", "qwertyuiopas"), yet neither
the common-password list nor the length rule refuses it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

# Rows of a UK keyboard, the alphabet and the digits: a password walking along one of these,
# either way, is a run.
SEQUENCES = ("qwertyuiopasdfghjklzxcvbnm", "abcdefghijklmnopqrstuvwxyz", "1234567890")
LONGEST_RUN = 5
FEWEST_DIFFERENT = 5


def _follows(previous: str, current: str) -> bool:
    for sequence in SEQUENCES:
        for line in (sequence, sequence[::-1]):
            at = line.find(previous)
            if at != -1 and line[at + 1 : at + 2] == current:
                return True
    return False


def longest_run(password: str) -> int:
    """The most characters in a row that each follow the one before along a keyboard row,
    the alphabet or the digits."""
    text = password.lower()
    longest = run = 1 if text else 0
    for previous, current in zip(text, text[1:], strict=False):
        run = run + 1 if _follows(previous, current) else 1
        longest = max(longest, run)
    return longest


class NoRunsValidator:
    """Refuse passwords with too few different characters or a long run of neighbouring keys."""

    def validate(self, password: str, user: Any = None) -> None:
        if len(set(password.lower())) < FEWEST_DIFFERENT:
            raise ValidationError(
                f"Your password must use at least {FEWEST_DIFFERENT} different characters.",
                code="password_too_repetitive",
            )
        if longest_run(password) > LONGEST_RUN:
            raise ValidationError(
                "Your password must not contain a run of more than "
                f"{LONGEST_RUN} neighbouring keys or letters, like 'qwerty' or 'abcdef'.",
                code="password_has_run",
            )

    def get_help_text(self) -> str:
        return (
            f"Your password must use at least {FEWEST_DIFFERENT} different characters and no "
            f"run of more than {LONGEST_RUN} neighbouring keys or letters."
        )
