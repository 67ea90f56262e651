"""A complaint from a phone call to the final response, in a real browser, with axe-core on
every page: logged, acknowledged and assigned by the complaints officer, drafted by the
service responder, returned once, approved and sent, escalated, and answered at stage 2."""

import datetime as dt

import pytest
from django.utils import timezone

from redress.accounts.models import Role
from redress.calendars.services import working_calendar
from redress.notifications.models import OutboundMessage
from redress.staff.deadlines import govuk_date
from tests.factories import ServiceFactory, UserFactory

PASSWORD = "correct-horse-battery-staple"


def sign_in(page, axe, username):
    page.goto("/sign-in/")
    axe(page, "sign-in page")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/casework/")
    axe(page, f"my work for {username}")


def banner(page, text):
    page.locator(".govuk-notification-banner__heading", has_text=text).wait_for()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in/")


def open_case(page, axe, reference):
    page.goto(f"/casework/cases/{reference}/")
    axe(page, f"case page {reference}")


def deadline_text(page, stage, which):
    return page.locator(f"#stage-{stage} [data-deadline='{which}']").inner_text()


def draft_response(page, axe, decision, reasons):
    page.get_by_role("button", name="Draft the response").click()
    axe(page, "draft form")
    page.get_by_label(decision, exact=True).check()
    page.get_by_label("Our decision", exact=True).fill(
        f"We have decided your complaint is {decision.lower()}."
    )
    page.get_by_label("The reasons for our decision").fill(reasons)
    page.get_by_label("What we will do to put things right").fill(
        "We are sorry. We will collect the bin this week."
    )
    page.get_by_label("Actions still to be done").fill("None.")
    page.get_by_role("button", name="Send for review").click()
    banner(page, "Draft response sent for review")
    axe(page, "draft after submission")


