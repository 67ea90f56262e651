"""The one rule for when a case can have been received: not before the earliest date the
organisation sets (on the settings pages, else ``REDRESS["EARLIEST_RECEIPT_DATE"]``, default
1 January 2000, so a mistyped year such as 1900 is caught) and not in the future. Every way in
(staff pages, the public form, the API) goes through ``case_log``, which uses this; a form may
call it to refuse early."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from redress.core import clock


def earliest_receipt_date() -> dt.date:
    from redress.core.models import OrganisationSettings  # models need the app registry

    chosen = OrganisationSettings.earliest_receipt_date_set()
    if chosen is not None:
        return chosen
    return deployment_earliest_receipt_date()


def deployment_earliest_receipt_date() -> dt.date:
    """The deployment's default, used until an administrator sets a date."""
    value = settings.REDRESS.get("EARLIEST_RECEIPT_DATE", "2000-01-01")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ImproperlyConfigured(
            f"REDRESS_EARLIEST_RECEIPT_DATE must be a date like 2000-01-01, not {value!r}"
        ) from None


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def receipt_date_refusal(day: dt.date, today: dt.date | None = None) -> str | None:
    """None if a case can have been received on ``day``; otherwise why not."""
    earliest = earliest_receipt_date()
    if day < earliest:
        return f"The date received cannot be before {long_date(earliest)}."
    if day > (today or clock.today()):
        return "The date received cannot be in the future."
    return None
