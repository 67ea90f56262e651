"""Constrained field types shared by the request schemas.

Each rule here is one a client can break, so each failure carries a message that says what
the rule is. Text is checked for the characters databases refuse (NUL, lone surrogates) so
that no input reaches the database only to fail there.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from redress.calendars.clock import LONDON

# Characters PostgreSQL cannot store in text (NUL) or that cannot be encoded as UTF-8.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
# The error type of a date outside the range a field takes. JSON Schema cannot state a range
# of dates, so the API reports these as broken rules, not as requests outside the schema.
DATE_RANGE = "date_range"
_ISO_DATE_START = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
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
        raise PydanticCustomError(DATE_RANGE, "must be on or after 1 January 1990")
    if value.year >= 9999:
        raise PydanticCustomError(DATE_RANGE, "cannot be in the future")
    return value


def _iso_text(value: object) -> object:
    # Dates arrive as ISO 8601 text only: a bare number, or a number written as text, would
    # be read as a Unix time.
    if not isinstance(value, str) or not _ISO_DATE_START.match(value):
        raise ValueError("must be written in ISO 8601 form, starting YYYY-MM-DD, like 2026-11-02")
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
# Empty means "none given"; anything else must be an address.
_EMAIL_SCHEMA = {
    "anyOf": [
        {"type": "string", "maxLength": 0},
        {"type": "string", "format": "email", "maxLength": 254},
    ]
}
Email = Annotated[
    str,
    Field(max_length=254),
    AfterValidator(storable),
    AfterValidator(_email),
    WithJsonSchema(_EMAIL_SCHEMA),
]
RequiredEmail = Annotated[
    str,
    Field(min_length=3, max_length=254),
    AfterValidator(storable),
    AfterValidator(_email),
    WithJsonSchema({"type": "string", "format": "email", "minLength": 3, "maxLength": 254}),
]
ReceivedAt = Annotated[dt.datetime, BeforeValidator(_iso_text), AfterValidator(_uk_aware)]
Day = Annotated[dt.date, BeforeValidator(_iso_text)]


def not_bool(value: object) -> object:
    # JSON true/false would otherwise pass as the whole numbers 1 and 0.
    if isinstance(value, bool):
        raise ValueError("must be a whole number, not true or false")
    return value


WholeNumber = Annotated[int, BeforeValidator(not_bool)]
# A case's version: the one the client last read, so never below 1.
Version = Annotated[int, Field(ge=1, le=2**31 - 1), BeforeValidator(not_bool)]

# Pounds and pence, as a number or as text such as "120.50"; the schema says exactly what the
# column takes, which pydantic's own Decimal schema does not (it allows a minus sign).
MAX_AMOUNT = Decimal("99999999.99")
Money = Annotated[
    Decimal,
    Field(ge=0, le=MAX_AMOUNT, max_digits=10, decimal_places=2),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 99999999.99, "multipleOf": 0.01},
                {"type": "string", "pattern": r"^[0-9]{1,8}(\.[0-9]{1,2})?$"},
            ]
        }
    ),
]


class Request(Schema):
    """Every request body and query: unknown fields are refused, so a misspelt field name is
    reported instead of silently ignored."""

    model_config = ConfigDict(extra="forbid")
