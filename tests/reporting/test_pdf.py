"""The accessible PDFs: tagged (PDF/UA-1), titled, in British English, A4, with the
organisation's name and page numbers on every page, a contents list, numbered headings,
table header rows repeated, and charts carrying alternative text."""

import io

import pytest
from django.conf import settings
from pypdf import PdfReader

from redress.reporting.charts import Bar
from redress.reporting.content import Chart, Report, Section, Table
from redress.reporting.pdfs import report_pdf

pytestmark = pytest.mark.django_db

A4_POINTS = (595, 842)


def _pdf(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(response.content))


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _structure_kinds(reader: PdfReader) -> set[str]:
    kinds: set[str] = set()
    pending = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while pending:
        node = pending.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            pending.extend(node)
            continue
        if not hasattr(node, "get"):
            continue
        if "/S" in node:
            kinds.add(str(node["/S"]))
            if node.get("/Alt"):
                kinds.add("alt:" + str(node["/Alt"]))
        kids = node.get("/K")
        if kids is not None:
            pending.extend(kids if isinstance(kids, list) else [kids])
    return kinds


def test_the_annual_report_pdf_is_tagged_titled_and_has_the_figures(client, dataset, officer):
    client.force_login(officer)
    reader = _pdf(client.get("/reports/annual/", {"year": "2026", "format": "pdf"}))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]) == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    title = "Annual complaints performance and service improvement report 2026/27"
    assert reader.metadata.title == title
    kinds = _structure_kinds(reader)
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/Figure"} <= kinds
    assert any(k.startswith("alt:Bar chart: Cases received by kind.") for k in kinds)
    first = reader.pages[0]
    assert (round(first.mediabox.width), round(first.mediabox.height)) == A4_POINTS
    text = _text(reader)
    assert "Contents" in text
    assert "6. Timeliness of complaint handling" in text  # after "By directorate"
    assert f"Page 1 of {len(reader.pages)}" in text
    assert settings.REDRESS["ORGANISATION_NAME"] in reader.pages[-1].extract_text()
    assert "1 April 2026 to 31 March 2027" in text
    # Aggregate only, as in the Word document.
    assert "CMP-2026" not in text


def test_a_long_tables_header_repeats_on_the_next_page():
    rows = [[f"Row {n}", str(n)] for n in range(120)]
    report = Report(
        title="Long table",
        subtitle="A test.",
        organisation="Test Council",
        sections=[Section("Figures", tables=[Table("Many rows", ["Thing", "Count"], rows)])],
    )
    reader = PdfReader(io.BytesIO(report_pdf(report)))
    assert len(reader.pages) >= 3
    for page in reader.pages[1:]:
        words = page.extract_text()
        assert "Thing" in words and "Count" in words
        assert "Test Council" in words


def test_a_chart_with_no_figures_is_left_out_not_drawn_empty():
    report = Report(
        title="Empty chart",
        subtitle="",
        sections=[Section("Nothing", chart=Chart("Nothing to draw", [Bar("A", None)]))],
    )
    kinds = _structure_kinds(PdfReader(io.BytesIO(report_pdf(report))))
    assert "/Figure" in kinds  # a bar with nothing to measure is still a chart, labelled so
    report.sections[0].chart = Chart("No bars", [])
    assert "/Figure" not in _structure_kinds(PdfReader(io.BytesIO(report_pdf(report))))


def test_the_quarterly_report_downloads_as_pdf_too(client, dataset, officer):
    client.force_login(officer)
    reader = _pdf(
        client.get("/reports/quarterly/", {"year": "2026", "quarter": "1", "format": "pdf"})
    )
    assert reader.metadata.title == "Quarterly complaints performance report: Q1 2026/27"


def test_the_report_page_offers_both_downloads(client, dataset, officer):
    client.force_login(officer)
    page = client.get("/reports/annual/", {"year": "2026"}).content.decode()
    assert 'href="?year=2026&amp;format=docx"' in page
    assert 'href="?year=2026&amp;format=pdf">Download PDF</a>' in page
