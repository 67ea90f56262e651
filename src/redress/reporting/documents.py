"""A report as a Word document officers can edit for committee, charts embedded as PNG."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Cm

from redress.reporting.charts import png_bar_chart
from redress.reporting.content import Chart, Report, Table


def report_docx(report: Report) -> bytes:
    document = Document()
    document.add_heading(report.title, level=0)
    document.add_paragraph(report.subtitle)
    for section in report.sections:
        document.add_heading(section.heading, level=1)
        for text in section.paragraphs:
            document.add_paragraph(text)
        if section.chart is not None and section.chart.bars:
            _add_chart(document, section.chart)
        for table in section.tables:
            _add_table(document, table)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_chart(document, chart: Chart) -> None:  # type: ignore[no-untyped-def]
    document.add_paragraph(chart.title, style="Caption")
    image = io.BytesIO(png_bar_chart([b.value or 0 for b in chart.bars]))
    document.add_picture(image, width=Cm(15))
    # The picture's alternative text, read out by screen readers in Word.
    picture = document.inline_shapes[-1]
    picture._inline.docPr.set("descr", chart.alt_text)
    document.add_paragraph(
        "Bars left to right: " + ", ".join(b.label for b in chart.bars) + ".", style="Caption"
    )


def _add_table(document, table: Table) -> None:  # type: ignore[no-untyped-def]
    document.add_paragraph(table.caption, style="Caption")
    if not table.rows:
        document.add_paragraph("None in this period.")
        return
    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
