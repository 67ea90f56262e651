"""A rise for the trend alerts to find: last week, more missed bin collections than usual, all
from one postcode district (a crew skipping a round, say). With the default 2,000 cases the
service area, the category and the district each make an alert when ``redress find_trends``
runs; with a few dozen cases (the tests') there is no rise.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from redress.calendars.clock import LONDON
from redress.cases.kinds import Kind
from redress.demo.content import CaseContent, procedure_for

SERVICE = "Waste and recycling"
CATEGORY = "Missed collection"
DISTRICT = "SE15"
SHARE = 150  # one case of the rise per this many cases loaded
MOST = 14


def spike_size(cases: int) -> int:
    return min(MOST, cases // SHARE)


def spike_receipts(rng: random.Random, now: dt.datetime, count: int) -> list[dt.datetime]:
    """Moments in the last Monday-to-Sunday week before ``now``, UK time, in order."""
    today = now.astimezone(LONDON).date()
    monday = today - dt.timedelta(days=today.weekday() + 7)
    start = dt.datetime.combine(monday, dt.time(8), tzinfo=LONDON)
    return sorted(
        start + dt.timedelta(minutes=rng.randrange(7 * 24 * 60 - 600)) for _ in range(count)
    )


def spike_content(rng: random.Random, content: CaseContent) -> CaseContent:
    """``content`` made into a missed-collection complaint from the district."""
    person = dict(content.person)
    lines = str(person["address"]).splitlines()[:2]
    person["address"] = "\n".join(
        [*lines, f"{DISTRICT} {rng.randint(1, 9)}{rng.choice('ABDEFG')}Q"]
    )
    return dataclasses.replace(
        content,
        kind=Kind.COMPLAINT,
        service=SERVICE,
        category=CATEGORY,
        procedure=procedure_for(Kind.COMPLAINT, SERVICE, rng),
        summary="Bins not collected again on our street",
        person=person,
    )
