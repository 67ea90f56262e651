import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from redress.trends.detect import find_trends


def _monday(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            f"--week-starting must be a date like 2026-11-23, not {text!r}"
        ) from error
    if day.weekday() != 0:
        raise CommandError(f"--week-starting must be a Monday; {day:%A %d %B %Y} is not")
    return day


class Command(BaseCommand):
    help = (
        "Look for emerging trends now: test each service area, category and area of the "
        "borough in the last complete week (or the one given) against its previous weeks."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--week-starting",
            type=_monday,
            default=None,
            help="The Monday of the week to test (YYYY-MM-DD); by default the last complete week.",
        )

    def handle(self, *args, week_starting=None, **options):  # type: ignore[no-untyped-def]
        result = find_trends(week_starting)
        self.stdout.write(str(result))
        for alert in result.new:
            self.stdout.write(
                f"  {alert.scope_kind} {alert.scope_name}: {alert.count} against "
                f"{alert.expected:.1f} expected (p = {alert.p_value:.2g})"
            )