def review(page, axe, reference, decision, comments=""):
    open_case(page, axe, reference)
    page.locator(".govuk-task-list__link").first.click()
    axe(page, "draft for review")
    page.get_by_label(decision).check()
    if comments:
        page.get_by_label("Comments", exact=True).fill(comments)
    page.get_by_role("button", name="Save review").click()
    page.locator(".govuk-notification-banner--success").wait_for()
    axe(page, "draft after review")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_complaint_from_phone_call_to_final_response(page, axe):
    service = ServiceFactory(name="Waste and recycling", slug="waste")
    UserFactory(
        username="officer", first_name="Olu", last_name="Officer", role=Role.COMPLAINTS_OFFICER
    )
    UserFactory(
        username="responder",
        first_name="Rae",
        last_name="Responder",
        role=Role.SERVICE_RESPONDER,
        services=[service],
    )
    UserFactory(
        username="investigator", first_name="Ivy", last_name="Investigator", role=Role.INVESTIGATOR
    )
    today = timezone.localdate()
    calendar = working_calendar("england-and-wales", today)

    # The complaints officer logs a phone complaint.
    sign_in(page, axe, "officer")
    page.get_by_role("link", name="Log a case").click()
    axe(page, "log a case")
    page.get_by_label("Complaint", exact=True).check()
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("Service area").select_option(label="Waste and recycling")
    page.get_by_label("Summary").fill("Bin missed three weeks running")
    page.get_by_label("What happened").fill(
        "The green bin at 4 Acacia Avenue has not been emptied since October."
    )
    page.get_by_label("What does the person want to happen?").fill(
        "Empty the bin and stop missing it."
    )
    page.get_by_label("Full name").fill("Sam Caller")
    page.get_by_label("Email address").fill("sam@example.com")
    page.get_by_role("button", name="Log the case").click()
    banner(page, "Complaint logged as")
    axe(page, "new case")
    reference = page.locator("h1").inner_text().split(":")[0]
    assert govuk_date(calendar.add_working_days(today, 5)) in deadline_text(page, 1, "acknowledge")

    # ... acknowledges it, stating the complaint definition, and assigns it.
    page.get_by_role("button", name="Acknowledge").click()
    axe(page, "acknowledge form")
    page.get_by_role("button", name="Acknowledge").click()
    banner(page, "Acknowledged, and the acknowledgement is queued")
    axe(page, "case after acknowledgement")
    stage1_due = calendar.add_working_days(today, 10)
    assert govuk_date(stage1_due) in deadline_text(page, 1, "response")
    assert "Due in 10 working days" in deadline_text(page, 1, "response")
    acknowledgement = OutboundMessage.objects.get(template_key="acknowledgement")
    assert "Empty the bin and stop missing it." in acknowledgement.body_text
    page.get_by_role("link", name="Assign").click()
    axe(page, "assign form")
    page.get_by_label("Who should handle this stage?").select_option(
        label="Rae Responder (service responder)"
    )
    page.get_by_role("button", name="Assign").click()
    banner(page, "Assigned to Rae Responder")
    sign_out(page)

    # The responder drafts the response.
    sign_in(page, axe, "responder")
    assert reference in page.locator("main").inner_text()
    open_case(page, axe, reference)
    draft_response(page, axe, "Upheld", "The crew missed the street.")
    sign_out(page)

    # The officer returns it once ...
    sign_in(page, axe, "officer")
    review(page, axe, reference, "Return it with comments", "Say why the crew missed the street.")
    sign_out(page)

    sign_in(page, axe, "responder")
    page.get_by_role("link", name=f"{reference}: Stage 1").click()
    axe(page, "returned draft")
    page.get_by_role("button", name="Change the draft").click()
    axe(page, "draft form after return")
    page.get_by_label("The reasons for our decision").fill(
        "The crew had a new route. The street was left off it by mistake. We have added it back."
    )
    page.get_by_role("button", name="Send for review").click()
    banner(page, "Draft response sent for review")
    sign_out(page)

    # ... then approves and sends it.
    sign_in(page, axe, "officer")
    review(page, axe, reference, "Approve it to be sent")
    page.get_by_role("button", name="Send the response").click()
    banner(page, "response sent and recorded")
    axe(page, "case after stage 1 response")
    assert "Responded" in page.locator("main").inner_text()
    sent = OutboundMessage.objects.get(template_key="response")
    assert "Stage 1" in sent.body_text and "Stage 2" in sent.body_text

    # The person escalates; the officer records it, acknowledges and assigns the investigator.
    page.get_by_role("button", name="Escalate").click()
    axe(page, "escalate form")
    page.get_by_role("button", name="Escalate").click()
    banner(page, "Escalated to Stage 2")
    axe(page, "case at stage 2")
    assert govuk_date(calendar.add_working_days(today, 5)) in deadline_text(page, 2, "acknowledge")
    page.get_by_role("button", name="Acknowledge").click()
    page.get_by_role("button", name="Acknowledge").click()
    banner(page, "Acknowledged")
    stage2_due = calendar.add_working_days(today, 20)
    assert govuk_date(stage2_due) in deadline_text(page, 2, "response")
    page.get_by_role("link", name="Assign").click()
    page.get_by_label("Who should handle this stage?").select_option(
        label="Ivy Investigator (stage 2 investigator)"
    )
    page.get_by_role("button", name="Assign").click()
    banner(page, "Assigned to Ivy Investigator")
    sign_out(page)

    # The investigator responds; the officer reads it first.
    sign_in(page, axe, "investigator")
    open_case(page, axe, reference)
    draft_response(
        page, axe, "Partly upheld", "Stage 1 fixed the route but did not offer to check the bin."
    )
    sign_out(page)
    sign_in(page, axe, "officer")
    review(page, axe, reference, "Approve it to be sent")
    sign_out(page)
    sign_in(page, axe, "investigator")
    open_case(page, axe, reference)
    page.locator(".govuk-task-list__link").first.click()
    page.get_by_role("button", name="Send the response").click()
    banner(page, "response sent and recorded")
    axe(page, "case after final response")
    final = OutboundMessage.objects.filter(template_key="response").order_by("-id").first()
    assert "Ombudsman" in final.body_text
    main = page.locator("main").inner_text()
    assert f"answered {govuk_date(today)}" in main
    assert dt.date.today() is not None
