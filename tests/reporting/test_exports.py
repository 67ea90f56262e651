"""The exports as a spreadsheet program opens them: labels, a byte-order mark on CSV, a
frozen and filtered header on XLSX, and the same columns in the staff and report downloads."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from redress.cases.columns import CASE_COLUMNS, PERSONAL_COLUMNS, STAGE_COLUMNS
from tests.factories import ServiceFactory, make_case
from tests.reporting.conftest import at

pytestmark = pytest.mark.django_db

YEAR_2026 = {"period": "year", "year": "2026"}


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _csv(response) -> list[list[str]]:
    body = _body(response)
    assert body.startswith(b"\xef\xbb\xbf"), "CSV must begin with the UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(body.decode("utf-8"))))


def _by_heading(rows: list[list[str]]) -> list[dict[str, str]]:
    header = [h.lstrip("\ufeff") for h in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def test_report_csv_has_a_bom_labels_and_iso_dates(client, dataset, officer):
    client.force_login(officer)
    rows = _csv(client.get("/reports/export/", {**YEAR_2026, "what": "cases"}))
    assert rows[0][0] == "\ufeffReference"
    assert rows[0][1:] == [c.heading for c in CASE_COLUMNS][1:]
    found = {r["Reference"]: r for r in _by_heading(rows)}
    b = found[dataset.cases["B"].reference]
    assert (b["Kind"], b["Channel"], b["Latest outcome"]) == (
        "Complaint",
        "Online form",
        "Not upheld",
    )
    assert (b["Current stage"], b["Received"], b["Status"]) == (
        "Stage 2",
        "2026-04-01",
        "Responded",
    )
    d = found[dataset.cases["D"].reference]
    assert d["Reason not accepted"] == "Raised more than 12 months after the matter"
    h = found[dataset.cases["H"].reference]
    assert h["Kind"] == "FOI or EIR request"
    codes = {"complaint", "stage1", "not_upheld", "web", "over_12_months", "foi_request"}
    assert not codes & {cell for row in rows for cell in row}


def test_report_stage_csv_uses_stage_names_and_outcome_labels(client, dataset, officer):
    client.force_login(officer)
    rows = _csv(client.get("/reports/export/", {**YEAR_2026, "what": "stages"}))
    assert rows[0][1:] == [c.heading for c in STAGE_COLUMNS][1:]
    b_stages = [r for r in _by_heading(rows) if r["Reference"] == dataset.cases["B"].reference]
    assert [(r["Stage"], r["Outcome"]) for r in b_stages] == [
        ("Stage 1", "Partly upheld"),
        ("Stage 2", "Not upheld"),
    ]


def test_report_xlsx_has_a_frozen_filtered_bold_header_and_real_dates(client, dataset, officer):
    client.force_login(officer)
    response = client.get("/reports/export/", {**YEAR_2026, "what": "cases", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(_body(response))).active
    rows = list(sheet.values)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:L{len(rows)}"
    assert sheet["A1"].font.bold
    assert list(rows[0]) == [c.heading for c in CASE_COLUMNS]
    by_ref = {r[0]: r for r in rows[1:]}
    b = by_ref[dataset.cases["B"].reference]
    assert b[1] == "Complaint"
    received = b[7]
    assert isinstance(received, dt.datetime) and received.date() == dt.date(2026, 4, 1)
    assert sheet.cell(row=2, column=8).number_format == "d mmm yyyy"


def test_xlsx_and_csv_keep_formulas_as_text(client, officer):
    service = ServiceFactory(name="=HYPERLINK(bad)", slug="odd")
    make_case(service=service, received_at=at("2026-05-01"))
    client.force_login(officer)
    rows = _csv(client.get("/reports/export/", {**YEAR_2026, "what": "cases"}))
    assert rows[1][4] == "'=HYPERLINK(bad)"
    response = client.get("/reports/export/", {**YEAR_2026, "what": "cases", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(_body(response))).active
    assert sheet["E2"].value == "'=HYPERLINK(bad)"
    assert sheet["E2"].data_type == "s"


def test_staff_and_report_exports_share_their_columns(client, officer):
    service = ServiceFactory(name="Gwasanaethau Siân", slug="gwasanaethau")
    case = make_case(
        service=service,
        received_at=at("2026-05-01"),
        person={"name": "Siân Jones", "email": "sian@example.com"},
        channel="phone",
    )
    client.force_login(officer)
    report = _by_heading(_csv(client.get("/reports/export/", {**YEAR_2026, "what": "cases"})))
    staff_rows = _csv(client.get(f"/casework/cases/export.csv?service={service.pk}"))
    staff = _by_heading(staff_rows)
    headings = [h.lstrip("\ufeff") for h in staff_rows[0]]
    assert headings == [c.heading for c in (*CASE_COLUMNS, *PERSONAL_COLUMNS)]
    (in_report,) = [r for r in report if r["Reference"] == case.reference]
    (in_staff,) = staff
    assert {k: in_staff[k] for k in in_report} == in_report
    assert in_staff["Person"] == "Siân Jones"
    assert in_staff["Service area"] == "Gwasanaethau Siân"
    assert in_staff["Handler"] == ""
    # Reports name nobody.
    assert "Person" not in in_report and "Siân Jones" not in str(report)


def test_staff_export_names_the_handler(client, officer):
    from redress.cases.services import case_assign

    case = make_case(received_at=at("2026-05-01"))
    officer.first_name, officer.last_name = "Dewi", "Prys"
    officer.save()
    case_assign(case=case, by=None, handler=officer)
    client.force_login(officer)
    (row,) = _by_heading(_csv(client.get("/casework/cases/export.csv")))
    assert row["Handler"] == "Dewi Prys"
    officer.first_name = officer.last_name = ""
    officer.save()
    (row,) = _by_heading(_csv(client.get("/casework/cases/export.csv")))
    assert row["Handler"] == officer.username
