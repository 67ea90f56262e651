"""The periodic jobs the worker runs, declared in one place: (name, every so many seconds,
function). Each job is safe to run by several workers at once."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings

from redress.notifications.followups import send_follow_up_reminders
from redress.notifications.reminders import send_deadline_reminders


def _portal_housekeeping() -> Any:
    from redress.portal.services import portal_housekeeping

    return portal_housekeeping()


def _refresh_report_figures() -> Any:
    from redress.reporting.rollup import refresh

    return f"{refresh()} slices recounted"


PERIODIC_JOBS: list[tuple[str, float, Callable[[], Any]]] = [
    (
        "deadline reminders",
        float(getattr(settings, "NOTIFICATIONS_REMINDER_EVERY_SECONDS", 15 * 60)),
        send_deadline_reminders,
    ),
    ("portal housekeeping", 60 * 60.0, _portal_housekeeping),
    ("follow-up reminders", 15 * 60.0, send_follow_up_reminders),
    # Readers refresh too, so this only keeps what is left for them to do small.
    ("report figures", 60.0, _refresh_report_figures),
]


def run_due_jobs(
    last_run: dict[str, float], jobs: list[tuple[str, float, Callable[[], Any]]]
) -> Iterator[tuple[str, Any]]:
    """Run each job whose interval has passed since it last ran in this process."""
    now = time.monotonic()
    for name, every, job in jobs:
        if name in last_run and now - last_run[name] < every:
            continue
        last_run[name] = now
        yield name, job()
