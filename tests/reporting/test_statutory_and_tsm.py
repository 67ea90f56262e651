"""The statutory annual reports as documents of their own, the homes count behind CH01, and
the self-assessment's annual-submission export."""

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from redress.accounts.models import Role
from redress.cases.services import case_refuse, case_respond
from redress.cases.services.remedies import remedy_add
from redress.core.models import OrganisationSettings
from redress.reporting import assessment
from redress.reporting.models import HomesCount, ReportNote
from redress.reporting.periods import financial_year
from redress.reporting.statutory import homes_count, tenant_measures
from tests.factories import CategoryFactory, ServiceFactory, UserFactory, make_case
from tests.reporting.conftest import at, d

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    return UserFactory(role=Role.ADMINISTRATOR)


def _rows(response):
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    return document, [[c.text for c in row.cells] for t in document.tables for row in t.rows]


@pytest.fixture
def social_care(db):
    adults = ServiceFactory(name="Adult social care", slug="adults")
    care = CategoryFactory(name="Care at home", service=adults)
    fees = CategoryFactory(name="Charges and fees", service=adults)
    upheld = make_case(
        service=adults, received_at=at("2026-05-04"), procedure="adult-social-care", category=care
    )
    case_respond(case=upheld, by=None, on=d("2026-06-01"), outcome="upheld")
    remedy_add(
        case=upheld,
        by=None,
        type="policy_change",
        description="Rota changed",
        due_on=d("2026-07-01"),
        owner=adults,
    )
    make_case(
        service=adults, received_at=at("2026-06-04"), procedure="adult-social-care", category=fees
    )
    children = ServiceFactory(name="Children's services", slug="children")
    child = make_case(
        service=children, received_at=at("2026-05-05"), procedure="childrens-social-care"
    )
    case_refuse(case=child, by=None, reason="over_12_months")
    return adults


def test_the_adult_social_care_report_has_the_regulations_figures(client, social_care, officer):
    ReportNote.objects.create(year=2026, key="adults_improvements", text="Fewer missed visits.")
    client.force_login(officer)
    document, rows = _rows(
        client.get("/reports/adult-social-care/", {"year": "2026", "format": "docx"})
    )
    assert document.paragraphs[0].text == "Adult social care complaints annual report 2026/27"
    assert ["Received", "2"] in rows
    assert ["Well-founded (upheld or partly upheld)", "1"] in rows
    assert ["Referred to the Local Government and Social Care Ombudsman", "0"] in rows
    assert ["Care at home", "1"] in rows and ["Charges and fees", "1"] in rows
    text = "\n".join(p.text for p in document.paragraphs)
    assert "1 change to policy, procedure or practice was agreed as remedies" in text
    assert "Fewer missed visits." in text
    assert "Alex Example" not in text


def test_the_childrens_report_counts_its_own_procedure(client, social_care, officer):
    client.force_login(officer)
    page = client.get("/reports/childrens-social-care/", {"year": "2026"}).content.decode()
    assert "1 representation or complaint was received" in page
    assert "Before you send this report" in page  # no learning written yet
    document, rows = _rows(
        client.get("/reports/childrens-social-care/", {"year": "2026", "format": "docx"})
    )
    assert ["Not accepted", "1"] in rows
    pdf = client.get("/reports/childrens-social-care/", {"year": "2026", "format": "pdf"})
    assert pdf.content.startswith(b"%PDF-")


def test_statutory_reports_refuse_a_bad_year(client, officer):
    client.force_login(officer)
    bad = client.get("/reports/adult-social-care/", {"year": "twenty"})
    assert bad.status_code == 400
    assert "Enter a financial year from 2000" in bad.content.decode()


def test_ch01_uses_the_count_held_at_the_end_of_the_period(client, admin, dataset):
    client.force_login(admin)
    for day, count in (("1", "1000"), ("31", "4000")):
        response = client.post(
            "/reports/homes/",
            {"on-day": day, "on-month": "3", "on-year": "2027", "count": count},
        )
        assert response.status_code == 302
    HomesCount.objects.create(on=dt.date(2027, 4, 1), count=9999)  # after the year: not used
    assert homes_count(dt.date(2027, 3, 31)) == 4000
    assert homes_count(dt.date(2027, 3, 30)) == 1000
    tsm = tenant_measures(dataset.cases["A"].__class__.objects.all(), financial_year(2026))
    assert tsm.homes == 4000
    assert tsm.ch01_stage1 == round(1000 * tsm.stage1_received / 4000, 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"on-day": "31", "on-month": "2", "on-year": "2027", "count": "10"},
            "must be a real date",
        ),
        (
            {"on-day": "1", "on-month": "3", "on-year": "2027", "count": "ten"},
            "must be a whole number",
        ),
        ({"on-day": "1", "on-month": "3", "on-year": "2027", "count": "0"}, "must be 1 or more"),
        ({"on-day": "", "on-month": "3", "on-year": "2027", "count": "10"}, "must include a day"),
    ],
)
def test_a_bad_homes_count_is_refused_and_kept(client, admin, data, message):
    client.force_login(admin)
    response = client.post("/reports/homes/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert f'value="{data["count"]}"' in response.content.decode()
    assert not HomesCount.objects.exists()


def test_only_administrators_enter_homes(client, officer):
    client.force_login(officer)
    assert client.get("/reports/homes/").status_code == 403


def test_the_submission_export_follows_the_form(client, dataset, officer):
    ReportNote.objects.create(
        year=2026, key="code:lgsco:6.2", compliance="partly", text="Catching up."
    )
    client.force_login(officer)
    response = client.get("/reports/annual/2026/assessment/submission/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Code provision",
        "Code requirement (our summary)",
        "Comply: Yes/No",
        "Evidence",
        "Commentary / explanation",
    )
    # Each section opens with its heading, as on the Housing Ombudsman's form.
    assert rows[1][0] == "Section 1: Definition of a service request and complaint"
    assert not any(rows[1][1:])
    headings = [r[0] for r in rows[1:] if r[0].startswith("Section ")]
    assert len(headings) == 9
    numbers = [r[0] for r in rows[1:] if not r[0].startswith("Section ")]
    assert numbers == [p.number for p in assessment.provisions("lgsco")]
    acknowledged = next(r for r in rows if r[0] == "6.2")
    assert acknowledged[2] == "No" and acknowledged[4] == "Partly met. Catching up."
    assert acknowledged[3].startswith("2 of 5 acknowledged in time (40.0%)")
    assert next(r for r in rows if r[0] == "6.3")[2] == "Not assessed"
    assert sheet.freeze_panes == "A2"


def test_the_code_chosen_decides_the_provisions(client, dataset, officer):
    housing, lgsco = assessment.provisions("housing"), assessment.provisions("lgsco")
    assert "8.5" in [p.number for p in housing] and "8.5" not in [p.number for p in lgsco]
    assert len({p.number for p in housing}) == len(housing)  # each number once per Code
    assert "Complaint handling staff" in {p.section for p in housing}
    row = OrganisationSettings.current()
    row.complaint_code = "housing"
    row.save()
    client.force_login(officer)
    page = client.get("/reports/annual/2026/assessment/").content.decode()
    assert "Housing Ombudsman" in page and "/assessment/8.5/" in page
    with pytest.raises(ValueError):
        assessment.provisions("scottish")
