"""Reading an import file row by row, whatever it is: CSV in UTF-8 (with or without a byte
order mark) or Windows-1252, or an Excel workbook (its first sheet). Nothing is read into
memory whole: rows come one at a time, so a file of any length imports in flat memory."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from openpyxl import load_workbook

CHUNK = 1 << 20
ZIP_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"


class UnreadableFile(ValueError):
    """A file that is not one Redress can import, with why."""


@dataclass
class Sheet:
    """The header row as written, and the rows after it: (row number as a spreadsheet shows
    it, cells), blank rows left out."""

    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    # For a progress bar: lines in a CSV file (a quoted line break counts twice), rows in a
    # workbook's recorded dimensions.
    estimated_rows: int | None = None


def encoding_of(stream: IO[bytes]) -> str:
    """UTF-8 if the whole file decodes as UTF-8 (a byte order mark is dropped), else
    Windows-1252, which is what Excel on Windows writes when it is asked for "CSV"."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    stream.seek(0)
    try:
        while chunk := stream.read(CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    finally:
        stream.seek(0)
    return "utf-8-sig"


def _cell_text(value: Any) -> Any:
    """A spreadsheet cell as the importer reads it: dates stay dates, whole numbers lose the
    ``.0`` a spreadsheet gives them, everything else is text."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _numbered(rows: Iterator[list[Any]]) -> Iterator[tuple[int, list[Any]]]:
    for number, cells in enumerate(rows, start=2):
        if any(cell not in ("", None) for cell in cells):
            yield number, cells


def _count_lines(stream: IO[bytes]) -> int:
    lines = 0
    while chunk := stream.read(CHUNK):
        lines += chunk.count(b"\n")
    stream.seek(0)
    return lines


def _csv_sheet(stream: IO[bytes]) -> Iterator[Sheet]:
    estimated = max(_count_lines(stream) - 1, 0)
    text = io.TextIOWrapper(stream, encoding=encoding_of(stream), newline="")
    reader = csv.reader(text)
    try:
        headers = next(reader)
    except StopIteration:
        raise UnreadableFile("The file is empty: it needs a header row.") from None
    except csv.Error as error:
        raise UnreadableFile(f"The file is not a CSV file Redress can read: {error}.") from None
    yield Sheet(headers=headers, rows=_numbered(reader), estimated_rows=estimated)


def _excel_sheet(stream: IO[bytes]) -> Iterator[Sheet]:
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error for a damaged file
        raise UnreadableFile("The file is not an Excel workbook Redress can read.") from None
    try:
        sheet = workbook.worksheets[0]
        rows = ([_cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True))
        headers = next(rows, None)
        if headers is None:
            raise UnreadableFile("The first sheet is empty: it needs a header row.")
        estimated = (sheet.max_row or 1) - 1
        yield Sheet(
            headers=[str(h) for h in headers], rows=_numbered(rows), estimated_rows=estimated
        )
    finally:
        workbook.close()


@contextmanager
def open_sheet(path: str | Path) -> Iterator[Sheet]:
    """The rows of the file at ``path``, told apart by content rather than by name."""
    with open(path, "rb") as stream:
        magic = stream.read(4)
        stream.seek(0)
        if magic == OLD_EXCEL_MAGIC:
            raise UnreadableFile(
                "This is an old Excel (.xls) file: save it as an Excel workbook (.xlsx) or CSV."
            )
        reader = _excel_sheet if magic == ZIP_MAGIC else _csv_sheet
        yield from reader(stream)
