"""The working-day calendars Redress knows and how each is built from the ``holidays`` package."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

ENGLAND_AND_WALES = "england-and-wales"
SCOTLAND = "scotland"
NORTHERN_IRELAND = "northern-ireland"
UNITED_KINGDOM = "united-kingdom"

# England and Wales share one set of bank holidays; the package files them under ENG and WLS.
_SUBDIVISIONS: dict[str, tuple[str, ...]] = {
    ENGLAND_AND_WALES: ("ENG",),
    SCOTLAND: ("SCT",),
    NORTHERN_IRELAND: ("NIR",),
    # FOI: a bank holiday anywhere in the UK stops the clock.
    UNITED_KINGDOM: ("ENG", "SCT", "NIR"),
}

CALENDAR_CHOICES = [
    (ENGLAND_AND_WALES, "England and Wales"),
    (SCOTLAND, "Scotland"),
    (NORTHERN_IRELAND, "Northern Ireland"),
    (UNITED_KINGDOM, "United Kingdom (any UK bank holiday)"),
]
CALENDAR_CODES = frozenset(code for code, _ in CALENDAR_CHOICES)


@lru_cache(maxsize=512)
def bank_holidays(code: str, year: int) -> frozenset[dt.date]:
    if code not in _SUBDIVISIONS:
        raise KeyError(f"unknown calendar {code!r}")
    days: set[dt.date] = set()
    for subdivision in _SUBDIVISIONS[code]:
        days.update(holidays.country_holidays("GB", subdiv=subdivision, years=year).keys())
    return frozenset(days)
