"""The statutory annual reports as documents of their own, the Tenant Satisfaction Measures
(housing complaints only, and the homes count behind CH01), and the self-assessment's
annual-submission export."""

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from redress.accounts.models import Role
from redress.cases.models import Case, Service
from redress.cases.services import case_acknowledge, case_refuse, case_respond
from redress.cases.services.remedies import remedy_add
from redress.core.models import OrganisationSettings
from redress.reporting import assessment
from redress.reporting.figures import Figures
from redress.reporting.models import HomesCount, ReportNote, StageEventCount
from redress.reporting.periods import custom, financial_year
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
    assert next(r for r in rows if r[0] == "6.3")[2] is None  # unanswered, left blank
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


# --- Tenant Satisfaction Measures: the landlord's housing complaints only ---------------------


@pytest.fixture
def landlord(db):
    """A council that is a landlord: one complaint about its housing, answered in time, and
    two about parking, one answered, which CH01 and CH02 must not count."""
    housing = ServiceFactory(name="Housing management", slug="housing-management", is_housing=True)
    parking = ServiceFactory(name="Parking", slug="parking")
    repair = make_case(service=housing, received_at=at("2026-05-11"))
    case_acknowledge(case=repair, by=None, on=d("2026-05-12"))
    case_respond(case=repair, by=None, on=d("2026-05-20"), outcome="upheld")
    ticket = make_case(service=parking, received_at=at("2026-06-01"))
    case_acknowledge(case=ticket, by=None, on=d("2026-06-02"))
    case_respond(case=ticket, by=None, on=d("2026-06-10"), outcome="not_upheld")
    make_case(service=parking, received_at=at("2026-06-02"))
    return parking


def _counted(tsm):
    return (tsm.stage1_received, tsm.stage1_responded, tsm.stage1_on_time, tsm.stage2_received)


def test_tenant_measures_count_only_housing_complaints(landlord, officer, today):
    year = financial_year(2026)
    live = tenant_measures(Case.objects.all(), year)
    assert live.housing_marked and _counted(live) == (1, 1, 1, 0)
    # The year is whole months, so Figures reads the store's rows; they hold the parking
    # complaints' stages too, per service, and are kept to the housing services when read.
    stored = Figures(officer, year, today).tenant_measures()
    assert StageEventCount.objects.filter(service=landlord, stages__gt=0).exists()
    assert stored == live
    ragged = custom(d("2026-05-02"), d("2026-11-21"))  # ragged ends: counted live
    assert _counted(Figures(officer, ragged, today).tenant_measures()) == (1, 1, 1, 0)


def test_marking_a_service_as_housing_counts_its_complaints_at_once(landlord, officer, today):
    year = financial_year(2026)
    assert Figures(officer, year, today).tenant_measures().stage1_received == 1
    Service.objects.filter(pk=landlord.pk).update(is_housing=True)
    # The store is not rebuilt: which services are housing is read with its rows.
    assert _counted(Figures(officer, year, today).tenant_measures()) == (3, 2, 2, 0)
    assert _counted(tenant_measures(Case.objects.all(), year)) == (3, 2, 2, 0)


def _tsm_rows(rows):
    return [row for row in rows if row[0].startswith(("CH0", "TP09", "Complaints received"))]


def _annual_page(client):
    return client.get("/reports/annual/", {"year": "2026"}).content.decode()


def test_without_a_housing_service_ch01_and_ch02_are_left_out_and_the_page_says_why(
    client, dataset, officer
):
    Service.objects.update(is_housing=False)
    HomesCount.objects.create(on=d("2027-01-01"), count=12_500)
    client.force_login(officer)
    document, rows = _rows(client.get("/reports/annual/", {"year": "2026", "format": "docx"}))
    assert _tsm_rows(rows) == []  # no table of zeros
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Tenant Satisfaction Measures on complaints" not in text
    assert "Homes on 31 March 2027: 12,500." in text
    assert "No survey answers were received about cases received in the period." in text
    assert "TP09 is not shown" not in text and "not shown" not in text
    assert (
        "Tenant Satisfaction Measures: no service area is marked as a housing service, so "
        "CH01 and CH02 are left out"
    ) in _annual_page(client)


def test_without_a_homes_count_ch01_is_left_out_and_the_page_says_how_to_enter_it(
    client, dataset, officer
):
    Service.objects.filter(pk=dataset.housing.pk).update(is_housing=True)
    client.force_login(officer)
    document, rows = _rows(client.get("/reports/annual/", {"year": "2026", "format": "docx"}))
    # Housing's stage 1s opened in 2026/27: B, D, E and J's; its stage 2: B's. Parks' C and F
    # are not counted.
    assert _tsm_rows(rows) == [
        ["Complaints received", "4", "1"],
        ["CH02 answered within the Code's timescales", "100%", "100%"],
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Number of homes" not in text and "CH01 is not shown" not in text
    page = _annual_page(client)
    assert "no number of homes is entered for 31 March 2027, so CH01 is left out" in page
    assert "no service area is marked as a housing service" not in page
    HomesCount.objects.create(on=d("2026-04-01"), count=2000)
    document, rows = _rows(client.get("/reports/annual/", {"year": "2026", "format": "docx"}))
    assert ["CH01 complaints received per 1,000 homes", "2", "0.5"] in _tsm_rows(rows)
    assert "CH01 is left out" not in _annual_page(client)


def test_the_homes_counts_entered_read_with_thousands_separators(client, admin):
    HomesCount.objects.create(on=d("2026-04-01"), count=12_345)
    client.force_login(admin)
    page = client.get("/reports/homes/").content.decode()
    assert ">12,345</td>" in page
