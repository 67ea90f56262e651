"""``redress retention --dry-run`` prepares a retention report and says what it would do;
``--apply`` prepares one and applies it (what the worker does daily). Either prints the count
of cases by rule and state and, for a look at them, the first few references under each rule;
the whole list is on the report's page and in its CSV."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count

from redress.core.words import counted
from redress.privacy.retention import report_apply, report_prepare, report_sample

SAMPLE = 5


class Command(BaseCommand):
    help = "Prepare a retention report of the cases due for anonymising, and optionally apply it."

    def add_arguments(self, parser: CommandParser) -> None:
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument("--dry-run", action="store_true", help="Prepare the report only.")
        what.add_argument("--apply", action="store_true", help="Prepare and apply the report.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not (options["dry_run"] or options["apply"]):
            raise CommandError("Say --dry-run or --apply.")
        report = report_prepare(by=None)
        rows = report.items.values("rule_label", "state").annotate(n=Count("pk"))
        self.stdout.write(f"Retention report {report.pk} (as of {report.as_of.isoformat()}):")
        for row in rows.order_by("rule_label", "state"):
            self.stdout.write(f"  {row['rule_label']}: {row['n']} {row['state']}")
        for label, references in report_sample(report, SAMPLE).items():
            self.stdout.write(f"  first due under {label}: {', '.join(references)}")
        if options["apply"]:
            applied = report_apply(report, by=None)
            self.stdout.write(
                f"{counted(applied.anonymised, 'case')} anonymised, "
                f"{counted(applied.skipped, 'case')} skipped."
            )
        else:
            self.stdout.write("Dry run: nothing changed. Apply it from the retention pages.")
