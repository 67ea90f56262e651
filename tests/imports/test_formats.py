"""Files as other systems write them: UTF-8 with and without a byte order mark, Windows-1252,
and Excel workbooks with real dates."""

import datetime as dt

import pytest
from openpyxl import Workbook

from redress.cases.models import Case
from tests.imports.helpers import HEADER, csv_text, row, run

pytestmark = pytest.mark.django_db

NAME = "Siân Ó Brádaigh – “Flat 3”"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_in_each_encoding_keeps_accents_and_reads_the_first_header(tmp_path, housing, encoding):
    text = csv_text([row("É-1", person_name=NAME)])
    path = tmp_path / "cases.csv"
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    status, _out, err = run(str(path))
    assert status == 0, err
    case = Case.objects.get()
    # The byte order mark is not part of the first header, so legacy_reference was found.
    assert case.legacy_reference == "É-1"
    assert case.person.name == NAME


def test_headers_are_matched_in_any_case_and_order(tmp_path, housing):
    header = [h.upper() for h in reversed(HEADER)]
    values = row("A1")
    text = ",".join(header) + "\n" + ",".join(f'"{values.get(h.lower(), "")}"' for h in header)
    path = tmp_path / "cases.csv"
    path.write_text(text + "\n", encoding="utf-8")
    status, _out, err = run(str(path))
    assert status == 0, err
    assert Case.objects.get().received_on == dt.date(2021, 4, 6)


def _workbook(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for values in rows:
        sheet.append([values.get(h, "") for h in HEADER])
    book.save(path)
    return path


def test_xlsx_with_real_excel_dates_and_numbers(tmp_path, housing):
    values = row(
        "ignored",
        received_on=dt.datetime(2021, 4, 6),
        acknowledged_on=dt.date(2021, 4, 8),
        responded_on="20/04/2021",
        closed_on=dt.datetime(2021, 4, 21, 16, 30),
    )
    values["legacy_reference"] = 40123  # a number cell, as Excel keeps case numbers
    path = _workbook(tmp_path / "cases.xlsx", [values, {}, row("TEXT-2")])
    status, out, err = run(str(path))
    assert status == 0, err
    assert "2 cases imported" in out
    case = Case.objects.get(legacy_reference="40123")
    assert case.received_on == dt.date(2021, 4, 6)
    assert case.closed_on == dt.date(2021, 4, 21)
    assert case.current_stage.acknowledged_on == dt.date(2021, 4, 8)


def test_xlsx_problems_name_the_spreadsheet_row(tmp_path, housing):
    path = _workbook(tmp_path / "cases.xlsx", [row("A1"), row("A2", kind="Grumble")])
    status, _out, err = run(str(path))
    assert status == 1
    assert "Row 3, kind: 'Grumble' is not a kind of case" in err


def test_a_file_that_is_neither_is_refused_clearly(tmp_path, housing):
    old_excel = tmp_path / "cases.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    status, _out, err = run(str(old_excel))
    assert status == 1 and "old Excel (.xls) file" in err
    damaged = tmp_path / "cases.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a workbook")
    status, _out, err = run(str(damaged))
    assert status == 1 and "not an Excel workbook" in err


def test_a_shipped_mapping_reads_an_export_laid_out_like_respond(tmp_path, housing):
    header = ["Case Reference", "Case Type", "Date Received", "Method of Contact", "Service Area"]
    header += ["Customer Name", "Email Address", "Case Summary", "Current Stage", "Finding"]
    header += ["Response Date", "Closed Date"]
    line = ["00123", "Corporate Complaint", "6/4/2021", "E-mail", "Housing", "Pat Legacy"]
    line += ["pat@example.com", "Damp", "Stage 2 - Review", "Partially Justified"]
    line += ["20/04/2021", "21/04/2021"]
    path = tmp_path / "respond.csv"
    path.write_text(",".join(header) + "\n" + ",".join(line) + "\n", encoding="utf-8")
    status, _out, err = run(str(path), "--mapping", "aptean-respond")
    assert status == 0, err
    case = Case.objects.get()
    assert case.legacy_reference == "RSP-00123"
    assert (case.kind, case.channel, case.outcome) == ("complaint", "email", "partly_upheld")
    assert case.current_stage.key == "stage2"


def test_a_mapping_file_of_the_sites_own(tmp_path, housing):
    mapping = tmp_path / "ours.toml"
    mapping.write_text(
        '[columns]\nlegacy_reference = "Ref"\nperson_name = "Who"\n'
        '[values.outcome]\n"sorted" = "upheld"\n[defaults]\nkind = "complaint"\n',
        encoding="utf-8",
    )
    header = [
        "Ref",
        "Who",
        *[h for h in HEADER if h not in ("legacy_reference", "person_name", "kind")],
    ]
    values = row("X1", outcome="Sorted")
    values["Ref"], values["Who"] = values["legacy_reference"], values["person_name"]
    path = tmp_path / "ours.csv"
    path.write_text(csv_text([values], header=header), encoding="utf-8")
    status, _out, err = run(str(path), "--mapping", str(mapping))
    assert status == 0, err
    assert Case.objects.get().outcome == "upheld"


def test_an_unusable_mapping_is_refused_by_name(tmp_path, housing):
    mapping = tmp_path / "bad.toml"
    mapping.write_text('[columns]\nshoe_size = "Shoes"\n', encoding="utf-8")
    path = tmp_path / "cases.csv"
    path.write_text(csv_text([row("A1")]), encoding="utf-8")
    status, _out, err = run(str(path), "--mapping", str(mapping))
    assert status == 1 and "shoe_size" in err
