"""The Word documents as a committee clerk gets them: A4 with margins, the organisation's name
in the header, page numbers in the footer, a contents list, numbered headings, header rows
that repeat, matplotlib charts with alternative text, good English and UK dates, and no
placeholders or instructions to staff: a clerk sends the document as it is, so what is missing
is said on the report page instead."""

import io
import re

import pytest
from django.conf import settings
from docx import Document
from docx.oxml.ns import qn

from redress.cases.models import Service
from redress.reporting import assessment, benchmarks, code_evidence
from redress.reporting.charts import Bar
from redress.reporting.content import Chart
from redress.reporting.models import BenchmarkFigure, BenchmarkNeighbour, HomesCount, ReportNote
from redress.reporting.plots import chart_png
from tests.reporting.conftest import d

pytestmark = pytest.mark.django_db

# What the documents once printed for staff, or in place of what was missing.
PLACEHOLDERS = (
    "Not assessed",
    code_evidence.NO_DATA,
    "see the commentary",
    "not shown",
    "not imported",
    "have not been imported",
    "not among those imported",
    "Number of homes",
    "nobody answered",
    "not yet written",
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _annual(client, officer, year="2026"):
    client.force_login(officer)
    response = client.get("/reports/annual/", {"year": year, "format": "docx"})
    assert response.status_code == 200
    return Document(io.BytesIO(response.content))


def _text(document) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_page_is_a4_with_margins_a_header_and_page_numbers(client, dataset, officer):
    document = _annual(client, officer)
    section = document.sections[0]
    # Word keeps sizes in twentieths of a point, so they round-trip to within a hair.
    assert abs(section.page_width.mm - 210) < 0.1 and abs(section.page_height.mm - 297) < 0.1
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        assert abs(getattr(section, margin).cm - 2.5) < 0.01
    organisation = settings.REDRESS["ORGANISATION_NAME"]
    assert section.header.paragraphs[0].text == organisation
    footer = section.footer.paragraphs[0]._p
    fields = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert document.core_properties.title.startswith("Annual complaints performance")
    assert document.core_properties.language == "en-GB"


def test_contents_and_numbered_headings(client, dataset, officer):
    document = _annual(client, officer)
    body = document.element.body
    codes = [t.text for t in body.iter(qn("w:instrText"))]
    assert any(code.strip().startswith("TOC") for code in codes)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "1. Self-assessment against the Complaint Handling Code"
    assert all(re.match(rf"^{n}\. \S", h) for n, h in enumerate(headings, start=1))
    # Until Word updates the field, the contents list reads the headings themselves.
    paragraphs = [p.text for p in document.paragraphs]
    contents = paragraphs[paragraphs.index("Contents") + 1 :][: len(headings)]
    assert contents == headings
    update = document.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"


def test_table_header_rows_repeat_and_rows_do_not_split(client, dataset, officer):
    document = _annual(client, officer)
    assert len(document.tables) >= 10
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
        assert all(run.bold for run in table.rows[0].cells[0].paragraphs[0].runs)
        for row in table.rows[1:]:
            assert row._tr.trPr.find(qn("w:tblHeader")) is None


def test_charts_are_pictures_with_alternative_text(client, dataset, officer):
    document = _annual(client, officer)
    shapes = list(document.inline_shapes)
    assert len(shapes) >= 5
    for shape in shapes:
        properties = shape._inline.docPr
        assert properties.get("descr", "").startswith("Bar chart: ")
        assert properties.get("title")
    kinds = next(s for s in shapes if s._inline.docPr.get("title") == "Cases received by kind")
    assert "Complaint: 7" in kinds._inline.docPr.get("descr")
    blip = kinds._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = document.part.related_parts[blip].blob
    assert image.startswith(PNG_SIGNATURE)


def test_chart_png_is_drawn_by_matplotlib_with_labels_and_values():
    chart = Chart(
        "Answered in time",
        [Bar("Stage 1", 86.1), Bar("Stage 2", None)],
        unit="%",
        value_label="Answered in time (%)",
        category_label="Stage",
    )
    image = chart_png(chart)
    assert image.startswith(PNG_SIGNATURE)
    width = int.from_bytes(image[16:20], "big")
    assert width == round(6.3 * 200)
    assert chart.alt_text == (
        "Bar chart: Answered in time. Stage 1: 86.1%; Stage 2: nothing to measure."
    )


def test_counts_and_dates_in_good_english(client, dataset, officer):
    text = _annual(client, officer, year="2025")
    words = _text(text)
    # 2025/26 has K and A: two complaints; one FOI-free, one-complaint sentences read right.
    assert "1 April 2025 to 31 March 2026" in words
    assert re.search(r"(?<!tage )\b1 complaints\b", words) is None  # not "Stage 1 complaints"
    assert re.search(r"\b1 cases\b", words) is None
    assert re.search(r"\b0\d [A-Z][a-z]+ 20\d\d\b", words) is None  # no "01 April 2026"
    quarterly = client.get(
        "/reports/quarterly/", {"year": "2026", "quarter": "2", "format": "docx"}
    )
    q2 = _text(Document(io.BytesIO(quarterly.content)))
    # Q2 2026/27: D, F, I and J are complaints received, so the figure is plural there; the
    # received count of a quarter with a single case says "1 case was received".
    assert "Cases received 1 July 2026 to 30 September 2026." in q2
    assert re.search(r"(?<!tage )\b1 (complaints|cases|people)\b", q2) is None


def test_one_case_is_said_in_the_singular(client, officer):
    from tests.factories import make_case
    from tests.reporting.conftest import at

    make_case(received_at=at("2026-05-01"))
    client.force_login(officer)
    response = client.get("/reports/quarterly/", {"year": "2026", "quarter": "1", "format": "docx"})
    words = _text(Document(io.BytesIO(response.content)))
    assert "1 case was received in the period." in words


def test_unwritten_narrative_is_flagged_on_the_page_and_left_out_of_the_document(
    client, dataset, officer
):
    ReportNote.objects.create(
        year=2026, key="service_improvements", text="We changed the repairs rota.\n\nAnd more."
    )
    client.force_login(officer)
    page = client.get("/reports/annual/", {"year": "2026"}).content.decode()
    assert "Before you send this report" in page
    assert "The Ombudsman&#x27;s annual letter: not yet written, so left out" in page
    assert "Service improvements made from learning: not yet written" not in page
    document = _annual(client, officer)
    words = _text(document)
    assert "Not yet written" not in words and "not yet written" not in words
    headings = [
        p.text.split(". ", 1)[1] for p in document.paragraphs if p.style.name == "Heading 1"
    ]
    assert "Service improvements made from learning" in headings
    assert "The Ombudsman's annual letter" not in headings
    assert "We changed the repairs rota." in words and "And more." in words


def _benchmarks(*organisations: str) -> None:
    for name in organisations:
        BenchmarkFigure.objects.create(
            year=2026, organisation=name, complaints_decided=9, detailed_investigations=4, upheld=2
        )


def test_a_report_with_everything_written_has_no_notice(client, dataset, officer):
    Service.objects.filter(pk=dataset.housing.pk).update(is_housing=True)
    HomesCount.objects.create(on=d("2026-04-01"), count=2000)
    _benchmarks(benchmarks.our_name(), "Northtown")
    BenchmarkNeighbour.objects.create(organisation="Northtown")
    for key in [*assessment.NARRATIVE_SECTIONS, "childrens_learning", "adults_improvements"]:
        ReportNote.objects.create(year=2026, key=key, text="Written.")
    for provision in assessment.provisions(assessment.chosen_code()):
        ReportNote.objects.create(year=2026, key=provision.key, compliance="yes", text="")
    client.force_login(officer)
    page = client.get("/reports/annual/", {"year": "2026"}).content.decode()
    # "You said, we did" is still the draft from completed learning until it is edited.
    assert "You said, we did: drafted from completed learning" in page
    ReportNote.objects.create(year=2026, key="you_said_we_did", text="We changed rotas.")
    page = client.get("/reports/annual/", {"year": "2026"}).content.decode()
    assert "Before you send this report" not in page


def test_a_managers_document_counts_only_their_service(client, dataset, parks_manager):
    document = _annual(client, parks_manager)
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    # Parks in 2026/27: C (withdrawn) and F (open) only.
    assert ["Complaint", "2"] in rows
    assert not [row for row in rows if row[0] == "Housing"]


def test_a_chart_is_drawn_once_for_the_same_figures_and_again_when_one_changes():
    from redress.reporting import plots

    plots.forget_charts()

    def chart(complaints: int) -> Chart:
        return Chart("Received", [Bar("Complaint", complaints), Bar("FOI request", 3)])

    first = chart_png(chart(7))
    assert chart_png(chart(7)) == first  # an equal chart, another object: the kept picture
    assert plots._drawn.cache_info().hits == 1
    changed = chart_png(chart(8))
    assert changed != first and changed.startswith(PNG_SIGNATURE)
    assert plots._drawn.cache_info().misses == 2
    relabelled = Chart("Received", [Bar("Complaint", 7), Bar("FOI request", 3)], unit="%")
    assert chart_png(relabelled) != first


def test_table_cells_are_written_as_python_docx_writes_them():
    from docx.shared import Pt

    from redress.reporting.content import Report, Section, Table
    from redress.reporting.documents import report_docx

    texts = ["Plain", "", "  padded ", "Two\nlines", "A\ttab", "Ends in a break\r", "£12.50"]
    rows = [[text, str(n)] for n, text in enumerate(texts)]
    report = Report("T", "S", [Section("Figures", tables=[Table("Cells", ["What", "N"], rows)])])
    written = Document(io.BytesIO(report_docx(report))).tables[0]
    reference = Document().add_table(rows=len(rows), cols=2)
    for row, values in zip(reference.rows, rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    for row, expected in zip(written.rows[1:], reference.rows, strict=True):
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        for cell, model in zip(row.cells, expected.cells, strict=True):
            assert cell._tc.p_lst[0].xml == model._tc.p_lst[0].xml
    assert [c.text for c in written.rows[4].cells] == ["Two\nlines", "3"]


def _missing(client) -> str:
    page = client.get("/reports/annual/", {"year": "2026"}).content.decode()
    assert "Before you send this report" in page
    return page


def test_nothing_in_the_document_is_a_placeholder_or_an_instruction(client, dataset, officer):
    """Nothing assessed, no housing service, no homes, no survey answers, no Ombudsman figures:
    the document leaves each out, and the page says what to do about each."""
    Service.objects.update(is_housing=False)
    words = _text(_annual(client, officer))
    for placeholder in PLACEHOLDERS:
        assert placeholder.lower() not in words.lower(), placeholder
    page = _missing(client)
    provisions = len(assessment.provisions(assessment.chosen_code()))
    for item in (
        f"Self-assessment: {provisions} of {provisions} provisions have no compliance "
        "assessment yet, so their “Compliant” cells are left blank",
        "Tenant Satisfaction Measures: no service area is marked as a housing service",
        "How we compare with neighbouring councils: the Ombudsman&#x27;s annual review figures "
        "for 2026/27 are not imported, so the section is left out",
    ):
        assert item in page


def test_the_self_assessment_leaves_blank_what_is_not_assessed_or_not_in_the_data(
    client, dataset, officer
):
    provisions = assessment.provisions(assessment.chosen_code())
    without_data = next(p for p in provisions if not p.evidence)
    ReportNote.objects.create(
        year=2026, key=without_data.key, compliance="yes", text="The policy says so."
    )
    document = _annual(client, officer)
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in document.tables[0].rows}
    assert rows["Provision"][2:4] == ["Compliant", "What the data shows"]
    # Assessed, with no figure the data gives: the commentary column carries the evidence.
    assert rows[without_data.number][2:] == ["Yes", "", "The policy says so."]
    # Not assessed: the data's figure, and nothing in place of the assessment.
    assert rows["6.2"][2] == "" and rows["6.2"][3].startswith("2 of 5 acknowledged in time")
    assert f"{len(provisions) - 1} of {len(provisions)} provisions have no" in _missing(client)


def test_the_comparison_without_our_figures_or_neighbours_says_so_on_the_page_only(
    client, dataset, officer
):
    _benchmarks("Northtown")
    BenchmarkNeighbour.objects.create(organisation="Northtown")
    words = _text(_annual(client, officer))
    assert "Northtown" in words and "(us)" not in words
    assert "not among those imported" not in words
    page = _missing(client)
    assert "our own figures are not among those imported for 2026/27" in page
    BenchmarkNeighbour.objects.all().delete()
    _benchmarks(benchmarks.our_name())
    words = _text(_annual(client, officer))
    assert "(us)" in words and "upheld rate taken together" not in words
    assert "no neighbouring council&#x27;s figures are imported for 2026/27" in _missing(client)
