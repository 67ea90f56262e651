"""The documents and the figures behind them, in a real browser, every page passing axe: a
manager downloads the annual report as PDF; an administrator enters a homes count, imports
the Ombudsman's figures and sees the comparison; the complaints manager assesses a provision
and downloads the annual submission, writes the children's report and downloads it, opens the
quarterly report and downloads the cases behind the dashboard."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from redress.accounts.models import Role
from redress.reporting.models import BenchmarkNeighbour, HomesCount, ReportNote
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _signed_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def _downloaded(page, link_name: str) -> tuple[str, bytes]:
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("link", name=link_name).click(timeout=120_000)
    path = download.value.path()
    return download.value.suggested_filename, Path(path).read_bytes()


def test_a_manager_downloads_the_annual_report_as_pdf(page, axe, live_server, parks_manager):
    _signed_in(page, live_server, parks_manager)
    page.goto("/reports/")
    page.get_by_role("link", name="Annual report", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Annual complaints performance")
    axe(page, "annual report")
    name, content = _downloaded(page, "Download PDF")
    assert name == "annual-report-2026-27.pdf"
    reader = PdfReader(io.BytesIO(content))
    assert reader.metadata.title.startswith("Annual complaints performance")
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert "Self-assessment against the Complaint Handling Code" in reader.pages[0].extract_text()


def test_an_administrator_enters_homes_and_benchmarks_and_sees_the_comparison(
    page, axe, live_server, dataset
):
    admin = UserFactory(role=Role.ADMINISTRATOR)
    _signed_in(page, live_server, admin)
    page.goto("/reports/")
    page.get_by_role("link", name="Number of homes").click()
    axe(page, "number of homes")
    page.get_by_label("Number of homes").fill("ten thousand")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Save the count").click()
    expect(page.get_by_text("The number of homes must be a whole number").first).to_be_visible()
    axe(page, "number of homes with an error")
    expect(page.get_by_label("Day")).to_have_value("31")  # kept
    page.get_by_label("Number of homes").fill("10000")
    page.get_by_role("button", name="Save the count").click()
    expect(page.get_by_text("Saved: 10,000 homes from 31 March 2027.")).to_be_visible()
    assert HomesCount.objects.get().count == 10_000

    page.goto("/reports/")
    page.get_by_role("link", name="Ombudsman benchmarking").click()
    axe(page, "benchmarking")
    header = (
        "organisation,complaints decided,detailed investigations,upheld,upheld rate,"
        "compliance rate,satisfactory remedy rate\n"
    )
    ours = settings.REDRESS["ORGANISATION_NAME"]
    page.get_by_label("Year the figures cover").fill("2026")
    page.get_by_label("CSV file").set_input_files(
        {
            "name": "bad.csv",
            "mimeType": "text/csv",
            "buffer": (header + "Northtown,5,9,1,1,1,1\n").encode(),
        }
    )
    page.get_by_role("button", name="Import the figures").click()
    expect(page.get_by_text("Row 2, column “detailed investigations”")).to_be_visible()
    axe(page, "benchmarking with a bad file")
    good = header + f"{ours},100,40,20,50,100,5\nNorthtown,80,30,21,70,90,0\nWestham,50,10,1,10,,\n"
    page.get_by_label("CSV file").set_input_files(
        {"name": "lgsco-2026.csv", "mimeType": "text/csv", "buffer": good.encode()}
    )
    page.get_by_role("button", name="Import the figures").click()
    expect(page.get_by_text("Imported the figures of 3 organisations for 2026/27.")).to_be_visible()
    page.get_by_role("link", name="Choose the neighbouring councils").click()
    axe(page, "neighbours")
    page.get_by_label("Northtown").check()
    page.get_by_role("button", name="Save the neighbours").click()
    expect(page.get_by_text("Saved: 1 neighbour.")).to_be_visible()
    assert list(BenchmarkNeighbour.objects.values_list("organisation", flat=True)) == ["Northtown"]

    page.goto("/reports/annual/?year=2026")
    section = page.locator("section", has=page.get_by_role("heading", name="How we compare"))
    expect(section.get_by_role("row", name="Northtown")).to_contain_text("70%")
    expect(section.get_by_role("row", name=f"{ours} (us)")).to_contain_text("50%")
    expect(section.locator("svg[role=img]")).to_have_count(1)
    tsm = page.locator("section", has=page.get_by_role("heading", name="Tenant Satisfaction"))
    expect(tsm).to_contain_text("Homes on 31 March 2027: 10,000.")
    axe(page, "annual report with the comparison")


def test_the_complaints_manager_assesses_a_provision_and_downloads_the_submission(
    page, axe, live_server, dataset, officer
):
    _signed_in(page, live_server, officer)
    page.goto("/reports/annual/?year=2026")
    page.get_by_role("link", name="Write the self-assessment and commentary").first.click()
    axe(page, "self-assessment")
    page.get_by_role("link", name="Assess provision 6.2", exact=True).click()
    expect(page.get_by_role("heading", name="Provision 6.2")).to_be_visible()
    expect(page.locator(".govuk-inset-text")).to_contain_text("acknowledged in time")
    page.get_by_label("Commentary").fill("Two late in April; the rota has changed.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Compliant: choose yes, partly or no.").first).to_be_visible()
    expect(page.get_by_label("Commentary")).to_have_value(
        "Two late in April; the rota has changed."
    )
    axe(page, "provision with an error")
    page.get_by_label("Partly").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#p-6\\.2")).to_contain_text("Partly")
    note = ReportNote.objects.get(year=2026, key="code:lgsco:6.2")
    assert (note.compliance, note.updated_by_id) == ("partly", officer.pk)

    name, content = _downloaded(page, "Download the annual submission (XLSX)")
    assert name == "code-self-assessment-2026-27.xlsx"
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    row = next(r for r in rows if r[0] == "6.2")
    assert row[2] == "No"
    assert row[4] == "Partly met. Two late in April; the rota has changed."

    # The self-assessment as a document of its own, for the committee.
    page.get_by_role("link", name="The self-assessment as a document (Word or PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Complaint Handling Code self-assessment 2026/27"
    )
    expect(page.get_by_role("row", name="6.2")).to_contain_text("Partly")
    axe(page, "self-assessment document")
    name, content = _downloaded(page, "Download as a Word document")
    assert name == "self-assessment-2026-27.docx"
    cells = [
        [cell.text for cell in r.cells]
        for table in Document(io.BytesIO(content)).tables
        for r in table.rows
    ]
    assert next(r for r in cells if r[0] == "6.2")[2:5:2] == [
        "Partly",
        "Two late in April; the rota has changed.",
    ]


def test_the_complaints_officer_writes_the_childrens_report_and_downloads_it(
    page, axe, live_server, dataset, officer
):
    _signed_in(page, live_server, officer)
    page.goto("/reports/")
    page.get_by_role("link", name="Children's social care annual report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Children's social care")
    banner = page.get_by_role("region", name="Before you send this report")
    expect(banner).to_contain_text("learning from representations and complaints")
    # Its sections are written with the year's self-assessment; it has no "You said, we did".
    expect(page.get_by_role("link", name="Edit “You said, we did”")).to_have_count(0)
    axe(page, "children's report before it is written")

    page.get_by_role("link", name="Write this report's sections").first.click()
    axe(page, "the sections to write")
    learning = page.get_by_label("Children's social care: learning from representations and")
    learning.fill("x" * 10_001)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("write 10,000 characters or fewer").first).to_be_visible()
    axe(page, "the sections with an error")
    learning.fill("Foster carers now hear of a complaint's outcome within five working days.")
    page.get_by_role("button", name="Save").click()

    # Saving returns to the report it was written for, no longer flagged.
    expect(page).to_have_url(re.compile(r"/reports/childrens-social-care/\?year=2026(#\w+)?$"))
    expect(page.get_by_role("region", name="Before you send this report")).to_have_count(0)
    expect(page.get_by_text("Foster carers now hear")).to_be_visible()
    axe(page, "children's report written")
    name, content = _downloaded(page, "Download as a Word document")
    assert name == "childrens-social-care-annual-report-2026-27.docx"
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "Foster carers now hear of a complaint's outcome" in text
    assert "not yet written" not in text


def _latest_complete_quarter(today: dt.date) -> str:
    """The dates of the last quarter to have ended, as the report gives them: from October to
    December 2026, "1 July 2026 to 30 September 2026". Financial quarters start in April,
    July, October and January, as calendar quarters do."""
    this_quarter = today.replace(month=today.month - (today.month - 1) % 3, day=1)
    end = this_quarter - dt.timedelta(days=1)
    start = (end.replace(day=1) - dt.timedelta(days=59)).replace(day=1)
    return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"


def test_the_quarterly_report_opens_on_the_latest_complete_quarter_and_downloads(
    page, axe, live_server, dataset, officer
):
    _signed_in(page, live_server, officer)
    page.goto("/reports/")
    page.get_by_role("link", name="Quarterly report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quarterly complaints")
    expect(page.get_by_text(_latest_complete_quarter(timezone.localdate())).first).to_be_visible()
    axe(page, "quarterly report")
    name, content = _downloaded(page, "Download as a Word document")
    assert name.endswith(".docx")
    section = Document(io.BytesIO(content)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4


def test_the_complaints_officer_downloads_the_cases_behind_the_dashboard(
    page, axe, live_server, dataset, officer
):
    _signed_in(page, live_server, officer)
    page.goto("/reports/?period=year&year=2026")
    axe(page, "dashboard for the year")

    name, content = _downloaded(page, "Cases (CSV)")
    assert name.endswith(".csv")
    assert content.startswith("\ufeff".encode())  # so Excel reads it as UTF-8
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Reference,Kind,Status,Current stage,Service area")
    assert any(",Complaint," in line for line in lines[1:])  # labels, not codes
    assert not any(",complaint," in line for line in lines[1:])

    name, content = _downloaded(page, "Stages (XLSX)")
    assert name.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
    assert sheet["A1"].value == "Reference"


def test_an_administrator_marks_the_housing_services_the_measures_count(
    page, axe, live_server, dataset
):
    dataset.housing.is_housing = False
    dataset.housing.save()
    admin = UserFactory(role=Role.ADMINISTRATOR)
    _signed_in(page, live_server, admin)
    page.goto("/reports/annual/?year=2026")
    banner = page.get_by_role("region", name="Before you send this report")
    expect(banner).to_contain_text("Settings, Housing service areas")
    tsm = page.locator("section", has=page.get_by_role("heading", name="Tenant Satisfaction"))
    expect(tsm.get_by_role("row", name="Complaints received")).to_have_count(0)

    page.goto("/casework/settings/")
    page.get_by_role("link", name="Housing service areas").click()
    axe(page, "housing service areas")
    page.get_by_label("Housing", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved. Now housing: Housing.")).to_be_visible()
    expect(page.get_by_label("Housing", exact=True)).to_be_checked()
    expect(page.get_by_label("Parks", exact=True)).not_to_be_checked()

    page.goto("/reports/annual/?year=2026")
    tsm = page.locator("section", has=page.get_by_role("heading", name="Tenant Satisfaction"))
    expect(tsm.get_by_role("row", name="Complaints received")).to_be_visible()
    expect(page.get_by_text("Settings, Housing service areas")).to_have_count(0)
