"""The rules every way in (pages, API, command line) shares: who may change the register, and
the checks on dates and text, each failure naming the field and the rule."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.utils import timezone

from redress.core import clock
from redress.core.dates import earliest_receipt_date, long_date
from redress.core.errors import InvalidInput, NotPermitted
from redress.register.models import RegisterEntry
from redress.register.selectors import is_member

DEFAULT_REVIEW_MONTHS = 6
# A restriction is time-limited: it is reviewed within a year of starting or of its last review.
LONGEST_MONTHS = 12
TEXT_MAX = 5000
LINE_MAX = 200


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_review_on(starts_on: dt.date) -> dt.date:
    return add_months(starts_on, DEFAULT_REVIEW_MONTHS)


def require_member(by: Any) -> None:
    """``by=None`` is the system itself (the command line, scheduled jobs)."""
    if by is not None and not is_member(by):
        raise NotPermitted("Only the governance group can change the register.")


class Problems:
    """Collects every problem with the input, so the person sees them all at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def text(self, field: str, value: str, what: str, *, limit: int = TEXT_MAX) -> str:
        value = (value or "").strip()
        if not value:
            self.add(field, f"Enter {what}.")
        elif len(value) > limit:
            self.add(field, f"{what[0].upper()}{what[1:]} must be {limit} characters or fewer.")
        elif "\x00" in value:
            self.add(field, f"{what[0].upper()}{what[1:]} must not contain NUL characters.")
        return value

    def past_date(
        self, field: str, day: dt.date | None, what: str, *, not_before: dt.date | None = None
    ) -> None:
        """A date that has happened: not in the future and not before ``not_before``."""
        if day is None:
            self.add(field, f"Enter the date {what}.")
        elif day > clock.today():
            self.add(field, f"The date {what} cannot be in the future.")
        elif not_before is not None and day < not_before:
            self.add(field, f"The date {what} cannot be before {long_date(not_before)}.")

    def raise_if_any(self) -> None:
        if self.errors:
            messages = [m for ms in self.errors.values() for m in ms]
            summary = messages[0] if len(messages) == 1 else " ".join(messages[:3])
            raise InvalidInput(summary, self.errors)


def check_period(
    problems: Problems,
    starts_on: dt.date | None,
    review_on: dt.date | None,
    *,
    start_field: str = "starts_on",
    review_field: str = "review_on",
    start_what: str = "the restrictions start",
    check_start: bool = True,
) -> None:
    """A start no earlier than the organisation's earliest date and no more than a year
    ahead; a review date after the start, not in the past, within a year of the start.
    ``check_start=False`` when the start was checked already (a review's own date)."""
    today = clock.today()
    if not check_start:
        pass
    elif starts_on is None:
        problems.add(start_field, f"Enter the date {start_what}.")
    elif starts_on < earliest_receipt_date():
        problems.add(
            start_field,
            f"The date {start_what} cannot be before {long_date(earliest_receipt_date())}.",
        )
    elif starts_on > add_months(today, LONGEST_MONTHS):
        problems.add(
            start_field,
            f"The date {start_what} must be within a year of today ({long_date(today)}).",
        )
    if review_on is None:
        problems.add(review_field, "Enter the review date.")
        return
    if review_on < today:
        problems.add(review_field, "The review date cannot be in the past.")
    if starts_on is None:
        return
    if review_on <= starts_on:
        problems.add(
            review_field,
            f"The review date must be after {long_date(starts_on)}, the date {start_what}.",
        )
    elif review_on > add_months(starts_on, LONGEST_MONTHS):
        latest = add_months(starts_on, LONGEST_MONTHS)
        problems.add(
            review_field,
            f"The review date must be within a year of {long_date(starts_on)}: "
            f"on or before {long_date(latest)}.",
        )


def recorded_on(entry: RegisterEntry) -> dt.date:
    """The date the entry was recorded, in UK time: nothing about it can have happened before."""
    return timezone.localtime(entry.created_at).date()
