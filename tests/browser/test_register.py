"""The register of contact restrictions in a real browser, axe-core on every page: the
governance group adds a person from their case, sends the notice (delivered by a real SMTP
server), records an appeal and decides it, reviews the entry, briefs a ward Member, edits the
notice template and looks at the access log; a complaints officer then sees on the case that
contact restrictions apply, with the restrictions and the named contact, and nothing of why."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from redress.accounts.models import Role, User
from redress.core import clock
from redress.notifications.delivery import deliver_due
from redress.register.models import EntryRead, RegisterEntry
from tests.browser.test_staff_journey import banner, open_case, sign_in, sign_out
from tests.factories import ServiceFactory, UserFactory, make_case
from tests.records.test_browser import fill_date
from tests.register.builders import governance_member, make_entry

pytestmark = pytest.mark.browser

BEHAVIOUR = "Forty calls in one day to the contact centre, swearing at the call handlers"
REASONS = "To protect the call handlers and keep the line open for other residents"
GROUNDS = "I only called so often because nobody answered my emails about the repair"
DECISION = "The calls continued after two written warnings; the restriction is proportionate"


def _world():
    service = ServiceFactory(name="Customer services", slug="customer-services")
    officer = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    UserFactory(
        username="connie", role=Role.COMPLAINTS_OFFICER, first_name="Connie", last_name="Contact"
    )
    governance_member("governance", first_name="Grace", last_name="Gordon")
    return make_case(
        service=service,
        by=officer,
        person={
            "name": "Pat Persistent",
            "email": "pat@example.com",
            "address": "12 Ordinary Road\nTown\nAB1 2CD",
        },
    )


def _add_entry(page, axe, case):
    open_case(page, axe, case.reference)
    page.get_by_role("link", name="Add this person to the register").click()
    expect(page.get_by_role("heading", name="Add someone to the register")).to_be_visible()
    axe(page, "new entry form")
    expect(page.get_by_label("The person's name")).to_have_value("Pat Persistent")
    page.get_by_label("The behaviour found").fill(BEHAVIOUR)
    page.get_by_label("Single named contact", exact=True).check()
    page.get_by_role("button", name="Add to the register").click()
    # What was typed is kept; each problem is named on its field.
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter why the restrictions are needed")
    expect(summary).to_contain_text("Choose the named contact")
    expect(page.get_by_label("The behaviour found")).to_have_value(BEHAVIOUR)
    axe(page, "new entry form with errors")
    page.get_by_label("Why the restrictions are needed").fill(REASONS)
    page.get_by_label("Limited call times", exact=True).check()
    page.get_by_label("Limited call times: details").fill("Tuesdays, 10am to 12 noon")
    page.get_by_label("Named contact", exact=True).select_option("connie")
    page.get_by_role("button", name="Add to the register").click()
    banner(page, "Pat Persistent added to the register")
    axe(page, "entry page")
    return RegisterEntry.objects.get()


def _notice_and_appeal(page, axe, smtp_server):
    page.get_by_role("link", name="Send the notice").click()
    expect(page.locator("[data-notice-preview]")).to_contain_text(REASONS)
    axe(page, "notice preview")
    page.get_by_label("By email to pat@example.com").check()
    page.get_by_role("button", name="Send the notice").click()
    banner(page, "Notice emailed")
    assert deliver_due().sent == 1
    (received,) = smtp_server.to("pat@example.com")
    body = smtp_server.body(received)
    assert REASONS in body and "appeal" in body and "Ombudsman" in body

    page.get_by_role("link", name="Record an appeal").click()
    axe(page, "appeal form")
    page.get_by_label("The grounds of the appeal").fill(GROUNDS)
    page.get_by_role("button", name="Record appeal").click()
    banner(page, "Appeal recorded")
    page.get_by_role("link", name="Decide the appeal").click()
    axe(page, "decide appeal form")
    page.get_by_label("Not upheld: the restrictions stay").check()
    page.get_by_label("The reasons for the decision").fill(DECISION)
    page.get_by_role("button", name="Record decision").click()
    banner(page, "Appeal decided: not upheld")
    expect(page.locator("[data-appeal]")).to_contain_text(DECISION)
    axe(page, "entry page after the appeal")


def _review_brief_and_settings(page, axe):
    page.get_by_role("link", name="Record a ward Member briefing").click()
    axe(page, "briefing form")
    page.get_by_label("Ward Member briefed").fill("Cllr Sam Green (Riverside ward)")
    page.get_by_label("What was shared").fill("That restrictions apply and who the contact is")
    page.get_by_role("button", name="Record briefing").click()
    banner(page, "Briefing recorded")
    page.get_by_role("link", name="Link person records").click()
    page.get_by_label("Find by name, email or address").fill("Persistent")
    page.get_by_role("button", name="Search").click()
    axe(page, "link person records")
    page.get_by_role("link", name="Back to the entry").click()
    page.get_by_role("link", name=re.compile("Who has looked at this entry")).click()
    expect(page.locator("[data-access-log]")).to_contain_text("(governance)")
    axe(page, "access log")
    page.get_by_role("link", name="Back to the entry").click()
    page.get_by_role("link", name="Review or lift the restrictions").click()
    axe(page, "review form")
    page.get_by_label("Keep the restrictions until a later review").check()
    page.get_by_label("What the review found").fill("Contact is still excessive")
    page.get_by_role("button", name="Record review").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the review date")
    axe(page, "review form with an error")
    page.goto("/casework/register/notice-template/")
    axe(page, "notice template")
    page.goto("/casework/register/group/")
    axe(page, "governance group")
    page.get_by_role("link", name="Back to the register").click()
    expect(page.locator("[data-entries='current']")).to_contain_text("Pat Persistent")
    axe(page, "the register")


def test_the_group_runs_the_register_and_staff_are_warned_without_the_reasons(
    page, axe, smtp_server
):
    case = _world()
    sign_in(page, axe, "governance")
    page.get_by_role("link", name="Register", exact=True).click()
    axe(page, "empty register")
    entry = _add_entry(page, axe, case)
    _notice_and_appeal(page, axe, smtp_server)
    _review_brief_and_settings(page, axe)
    assert EntryRead.objects.filter(entry=entry, who__username="governance").count() > 5
    sign_out(page)

    sign_in(page, axe, "officer")
    expect(page.get_by_role("link", name="Register", exact=True)).to_have_count(0)
    open_case(page, axe, case.reference)
    warning = page.locator("[data-contact-restrictions]")
    expect(warning).to_contain_text("Contact restrictions apply")
    expect(warning).to_contain_text("Limited call times: Tuesdays, 10am to 12 noon")
    expect(warning).to_contain_text("Connie Contact")
    expect(page.locator("[data-visit-warning]")).to_contain_text("speak to Connie Contact")
    text = page.content()
    for secret in (BEHAVIOUR, REASONS, GROUNDS, DECISION):
        assert secret not in text
    response = page.goto(f"/casework/register/{entry.pk}/")
    assert response is not None and response.status == 404
    assert REASONS not in page.content()
    _person_and_neighbour(page, axe, case)


def _person_and_neighbour(page, axe, case):
    """The person's own page warns as their case does; a neighbour at the same address is
    not restricted, but whoever opens their case is warned before visiting."""
    neighbour = make_case(
        service=case.service,
        by=User.objects.get(username="officer"),
        person={
            "name": "Nia Neighbour",
            "email": "nia@example.com",
            "address": case.person.address,
        },
    )
    page.goto("/casework/")
    page.get_by_role("link", name="Subject access", exact=True).click()
    page.get_by_label("Name or email address").fill("pat@example.com")
    page.get_by_role("button", name="Find the person").click()
    page.get_by_role("link", name="Pat Persistent").click()
    expect(page.locator("[data-contact-restrictions]")).to_contain_text(
        "Limited call times: Tuesdays, 10am to 12 noon"
    )
    expect(page.locator("[data-visit-warning]")).to_contain_text("speak to Connie Contact")
    axe(page, "the person's page with the warnings")
    for secret in (BEHAVIOUR, REASONS, GROUNDS, DECISION):
        assert secret not in page.content()
    open_case(page, axe, neighbour.reference)
    expect(page.locator("[data-visit-warning]")).to_contain_text("speak to Connie Contact")
    expect(page.locator("[data-contact-restrictions]")).to_have_count(0)
    for secret in (BEHAVIOUR, REASONS, GROUNDS, DECISION, "Pat Persistent"):
        assert secret not in page.content()


def test_a_letter_notice_is_printed_from_the_register(page, axe):
    case = _world()
    sign_in(page, axe, "governance")
    open_case(page, axe, case.reference)
    page.get_by_role("link", name="Add this person to the register").click()
    page.get_by_label("The behaviour found").fill(BEHAVIOUR)
    page.get_by_label("Why the restrictions are needed").fill(REASONS)
    page.get_by_label("Written contact only", exact=True).check()
    page.get_by_label("Named contact", exact=True).select_option("connie")
    page.get_by_role("button", name="Add to the register").click()
    banner(page, "added to the register")
    page.get_by_role("link", name="Send the notice").click()
    page.get_by_label(re.compile("By post to 12 Ordinary Road")).check()
    page.get_by_role("button", name="Send the notice").click()
    banner(page, "Notice ready to print")
    deliver_due()
    page.reload()
    page.get_by_role("link", name=re.compile("^Print")).click()
    expect(page.locator(".body")).to_contain_text(REASONS)
    axe(page, "printed notice")
    page.go_back()
    page.get_by_role("button", name="Mark as posted").click()
    banner(page, "Notice recorded as printed and posted")
    axe(page, "entry after posting")


def test_the_group_varies_then_lifts_an_entry_and_staff_stop_being_warned(page, axe):
    """The rest of an entry's life in the browser: varied while in force, kept at a review to
    a later date, then lifted; it moves to the register's history and the case's warnings go."""
    case = _world()
    connie = User.objects.get(username="connie")
    entry = make_entry(by=User.objects.get(username="governance"), contact=connie)
    today = clock.today()
    sign_in(page, axe, "governance")
    page.get_by_role("link", name="Register", exact=True).click()
    page.locator("[data-entries='current']").get_by_role("link", name="Pat Persistent").click()
    page.get_by_role("link", name="Vary the restrictions, named contact or review date").click()
    axe(page, "vary form")
    page.get_by_label("Written contact only", exact=True).check()
    page.get_by_role("button", name="Save the changes").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why the restrictions change"
    )
    expect(page.get_by_label("Written contact only", exact=True)).to_be_checked()
    axe(page, "vary form with an error")
    page.get_by_label("Why the restrictions change").fill("Calls have continued")
    page.get_by_role("button", name="Save the changes").click()
    banner(page, "Restrictions varied")
    axe(page, "entry after varying")
    assert entry.restrictions.filter(kind="written_only").exists()

    page.get_by_role("link", name="Review or lift the restrictions").click()
    fill_date(page, "Date of the review", today)
    page.get_by_label("Keep the restrictions until a later review").check()
    fill_date(page, "Next review date (if the restrictions are kept)", today + dt.timedelta(60))
    page.get_by_label("What the review found").fill("Contact is still excessive")
    page.get_by_role("button", name="Record review").click()
    banner(page, "Review recorded: keep the restrictions until a later review.")
    entry.refresh_from_db()
    assert entry.review_on == today + dt.timedelta(60)

    page.get_by_role("link", name="Review or lift the restrictions").click()
    fill_date(page, "Date of the review", today)
    page.get_by_label("Lift the restrictions").check()
    page.get_by_label("What the review found").fill("No contact problems since the last review")
    page.get_by_role("button", name="Record review").click()
    banner(page, "Review recorded: lift the restrictions.")
    axe(page, "lifted entry")
    page.get_by_role("link", name="Back to the register").click()
    expect(page.locator("[data-entries='ended']")).to_contain_text("Pat Persistent")
    expect(page.locator("[data-entries='current']")).not_to_contain_text("Pat Persistent")
    axe(page, "the register with its history")
    sign_out(page)

    sign_in(page, axe, "officer")
    open_case(page, axe, case.reference)
    expect(page.locator("[data-contact-restrictions]")).to_have_count(0)
    expect(page.locator("[data-visit-warning]")).to_have_count(0)
