"""The LGSCO's annual review figures for the council and its neighbours: read from the CSV an
administrator uploads (one per year), checked whole before anything is saved, and compared in
the annual report.

The CSV has a header row naming these columns, in any order and case: organisation,
complaints decided, detailed investigations, upheld, upheld rate, compliance rate, satisfactory
remedy rate. Rates are percentages ("57", "57.1" or "57.1%"); a rate may be blank or "n/a"
where the Ombudsman publishes none (no upheld complaints, say)."""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterable
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


# --- finding our row ----------------------------------------------------------------------


def _plain(name: str) -> str:
    """A name as compared: letter case and spacing ignored."""
    return " ".join(name.split()).casefold()


def _loose(name: str) -> str:
    """Also without a leading "The" or a trailing "Council": the differences between the
    Ombudsman's spelling and ours that change nothing about whom the name means."""
    plain = _plain(name).removeprefix("the ")
    return plain.removesuffix(" council") if plain != "council" else plain


def _only(matches: list[str]) -> str | None:
    # Two imported names alike to ours would be a guess between them: take neither.
    return matches[0] if len(matches) == 1 else None


def our_row_name(names: Iterable[str], ours: str) -> str | None:
    """Which of ``names`` is ours: the one spelt exactly as ours, else the only one spelt the
    same but for case and spacing, else the only one differing just by "The" or "Council"."""
    names = list(names)
    if not ours.strip():
        return None
    if ours in names:
        return ours
    return _only([n for n in names if _plain(n) == _plain(ours)]) or _only(
        [n for n in names if _loose(n) == _loose(ours)]
    )


def closest_names(name: str, names: Iterable[str], n: int = 5) -> list[str]:
    """The imported names most like ``name``, most alike first: what the administrator should
    look at when our row is not found."""
    by_plain = {_plain(candidate): candidate for candidate in sorted(names)}
    return [by_plain[p] for p in difflib.get_close_matches(_plain(name), by_plain, n=n)]


@dataclass(frozen=True)
class NotFound:
    """Imported years in which no row is ours, with the name looked for and the imported names
    closest to it."""

    name: str
    years: list[int]
    closest: list[str]


def ours_not_found(years: Iterable[int]) -> NotFound | None:
    """Whether any of ``years`` lacks our row, which leaves the annual report's comparison
    without our figures; None when every one has it."""
    name = our_name()
    by_year: dict[int, list[str]] = {year: [] for year in years}
    rows = BenchmarkFigure.objects.filter(year__in=by_year).values_list("year", "organisation")
    for year, organisation in rows:
        by_year[year].append(organisation)
    missing = sorted(y for y, names in by_year.items() if our_row_name(names, name) is None)
    if not missing:
        return None
    names = {n for year in missing for n in by_year[year]}
    return NotFound(name, missing, closest_names(name, names) if name else [])


def comparison(year: int) -> Comparison:
    names = BenchmarkFigure.objects.filter(year=year).values_list("organisation", flat=True)
    ours_named = our_row_name(names, our_name())
    chosen = list(BenchmarkNeighbour.objects.values_list("organisation", flat=True))
    wanted = [ours_named, *chosen] if ours_named else chosen
    figures = list(BenchmarkFigure.objects.filter(year=year, organisation__in=wanted))
    ours = next((f for f in figures if f.organisation == ours_named), None)
    return Comparison(year, ours, [f for f in figures if f is not ours])
