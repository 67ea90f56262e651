"""The Ombudsman's annual review figures: read whole and checked before anything is saved,
bad files named row by row and column by column, and compared in the annual report."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from redress.accounts.models import Role
from redress.core.models import OrganisationSettings
from redress.reporting import benchmarks
from redress.reporting.models import BenchmarkFigure, BenchmarkNeighbour
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "Organisation,Complaints decided,Detailed investigations,Upheld,Upheld rate,"
    "Compliance rate,Satisfactory remedy rate\n"
)
GOOD = HEADER + (
    "Example Borough Council,120,40,30,75%,100,10\n"
    "Northtown Council,90,30,15,50,95.5,6.7\n"
    '"Southby, City of",60,20,12,60,n/a,\n'
)


@pytest.fixture
def admin(db):
    return UserFactory(role=Role.ADMINISTRATOR)


def _upload(client, year, text, name="figures.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(
        "/reports/benchmarking/",
        {"year": year, "file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def test_a_good_file_is_read_whole():
    rows = benchmarks.read_csv(("\ufeff" + GOOD).encode("utf-8"))
    assert [r.organisation for r in rows] == [
        "Example Borough Council",
        "Northtown Council",
        "Southby, City of",
    ]
    assert str(rows[0].upheld_rate) == "75.0"
    assert rows[2].compliance_rate is None and rows[2].satisfactory_remedy_rate is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (b"", "The file is empty"),
        ("Organisation,Upheld\nX,1\n", "missing: complaints decided, detailed investigations"),
        (HEADER, "a header row but no figures"),
        (HEADER + "X,ten,1,1,1,1,1\n", "Row 2, column “complaints decided”: enter a whole number"),
        (HEADER + "X,10,5,1,101,1,1\n", "Row 2, column “upheld rate”: enter a percentage"),
        (HEADER + "X,10,5,1,1,-3,1\n", "Row 2, column “compliance rate”: enter a percentage"),
        (HEADER + ",10,5,1,1,1,1\n", "Row 2, column “organisation”: enter the organisation"),
        (HEADER + "X,10,12,1,1,1,1\n", "cannot be more than the complaints decided"),
        (HEADER + "X,10,5,6,1,1,1\n", "Row 2, column “upheld”: cannot be more than the detailed"),
        (HEADER + "X,10,5,1,1,1,1\nx,1,1,1,1,1,1\n", "Row 3, column “organisation”: x is listed"),
        ("Organisation\n".encode("utf-16"), "saved as UTF-8"),
    ],
)
def test_bad_files_name_the_row_and_column(text, problem):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(benchmarks.BenchmarkFileError) as raised:
        benchmarks.read_csv(raw)
    assert any(problem in p for p in raised.value.problems), raised.value.problems


def test_every_problem_is_listed_not_only_the_first():
    text = HEADER + "A,x,1,1,1,1,1\nB,1,1,1,1,1,1\nC,1,1,1,200,1,1\n"
    with pytest.raises(benchmarks.BenchmarkFileError) as raised:
        benchmarks.read_csv(text.encode())
    assert [p.split(":")[0] for p in raised.value.problems] == [
        "Row 2, column “complaints decided”",
        "Row 4, column “upheld rate”",
    ]


def test_an_administrator_uploads_and_a_bad_file_changes_nothing(client, admin):
    client.force_login(admin)
    assert _upload(client, "2026", GOOD).status_code == 302
    assert BenchmarkFigure.objects.filter(year=2026).count() == 3
    bad = _upload(client, "2026", HEADER + "Only One,1,2,1,1,1,1\n")
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "The file was not imported" in page and "Nothing was saved" in page
    assert "Row 2, column “detailed investigations”" in page
    assert BenchmarkFigure.objects.filter(year=2026).count() == 3  # the old figures stand
    assert _upload(client, "1999", GOOD).status_code == 400
    assert _upload(client, "", GOOD).status_code == 400
    assert BenchmarkFigure.objects.count() == 3


def test_a_new_upload_of_a_year_replaces_it(client, admin):
    client.force_login(admin)
    _upload(client, "2026", GOOD)
    _upload(client, "2026", HEADER + "Example Borough Council,10,4,2,50,100,0\n")
    assert list(BenchmarkFigure.objects.values_list("organisation", "upheld")) == [
        ("Example Borough Council", 2)
    ]


def test_neighbours_are_chosen_from_the_imported_names(client, admin):
    client.force_login(admin)
    _upload(client, "2026", GOOD)
    response = client.post("/reports/benchmarking/neighbours/", {"neighbours": ["Nowhere"]})
    assert response.status_code == 400
    assert "Choose neighbours from the organisations in the imported figures" in (
        response.content.decode()
    )
    response = client.post(
        "/reports/benchmarking/neighbours/", {"neighbours": ["Northtown Council"]}
    )
    assert response.status_code == 302
    assert list(BenchmarkNeighbour.objects.values_list("organisation", flat=True)) == [
        "Northtown Council"
    ]


def test_only_administrators_enter_the_figures(client, officer, parks_manager):
    for user in (officer, parks_manager):
        client.force_login(user)
        assert client.get("/reports/benchmarking/").status_code == 403
        assert _upload(client, "2026", GOOD).status_code == 403
        assert client.get("/reports/benchmarking/neighbours/").status_code == 403
    assert not BenchmarkFigure.objects.exists()


def test_the_annual_report_compares_us_with_our_neighbours(client, dataset, admin, officer):
    client.force_login(admin)
    _upload(client, "2026", GOOD)
    BenchmarkNeighbour.objects.create(organisation="Northtown Council")
    BenchmarkNeighbour.objects.create(organisation="Southby, City of")
    settings_row = OrganisationSettings.current()
    settings_row.ombudsman_name = "Example Borough Council"
    settings_row.save()
    client.force_login(officer)
    response = client.get("/reports/annual/", {"year": "2026", "format": "docx"})
    document = Document(io.BytesIO(response.content))
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Example Borough Council (us)", "120", "40", "30", "75%", "100%", "10%"] in rows
    assert ["Southby, City of", "60", "20", "12", "60%", "–", "–"] in rows
    text = "\n".join(p.text for p in document.paragraphs)
    # Neighbours together: (15 + 12) upheld of (30 + 20) investigated.
    assert "Our neighbours' upheld rate taken together: 54%." in text
    descriptions = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    assert any(
        "Ombudsman upheld rate, 2026/27" in d and "Northtown Council: 50%" in d
        for d in descriptions
    )
