"""The LGSCO's annual review figures for the council and its neighbours: read from the CSV an
administrator uploads (one per year), checked whole before anything is saved, and compared in
the annual report.

The CSV has a header row naming these columns, in any order and case: organisation,
complaints decided, detailed investigations, upheld, upheld rate, compliance rate, satisfactory
remedy rate. Rates are percentages ("57", "57.1" or "57.1%"); a rate may be blank or "n/a"
where the Ombudsman publishes none (no upheld complaints, say)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction

from redress.reporting.models import BenchmarkFigure, BenchmarkNeighbour

MAX_BYTES = 2_000_000
MAX_ROWS = 2_000  # the LGSCO reviews some 400 bodies a year
COUNTS = ("complaints_decided", "detailed_investigations", "upheld")
RATES = ("upheld_rate", "compliance_rate", "satisfactory_remedy_rate")
COLUMNS = ("organisation", *COUNTS, *RATES)
NO_RATE = {"", "-", "–", "n/a", "na", "none"}


def _column(name: str) -> str:
    return re.sub(r"[^a-z]+", "_", name.strip().lower()).strip("_")


def heading(column: str) -> str:
    return column.replace("_", " ")


class BenchmarkFileError(ValueError):
    """The file cannot be imported; ``problems`` says where and why, row and column."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Row:
    organisation: str
    complaints_decided: int
    detailed_investigations: int
    upheld: int
    upheld_rate: Decimal | None
    compliance_rate: Decimal | None
    satisfactory_remedy_rate: Decimal | None


def _text(raw: bytes) -> str:
    if not raw:
        raise BenchmarkFileError(["The file is empty: choose the CSV of the Ombudsman's figures."])
    if len(raw) > MAX_BYTES:
        raise BenchmarkFileError([f"The file must be smaller than {MAX_BYTES // 1_000_000} MB."])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BenchmarkFileError(
            ["The file must be a CSV saved as UTF-8 (in Excel: CSV UTF-8)."]
        ) from None


def _count(value: str, where: str) -> tuple[int | None, str]:
    cleaned = value.replace(",", "").strip()
    if not cleaned.isdigit():
        return None, f"{where}: enter a whole number of 0 or more, like 12 (found “{value}”)."
    return int(cleaned), ""


def _rate(value: str, where: str) -> tuple[Decimal | None, str]:
    cleaned = value.strip().rstrip("%").strip()
    if cleaned.lower() in NO_RATE:
        return None, ""
    try:
        rate = Decimal(cleaned)
    except InvalidOperation:
        return None, f"{where}: enter a percentage from 0 to 100, like 57.1 (found “{value}”)."
    if not Decimal(0) <= rate <= Decimal(100) or not rate.is_finite():
        return None, f"{where}: enter a percentage from 0 to 100, like 57.1 (found “{value}”)."
    return rate.quantize(Decimal("0.1")), ""


def _row(number: int, cells: dict[str, str]) -> tuple[Row | None, list[str]]:
    problems: list[str] = []
    values: dict[str, Any] = {"organisation": (cells.get("organisation") or "").strip()}
    if not values["organisation"]:
        problems.append(f"Row {number}, column “organisation”: enter the organisation's name.")
    elif len(values["organisation"]) > 200:
        problems.append(f"Row {number}, column “organisation”: use 200 characters or fewer.")
    for column in COUNTS:
        values[column], problem = _count(
            cells.get(column) or "", f"Row {number}, column “{heading(column)}”"
        )
        problems += [problem] if problem else []
    for column in RATES:
        values[column], problem = _rate(
            cells.get(column) or "", f"Row {number}, column “{heading(column)}”"
        )
        problems += [problem] if problem else []
    if problems:
        return None, problems
    if values["detailed_investigations"] > values["complaints_decided"]:
        problems.append(
            f"Row {number}, column “detailed investigations”: cannot be more than the "
            "complaints decided."
        )
    if values["upheld"] > values["detailed_investigations"]:
        problems.append(
            f"Row {number}, column “upheld”: cannot be more than the detailed investigations."
        )
    return (None if problems else Row(**values)), problems


def read_csv(raw: bytes) -> list[Row]:
    """Every row of the file, or BenchmarkFileError listing every problem found."""
    reader = csv.reader(io.StringIO(_text(raw)))
    header = [_column(h) for h in next(reader, [])]
    missing = [heading(c) for c in COLUMNS if c not in header]
    if missing:
        raise BenchmarkFileError(
            ["The first row must name the columns; missing: " + ", ".join(missing) + "."]
        )
    rows, problems, seen = [], [], set()
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if number > MAX_ROWS + 1:
            raise BenchmarkFileError([f"The file has more than {MAX_ROWS:,} rows."])
        row, found = _row(number, dict(zip(header, cells, strict=False)))
        problems += found
        if row is not None:
            if row.organisation.casefold() in seen:
                problems.append(
                    f"Row {number}, column “organisation”: {row.organisation} is listed twice."
                )
            seen.add(row.organisation.casefold())
            rows.append(row)
    if problems:
        raise BenchmarkFileError(problems)
    if not rows:
        raise BenchmarkFileError(["The file has a header row but no figures."])
    return rows


@transaction.atomic
def import_year(year: int, rows: list[Row], by: Any) -> int:
    """Replaces the year's figures with ``rows``, all or nothing."""
    BenchmarkFigure.objects.filter(year=year).delete()
    BenchmarkFigure.objects.bulk_create(
        BenchmarkFigure(year=year, imported_by=by, **row.__dict__) for row in rows
    )
    return len(rows)


def our_name() -> str:
    from redress.core.models import OrganisationSettings

    named = OrganisationSettings.objects.filter(pk=1).values_list("ombudsman_name", flat=True)
    return (named.first() or "").strip() or str(settings.REDRESS.get("ORGANISATION_NAME", ""))


@dataclass(frozen=True)
class Comparison:
    year: int
    ours: BenchmarkFigure | None
    neighbours: list[BenchmarkFigure]

    @property
    def imported(self) -> bool:
        return self.ours is not None or bool(self.neighbours)

    @property
    def neighbour_upheld_rate(self) -> Decimal | None:
        """The neighbours' upheld rate taken together: upheld over detailed investigations."""
        investigated = sum(n.detailed_investigations for n in self.neighbours)
        if not investigated:
            return None
        upheld = sum(n.upheld for n in self.neighbours)
        return (Decimal(100) * upheld / investigated).quantize(Decimal("0.1"))


def comparison(year: int) -> Comparison:
    name = our_name()
    chosen = list(BenchmarkNeighbour.objects.values_list("organisation", flat=True))
    figures = BenchmarkFigure.objects.filter(year=year, organisation__in=[name, *chosen])
    ours = next((f for f in figures if f.organisation == name), None)
    return Comparison(year, ours, [f for f in figures if f.organisation != name])
