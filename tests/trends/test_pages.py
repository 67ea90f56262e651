"""The Trends pages, the dashboard panel and the API: who sees which alerts, and acting on one."""

from __future__ import annotations

import pytest

from redress.accounts.services import api_token_create
from redress.api.api import api
from redress.trends.models import AlertStatus, TrendAlert
from redress.trends.services import NOTE_MAX
from tests.trends.conftest import WEEK

pytestmark = pytest.mark.django_db


def _alert(alerts, kind, key):
    return alerts[(kind, str(key))]


def test_the_complaints_team_sees_every_alert(client, council, alerts):
    client.force_login(council.officer)
    page = client.get("/reports/trends/").content.decode()
    for name in ("Waste and recycling", "Missed collection (Waste and recycling)", "SE15", "Parks"):
        assert name in page
    assert 'href="/reports/trends/"' in page  # in the navigation


def test_a_manager_sees_only_their_service_areas_alerts(client, council, alerts):
    client.force_login(council.head)
    page = client.get("/reports/trends/").content.decode()
    assert "Waste and recycling" in page and "Missed collection" in page
    assert "Parks" not in page and "SE15" not in page
    parks = _alert(alerts, "service", council.parks.pk)
    assert client.get(f"/reports/trends/{parks.pk}/").status_code == 404
    assert client.get(f"/reports/trends/{parks.pk}/chart.png").status_code == 404
    response = client.post(f"/reports/trends/{parks.pk}/acknowledge/", {"acknowledge-note": "x"})
    assert response.status_code == 404
    assert TrendAlert.objects.get(pk=parks.pk).status == AlertStatus.NEW


@pytest.mark.parametrize("url", ["/reports/trends/", "/reports/trends/{pk}/"])
def test_roles_without_reports_are_refused_and_the_signed_out_sent_to_sign_in(
    client, council, alerts, url
):
    pk = _alert(alerts, "service", council.waste.pk).pk
    client.force_login(council.responder)
    assert client.get(url.format(pk=pk)).status_code == 403
    assert "Trends" not in client.get("/casework/").content.decode()
    client.logout()
    assert client.get(url.format(pk=pk)).status_code == 302


def test_the_alert_page_charts_the_weeks_and_links_to_the_cases(client, council, alerts):
    alert = _alert(alerts, "service", council.waste.pk)
    client.force_login(council.head)
    page = client.get(f"/reports/trends/{alert.pk}/").content.decode()
    assert "19 cases in the week starting 23 November 2026" in page
    assert "4.8 a week" in page
    assert f'src="/reports/trends/{alert.pk}/chart.png"' in page
    assert "the week starting 23 November 2026 had 19" in page  # the alternative text
    assert page.count('<tr class="govuk-table__row"><th scope="row"') == 13
    assert f"service={council.waste.pk}" in page and "received_from-day=23" in page
    assert "received_to-day=29" in page
    chart = client.get(f"/reports/trends/{alert.pk}/chart.png")
    assert chart["Content-Type"] == "image/png" and chart.content.startswith(b"\x89PNG")
    area = _alert(alerts, "area", "SE15")
    client.force_login(council.officer)
    assert "cannot list cases by area" in client.get(f"/reports/trends/{area.pk}/").content.decode()


