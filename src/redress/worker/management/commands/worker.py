"""``redress worker``: delivers the outbox and runs the periodic jobs until stopped. Failures
are logged and retried (see ``redress.worker.loop``); only a stop signal ends it."""

from __future__ import annotations

import signal
from typing import Any

from django.core.management.base import BaseCommand

from redress.worker.loop import Settings, Worker


class Command(BaseCommand):
    help = "Deliver queued emails and letters, with retries, and run the periodic jobs."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Run one round, then stop.")
        parser.add_argument(
            "--interval", type=float, default=2.0, help="Seconds to wait when there is no work."
        )
        parser.add_argument("--batch", type=int, default=20, help="Messages claimed per round.")
        parser.add_argument(
            "--max-pause",
            type=float,
            default=60.0,
            help="Longest wait between tries while something is failing (seconds).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker = Worker(
            Settings(
                interval=options["interval"],
                batch=options["batch"],
                max_pause=options["max_pause"],
            ),
            write=self.stdout.write,
        )
        if options["once"]:
            worker.run_round()  # one round on request: let a failure show as an error
            return

        def stop(signum: int, frame: Any) -> None:
            # Finish the message in hand, then stop: a claim is never left half-done on purpose.
            worker.stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write("worker started")
        worker.run_forever()
        self.stdout.write("worker stopped")
