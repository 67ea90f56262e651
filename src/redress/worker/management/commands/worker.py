"""``redress worker``: delivers the outbox and runs the periodic jobs until stopped."""

from __future__ import annotations

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from redress.notifications.delivery import deliver_due
from redress.worker.jobs import PERIODIC_JOBS, run_due_jobs


class Command(BaseCommand):
    help = "Deliver queued emails and letters, with retries, and run the periodic jobs."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Run one round, then stop.")
        parser.add_argument(
            "--interval", type=float, default=2.0, help="Seconds to wait when there is no work."
        )
        parser.add_argument("--batch", type=int, default=20, help="Messages claimed per round.")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        last_run: dict[str, float] = {}
        while not self.stopping:
            result = deliver_due(limit=options["batch"])
            for name, outcome in run_due_jobs(last_run, PERIODIC_JOBS):
                self.stdout.write(f"{name}: {outcome}")
            busy = sum(vars(result).values())
            if busy:
                self.stdout.write(
                    f"sent {result.sent}, retrying {result.retried}, failed {result.failed}, "
                    f"uncertain {result.uncertain}, to post room {result.post_room}"
                )
            if options["once"]:
                return
            # Drop a connection the database closed or that outlived CONN_MAX_AGE.
            close_old_connections()
            if not busy:
                time.sleep(options["interval"])

    def _stop(self, signum: int, frame: Any) -> None:
        # Finish the message in hand, then stop: a claim is never left half-done on purpose.
        self.stopping = True
