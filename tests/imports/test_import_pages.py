"""The administrators' import page without a browser: who may use it, bad uploads, the dry
run's report, confirming with and without skipping rows, and importing a file only once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from redress.accounts.models import Role
from redress.cases.models import Case
from redress.imports.models import ImportFile
from tests.factories import UserFactory
from tests.imports.helpers import csv_text, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(UserFactory(username="admin", role=Role.ADMINISTRATOR))
    return client


def upload(client, rows, name="cases.csv", layout="redress"):
    data = csv_text(rows).encode()
    return client.post(
        "/casework/settings/import/",
        {"file": SimpleUploadedFile(name, data, content_type="text/csv"), "layout": layout},
    )


@pytest.mark.parametrize("role", [Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.SERVICE_RESPONDER])
def test_only_administrators_may_import(settings, tmp_path, housing, role):
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(UserFactory(username="someone", role=role))
    assert client.get("/casework/settings/import/").status_code == 403
    assert upload(client, [row("A1")]).status_code == 403
    assert not ImportFile.objects.exists()


def test_the_settings_page_links_to_the_import_page(admin_client):
    assert "/casework/settings/import/" in admin_client.get("/casework/settings/").content.decode()


def test_no_file_or_an_unreadable_one_is_refused_on_the_field(admin_client, housing):
    response = admin_client.post("/casework/settings/import/", {"layout": ""})
    assert response.status_code == 400
    assert "Select the file to import" in response.content.decode()
    bad = SimpleUploadedFile("old.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 50)
    response = admin_client.post("/casework/settings/import/", {"file": bad, "layout": "redress"})
    assert response.status_code == 400
    assert "old Excel (.xls) file" in response.content.decode()
    assert not ImportFile.objects.exists()


def test_the_dry_run_report_lists_every_problem_and_writes_nothing(admin_client, housing):
    response = upload(admin_client, [row("A1"), row("A2", service="Parks"), row("A3")])
    assert response.status_code == 302
    page = admin_client.get(response["Location"]).content.decode()
    assert "2 cases would be imported" in page
    assert "There is no service area &#x27;Parks&#x27;" in page
    assert not Case.objects.exists()
    report = admin_client.get(response["Location"] + "problems.csv")
    assert report["Content-Type"].startswith("text/csv")
    lines = report.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "row,column,reason" and lines[1].startswith("3,service,")


def test_confirming_with_problems_needs_the_box_ticked(admin_client, housing):
    location = upload(admin_client, [row("A1"), row("A2", service="Parks")])["Location"]
    refused = admin_client.post(location + "confirm/", {})
    assert refused.status_code == 400
    assert "Tick the box to import the rows without problems" in refused.content.decode()
    assert not Case.objects.exists()
    done = admin_client.post(location + "confirm/", {"skip_invalid": "on"})
    assert done.status_code == 302
    assert list(Case.objects.values_list("legacy_reference", flat=True)) == ["A1"]
    page = admin_client.get(location).content.decode()
    assert "Cases imported" in page and "1 case imported" in page


def test_a_clean_file_imports_once_only(admin_client, housing):
    location = upload(admin_client, [row("A1"), row("A2")])["Location"]
    assert admin_client.post(location + "confirm/", {}).status_code == 302
    assert Case.objects.count() == 2
    again = admin_client.post(location + "confirm/", {})
    assert again.status_code == 400
    assert "imported already" in again.content.decode()
    assert Case.objects.count() == 2
    # The same file uploaded again finds both cases imported before.
    second = upload(admin_client, [row("A1"), row("A2")])["Location"]
    assert "2 rows already imported before" in admin_client.get(second).content.decode()


def test_problems_that_appear_after_the_dry_run_stop_the_import(admin_client, housing):
    location = upload(admin_client, [row("A1"), row("A2")])["Location"]
    housing.delete()  # the service area went between the dry run and the confirmation
    response = admin_client.post(location + "confirm/", {})
    assert response.status_code == 400
    assert "problems now that it did not have" in response.content.decode()
    assert not Case.objects.exists()


def test_a_shipped_layout_is_used_for_the_file(admin_client, housing):
    text = "Complaint Number,Date Logged,Department,Customer,Subject,Customer Email\n"
    text += "9001,06/04/2021,Housing,Pat Legacy,Damp,pat@example.com\n"
    response = admin_client.post(
        "/casework/settings/import/",
        {"file": SimpleUploadedFile("civica.csv", text.encode()), "layout": "civica"},
    )
    assert response.status_code == 302
    assert admin_client.post(response["Location"] + "confirm/", {}).status_code == 302
    assert Case.objects.get().legacy_reference == "CIV-9001"
