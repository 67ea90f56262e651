"""``redress import_cases FILE``: import cases from a legacy system's export."""

from __future__ import annotations

import csv
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from redress.core.spreadsheets import safe
from redress.imports.layout import Mapping, MappingError, load_mapping
from redress.imports.reading import UnreadableFile
from redress.imports.rows import Problem
from redress.imports.running import ImportOptions, ImportResult, run_import
from redress.imports.summary import summary_lines


class Command(BaseCommand):
    help = (
        "Import cases from a CSV or XLSX export of a legacy system. Checks every row first: "
        "with any problem nothing is written unless --skip-invalid is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The CSV or XLSX file, one row per case.")
        parser.add_argument(
            "--mapping",
            help="A TOML mapping file, or a shipped one by name: aptean-respond, civica.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and write nothing."
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid rows and report the rejected ones.",
        )
        parser.add_argument("--report", help="Write every problem to this CSV file.")
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show a progress bar."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        try:
            mapping = load_mapping(options["mapping"]) if options["mapping"] else Mapping()
        except MappingError as error:
            raise CommandError(str(error)) from None
        with ExitStack() as stack:
            report = None
            if options["report"]:
                handle = stack.enter_context(
                    open(options["report"], "w", newline="", encoding="utf-8")
                )
                report = csv.writer(handle)
                report.writerow(["row", "column", "reason"])
            bar = None
            if not options["no_progress"]:
                bar = stack.enter_context(tqdm(unit=" rows", file=sys.stderr, delay=0.5))

            def on_problem(problem: Problem) -> None:
                line = f"Row {problem.row}, {problem.column}: {problem.reason}"
                (bar.write if bar else self.stderr.write)(line)
                if report:
                    report.writerow([problem.row, safe(problem.column), safe(problem.reason)])

            result = self._run(path, mapping, options, on_problem, bar)
        for line in summary_lines(result):
            self.stdout.write(line)
        if result.refused:
            raise CommandError("Nothing was imported: correct the rows above and run it again.")

    def _run(
        self, path: Path, mapping: Mapping, options: dict[str, Any], on_problem: Any, bar: Any
    ) -> ImportResult:
        def progress(row: int) -> None:
            bar.update(1)

        import_options = ImportOptions(
            mapping=mapping,
            dry_run=options["dry_run"],
            skip_invalid=options["skip_invalid"],
            source=path.name,
            on_problem=on_problem,
            progress=progress if bar is not None else None,
            on_start=(lambda total: setattr(bar, "total", total)) if bar is not None else None,
            on_step=bar.set_description_str if bar is not None else None,
        )
        try:
            return run_import(path, import_options)
        except UnreadableFile as error:
            raise CommandError(str(error)) from None
