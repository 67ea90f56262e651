"""An administrator imports the old system's cases in a real browser, with axe-core on every
page: from Settings to the import page, a file with a problem and its dry-run report, the
corrected file, the confirmation, and an imported case found by its old reference."""

import pytest

from redress.accounts.models import Role
from redress.cases.models import Case
from tests.browser.test_staff_journey import banner, sign_in
from tests.factories import ServiceFactory, UserFactory
from tests.imports.helpers import csv_text, row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def export(*rows):
    return {
        "name": "respond-export.csv",
        "mimeType": "text/csv",
        "buffer": csv_text(list(rows)).encode(),
    }


def test_an_administrator_checks_corrects_and_imports_a_legacy_file(page, axe, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    UserFactory(username="admin", first_name="Ada", last_name="Admin", role=Role.ADMINISTRATOR)
    ServiceFactory(name="Housing", slug="housing")
    sign_in(page, axe, "admin")
    page.get_by_role("link", name="Settings").first.click()
    page.get_by_role("link", name="Import cases from another system").click()
    page.get_by_role("heading", name="Import cases from another system").wait_for()
    axe(page, "import page")

    # Checking without a file is refused on the field.
    page.get_by_role("button", name="Check the file").click()
    page.locator(".govuk-error-summary", has_text="Select the file to import").wait_for()
    axe(page, "import page with an error")

    page.get_by_label("Upload the export").set_input_files(
        export(row("R/0001"), row("R/0002", received_on="31/02/2021"))
    )
    page.get_by_label("Redress's own layout").check()
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("heading", name="Check the import").wait_for()
    report = page.locator("[data-problems]")
    assert "31/02/2021 is not a real date" in report.inner_text()
    assert "1 case would be imported" in page.locator("[data-dry-run]").inner_text()
    axe(page, "dry-run report with a problem")
    assert not Case.objects.exists()

    # Confirming without choosing to leave the row out is refused; the file is corrected instead.
    page.get_by_role("button", name="Import the cases").click()
    page.locator(".govuk-error-summary", has_text="Tick the box").wait_for()
    axe(page, "confirmation refused")
    assert not Case.objects.exists()
    page.get_by_role("link", name="Upload a corrected file", exact=True).click()
    page.get_by_label("Upload the export").set_input_files(
        export(row("R/0001"), row("R/0002", received_on="28/02/2021", acknowledged_on=""))
    )
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("heading", name="Check the import").wait_for()
    assert "2 cases would be imported" in page.locator("[data-dry-run]").inner_text()
    assert page.locator("[data-problems]").count() == 0
    axe(page, "clean dry-run report")

    page.get_by_role("button", name="Import the cases").click()
    banner(page, "2 cases imported")
    page.get_by_role("heading", name="Cases imported").wait_for()
    axe(page, "import done")
    assert Case.objects.count() == 2

    page.get_by_role("link", name="Find cases").first.click()
    page.get_by_label("Search", exact=True).fill("R/0002")
    page.get_by_role("button", name="Apply filters").click()
    imported = Case.objects.get(legacy_reference="R/0002")
    other = Case.objects.get(legacy_reference="R/0001")
    page.get_by_role("link", name=imported.reference).wait_for()
    assert page.get_by_role("link", name=other.reference).count() == 0
    page.get_by_role("link", name=imported.reference).click()
    page.locator("[data-legacy-reference]", has_text="R/0002").wait_for()
    axe(page, "imported case")
