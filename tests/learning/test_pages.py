"""The learning pages, the directorates settings page and the report sections, through the
test client: who may open them, bad input kept and named, and what they show."""

import pytest

from redress.accounts.models import Role
from redress.cases.models import Directorate
from redress.core import clock
from redress.learning.models import LearningAction, LearningStatus
from redress.learning.services import learning_update
from redress.reporting.models import ReportNote
from redress.reporting.periods import financial_year_of
from tests.factories import UserFactory
from tests.learning.conftest import in_days

pytestmark = pytest.mark.django_db


def _date(prefix, day):
    return {f"{prefix}-day": day.day, f"{prefix}-month": day.month, f"{prefix}-year": day.year}


def test_raise_from_the_case_page(client, officer, case, head):
    client.force_login(officer)
    page = client.get(f"/casework/cases/{case.reference}/")
    assert f"/casework/cases/{case.reference}/learning/" in page.content.decode()
    form = client.get(f"/casework/cases/{case.reference}/learning/")
    assert form.status_code == 200
    response = client.post(
        f"/casework/cases/{case.reference}/learning/",
        {
            "lesson": "Crews lacked the closure list",
            "change": "Send closures daily",
            "service": "waste",
            "owner": "head",
            **_date("due_on", in_days(20)),
            "expected_version": case.version,
        },
    )
    assert response.status_code == 302
    action = LearningAction.objects.get()
    assert action.owner == head
    assert (
        "Send closures daily" in client.get(f"/casework/cases/{case.reference}/").content.decode()
    )


def test_bad_input_is_named_and_kept(client, officer, case, head):
    client.force_login(officer)
    response = client.post(
        f"/casework/cases/{case.reference}/learning/",
        {
            "lesson": "Kept lesson text",
            "change": "",
            "service": "waste",
            "owner": "head",
            **_date("due_on", in_days(-5)),
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Enter what will change" in body
    assert "Kept lesson text" in body
    assert not LearningAction.objects.exists()


def test_past_due_date_is_refused_by_the_service(client, officer, case, head):
    client.force_login(officer)
    response = client.post(
        f"/casework/cases/{case.reference}/learning/",
        {
            "lesson": "L",
            "change": "C",
            "service": "waste",
            "owner": "head",
            **_date("due_on", in_days(-5)),
        },
    )
    assert response.status_code == 400
    assert "or later" in response.content.decode()


def test_someone_who_cannot_act_is_refused(client, outsider, case):
    client.force_login(outsider)
    assert client.get(f"/casework/cases/{case.reference}/learning/").status_code == 404


def test_list_filters(client, officer, learning, directorate):
    client.force_login(officer)
    base = "/casework/learning/"
    assert learning.change in client.get(base).content.decode()
    assert learning.change in client.get(base, {"directorate": "place"}).content.decode()
    Directorate.objects.create(name="People", slug="people")
    assert learning.change not in client.get(base, {"directorate": "people"}).content.decode()
    assert learning.change not in client.get(base, {"status": "done"}).content.decode()
    assert learning.change not in client.get(base, {"overdue": "yes"}).content.decode()
    assert client.get(base, {"status": "nonsense"}).status_code == 400


def test_head_finds_it_on_my_work_and_updates_it(client, head, learning):
    client.force_login(head)
    assert f"/casework/learning/{learning.pk}/" in client.get("/casework/").content.decode()
    url = f"/casework/learning/{learning.pk}/"
    refused = client.post(url, {"status": "done", "evidence": "", **_date("on", clock.today())})
    assert refused.status_code == 400
    assert "Say how we know the change was made" in refused.content.decode()
    done = client.post(
        url, {"status": "done", "evidence": "Rota changed", **_date("on", clock.today())}
    )
    assert done.status_code == 302
    learning.refresh_from_db()
    assert learning.status == LearningStatus.DONE


def test_a_responder_sees_the_page_without_the_form(client, responder, learning):
    client.force_login(responder)
    page = client.get(f"/casework/learning/{learning.pk}/")
    assert page.status_code == 200
    assert "Update status" not in page.content.decode()
    assert (
        client.post(f"/casework/learning/{learning.pk}/", {"status": "agreed"}).status_code == 403
    )


def test_outsider_gets_404(client, outsider, learning):
    client.force_login(outsider)
    assert client.get(f"/casework/learning/{learning.pk}/").status_code == 404


def test_directorates_settings(client, officer, service):
    admin = UserFactory(username="boss", role=Role.ADMINISTRATOR)
    client.force_login(officer)
    assert client.get("/casework/settings/directorates/").status_code == 403
    client.force_login(admin)
    assert "/casework/settings/directorates/" in client.get("/casework/settings/").content.decode()
    empty = client.post("/casework/settings/directorates/new/", {"name": ""})
    assert empty.status_code == 400 and "Enter the name" in empty.content.decode()
    made = client.post(
        "/casework/settings/directorates/new/", {"name": "Environment", "services": [service.pk]}
    )
    assert made.status_code == 302
    service.refresh_from_db()
    assert service.directorate.name == "Environment"
    clash = client.post("/casework/settings/directorates/new/", {"name": "Environment"})
    assert "already a directorate" in clash.content.decode()


def test_reports_list_learning_and_the_draft_you_said(client, officer, learning, head):
    learning_update(
        action=learning,
        by=head,
        status=LearningStatus.DONE,
        evidence="Rota changed",
        on=clock.today(),
    )
    client.force_login(officer)
    year = financial_year_of(clock.today())
    report = client.get("/reports/annual/", {"year": year}).content.decode()
    assert "Learning by directorate" in report
    assert "Complaints by directorate" in report
    assert learning.change in report  # the draft of You said, we did
    edit = client.get("/reports/you-said-we-did/", {"year": year})
    assert learning.change in edit.content.decode()
    saved = client.post(f"/reports/you-said-we-did/?year={year}", {"text": "We changed rotas."})
    assert saved.status_code == 302
    assert ReportNote.objects.get(year=year, key="you_said_we_did").text == "We changed rotas."
    report = client.get("/reports/annual/", {"year": year}).content.decode()
    assert "We changed rotas." in report and learning.change not in report
    too_long = client.post(f"/reports/you-said-we-did/?year={year}", {"text": "x" * 10_001})
    assert too_long.status_code == 400


def test_you_said_is_the_complaints_teams_to_edit(client, head):
    client.force_login(head)
    year = financial_year_of(clock.today())
    assert client.get("/reports/you-said-we-did/", {"year": year}).status_code == 403


def test_dashboard_directorate_filter(client, officer, case, directorate):
    client.force_login(officer)
    page = client.get("/reports/", {"directorate": "place"})
    assert page.status_code == 200
    assert "Received by directorate" in page.content.decode()
    assert client.get("/reports/", {"directorate": "nowhere"}).status_code == 400
