"""The report exports: the cases or stages behind the dashboard's figures, as CSV or XLSX.

Columns describe the case, never the person: no names or contact details leave this way.
The columns are those of the Find cases download (``redress.cases.columns``) less its
personal ones, and the files are written by ``redress.core.spreadsheets``."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from redress.cases.columns import CASE_COLUMNS, STAGE_COLUMNS, rows_of
from redress.cases.models import Case
from redress.core.spreadsheets import csv_stream, xlsx_file
from redress.reporting.measures import stages_of_cases

EXPORTS = {"cases": CASE_COLUMNS, "stages": STAGE_COLUMNS}

__all__ = ["EXPORTS", "csv_stream", "export_rows", "xlsx_file"]


def export_rows(what: str, cases: QuerySet[Case]) -> Iterator[tuple[object, ...]]:
    """The header, then one tuple per case or stage, in labels rather than codes."""
    if what == "cases":
        return rows_of(cases.order_by("received_on", "id"), CASE_COLUMNS)
    return rows_of(stages_of_cases(cases).order_by("case_id", "number"), STAGE_COLUMNS)
