"""CSV and XLSX exports of cases and stages, read in chunks so memory stays flat at any size.

Columns describe the case, never the person: no names or contact details leave this way."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from openpyxl import Workbook

from redress.cases.models import Case, CaseStage
from redress.reporting.measures import stages_of_cases

CHUNK = 2000
CASE_COLUMNS = (
    ("reference", "Reference"),
    ("kind", "Kind"),
    ("channel", "Channel"),
    ("service__name", "Service area"),
    ("category__name", "Category"),
    ("received_on", "Received"),
    ("status", "Status"),
    ("current_stage__key", "Current stage"),
    ("next_due_on", "Next due"),
    ("outcome", "Latest outcome"),
    ("not_accepted_reason", "Reason not accepted"),
    ("closed_on", "Closed"),
)
STAGE_COLUMNS = (
    ("case__reference", "Reference"),
    ("case__kind", "Kind"),
    ("case__service__name", "Service area"),
    ("case__received_on", "Received"),
    ("number", "Stage number"),
    ("key", "Stage"),
    ("opened_on", "Opened"),
    ("acknowledge_due", "Acknowledgement due"),
    ("acknowledged_on", "Acknowledged"),
    ("response_due", "Response due"),
    ("extended_to", "Extended to"),
    ("responded_on", "Answered"),
    ("outcome", "Outcome"),
    ("reopened_on", "Reopened"),
)
EXPORTS = {"cases": CASE_COLUMNS, "stages": STAGE_COLUMNS}


def export_rows(what: str, cases: QuerySet[Case]) -> Iterator[tuple[object, ...]]:
    """The header, then one tuple per case or stage, fetched CHUNK rows at a time."""
    columns = EXPORTS[what]
    yield tuple(label for _, label in columns)
    fields = [name for name, _ in columns]
    rows: QuerySet[Case, Any] | QuerySet[CaseStage, Any]
    if what == "cases":
        rows = cases.order_by("received_on", "id").values_list(*fields)
    else:
        rows = stages_of_cases(cases).order_by("case_id", "number").values_list(*fields)
    yield from rows.iterator(chunk_size=CHUNK)


class _Echo:
    """A file-like object that hands back what is written, for streaming csv output."""

    def write(self, value: str) -> str:
        return value


def csv_stream(rows: Iterator[tuple[object, ...]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow(["" if v is None else _safe(v) for v in row])


def _safe(value: object) -> object:
    # A cell starting with = + - @ is run as a formula by spreadsheet programs.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def xlsx_file(
    rows: Iterator[tuple[object, ...]], title: str
) -> tempfile.SpooledTemporaryFile[bytes]:
    """A write-only workbook (rows streamed to disk, not held in memory), rewound for reading."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title)
    for row in rows:
        sheet.append([_safe(v) for v in row])
    # Not a context manager: FileResponse closes it once the download is sent.
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    workbook.save(spool)
    spool.seek(0)
    return spool
