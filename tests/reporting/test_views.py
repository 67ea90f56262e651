import pytest

from redress.accounts.models import Role
from redress.reporting.models import ReportNote
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/reports/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("role", [Role.SERVICE_RESPONDER, Role.INVESTIGATOR, ""])
@pytest.mark.parametrize(
    "url",
    [
        "/reports/",
        "/reports/quarterly/",
        "/reports/annual/",
        "/reports/export/",
        "/reports/annual/2026/assessment/",
    ],
)
def test_roles_without_reports_are_forbidden(client, role, url):
    client.force_login(UserFactory(role=role))
    assert client.get(url).status_code == 403


def test_officer_dashboard_shows_figures_with_links_and_tables(client, dataset, officer):
    client.force_login(officer)
    response = client.get("/reports/", {"period": "year", "year": "2026"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Financial year 2026/27" in html
    assert "<svg" in html and 'role="img"' in html
    # The complaints figure links to the matching case list, in the names Find cases reads.
    assert (
        "/casework/cases/?kind=complaint&amp;received_from-day=1&amp;received_from-month=4"
        "&amp;received_from-year=2026&amp;received_to-day=31&amp;received_to-month=3"
        "&amp;received_to-year=2027"
    ) in html
    assert f"/casework/cases/?service={dataset.parks.pk}&amp;received_from-day=1" in html
    assert "overdue=1" in html
    assert "taken to the Ombudsman after our final response" in html
    assert "No survey responses yet." in html


def test_manager_sees_only_their_services(client, dataset, parks_manager):
    client.force_login(parks_manager)
    html = client.get("/reports/", {"period": "year", "year": "2026"}).content.decode()
    assert "Parks" in html
    assert "Housing" not in html
    chosen = client.get("/reports/", {"period": "year", "year": "2026", "service": "housing"})
    assert chosen.status_code == 400
    assert "Choose a service area from the list." in chosen.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"period": "quarter", "year": "2026", "quarter": "5"}, "between 1 and 4"),
        ({"period": "month", "year": "2026", "month": ""}, "month as a whole number"),
        ({"period": "custom", "from": "2026-13-01", "to": "2026-12-01"}, "real date"),
        ({"period": "custom", "from": "2026-06-01", "to": "2026-05-01"}, "on or before"),
        ({"period": "decade"}, "Choose a financial year"),
        ({"kind": "parcel"}, "Choose a kind"),
    ],
)
def test_bad_filters_are_explained_and_kept(client, dataset, officer, params, message):
    client.force_login(officer)
    response = client.get("/reports/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    for value in params.values():
        if value and value not in ("custom", "quarter", "month", "decade", "parcel"):
            assert f'value="{value}"' in html


def test_quarterly_report_page_and_bad_quarter(client, dataset, officer):
    client.force_login(officer)
    page = client.get("/reports/quarterly/", {"year": "2026", "quarter": "1"})
    assert page.status_code == 200
    assert "Quarterly complaints performance report: Q1 2026/27" in page.content.decode()
    bad = client.get("/reports/quarterly/", {"year": "2026", "quarter": "9"})
    assert bad.status_code == 400
    assert "Choose a quarter from 1 to 4." in bad.content.decode()


def test_officer_assesses_a_provision_and_writes_a_section(client, dataset, officer):
    client.force_login(officer)
    response = client.post(
        "/reports/annual/2026/assessment/3.3/",
        {"compliance": "yes", "text": "Easy read and BSL versions."},
    )
    assert response.status_code == 302
    note = ReportNote.objects.get(year=2026, key="code:lgsco:3.3")
    assert (note.compliance, note.updated_by) == ("yes", officer)
    response = client.post(
        "/reports/annual/2026/assessment/",
        {"service_improvements-text": "Repairs now confirmed by text message."},
    )
    assert response.status_code == 302
    html = client.get("/reports/annual/", {"year": "2026"}).content.decode()
    assert "Easy read and BSL versions." in html
    assert "Repairs now confirmed by text message." in html


def test_bad_self_assessment_keeps_the_text(client, dataset, officer):
    client.force_login(officer)
    response = client.post(
        "/reports/annual/2026/assessment/3.3/", {"compliance": "maybe", "text": "Kept text"}
    )
    assert response.status_code == 400
    assert "Compliant: choose yes, partly or no." in response.content.decode()
    assert "Kept text" in response.content.decode()
    too_long = client.post(
        "/reports/annual/2026/assessment/",
        {"qualitative-text": "x" * 10_001, "non_compliance-text": "Also kept"},
    )
    assert too_long.status_code == 400
    assert "Qualitative analysis: write 10,000 characters or fewer." in too_long.content.decode()
    assert "Also kept" in too_long.content.decode()
    assert not ReportNote.objects.exists()


def test_a_provision_the_code_lacks_is_not_found(client, dataset, officer):
    client.force_login(officer)
    assert client.get("/reports/annual/2026/assessment/99.9/").status_code == 404
    assert client.get("/reports/annual/1999/assessment/").status_code == 404


def test_manager_cannot_write_the_self_assessment(client, dataset, parks_manager):
    client.force_login(parks_manager)
    assert client.get("/reports/annual/2026/assessment/").status_code == 403


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/reports/childrens-social-care/", "reporting:childrens"),
        ("/reports/adult-social-care/", "reporting:adults"),
    ],
)
def test_a_statutory_report_links_to_its_sections_not_to_you_said(
    client, dataset, officer, parks_manager, url, name
):
    client.force_login(officer)
    html = client.get(url, {"year": "2026"}).content.decode()
    assert (
        f'href="/reports/annual/2026/assessment/?report={name.replace(":", "%3A")}#sections"'
        in html
    )
    assert "/reports/you-said-we-did/" not in html  # it has none of its own: the link gave 403
    client.force_login(parks_manager)  # reads reports, does not write them
    html = client.get(url, {"year": "2026"}).content.decode()
    assert "/assessment/" not in html


@pytest.mark.parametrize(
    ("report", "back_to"),
    [
        ("reporting:childrens", "/reports/childrens-social-care/?year=2026"),
        ("reporting:adults", "/reports/adult-social-care/?year=2026"),
        ("reporting:annual", "/reports/annual/?year=2026"),
        ("https://elsewhere.example/", "/reports/annual/?year=2026"),  # a name, never a URL
        ("", "/reports/annual/?year=2026"),
    ],
)
def test_saving_the_sections_returns_to_the_report_they_were_written_for(
    client, dataset, officer, report, back_to
):
    client.force_login(officer)
    response = client.post(
        "/reports/annual/2026/assessment/",
        {"report": report, "childrens_learning-text": "Carers hear outcomes sooner."},
    )
    assert (response.status_code, response["Location"]) == (302, back_to)
    assert ReportNote.objects.get(key="childrens_learning").text == "Carers hear outcomes sooner."
