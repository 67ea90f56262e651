import time

from django.core.management.base import BaseCommand, CommandError

from redress.demo.loader import DEFAULT_CASES, DEFAULT_SEED, DemoNotLoaded, load_demo
from redress.reporting.rollup import refresh as refresh_report_figures


class Command(BaseCommand):
    help = (
        "Load the demo council: service areas, staff and about two years of cases made through "
        "the service functions. Loads nothing if the demo is already in the database."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--cases", type=int, default=DEFAULT_CASES)
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if options["cases"] < 1:
            raise CommandError("--cases must be at least 1.")
        started = time.monotonic()
        try:
            result = load_demo(cases=options["cases"], seed=options["seed"])
        except DemoNotLoaded as error:
            raise CommandError(str(error)) from error
        if result.loaded:
            # Count the new cases into the report figures now, not on the first dashboard.
            refresh_report_figures()
            seconds = time.monotonic() - started
            self.stdout.write(f"Demo data loaded: {result.cases:,} cases in {seconds:.0f} s.")
        else:
            self.stdout.write("Demo data is already loaded; nothing added.")
