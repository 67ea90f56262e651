"""The procedure pages: moving a case, and the statutory steps, people and agreed date."""

import datetime as dt

import pytest
from django.utils import timezone

from redress.calendars.clock import LONDON
from redress.cases.models import Case
from redress.cases.services import case_escalate, case_respond
from redress.procedures.models import Procedure, ProcedureRoute
from redress.procedures.routing import procedure_for
from tests.factories import CategoryFactory, ServiceFactory, make_case
from tests.staff.test_actions import date_fields

pytestmark = pytest.mark.django_db


def test_the_case_page_links_to_the_move_page_for_officers(signed_in, officer, responder, case):
    page = signed_in(officer).get(f"/casework/cases/{case.reference}/").content.decode()
    assert f"/casework/cases/{case.reference}/procedure/" in page
    page = signed_in(responder).get(f"/casework/cases/{case.reference}/").content.decode()
    assert f"/casework/cases/{case.reference}/procedure/" not in page


def test_an_officer_moves_a_case_from_the_page(signed_in, officer, case):
    client = signed_in(officer)
    url = f"/casework/cases/{case.reference}/procedure/"
    form = client.get(url)
    assert form.status_code == 200 and b"Move to another procedure" in form.content
    target = Procedure.objects.get(slug="childrens-social-care")
    response = client.post(
        url, {"procedure": target.pk, "reason": "About a child", "expected_version": case.version}
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).procedure_version.procedure == target


