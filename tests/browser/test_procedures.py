"""Procedures in a real browser, with axe-core on every page: the routed procedure pre-selected
on the log form and another chosen with a reason, a case moved to another procedure, a
children's stage 3 step recorded, and the adult procedure's agreed date."""

import datetime as dt

import pytest
from django.utils import timezone

from redress.accounts.models import Role
from redress.calendars.clock import LONDON
from redress.cases.models import Case
from redress.cases.services import case_escalate, case_respond
from redress.procedures.models import Procedure, ProcedureRoute
from redress.staff.deadlines import govuk_date
from tests.browser.test_staff_journey import banner, open_case, sign_in
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def officer():
    return UserFactory(
        username="officer", first_name="Olu", last_name="Officer", role=Role.COMPLAINTS_OFFICER
    )


@pytest.fixture
def childrens():
    service = ServiceFactory(name="Children's services", slug="childrens-services")
    ProcedureRoute.objects.create(
        kind="complaint",
        service=service,
        procedure=Procedure.objects.get(slug="childrens-social-care"),
    )
    ServiceFactory(name="Libraries", slug="libraries")
    return service


def fill_complaint(page, service, name):
    page.get_by_label("Complaint", exact=True).check()
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("Service area").select_option(label=service)
    page.get_by_label("Summary").fill("Social worker visits stopped")
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email address").fill(f"{name.split()[0].lower()}@example.com")


def test_the_routed_procedure_is_pre_selected_and_another_needs_a_reason(
    page, axe, officer, childrens
):
    sign_in(page, axe, "officer")
    page.get_by_role("link", name="Log a case").click()
    fill_complaint(page, "Children's services", "Casey Parent")
    procedure = page.get_by_label("Procedure", exact=True)
    statutory = str(Procedure.objects.get(slug="childrens-social-care").pk)
    code = str(Procedure.objects.get(slug="complaint-handling-code-2024").pk)
    assert procedure.input_value() == statutory
    page.locator("#procedure-usual", has_text="Children's social care (statutory)").wait_for()
    axe(page, "log form with the routed procedure")
    # Another service area routes to its kind's default.
    page.get_by_label("Service area").select_option(label="Libraries")
    assert procedure.input_value() == code
    page.get_by_label("Service area").select_option(label="Children's services")
    assert procedure.input_value() == statutory

    # Choosing another procedure without a reason is refused, keeping what was typed.
    procedure.select_option(label="Complaint Handling Code 2024")
    page.get_by_role("button", name="Log the case").click()
    page.locator(".govuk-error-summary", has_text="Enter why this case is not under").wait_for()
    axe(page, "log form with a missing reason")
    assert page.get_by_label("Summary").input_value() == "Social worker visits stopped"
    assert page.get_by_label("Procedure", exact=True).input_value() == code
    assert not Case.objects.exists()

    page.get_by_label("Why this procedure?").fill("About a library visit, not the child's care")
    page.get_by_role("button", name="Log the case").click()
    banner(page, "Complaint logged as")
    axe(page, "case logged under another procedure")
    assert "not the usual Children's social care (statutory)" in page.locator("main").inner_text()
    assert Case.objects.get().procedure_version.procedure.slug == "complaint-handling-code-2024"


def test_a_case_moves_to_another_procedure_with_new_deadlines(page, axe, officer, childrens):
    received = timezone.localdate() - dt.timedelta(days=1)
    case = make_case(
        by=officer,
        service=childrens,
        procedure="complaint-handling-code-2024",
        received_at=dt.datetime.combine(received, dt.time(10, 0), tzinfo=LONDON),
    )
    sign_in(page, axe, "officer")
    open_case(page, axe, case.reference)
    page.get_by_role("link", name="Move to another procedure").click()
    axe(page, "move form")
    page.get_by_label("Move the case to").select_option(label="Children's social care (statutory)")
    page.get_by_role("button", name="Move the case").click()
    page.locator(".govuk-error-summary", has_text="Enter why the case is moving").wait_for()
    axe(page, "move form with a missing reason")
    page.get_by_label("Why is the case moving?").fill("It is about a child in care")
    page.get_by_role("button", name="Move the case").click()
    moved = Case.objects.get(pk=case.pk)
    due = moved.current_stage.response_due
    banner(page, f"moved to Children's social care (statutory); respond by {govuk_date(due)}")
    axe(page, "case after the move")
    assert govuk_date(due) in page.locator("#stage-1 [data-deadline='response']").inner_text()
    assert "It is about a child in care" in page.locator("main").inner_text()


