"""A report as an accessible PDF for the website, from the same content as the Word document:
a tagged PDF (PDF/UA-1, so screen readers follow headings, tables and lists in order) in
British English with the report's title, A4, the organisation's name in the header, page
numbers in the footer, a contents list with page numbers, numbered headings, table header rows
repeated on every page a table runs onto, and the charts as images with alternative text."""

from __future__ import annotations

import base64

from django.template.loader import render_to_string

from redress.reporting.content import Report
from redress.reporting.documents import LANGUAGE, numbered

PDF_VARIANT = "pdf/ua-1"  # tagged, with the title shown and the language declared


def report_html(report: Report) -> str:
    """The report as the HTML WeasyPrint lays out; its CSS (in the template) sets the page."""
    sections = [
        {
            "id": f"s-{n}",
            "heading": numbered(n, section.heading),
            "section": section,
            "chart": _chart_image(section) if section.chart and section.chart.bars else "",
        }
        for n, section in enumerate(report.sections, start=1)
    ]
    return render_to_string(
        "reporting/pdf/report.html",
        {"report": report, "sections": sections, "language": LANGUAGE},
    )


def _chart_image(section: object) -> str:
    # Imported here, like the Word document's charts: only documents need matplotlib.
    from redress.reporting.plots import chart_png

    chart = section.chart  # type: ignore[attr-defined]
    return "data:image/png;base64," + base64.b64encode(chart_png(chart)).decode("ascii")


def report_pdf(report: Report) -> bytes:
    # Imported here: WeasyPrint loads Pango through cffi, which only the download needs.
    from weasyprint import HTML

    document = HTML(string=report_html(report), base_url=None)
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    assert pdf is not None  # no target given, so the bytes are returned
    return bytes(pdf)
