"""A complaints officer works the New email queue in a real browser, with axe on every page:
one email made a case (the log form filled in from it), another dismissed with a reason after
a refused empty one; then a reply delivered to the real IMAP mailbox appears on its case page
once the worker's job has run."""

import pytest
from playwright.sync_api import expect

from redress.accounts.models import Role
from redress.cases.models import Case
from redress.inbound.imap import read_all_mailboxes
from redress.inbound.models import InboundEmail, State
from redress.worker.jobs import PERIODIC_JOBS, run_due_jobs
from tests.browser.test_staff_journey import banner, sign_in
from tests.factories import ServiceFactory, UserFactory
from tests.inbound.conftest import imap, imap_server  # noqa: F401 (fixtures)
from tests.inbound.messages import PDF, email

INBOUND_JOB = [job for job in PERIODIC_JOBS if job[0] == "inbound email"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_works_the_new_email_queue(page, axe, imap):  # noqa: F811
    UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    ServiceFactory(name="Highways", slug="highways")
    imap.append(
        email(
            subject="Potholes on Mill Road",
            body="The potholes on Mill Road damaged my tyre.",
            sender="Pat Potter <pat@example.net>",
            attachments=[("tyre-receipt.pdf", "application/pdf", PDF)],
        )
    )
    imap.append(email(subject="Win a prize now", sender="Prize Desk <prizes@spam.example>"))
    assert read_all_mailboxes().startswith("complaints: 2 new")

    sign_in(page, axe, "officer")
    page.get_by_role("link", name="New email").click()
    expect(page.get_by_role("heading", name="New email")).to_be_visible()
    expect(page.get_by_text("2 emails waiting.")).to_be_visible()
    axe(page, "new email queue")

    page.get_by_role("link", name="Potholes on Mill Road").click()
    expect(page.get_by_text("tyre-receipt.pdf")).to_be_visible()
    axe(page, "an email in the queue")
    page.get_by_role("link", name="Log a case from this email").click()
    expect(page.get_by_label("Full name")).to_have_value("Pat Potter")
    expect(page.get_by_label("Email address")).to_have_value("pat@example.net")
    expect(page.get_by_label("Summary")).to_have_value("Potholes on Mill Road")
    expect(page.get_by_label("What happened")).to_have_value(
        "The potholes on Mill Road damaged my tyre."
    )
    axe(page, "log a case from an email")
    page.get_by_label("Service area").select_option(label="Highways")
    page.get_by_role("button", name="Log the case").click()
    banner(page, "Complaint logged as")
    case = Case.objects.get(person__email="pat@example.net")
    expect(page.get_by_text("tyre-receipt.pdf").first).to_be_visible()
    expect(page.locator(".redress-timeline")).to_contain_text("Potholes on Mill Road")
    axe(page, "the case made from the email")

    page.get_by_role("link", name="New email").click()
    expect(page.get_by_text("1 email waiting.")).to_be_visible()
    page.get_by_role("link", name="Win a prize now").click()
    page.get_by_role("button", name="Dismiss the email").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why this email needs no case"
    )
    axe(page, "dismissing without a reason")
    page.get_by_label("Why does this email need no case?").fill("Spam: a prize draw")
    page.get_by_role("button", name="Dismiss the email").click()
    banner(page, "dismissed")
    expect(page.get_by_text("No new email is waiting.")).to_be_visible()
    page.get_by_role("link", name="Email in this mailbox already dealt with").click()
    expect(page.get_by_role("cell", name="Dismissed")).to_be_visible()
    axe(page, "email already dealt with")
    assert InboundEmail.objects.get(subject="Win a prize now").state == State.DISMISSED

    # The person replies; the worker's job reads the mailbox; the reply is on the case.
    imap.append(
        email(
            subject=f"Re: {case.reference} Potholes on Mill Road",
            body="I have found the photo of the pothole as well.",
            sender="Pat Potter <pat@example.net>",
        )
    )
    ((name, outcome),) = list(run_due_jobs({}, INBOUND_JOB))
    assert outcome == "complaints: 1 new, ombudsman: 0 new"
    page.goto(f"/casework/cases/{case.reference}/")
    expect(page.locator(".redress-timeline")).to_contain_text(
        "I have found the photo of the pothole as well."
    )
    axe(page, "the case page with the reply")
    assert imap.unseen() == 0