def test_a_move_without_a_reason_keeps_the_choice_and_says_why(signed_in, officer, case):
    target = Procedure.objects.get(slug="childrens-social-care")
    response = signed_in(officer).post(
        f"/casework/cases/{case.reference}/procedure/",
        {"procedure": target.pk, "reason": "", "expected_version": case.version},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Enter why the case is moving to this procedure" in content
    assert f'value="{target.pk}" selected' in content
    assert Case.objects.get(pk=case.pk).procedure_version == case.procedure_version


def test_others_are_refused_the_move_page(signed_in, responder, outsider, case):
    url = f"/casework/cases/{case.reference}/procedure/"
    assert signed_in(responder).get(url).status_code == 403
    assert signed_in(outsider).get(url).status_code == 404


def _childrens_stage_3(officer):
    case = make_case(
        by=officer,
        procedure="childrens-social-care",
        service=ServiceFactory(),
        received_at=dt.datetime(2026, 6, 1, 10, 0, tzinfo=LONDON),
    )
    for answered, asked in (
        (dt.date(2026, 6, 5), dt.date(2026, 6, 8)),
        (dt.date(2026, 7, 1), dt.date(2026, 7, 6)),
    ):
        case = case_respond(case=case, by=officer, on=answered, outcome="not_upheld")
        case = case_escalate(case=case, by=officer, requested_on=asked)
    return case


def test_the_case_page_shows_stage_3_steps_and_records_one(signed_in, officer):
    case = _childrens_stage_3(officer)
    client = signed_in(officer)
    page = client.get(f"/casework/cases/{case.reference}/").content.decode()
    assert "Review panel meets" in page and "17 August 2026" in page
    url = f"/casework/cases/{case.reference}/procedure/steps/panel/"
    assert url in page
    bad = client.post(
        url, {"on-day": "31", "on-month": "2", "on-year": "2026", "expected_version": case.version}
    )
    assert bad.status_code == 400 and "must be a real date" in bad.content.decode()

    done = client.post(
        url, {**date_fields("on", dt.date(2026, 8, 12)), "expected_version": case.version}
    )
    assert done.status_code == 302
    page = client.get(f"/casework/cases/{case.reference}/").content.decode()
    assert "12 August 2026" in page and "19 August 2026" in page
    assert (
        client.get(f"/casework/cases/{case.reference}/procedure/steps/nothing/").status_code == 404
    )


def test_stage_2_people_from_the_page(signed_in, officer):
    case = make_case(
        by=officer,
        procedure="childrens-social-care",
        service=ServiceFactory(),
        received_at=dt.datetime(2026, 6, 1, 10, 0, tzinfo=LONDON),
    )
    case = case_respond(case=case, by=officer, on=dt.date(2026, 6, 5), outcome="not_upheld")
    case = case_escalate(case=case, by=officer, requested_on=dt.date(2026, 6, 8))
    client = signed_in(officer)
    url = f"/casework/cases/{case.reference}/procedure/people/"
    empty = client.post(
        url,
        {"investigating_officer": "", "independent_person": "", "expected_version": case.version},
    )
    assert (
        empty.status_code == 400
        and "Enter the name of the investigating officer" in empty.content.decode()
    )
    client.post(
        url,
        {
            "investigating_officer": "Ines Officer",
            "independent_person": "Ivan Outside",
            "expected_version": case.version,
        },
    )
    page = client.get(f"/casework/cases/{case.reference}/").content.decode()
    assert "Ines Officer" in page and "Ivan Outside" in page


def test_adult_agreed_date_from_the_page_and_the_late_banner(signed_in, officer):
    today = timezone.localdate()
    received = today - dt.timedelta(days=230)
    late = make_case(
        by=officer,
        procedure="adult-social-care",
        service=ServiceFactory(),
        received_at=dt.datetime.combine(received, dt.time(10, 0), tzinfo=LONDON),
    )
    client = signed_in(officer)
    page = client.get(f"/casework/cases/{late.reference}/").content.decode()
    assert "has passed. Write to the person explaining why" in page
    past = client.post(
        f"/casework/cases/{late.reference}/procedure/agreed-date/",
        {
            **date_fields("respond_by", today - dt.timedelta(days=1)),
            "expected_version": late.version,
        },
    )
    assert past.status_code == 400 and "cannot be in the past" in past.content.decode()
    agreed = today + dt.timedelta(days=20)
    ok = client.post(
        f"/casework/cases/{late.reference}/procedure/agreed-date/",
        {**date_fields("respond_by", agreed), "expected_version": late.version},
    )
    assert ok.status_code == 302
    page = client.get(f"/casework/cases/{late.reference}/").content.decode()
    assert "agreed with the person on" in page and "has passed" not in page


def test_an_administrator_routes_a_service_from_the_settings_page(
    signed_in, administrator, officer, service
):
    client = signed_in(administrator)
    assert (
        "/casework/settings/procedure-routes/" in client.get("/casework/settings/").content.decode()
    )
    statutory = Procedure.objects.get(slug="adult-social-care")
    missing = client.post(
        "/casework/settings/procedure-routes/", {"kind": "complaint", "service": service.pk}
    )
    assert missing.status_code == 400 and "Choose the procedure" in missing.content.decode()
    done = client.post(
        "/casework/settings/procedure-routes/",
        {"kind": "complaint", "service": service.pk, "procedure": statutory.pk},
    )
    assert done.status_code == 302
    assert procedure_for("complaint", service) == statutory
    # Saving the same kind and service again changes the route rather than adding one.
    code = Procedure.objects.get(slug="two-stage-10-20")
    client.post(
        "/casework/settings/procedure-routes/",
        {"kind": "complaint", "service": service.pk, "procedure": code.pk},
    )
    route = ProcedureRoute.objects.get()
    assert route.procedure == code
    client.post(f"/casework/settings/procedure-routes/{route.pk}/remove/")
    assert not ProcedureRoute.objects.exists()
    assert signed_in(officer).get("/casework/settings/procedure-routes/").status_code == 403


def test_the_settings_page_refuses_a_category_of_another_service(
    signed_in, administrator, service, other_service
):
    elsewhere = CategoryFactory(name="Permits", service=other_service)
    response = signed_in(administrator).post(
        "/casework/settings/procedure-routes/",
        {
            "kind": "complaint",
            "service": service.pk,
            "category": elsewhere.pk,
            "procedure": Procedure.objects.get(slug="adult-social-care").pk,
        },
    )
    assert response.status_code == 400
    assert "Choose a category of the chosen service area" in response.content.decode()
