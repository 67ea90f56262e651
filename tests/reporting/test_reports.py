import csv
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from redress.accounts.models import Role
from redress.cases.models import Case, CaseStage
from redress.cases.services import case_assign
from redress.reporting import code_evidence, measures, statutory
from redress.reporting.figures import Figures
from redress.reporting.models import ReportNote
from redress.reporting.periods import financial_year
from redress.reporting.scope import received_in
from tests.factories import UserFactory
from tests.reporting.conftest import at, d

pytestmark = pytest.mark.django_db


def _docx(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return Document(io.BytesIO(response.content))


def test_annual_docx_has_the_codes_sections_and_the_figures(client, dataset, officer):
    for key in ("service_improvements", "ombudsman_letter"):
        ReportNote.objects.create(year=2026, key=key, text=f"What we wrote for {key}.")
    client.force_login(officer)
    document = _docx(client.get("/reports/annual/", {"year": "2026", "format": "docx"}))
    headings = [
        p.text.split(". ", 1)[1] for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    for expected in [
        "Self-assessment against the Complaint Handling Code",
        "Timeliness of complaint handling",
        "Outcomes of complaints",
        "Types of complaint not accepted",
        "Member enquiries and FOI requests",
        "Social care complaints",
        "Tenant Satisfaction Measures",
        "Service improvements made from learning",
        "The Ombudsman's annual letter",
    ]:
        assert expected in headings
    # No Ombudsman figures are imported for the year: the comparison is left out, not empty.
    assert "How we compare with neighbouring councils" not in headings
    assert document.paragraphs[0].text.startswith(
        "Annual complaints performance and service improvement report 2026/27"
    )
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Complaint", "7"] in rows
    assert ["Withdrawn", "1"] in rows
    assert ["Raised more than 12 months after the matter", "1"] in rows
    # Stage 1: acknowledged in time 2 of 5, answered in time 0 of 3, with extensions 1 of 3.
    assert ["Stage 1", "6", "40%", "0%", "33.3%", "1"] in rows
    assert "FOI and EIR requests" in cells
    assert len(document.inline_shapes) >= 4  # charts embedded
    # Aggregate only: no person's name or reference appears.
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(cells)
    assert "Alex Example" not in text
    assert "CMP-2026" not in text


def test_quarterly_docx(client, dataset, officer):
    client.force_login(officer)
    document = _docx(
        client.get("/reports/quarterly/", {"year": "2026", "quarter": "1", "format": "docx"})
    )
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    # Q1 2026/27: complaints B, E, C; compliment G; FOI H.
    assert ["Complaint", "3"] in rows
    assert ["Compliment", "1"] in rows


def test_self_assessment_evidence(dataset, today):
    cases = received_in(Case.objects.all(), financial_year(2026))
    found = code_evidence.evidence(cases, today)
    assert found["stage1_acknowledged"].startswith("2 of 5 acknowledged in time (40.0%)")
    assert found["not_accepted"] == "1 of 7 complaints was not accepted."
    assert found["stage1_extended"].startswith("1 of ")
    assert "was extended" in found["stage1_extended"]


def test_self_assessment_evidence_reads_the_same_from_the_figures_store(dataset, officer, today):
    period = financial_year(2026)
    cases = received_in(Case.objects.all(), period)
    live = code_evidence.evidence(cases, today)
    stored = code_evidence.evidence(cases, today, Figures(officer, period, today))
    assert stored == live
    assert live["channels"].startswith("Complaints came in by: ")


def test_stage_two_handler_check_counts_the_same_person(dataset, today):
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    b = dataset.cases["B"]
    case_assign(case=b, by=None, handler=officer)  # stage 2; stage 1 had no handler
    assert measures.same_handler_count(Case.objects.all()) == (1, 0)
    # Data moved from a legacy system can break the rule the services enforce.
    CaseStage.objects.filter(case=b, number=1).update(handler=officer)
    assert measures.same_handler_count(Case.objects.all()) == (1, 1)


def test_ico_bands():
    assert [statutory.ico_band(v) for v in (100.0, 95.0, 94.9, 90.0, 89.9, None)] == [
        "good",
        "good",
        "adequate",
        "adequate",
        "poor",
        "no requests due",
    ]


def test_foi_timeliness(dataset, today):
    cases = received_in(Case.objects.all(), financial_year(2026))
    foi = statutory.timeliness_of_kind(cases, "foi_request", today)
    assert (foi.received, foi.due, foi.on_time, foi.band) == (1, 1, 1, "good")


def test_tenant_measures_count_stages_opened_and_answered_in_the_period(dataset):
    tsm = statutory.tenant_measures(Case.objects.all(), financial_year(2026), homes=2000)
    # Housing complaints' stage 1 opened in 2026/27: B D E and J's stage 1 (opened 4 Sep) = 4
    # (C and F are about parks, not a housing service); stage 2: B.
    assert (tsm.stage1_received, tsm.stage2_received) == (4, 1)
    assert (tsm.ch01_stage1, tsm.ch01_stage2) == (2.0, 0.5)
    # Stage 1 answered in the year: A (17 Apr, in time) and B (1 May, in extended time).
    assert (tsm.stage1_responded, tsm.stage1_on_time, tsm.ch02_stage1) == (2, 2, 100.0)


def test_adult_social_care_figures(dataset):
    from redress.cases.services import case_acknowledge, case_respond
    from tests.factories import make_case

    case = make_case(
        service=dataset.housing, received_at=at("2026-05-01"), procedure="adult-social-care"
    )
    case_acknowledge(case=case, by=None, on=d("2026-05-01"))
    case_respond(case=case, by=None, on=d("2026-06-01"), outcome="upheld")
    make_case(service=dataset.housing, received_at=at("2026-05-02"), procedure="adult-social-care")
    figures = statutory.adult_social_care(received_in(Case.objects.all(), financial_year(2026)))
    assert (figures.received, figures.well_founded) == (2, 1)


def test_csv_export_is_scoped_to_the_manager(client, dataset, parks_manager):
    client.force_login(parks_manager)
    response = client.get("/reports/export/", {"period": "year", "year": "2026", "what": "cases"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Reference"
    assert sorted(r[rows[0].index("Service area")] for r in rows[1:]) == ["Parks", "Parks"]


def test_xlsx_export_of_stages(client, dataset, officer):
    client.force_login(officer)
    response = client.get(
        "/reports/export/",
        {"period": "quarter", "year": "2026", "quarter": "1", "what": "stages", "format": "xlsx"},
    )
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.values)
    # Q1: B (two stages), G, H, E, C.
    assert len(rows) == 1 + 6
    assert rows[0][5] == "Stage"


def test_export_bad_choice(client, dataset, officer):
    client.force_login(officer)
    response = client.get("/reports/export/", {"what": "people"})
    assert response.status_code == 400
    assert "Choose to export cases or stages." in response.content.decode()


def test_satisfaction_survey_results(client, dataset, officer):
    from redress.portal.models import SurveyResponse
    from redress.reporting.surveys import satisfaction

    fy2026 = received_in(Case.objects.all(), financial_year(2026))
    assert satisfaction(fy2026) is None
    SurveyResponse.objects.create(
        case=dataset.cases["I"], handling=5, outcome=2, easy_to_contact=True
    )
    SurveyResponse.objects.create(
        case=dataset.cases["C"], handling=3, outcome=4, easy_to_contact=True
    )
    SurveyResponse.objects.create(
        case=dataset.cases["K"], handling=1, outcome=1, easy_to_contact=False
    )
    result = satisfaction(fy2026)  # K was received in 2025/26
    assert (result.responses, result.satisfied, result.satisfied_with_outcome) == (2, 1, 1)
    assert (result.share, result.contact_share) == (50.0, 100.0)
    client.force_login(officer)
    html = client.get("/reports/", {"year": "2026"}).content.decode()
    assert "2 survey responses" in html
