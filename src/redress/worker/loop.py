"""The worker's loop: deliver a batch, run the jobs that are due, beat, pause; and never stop
because something failed.

A database outage, a mail server that hangs up, a bug in one job: each is logged, the
connections are dropped (a connection the server closed is unusable, and Django would
otherwise keep handing it back), and the round is tried again after a pause that doubles with
every failure in a row, up to a cap. Messages claimed when the failure struck are not lost:
their lease lapses and the next round claims them again (see ``notifications.delivery``).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, close_old_connections, connections

from redress.core import clock
from redress.notifications.delivery import RunResult, deliver_due
from redress.worker.heartbeat import beat
from redress.worker.jobs import PERIODIC_JOBS, run_due_jobs

log = logging.getLogger("redress.worker")


@dataclass
class Settings:
    interval: float = 2.0  # pause when there was nothing to do
    batch: int = 20
    first_pause: float = 1.0  # pause after the first failure; doubles after each in a row
    max_pause: float = 60.0
    jobs: list[tuple[str, float, Callable[[], Any]]] = field(
        default_factory=lambda: list(PERIODIC_JOBS)
    )


def pause_after(failures: int, settings: Settings) -> float:
    """How long to wait after ``failures`` failed rounds in a row (capped back-off)."""
    return float(min(settings.max_pause, settings.first_pause * 2.0 ** max(0, failures - 1)))


def drop_connections() -> None:
    """Close every database connection so the next query opens a fresh one."""
    for connection in connections.all(initialized_only=True):
        # Closing a connection the server already dropped can fail; it is gone either way.
        with contextlib.suppress(DatabaseError):
            connection.close()


class Worker:
    def __init__(self, settings: Settings, write: Callable[[str], None] = print) -> None:
        self.settings = settings
        self.write = write
        self.stopping = False
        self.failures = 0
        self.started_at = clock.now()
        self.last_run: dict[str, float] = {}

    def run_round(self) -> bool:
        """One round; returns whether there was work, raises whatever went wrong."""
        beat(started_at=self.started_at)
        result = deliver_due(limit=self.settings.batch)
        for name, outcome in run_due_jobs(self.last_run, self.settings.jobs):
            self.write(f"{name}: {outcome}")
        busy = any(vars(result).values())
        if busy:
            self.write(_summary(result))
        return busy

    def run_once(self) -> bool:
        """One round with failures caught; returns whether to go straight on to the next."""
        try:
            busy = self.run_round()
            # Drop a connection that outlived CONN_MAX_AGE or that an error left unusable.
            close_old_connections()
        except Exception:  # noqa: BLE001 - whatever failed, the worker carries on
            self.failures += 1
            pause = pause_after(self.failures, self.settings)
            log.exception(
                "worker round failed (%s in a row); next try in %.0f s", self.failures, pause
            )
            drop_connections()
            self.sleep(pause)
            return True  # the pause is taken; go straight on to the next try
        if self.failures:
            log.warning("worker recovered after %s failed rounds", self.failures)
            self.failures = 0
        return busy

    def run_forever(self) -> None:
        while not self.stopping:
            if not self.run_once() and not self.stopping:
                self.sleep(self.settings.interval)

    def sleep(self, seconds: float) -> None:
        """Sleep in short steps, so a stop signal is heard within a fraction of a second."""
        until = time.monotonic() + seconds
        while not self.stopping and (left := until - time.monotonic()) > 0:
            time.sleep(min(left, 0.25))


def _summary(result: RunResult) -> str:
    return (
        f"sent {result.sent}, retrying {result.retried}, failed {result.failed}, "
        f"uncertain {result.uncertain}, to post room {result.post_room}"
    )
