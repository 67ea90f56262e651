"""CSV and XLSX files that open cleanly in spreadsheet programs, written as they stream.

- CSV begins with a UTF-8 byte-order mark: without it Excel reads the file as Windows-1252
  and turns "Siân" into "SiÃ¢n". Dates are written YYYY-MM-DD, which every spreadsheet
  program reads as a date whatever its locale.
- XLSX has its header row bold and frozen, a filter on every column, real date cells shown
  as "1 Apr 2026", and columns wide enough to read.
- Text that starts with = + - @ (or a tab or carriage return) is prefixed with an apostrophe
  in both, so a cell typed by a member of the public is never run as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_DATE_FORMAT = "d mmm yyyy"
XLSX_COLUMN_WIDTH = 18
XLSX_WIDE_COLUMNS = {"Summary": 60, "Category": 30, "Service area": 28, "Current stage": 24}


def safe(value: object) -> object:
    """The value, with text that a spreadsheet would run as a formula made plain text."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


class _Echo:
    """A file-like object that hands back what is written, for streaming csv output."""

    def write(self, value: str) -> str:
        return value


def csv_stream(rows: Iterable[tuple[object, ...]]) -> Iterator[str]:
    """The rows as CSV lines, the first preceded by the byte-order mark."""
    writer = csv.writer(_Echo())
    yield BOM
    for row in rows:
        yield writer.writerow(["" if v is None else safe(v) for v in row])


def xlsx_file(
    rows: Iterator[tuple[object, ...]], title: str
) -> tempfile.SpooledTemporaryFile[bytes]:
    """A write-only workbook (rows streamed to disk, not held in memory), rewound for reading.

    The first row of ``rows`` is the header."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title)
    header = next(rows, ())
    _header(sheet, header)
    count = 1
    for row in rows:
        sheet.append([_cell(sheet, v) for v in row])
        count += 1
    if header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count}"
    # Not a context manager: FileResponse closes it once the download is sent.
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    workbook.save(spool)
    spool.seek(0)
    return spool


def _header(sheet: WriteOnlyWorksheet, header: tuple[object, ...]) -> None:
    # A write-only sheet takes its column widths and panes before its first row.
    for number, heading in enumerate(header, start=1):
        width = XLSX_WIDE_COLUMNS.get(str(heading), XLSX_COLUMN_WIDTH)
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for heading in header:
        cell = WriteOnlyCell(sheet, value=safe(heading))
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)


def _cell(sheet: WriteOnlyWorksheet, value: object) -> object:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_DATE_FORMAT
        return cell
    return safe(value)
