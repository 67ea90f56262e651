"""A clock the demo loader can set, so replayed history carries the dates it happened on.

The service functions stamp timeline events, closures and withdrawals with the current time,
as they should in real use. The demo replays two years of casework through those same
functions, so while it runs, "now" is the moment of the step being replayed. It sets the
product's own clock (``redress.core.clock``), which every service, stamp and job reads; Django's
clock is left alone. The clock is a context variable, so only the loader's thread sees it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from redress.core import clock


class SimulatedClock:
    def __init__(self, start: dt.datetime) -> None:
        self.moment = start

    def set(self, moment: dt.datetime) -> None:
        self.moment = moment

    def now(self) -> dt.datetime:
        return self.moment.astimezone(dt.UTC)


@contextmanager
def simulated_clock(start: dt.datetime) -> Iterator[SimulatedClock]:
    replay = SimulatedClock(start)
    with clock.using(replay.now):
        yield replay
