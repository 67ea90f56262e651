"""The one clock the product reads "now" and "today" from.

Services take an optional ``today`` (or a date the user gave) and fall back to this clock, so a
test pins a date by passing it, or by ``clock.pinned(moment)`` for code that reads the clock
deeper down. Nothing in product code patches Django's ``timezone.now``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

# None means the real time. A context variable, so a pinned clock in one thread (the demo
# loader, a test) never leaks into a request served by another.
_source: ContextVar[Callable[[], dt.datetime] | None] = ContextVar("redress_clock", default=None)


def now() -> dt.datetime:
    source = _source.get()
    return source() if source is not None else timezone.now()


def today() -> dt.date:
    """Today's date in the product's time zone (Europe/London)."""
    return timezone.localdate(now())


@contextmanager
def using(source: Callable[[], dt.datetime]) -> Iterator[None]:
    """Read "now" from ``source`` inside the block."""
    token = _source.set(source)
    try:
        yield
    finally:
        _source.reset(token)


@contextmanager
def pinned(moment: dt.datetime) -> Iterator[None]:
    """Stop the clock at ``moment`` inside the block."""
    with using(lambda: moment):
        yield