def test_acknowledge_with_a_note(client, council, alerts):
    alert = _alert(alerts, "service", council.waste.pk)
    client.force_login(council.head)
    response = client.post(
        f"/reports/trends/{alert.pk}/acknowledge/", {"acknowledge-note": "Crew off sick"}
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert (alert.status, alert.note, alert.handled_by) == (
        AlertStatus.ACKNOWLEDGED,
        "Crew off sick",
        council.head,
    )
    page = client.get(response.url).content.decode()
    assert "Alert acknowledged." in page and "Crew off sick" in page
    # Not twice; it can still be turned into a learning action.
    assert f'action="/reports/trends/{alert.pk}/acknowledge/"' not in page
    again = client.post(f"/reports/trends/{alert.pk}/acknowledge/", {"acknowledge-note": "Again"})
    assert again.status_code == 400 and "already been dealt with" in again.content.decode()
    learnt = client.post(
        f"/reports/trends/{alert.pk}/learning/",
        {"learning-note": "Cover rota for crews", "learning-service": "waste"},
    )
    assert learnt.status_code == 302
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACTIONED and alert.note == "Cover rota for crews"


@pytest.mark.parametrize(
    ("which", "note", "message"),
    [
        ("acknowledge", "   ", "Enter a note saying what you found"),
        ("learning", "", "Enter a note saying what will be learnt from it"),
        ("acknowledge", "x" * (NOTE_MAX + 1), "characters or fewer"),
    ],
)
def test_bad_notes_are_explained_and_kept(client, council, alerts, which, note, message):
    alert = _alert(alerts, "category", council.bins.pk)
    client.force_login(council.officer)
    response = client.post(f"/reports/trends/{alert.pk}/{which}/", {f"{which}-note": note})
    body = response.content.decode()
    assert response.status_code == 400 and message in body
    assert "There is a problem" in body and f'href="#id_{which}-note"' in body
    if note.strip():
        assert note in body  # what was typed is kept
    alert.refresh_from_db()
    assert alert.status == AlertStatus.NEW and alert.note == ""


def test_the_list_filters_by_status_and_scope_and_refuses_unknown_filters(client, council, alerts):
    client.force_login(council.officer)
    TrendAlert.objects.filter(scope_kind="area").update(status=AlertStatus.ACKNOWLEDGED)
    areas = client.get("/reports/trends/", {"scope": "area"}).content.decode()
    assert "SE15" in areas and "Parks" not in areas
    new = client.get("/reports/trends/", {"status": "new"}).content.decode()
    assert "SE15" not in new and "Parks" in new
    bad = client.get("/reports/trends/", {"status": "sideways"})
    assert bad.status_code == 400 and "Choose a status from the list" in bad.content.decode()


def test_the_dashboard_shows_open_alerts_with_links(client, council, alerts):
    waste = _alert(alerts, "service", council.waste.pk)
    client.force_login(council.head)
    page = client.get("/reports/").content.decode()
    assert "Emerging trends" in page and f'href="/reports/trends/{waste.pk}/"' in page
    assert "Parks" not in page.split('id="trend-alerts"')[1].split("</section>")[0]
    waste.status = AlertStatus.ACKNOWLEDGED
    waste.save()
    panel = client.get("/reports/").content.decode().split('id="trend-alerts"')[1]
    assert f'href="/reports/trends/{waste.pk}/"' not in panel.split("</section>")[0]


def _bearer(user):
    return {"Authorization": f"Bearer {api_token_create(user=user)[1]}"}


def test_the_api_lists_alerts_with_their_scope(client, council, alerts):
    response = client.get("/api/v1/alerts", headers=_bearer(council.officer))
    assert response.status_code == 200
    listed = {(a["scope"], a["name"]): a for a in response.json()["alerts"]}
    service = listed[("service", "Waste and recycling")]
    waste = _alert(alerts, "service", council.waste.pk)
    assert service == {
        "id": waste.pk,
        "scope": "service",
        "slug": "waste",
        "name": "Waste and recycling",
        "week_starting": WEEK.isoformat(),
        "count": 19,
        "expected": pytest.approx(57 / 12),
        "p_value": pytest.approx(waste.p_value),
        "status": "new",
    }
    assert listed[("area", "SE15")]["slug"] is None
    assert len(listed) == 4


def test_the_api_filters_pages_and_follows_who_sees_what(client, council, alerts):
    head = _bearer(council.head)
    names = [a["name"] for a in client.get("/api/v1/alerts", headers=head).json()["alerts"]]
    assert sorted(names) == ["Missed collection (Waste and recycling)", "Waste and recycling"]
    officer = _bearer(council.officer)
    first = client.get("/api/v1/alerts", {"limit": 3}, headers=officer).json()
    rest = client.get(
        "/api/v1/alerts", {"limit": 3, "cursor": first["next_cursor"]}, headers=officer
    ).json()
    assert len(first["alerts"]) == 3 and len(rest["alerts"]) == 1 and rest["next_cursor"] is None
    areas = client.get("/api/v1/alerts", {"scope": "area"}, headers=officer).json()["alerts"]
    assert [a["name"] for a in areas] == ["SE15"]
    bad = client.get("/api/v1/alerts", {"status": "sideways"}, headers=officer)
    assert bad.status_code == 422 and "status" in bad.content.decode()
    refused = client.get("/api/v1/alerts", headers=_bearer(council.responder))
    assert refused.status_code == 403


def test_the_schema_lists_the_scopes_and_statuses():
    schema = api.get_openapi_schema()
    alert = schema["components"]["schemas"]["Alert"]["properties"]
    assert alert["scope"]["enum"] == ["service", "category", "directorate", "area"]
    assert alert["status"]["enum"] == ["new", "acknowledged", "actioned"]


def test_a_person_logged_or_edited_in_the_admin_gets_their_district(client, council):
    from redress.cases.models import Person
    from tests.factories import make_case

    case = make_case(
        service=council.waste,
        by=council.officer,
        person={"name": "Kim", "email": "kim@example.com", "address": "3 Rye Lane, SE15 5EW"},
    )
    assert case.person.postcode_district == "SE15"
    council.officer.is_staff = True
    council.officer.is_superuser = True
    council.officer.save()
    client.force_login(council.officer)
    response = client.post(
        f"/admin/cases/person/{case.person_id}/change/",
        {
            "name": "Kim",
            "email": "kim@example.com",
            "phone": "",
            "address": "9 Lordship Lane, SE22 8HF",
            "contact_preference": "email",
            "communication_needs": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Person.objects.get(pk=case.person_id).postcode_district == "SE22"
