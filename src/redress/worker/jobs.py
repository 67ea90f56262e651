"""The periodic jobs the worker runs, declared in one place: (name, every so many seconds,
function). Each job is safe to run by several workers at once.

This module sits above the apps, so it may import any of them; no app imports it."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings

from redress.inbound.imap import read_all_mailboxes
from redress.learning.reminders import send_learning_reminders
from redress.notifications.followups import send_follow_up_reminders
from redress.notifications.reminders import send_deadline_reminders
from redress.notifications.statutory_reminders import send_statutory_reminders
from redress.portal.services.housekeeping import portal_housekeeping
from redress.portal.services.survey_invitations import send_survey_invitations
from redress.privacy.retention import retention_daily
from redress.register.reminders import register_daily
from redress.reporting.rollup import refresh
from redress.trends.detect import weekly_job as find_trends_weekly

log = logging.getLogger("redress.worker")


def _refresh_report_figures() -> Any:
    return f"{refresh()} slices recounted"


PERIODIC_JOBS: list[tuple[str, float, Callable[[], Any]]] = [
    (
        "deadline reminders",
        float(getattr(settings, "NOTIFICATIONS_REMINDER_EVERY_SECONDS", 15 * 60)),
        send_deadline_reminders,
    ),
    ("inbound email", settings.INBOUND_IMAP_EVERY_SECONDS, read_all_mailboxes),
    ("portal housekeeping", 60 * 60.0, portal_housekeeping),
    ("survey invitations", 15 * 60.0, send_survey_invitations),
    ("statutory reminders", 15 * 60.0, lambda: str(send_statutory_reminders())),
    ("follow-up reminders", 15 * 60.0, send_follow_up_reminders),
    ("learning reminders", 60 * 60.0, lambda: str(send_learning_reminders())),
    # Hourly, so a review coming into range or passing is noticed the same morning.
    ("register reviews", 60 * 60.0, lambda: str(register_daily())),
    # Weekly in effect: each completed week is looked at once, on the first run after it ends.
    ("emerging trends", 60 * 60.0, find_trends_weekly),
    # Readers refresh too, so this only keeps what is left for them to do small.
    ("report figures", 60.0, _refresh_report_figures),
    # Daily in effect: each day is run once, from its first try, and the day is kept in the
    # database (privacy.RetentionRun), so a restarted worker neither repeats nor misses it.
    # Each try works for at most privacy.retention.RUN_SECONDS and the next carries on, so a
    # day with many cases due is spread over many rounds, and email still goes out between
    # them; once the day is done a try is two short queries.
    ("retention", 60.0, retention_daily),
]


RETRY_FAILED_JOB_SECONDS = 60.0


class JobFailed(Exception):
    """What a job that raised yields instead of its outcome."""


def run_due_jobs(
    last_run: dict[str, float], jobs: list[tuple[str, float, Callable[[], Any]]]
) -> Iterator[tuple[str, Any]]:
    """Run each job whose interval has passed since it last ran in this process.

    A job that fails is logged and yields ``JobFailed``; the jobs after it still run, and it
    is tried again after ``RETRY_FAILED_JOB_SECONDS`` (or its own interval, if shorter)."""
    now = time.monotonic()
    for name, every, job in jobs:
        if name in last_run and now - last_run[name] < every:
            continue
        try:
            outcome = job()
        except Exception as exc:  # noqa: BLE001 - one failing job must not stop the others
            log.exception("periodic job %r failed", name)
            last_run[name] = now - every + min(every, RETRY_FAILED_JOB_SECONDS)
            yield name, JobFailed(f"{type(exc).__name__}: {exc}")
            continue
        last_run[name] = now
        yield name, outcome
