"""Subject access and redaction in a real browser, axe-core on every page: an officer finds a
person by email, withholds a note under an exemption, downloads the export and checks the
ZIP; then redacts a passage of a note, sees it redacted on the case page, finds the person by
name and sees it redacted in their export too."""

import json
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from redress.accounts.models import Role
from redress.cases.services import attachment_add, correspondence_add
from redress.disclosure.models import SubjectAccessExport
from tests.browser.test_staff_journey import banner, open_case, sign_in
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
THIRD_PARTY = "Her neighbour Mr Brown said he saw the crew skip the bin"
PASSAGE = "his daughter Emily, who is at Hill School,"


def _world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    service = ServiceFactory(name="Waste and recycling", slug="waste")
    officer = UserFactory(
        username="officer", first_name="Olu", last_name="Officer", role=Role.COMPLAINTS_OFFICER
    )
    first = make_case(
        service=service, by=officer, person={"name": "Jo Bloggs", "email": "jo@example.com"}
    )
    second = make_case(
        service=service,
        by=officer,
        summary="Recycling box broken",
        person={"name": "Joanne Bloggs", "email": "JO@example.com"},
    )
    correspondence_add(case=first, by=officer, kind="note", body=THIRD_PARTY)
    attachment_add(
        case=second, by=officer, upload=SimpleUploadedFile("box.pdf", PDF, "application/pdf")
    )
    return first, second


def test_an_officer_exports_what_is_held_about_a_person(page, axe, settings, tmp_path):
    first, second = _world(settings, tmp_path)
    sign_in(page, axe, "officer")
    page.get_by_role("link", name="Subject access", exact=True).click()
    axe(page, "subject access search")
    page.get_by_label("Name or email address").fill("jo@example.com")
    page.get_by_role("button", name="Find the person").click()
    expect(page.get_by_role("heading", name="2 people found")).to_be_visible()
    axe(page, "people found")
    page.get_by_role("link", name="Jo Bloggs").click()
    expect(page.get_by_role("heading", name="Jo Bloggs", exact=True)).to_be_visible()
    expect(page.get_by_text("These records share the email address")).to_be_visible()
    axe(page, "person page")

    page.get_by_role("link", name="Withhold an item under an exemption").click()
    axe(page, "exemption form")
    page.get_by_role("button", name="Withhold it").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose what to withhold")
    expect(summary).to_contain_text("Enter why it is withheld")
    axe(page, "exemption form with errors")
    page.get_by_label(re.compile(rf"{first.reference}: Note of")).check()
    page.get_by_label("Why it is withheld").fill("Another person's information")
    page.get_by_role("button", name="Withhold it").click()
    banner(page, "Exemption recorded")
    withheld = page.get_by_role("table", name="Withheld items")
    expect(withheld).to_contain_text("Another person's information")
    axe(page, "person page with an exemption")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the export").click()
    path = download_info.value.path()
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        data = json.loads(archive.read("data.json"))
        html = archive.read("index.html").decode()
    assert {c["reference"] for c in data["cases"]} == {first.reference, second.reference}
    assert THIRD_PARTY not in json.dumps(data) and THIRD_PARTY not in html
    assert data["withheld"][0]["reason"] == "Another person's information"
    assert any(name.endswith("box.pdf") for name in names)
    assert "Jo Bloggs" in html

    page.reload()
    exports = page.get_by_role("table", name="Exports made")
    expect(exports).to_contain_text("Olu Officer")
    expect(exports).to_contain_text("Another person's information")
    axe(page, "person page with the export logged")
    log = SubjectAccessExport.objects.get()
    assert log.made_by.username == "officer" and log.case_count == 2


def test_an_officer_redacts_a_passage_of_a_note(page, axe, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    officer = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    case = make_case(by=officer, person={"name": "Sam Smith", "email": "sam@example.com"})
    body = f"Mr Smith said {PASSAGE} saw it happen."
    correspondence_add(case=case, by=officer, kind="note", body=body)
    sign_in(page, axe, "officer")
    open_case(page, axe, case.reference)
    expect(page.get_by_text(body)).to_be_visible()
    page.get_by_role("link", name="Redact a passage").click()
    axe(page, "redaction form")
    page.get_by_label(re.compile("Note of")).check()
    page.get_by_label("The passage to redact").fill("words that are not there")
    page.get_by_label("Why it is redacted").fill("Names a child")
    page.get_by_role("button", name="Redact the passage").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("copied exactly")
    expect(page.get_by_label("Why it is redacted")).to_have_value("Names a child")
    axe(page, "redaction form with an error")
    page.get_by_label("The passage to redact").fill(PASSAGE)
    page.get_by_role("button", name="Redact the passage").click()
    banner(page, "passage redacted")
    expect(page.get_by_text("Mr Smith said [redacted] saw it happen.")).to_be_visible()
    expect(
        page.get_by_text(re.compile("Passage redacted from Note of .* Names a child"))
    ).to_be_visible()
    assert PASSAGE not in page.content()
    axe(page, "case page after redaction")

    # The person found by name this time; their export holds the note redacted.
    page.get_by_role("link", name="Subject access", exact=True).click()
    page.get_by_label("Name or email address").fill("sam smith")
    page.get_by_role("button", name="Find the person").click()
    expect(page.get_by_role("heading", name="1 person found")).to_be_visible()
    axe(page, "person found by name")
    page.get_by_role("link", name="Sam Smith").click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the export").click()
    with zipfile.ZipFile(download_info.value.path()) as archive:
        data = archive.read("data.json").decode()
        html = archive.read("index.html").decode()
    assert PASSAGE not in data and PASSAGE not in html
    texts = [row["text"] for row in json.loads(data)["cases"][0]["correspondence"]]
    assert "Mr Smith said [redacted] saw it happen." in texts