def test_a_stage_3_step_is_recorded_from_the_page(page, axe, officer, childrens):
    case = make_case(
        by=officer,
        service=childrens,
        received_at=dt.datetime(2026, 6, 1, 10, 0, tzinfo=LONDON),
    )
    for answered, asked in (
        (dt.date(2026, 6, 5), dt.date(2026, 6, 8)),
        (dt.date(2026, 7, 1), dt.date(2026, 7, 6)),
    ):
        case = case_respond(case=case, by=officer, on=answered, outcome="not_upheld")
        case = case_escalate(case=case, by=officer, requested_on=asked)
    sign_in(page, axe, "officer")
    open_case(page, axe, case.reference)
    panel = page.locator("[data-step='panel']")
    assert "17 August 2026" in panel.inner_text()
    panel.get_by_role("link", name="Record the date").click()
    axe(page, "record a step")
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("7")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Record the date").click()
    page.locator(".govuk-error-summary", has_text="cannot be before 6 July 2026").wait_for()
    axe(page, "record a step with an impossible date")
    page.get_by_label("Day").fill("12")
    page.get_by_label("Month").fill("8")
    page.get_by_role("button", name="Record the date").click()
    banner(page, "step recorded")
    axe(page, "case after the step")
    assert "12 August 2026" in page.locator("[data-step='panel']").inner_text()
    assert "19 August 2026" in page.locator("[data-step='report']").inner_text()


def test_the_adult_agreed_date_is_recorded_from_the_page(page, axe, officer):
    adults = ServiceFactory(name="Adult social care", slug="adult-social-care")
    received = timezone.localdate() - dt.timedelta(days=2)
    case = make_case(
        by=officer,
        service=adults,
        procedure="adult-social-care",
        received_at=dt.datetime.combine(received, dt.time(10, 0), tzinfo=LONDON),
    )
    sign_in(page, axe, "officer")
    open_case(page, axe, case.reference)
    assert "not agreed with the person yet" in page.locator("main").inner_text()
    page.get_by_role("link", name="Record the agreed date").click()
    axe(page, "agreed date form")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_role("button", name="Save the agreed date").click()
    page.locator(".govuk-error-summary", has_text="must be a real date").wait_for()
    axe(page, "agreed date form with an impossible date")
    agreed = timezone.localdate() + dt.timedelta(days=40)
    page.get_by_label("Day").fill(str(agreed.day))
    page.get_by_label("Month").fill(str(agreed.month))
    page.get_by_label("Year").fill(str(agreed.year))
    page.get_by_role("button", name="Save the agreed date").click()
    banner(page, f"response date agreed: {govuk_date(agreed)}")
    axe(page, "case with an agreed date")
    assert "agreed with the person on" in page.locator("[data-agreed]").inner_text()
    assert govuk_date(agreed) in page.locator("[data-agreed]").inner_text()


def test_an_administrator_routes_a_service_from_the_settings_page(page, axe):
    UserFactory(username="admin", first_name="Ada", last_name="Admin", role=Role.ADMINISTRATOR)
    ServiceFactory(name="Adult social care", slug="adult-social-care")
    sign_in(page, axe, "admin")
    page.get_by_role("link", name="Settings", exact=True).click()
    page.get_by_role("link", name="Procedures for each service").click()
    axe(page, "procedure routes")
    page.get_by_label("Kind of case").select_option(label="Complaint")
    page.get_by_role("button", name="Save the route").click()
    page.locator(".govuk-error-summary", has_text="Choose the service area").wait_for()
    axe(page, "procedure routes with an error")
    page.get_by_label("Service area").select_option(label="Adult social care")
    page.get_by_label("Procedure", exact=True).select_option(label="Adult social care (statutory)")
    page.get_by_role("button", name="Save the route").click()
    banner(page, "New cases: Complaint about Adult social care")
    axe(page, "procedure routes with a route")
    assert ProcedureRoute.objects.get().procedure.slug == "adult-social-care"
