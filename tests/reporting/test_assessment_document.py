"""The self-assessment as a document of its own: every provision of the chosen Code under its
own section, the compliance counted, nothing printed that is not an answer, and the same
downloads and access as the other reports."""

import io

import pytest
from docx import Document

from redress.accounts.models import Role
from redress.reporting import assessment
from redress.reporting.assessment_document import assessment_document
from redress.reporting.models import Compliance, ReportNote
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/reports/annual/2026/assessment/document/"


def _assess(number: str, compliance: str, text: str) -> None:
    ReportNote.objects.create(
        year=2026, key=f"code:lgsco:{number}", compliance=compliance, text=text
    )


def test_every_provision_is_listed_once_under_its_code_section(dataset, officer, today):
    report = assessment_document(officer, 2026, today)

    provisions = assessment.provisions("lgsco")
    listed = [row[0] for s in report.sections[1:] for row in s.tables[0].rows]
    assert listed == [p.number for p in provisions]
    assert [s.heading for s in report.sections[1:]] == list(
        dict.fromkeys(p.section for p in provisions)
    )
    assert report.title == "Complaint Handling Code self-assessment 2026/27"


def test_the_summary_counts_the_answers_and_the_page_names_those_not_given(dataset, officer, today):
    _assess("3.3", Compliance.YES, "Easy read and BSL versions.")
    _assess("6.2", Compliance.PARTLY, "Two late in April.")

    report = assessment_document(officer, 2026, today)

    summary = report.sections[0].tables[0]
    assert summary.rows == [["Yes", "1"], ["Partly", "1"], ["No", "0"]]
    unassessed = len(assessment.provisions("lgsco")) - 2
    assert report.missing == [
        f"Self-assessment: {unassessed:,} of {len(assessment.provisions('lgsco'))} provisions "
        "have no compliance assessment yet, so their “Compliant” cells are left blank"
    ]
    row = next(r for s in report.sections[1:] for r in s.tables[0].rows if r[0] == "6.2")
    assert (row[2], row[4]) == ("Partly", "Two late in April.")


def test_the_document_downloads_as_word_and_pdf_for_those_who_read_reports(
    client, dataset, parks_manager
):
    _assess("3.3", Compliance.YES, "Easy read and BSL versions.")
    client.force_login(parks_manager)

    page = client.get(URL)
    assert page.status_code == 200
    assert "Complaint Handling Code self-assessment 2026/27" in page.content.decode()
    assert "/assessment/?report=" not in page.content.decode()  # a manager does not assess
    word = client.get(URL, {"format": "docx"})
    assert word["Content-Disposition"] == 'attachment; filename="self-assessment-2026-27.docx"'
    text = "\n".join(
        cell.text
        for table in Document(io.BytesIO(word.content)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "Easy read and BSL versions." in text
    assert "Not assessed" not in text
    pdf = client.get(URL, {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("role", [Role.SERVICE_RESPONDER, Role.INVESTIGATOR, ""])
def test_roles_without_reports_may_not_see_it(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(URL).status_code == 403


def test_a_year_to_come_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get("/reports/annual/2099/assessment/document/").status_code == 404


def test_the_annual_report_and_the_assessment_page_link_to_it(client, dataset, officer):
    client.force_login(officer)
    for url in ("/reports/annual/?year=2026", "/reports/annual/2026/assessment/"):
        assert f'href="{URL}"' in client.get(url).content.decode(), url
