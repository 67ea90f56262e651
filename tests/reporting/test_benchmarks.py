"""The Ombudsman's annual review figures: read whole and checked before anything is saved,
bad files named row by row and column by column, and compared in the annual report."""

import io
import re

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


def _name_ourselves(name):
    row = OrganisationSettings.current()
    row.ombudsman_name = name
    row.save()


@pytest.mark.parametrize(
    ("ours", "found"),
    [
        ("Example Borough Council", "Example Borough Council"),
        ("  example   borough COUNCIL ", "Example Borough Council"),
        ("The Example Borough Council", "Example Borough Council"),
        ("Example Borough", "Example Borough Council"),
        ("Example", None),  # a part of a name is not a match
        ("Southby", None),
        ("", None),
    ],
)
def test_our_row_is_found_despite_case_spacing_the_and_council(ours, found):
    names = ["Example Borough Council", "Northtown Council", "Southby, City of"]
    assert benchmarks.our_row_name(names, ours) == found


def test_an_exact_spelling_wins_and_two_loose_matches_are_neither():
    assert benchmarks.our_row_name(["Northtown", "Northtown Council"], "Northtown") == "Northtown"
    assert benchmarks.our_row_name(["Northtown", "Northtown Council"], "The Northtown") is None


def test_the_comparison_finds_our_row_spelt_differently(admin, client):
    client.force_login(admin)
    _upload(client, "2026", GOOD)
    _name_ourselves("THE example borough")
    BenchmarkNeighbour.objects.create(organisation="Northtown Council")
    compared = benchmarks.comparison(2026)
    assert compared.ours is not None and compared.ours.organisation == "Example Borough Council"
    assert [n.organisation for n in compared.neighbours] == ["Northtown Council"]


def test_after_an_upload_without_our_row_the_page_says_what_to_fix(client, admin):
    _name_ourselves("Example Boro Council")
    client.force_login(admin)
    page = _upload(client, "2026", GOOD)
    assert page.status_code == 302
    text = client.get(page.url).content.decode()
    banner = text[text.index('id="not-found-title"') : text.index("</h1>")]
    assert "No organisation in the figures for 2026/27 is named “Example Boro Council”" in banner
    assert "<li>Example Borough Council</li>" in banner  # the closest name imported
    assert "Organisation settings" in banner and 'href="/casework/settings/organisation/"' in (
        banner
    )


def test_no_warning_once_our_name_matches_every_year(client, admin):
    _name_ourselves("example borough council")
    client.force_login(admin)
    _upload(client, "2025", GOOD)
    _upload(client, "2026", GOOD)
    assert "Our figures were not found" not in client.get("/reports/benchmarking/").content.decode()
    _upload(client, "2024", HEADER + "Northtown Council,90,30,15,50,95.5,6.7\n")
    not_found = benchmarks.ours_not_found([2024, 2025, 2026])
    assert not_found is not None and not_found.years == [2024]
    assert "for 2024/25 is named" in client.get("/reports/benchmarking/").content.decode()


def _checkboxes(page: str) -> list[str]:
    return re.findall(r'name="neighbours" type="checkbox" value="([^"]*)"( checked)?', page)


def test_the_neighbours_list_puts_the_chosen_first_and_filters_by_name(client, admin):
    client.force_login(admin)
    _upload(client, "2026", GOOD + "Eastwick District Council,10,2,1,50,100,0\n")
    BenchmarkNeighbour.objects.create(organisation="Southby, City of")
    page = client.get("/reports/benchmarking/neighbours/").content.decode()
    assert _checkboxes(page) == [
        ("Southby, City of", " checked"),
        ("Eastwick District Council", ""),
        ("Example Borough Council", ""),
        ("Northtown Council", ""),
    ]
    assert "4 organisations in the imported figures: 1 chosen neighbour, listed first." in page
    assert '<label class="govuk-label govuk-label--s" for="filter">' in page
    filtered = client.get("/reports/benchmarking/neighbours/", {"filter": " EAST "})
    text = filtered.content.decode()
    # The chosen neighbour stays listed and ticked, so saving from here keeps it.
    assert _checkboxes(text) == [
        ("Southby, City of", " checked"),
        ("Eastwick District Council", ""),
    ]
    assert "1 other organisation whose name contains “EAST”" in text
    assert 'value="EAST"' in text
    nothing = client.get("/reports/benchmarking/neighbours/", {"filter": "zzz"}).content.decode()
    assert "No other organisation's name contains “zzz”." in nothing


def test_ticks_saved_from_a_filtered_list_keep_the_chosen(client, admin):
    client.force_login(admin)
    _upload(client, "2026", GOOD)
    BenchmarkNeighbour.objects.create(organisation="Southby, City of")
    response = client.post(
        "/reports/benchmarking/neighbours/?filter=north",
        {"neighbours": ["Southby, City of", "Northtown Council"]},
    )
    assert response.status_code == 302
    assert set(BenchmarkNeighbour.objects.values_list("organisation", flat=True)) == {
        "Southby, City of",
        "Northtown Council",
    }
    bad = client.post("/reports/benchmarking/neighbours/?filter=north", {"neighbours": ["X"]})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert '<a href="#id_neighbours">Choose neighbours from the organisations' in text
    # Shown again as posted (nothing ticked), the chosen still listed under the filter.
    assert _checkboxes(text) == [("Northtown Council", ""), ("Southby, City of", "")]
