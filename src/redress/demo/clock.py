"""A clock the demo loader can set, so replayed history carries the dates it happened on.

The service functions stamp timeline events, closures and withdrawals with the current time,
as they should in real use. The demo replays two years of casework through those same
functions, so while it runs, "now" is the moment of the step being replayed. Only
``load_demo`` uses this, in a single-threaded command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone


class SimulatedClock:
    def __init__(self, start: dt.datetime) -> None:
        self.moment = start

    def set(self, moment: dt.datetime) -> None:
        self.moment = moment

    def now(self) -> dt.datetime:
        return self.moment.astimezone(dt.UTC)


@contextmanager
def simulated_clock(start: dt.datetime) -> Iterator[SimulatedClock]:
    clock = SimulatedClock(start)
    # django.utils.timezone.now is what auto_now fields, localdate() and the services read.
    with mock.patch.object(timezone, "now", clock.now):
        yield clock
