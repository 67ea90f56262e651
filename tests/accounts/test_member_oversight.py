"""An elected Member sees the reports' aggregate figures and the survey results, and nothing
of any case or person: every other staff page, export and the API refuse them."""

import datetime as dt

import pytest
from django.test import Client

from redress.accounts.models import Role
from redress.accounts.services import api_token_create
from redress.calendars.clock import LONDON
from redress.cases.permissions import Action, can, sees_figures_only
from redress.cases.selectors import cases_visible_to
from redress.core import clock
from redress.portal.models import SurveyResponse
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=LONDON)
RECEIVED = dt.datetime(2026, 6, 1, 10, 0, tzinfo=LONDON)
DASHBOARD = "/reports/?period=month&year=2026&month=6"


@pytest.fixture
def world():
    with clock.pinned(NOW):
        officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
        case = make_case(
            received_at=RECEIVED,
            by=officer,
            person={"name": "Petra Plover", "email": "petra@example.com"},
        )
        SurveyResponse.objects.create(case=case, handling=5, outcome=2, easy_to_contact=True)
        yield {"case": case, "officer": officer, "member": UserFactory(role=Role.MEMBER)}


def _client(user):  # noqa: ANN001, ANN202
    client = Client()
    client.force_login(user)
    return client


def test_the_rule_gives_a_member_no_case_and_no_action(world):
    member, case = world["member"], world["case"]
    assert sees_figures_only(member) and not sees_figures_only(world["officer"])
    assert not cases_visible_to(member).exists()
    assert not any(can(member, action, case) for action in Action)


def test_a_member_sees_the_figures_and_survey_results_without_links_to_cases(world):
    with clock.pinned(NOW):
        member_page = _client(world["member"]).get(DASHBOARD)
        officer_page = _client(world["officer"]).get(DASHBOARD)
    assert member_page.status_code == 200
    text = member_page.content.decode()
    assert "1 survey response. Satisfied with how the case was handled: 100%" in text
    assert "with the outcome: 0%" in text
    # The officer's dashboard links its figures to Find cases and offers exports; a Member's not.
    assert "/casework/cases/?" in officer_page.content.decode()
    assert "/reports/export/" in officer_page.content.decode()
    assert "/casework/cases/" not in text and "/reports/export/" not in text
    assert world["case"].reference not in text and "Plover" not in text
    for report in ("/reports/quarterly/?year=2026&quarter=1", "/reports/annual/?year=2026"):
        with clock.pinned(NOW):
            assert _client(world["member"]).get(report).status_code == 200


def test_signing_in_lands_a_member_on_the_dashboard(world):
    response = _client(world["member"]).get("/casework/")
    assert response.status_code == 302 and response["Location"] == "/reports/"


@pytest.mark.parametrize(
    "path",
    [
        "/casework/cases/",
        "/casework/cases/export.csv",
        "/casework/cases/new/",
        "/casework/cases/{reference}/",
        "/casework/cases/{reference}/note/",
        "/casework/ombudsman/",
        "/casework/register/",
        "/casework/settings/templates/",
        "/notifications/post-room/",
        "/reports/export/?what=cases&format=csv",
        "/admin/",
    ],
)
def test_every_page_about_cases_refuses_a_member(world, path):
    response = _client(world["member"]).get(path.format(reference=world["case"].reference))
    assert response.status_code == 403, path
    assert "Petra Plover" not in response.content.decode()


def test_the_api_refuses_a_member(world):
    _, secret = api_token_create(user=world["member"])
    response = Client().get(
        f"/api/v1/cases/{world['case'].reference}", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 403
    assert "Petra" not in response.content.decode()


def test_a_member_keeps_their_own_account_settings(world):
    client = _client(world["member"])
    page = client.get("/casework/settings/")
    assert page.status_code == 200
    assert client.get("/casework/account/password/").status_code == 200
