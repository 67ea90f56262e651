"""Constrained field types shared by the request schemas.

Each rule here is one a client can break, so each failure carries a message that says what
the rule is. Text is checked for the characters databases refuse (NUL, lone surrogates) so
that no input reaches the database only to fail there.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from pydantic import AfterValidator, BeforeValidator, Field

from redress.calendars.clock import LONDON

# Characters PostgreSQL cannot store in text (NUL) or that cannot be encoded as UTF-8.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
EARLIEST_RECEIPT = dt.datetime(1990, 1, 1, tzinfo=LONDON)


def storable(value: str) -> str:
    if _UNSTORABLE.search(value):
        raise ValueError("must not contain NUL characters or unpaired surrogates")
    return value


def _email(value: str) -> str:
    value = value.strip()
    if value:
        try:
            validate_email(value)
        except DjangoValidationError:
            raise ValueError("must be an email address, like name@example.com") from None
    return value


def _uk_aware(value: dt.datetime) -> dt.datetime:
    """A time with no offset is read as UK local time, the time every deadline runs on."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=LONDON)
    # Checked on the calendar fields first: converting a time near year 1 or 9999 overflows.
    if value.year < EARLIEST_RECEIPT.year:
        raise ValueError("must be on or after 1 January 1990")
    if value.year >= 9999:
        raise ValueError("cannot be in the future")
    return value


def _iso_text(value: object) -> object:
    # Dates arrive as ISO 8601 text only: a bare number would be read as a Unix time.
    if not isinstance(value, str):
        raise ValueError("must be written as text in ISO 8601 form")
    return value


# Text of bounded length with nothing a database would refuse; limits match the columns.
Line = Annotated[str, Field(max_length=200), AfterValidator(storable)]
Summary = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(storable)]
Phone = Annotated[str, Field(max_length=40), AfterValidator(storable)]
Address = Annotated[str, Field(max_length=1000), AfterValidator(storable)]
LongText = Annotated[str, Field(max_length=20000), AfterValidator(storable)]
Note = Annotated[str, Field(max_length=5000), AfterValidator(storable)]
Reason = Annotated[str, Field(max_length=2000), AfterValidator(storable)]
RequiredReason = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(storable)]
Username = Annotated[str, Field(min_length=1, max_length=150), AfterValidator(storable)]
Slug = Annotated[str, Field(min_length=1, max_length=60, pattern=SLUG_PATTERN)]
StageKey = Annotated[str, Field(min_length=1, max_length=40, pattern=SLUG_PATTERN)]
Email = Annotated[str, Field(max_length=254), AfterValidator(storable), AfterValidator(_email)]
ReceivedAt = Annotated[dt.datetime, BeforeValidator(_iso_text), AfterValidator(_uk_aware)]
Day = Annotated[dt.date, BeforeValidator(_iso_text)]


def _not_bool(value: object) -> object:
    # JSON true/false would otherwise pass as the whole numbers 1 and 0.
    if isinstance(value, bool):
        raise ValueError("must be a whole number, not true or false")
    return value


WholeNumber = Annotated[int, BeforeValidator(_not_bool)]
