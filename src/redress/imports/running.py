"""An import from start to end: read the file a row at a time, check each row, and write the
good ones in batches inside one transaction, so that an import that must not go ahead
(a dry run, or a problem without ``skip_invalid``) leaves nothing behind."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from redress.cases.models import Case
from redress.imports import search_index
from redress.imports.inserting import journals_in_memory
from redress.imports.layout import FIELDS, REQUIRED, Mapping
from redress.imports.lookups import Lookups
from redress.imports.reading import Sheet, open_sheet
from redress.imports.rows import CaseRow, Problem, check_row
from redress.imports.values import normal
from redress.imports.writing import BatchWriter
from redress.reporting import rollup

BATCH = 2_000
KEPT_PROBLEMS = 500


@dataclass
class ImportResult:
    """What an import did or, on a dry run, would do."""

    dry_run: bool
    skip_invalid: bool = False
    rows: int = 0
    imported: int = 0
    already: int = 0
    rejected: int = 0
    problem_count: int = 0
    # The first problems, for a page to show; every one goes to ``on_problem``.
    problems: list[Problem] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    written: bool = False
    # A problem with the file as a whole (a required column missing): no row can be read.
    unusable: bool = False

    @property
    def refused(self) -> bool:
        """Nothing was (or, on a dry run, would be) written because of the file's problems."""
        return self.unusable or (self.problem_count > 0 and not self.skip_invalid)

    def note(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < KEPT_PROBLEMS:
            self.problems.append(problem)


@dataclass(frozen=True)
class ImportOptions:
    mapping: Mapping = field(default_factory=Mapping)
    dry_run: bool = False
    skip_invalid: bool = False
    by: Any = None
    source: str = ""
    on_problem: Callable[[Problem], None] | None = None
    progress: Callable[[int], None] | None = None
    # Told how many rows the file seems to have, for a progress bar.
    on_start: Callable[[int | None], None] | None = None
    # Told what the import does once the rows are written, for a progress bar's note.
    on_step: Callable[[str], None] | None = None


def _column_indexes(sheet: Sheet, mapping: Mapping) -> tuple[dict[str, int], dict[str, str]]:
    """Where each of Redress's columns is in the file, and the file's name for it."""
    headers = {
        normal(h.lstrip("\ufeff"), keep_underscores=True): i for i, h in enumerate(sheet.headers)
    }
    indexes: dict[str, int] = {}
    names: dict[str, str] = {}
    for name in FIELDS:
        header = mapping.header_for(name)
        names[name] = mapping.columns.get(name, name)
        if header in headers:
            indexes[name] = headers[header]
    return indexes, names


def _missing_columns(
    indexes: dict[str, int], names: dict[str, str], mapping: Mapping
) -> list[Problem]:
    return [
        Problem(1, names[name], "The file has no such column, and it is required.")
        for name in REQUIRED
        if name not in indexes and not mapping.defaults.get(name)
    ]


def _cells(row: list[Any], indexes: dict[str, int], mapping: Mapping) -> dict[str, Any]:
    cells: dict[str, Any] = {}
    for name in FIELDS:
        index = indexes.get(name)
        value = row[index] if index is not None and index < len(row) else ""
        if not hasattr(value, "isoformat"):  # dates from a spreadsheet are already read
            value = mapping.translate(name, str(value))
        cells[name] = value
    if cells["legacy_reference"] and mapping.reference_prefix:
        cells["legacy_reference"] = f"{mapping.reference_prefix}{cells['legacy_reference']}"
    return cells


class Importer:
    def __init__(self, options: ImportOptions) -> None:
        self.options = options
        self.result = ImportResult(dry_run=options.dry_run, skip_invalid=options.skip_invalid)
        self.lookups = Lookups()
        self.writer = BatchWriter(by=options.by, source=options.source)
        self.seen: dict[str, int] = {}

    def step(self, what: str) -> None:
        if self.options.on_step:
            self.options.on_step(what)

    def problem(self, problem: Problem) -> None:
        self.result.note(problem)
        if self.options.on_problem:
            self.options.on_problem(problem)

    @property
    def writing(self) -> bool:
        """Whether batches are still written: not on a dry run, nor once an import that
        cannot skip invalid rows has found one (the rest is still checked, for the report)."""
        if self.options.dry_run:
            return False
        return self.options.skip_invalid or self.result.problem_count == 0

    def checked(
        self, sheet: Sheet, indexes: dict[str, int], names: dict[str, str]
    ) -> Iterator[CaseRow]:
        mapping = self.options.mapping
        for number, row in sheet.rows:
            self.result.rows += 1
            cells = _cells(row, indexes, mapping)
            case_row, problems = check_row(number, cells, names, self.lookups)
            reference = str(cells["legacy_reference"]).strip()
            if reference in self.seen:
                problems.append(
                    Problem(
                        number,
                        names["legacy_reference"],
                        f"{reference} is also on row {self.seen[reference]}.",
                    )
                )
                case_row = None
            elif reference:
                self.seen[reference] = number
            for problem in problems:
                self.problem(problem)
            if problems:
                self.result.rejected += 1
            elif case_row is not None:
                yield case_row
            if self.options.progress:
                self.options.progress(number)

    def flush(self, batch: list[CaseRow]) -> None:
        references = [row.legacy_reference for row in batch]
        existing = set(
            Case.objects.filter(legacy_reference__in=references).values_list(
                "legacy_reference", flat=True
            )
        )
        new = [row for row in batch if row.legacy_reference not in existing]
        self.result.already += len(batch) - len(new)
        self.result.imported += len(new)
        self.result.kinds.update(row.kind for row in new)
        if self.writing and new:
            self.writer.write(new)

    def run(self, sheet: Sheet) -> ImportResult:
        mapping = self.options.mapping
        indexes, names = _column_indexes(sheet, mapping)
        missing = _missing_columns(indexes, names, mapping)
        for problem in missing:
            self.problem(problem)
        if missing:
            self.result.unusable = True
            return self.result
        if self.options.on_start:
            self.options.on_start(sheet.estimated_rows)
        batch: list[CaseRow] = []
        for case_row in self.checked(sheet, indexes, names):
            batch.append(case_row)
            if len(batch) >= BATCH:
                self.flush(batch)
                batch = []
        if batch:
            self.flush(batch)
        self.result.written = self.writing and self.result.imported > 0
        return self.result


def _write(importer: Importer, sheet: Sheet) -> ImportResult:
    """The import in one transaction, kept only if it wrote something it may keep."""
    with transaction.atomic():
        with search_index.filled_at_the_end():
            result = importer.run(sheet)
            importer.step("saving the cases")
        if result.written:
            rollup.collapse_notes()
        else:
            transaction.set_rollback(True)
    return result


def run_import(path: str | Path, options: ImportOptions) -> ImportResult:
    """Import the file at ``path``; see ``ImportOptions``. Raises UnreadableFile for a file
    that is not CSV or XLSX and MappingError never (the mapping is already read)."""
    importer = Importer(options)
    with open_sheet(path) as sheet:
        if options.dry_run:
            return importer.run(sheet)
        with journals_in_memory():
            result = _write(importer, sheet)
            if result.written:
                # The figures store's change notes were written with the cases; recount
                # their slices now rather than leave it to the next reader.
                importer.step("recounting the report figures")
                rollup.refresh()
                importer.step("done")
    return result
