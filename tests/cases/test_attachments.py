"""Attachments are checked by what they contain, kept small and stored under a random name."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from redress.accounts.models import Role
from redress.cases.models import Attachment
from redress.cases.services import attachment_add
from redress.core.errors import InvalidInput, NotPermitted
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"1 0 obj << >> endobj\n" * 10


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def officer():
    return UserFactory(role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def case(officer):
    return make_case(by=officer)


def word_document() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Letter of complaint")
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("photo.png", PNG, "image/png"),
        ("letter.pdf", PDF, "application/pdf"),
        ("Letter.DOCX", word_document(), None),
        ("notes.txt", "Phoned at 10am — left a message.".encode(), "text/plain"),
        # A picture whose name says PDF is taken for what it is.
        ("scan.pdf", PNG, "image/png"),
    ],
    # Named by file name: the Word document's bytes hold the time it was built, which differs
    # between the test processes and would give each a different list of tests.
    ids=["photo.png", "letter.pdf", "Letter.DOCX", "notes.txt", "scan.pdf"],
)
def test_acceptable_files_are_stored_with_their_sniffed_type(
    case, officer, settings, name, content, content_type
):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    attachment = attachment_add(case=case, by=officer, upload=upload)
    expected = content_type or (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert attachment.content_type == expected
    assert attachment.size == len(content)
    assert attachment.original_name == name
    # Stored under a random token in the case's folder, never under the uploaded name.
    assert attachment.file.name == f"cases/{case.pk}/{attachment.token}"
    stored = settings.MEDIA_ROOT / attachment.file.name
    assert stored.read_bytes() == content
    event = case.events.latest("id")
    assert event.kind == "attachment" and event.data["attachment"] == attachment.pk


def test_a_text_file_whose_head_ends_inside_a_character_is_accepted(case, officer):
    # 8,191 ASCII bytes then a two-byte "é": the first 8 KiB end half-way through it.
    content = b"a" * 8191 + "é and more".encode()
    upload = SimpleUploadedFile("long.txt", content)
    assert attachment_add(case=case, by=officer, upload=upload).content_type == "text/plain"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.pdf", b"", "The selected file is empty"),
        ("program.exe", b"MZ\x90\x00" + b"\x00" * 100, "must be a PDF, Word document"),
        ("invoice.pdf.exe", b"MZ\x90\x00" + b"\x00" * 100, "must be a PDF, Word document"),
        ("page.html", b"<html><script>alert(1)</script></html>", "must be a PDF"),
        ("notes.txt", b"\xff\xfe\x00binary\x00\x81", "must be a PDF"),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 100, "must be a PDF"),
    ],
)
def test_unacceptable_files_are_refused_and_nothing_is_stored(
    case, officer, settings, name, content, message
):
    events = case.events.count()
    with pytest.raises(InvalidInput, match=message) as info:
        attachment_add(case=case, by=officer, upload=SimpleUploadedFile(name, content))
    assert list(info.value.field_errors) == ["file"]
    assert not Attachment.objects.exists()
    assert case.events.count() == events
    assert not (settings.MEDIA_ROOT / "cases").exists()


def test_a_file_over_the_size_limit_is_refused(case, officer, settings):
    settings.ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024
    too_big = PDF + b"0" * (2 * 1024 * 1024)
    with pytest.raises(InvalidInput, match="must be 2 MB or smaller"):
        attachment_add(case=case, by=officer, upload=SimpleUploadedFile("big.pdf", too_big))
    just_fits = PDF + b"0" * (2 * 1024 * 1024 - len(PDF))
    attachment = attachment_add(
        case=case, by=officer, upload=SimpleUploadedFile("fits.pdf", just_fits)
    )
    assert attachment.size == 2 * 1024 * 1024


def test_a_small_limit_is_described_in_kilobytes(case, officer, settings):
    settings.ATTACHMENT_MAX_BYTES = 500 * 1024
    with pytest.raises(InvalidInput, match="must be 500 KB or smaller"):
        attachment_add(
            case=case, by=officer, upload=SimpleUploadedFile("big.png", PNG + b"0" * 600_000)
        )


def test_a_path_in_the_uploaded_name_is_flattened(case, officer):
    upload = SimpleUploadedFile("photo.png", PNG)
    upload.name = "../../etc/photo.png"
    attachment = attachment_add(case=case, by=officer, upload=upload)
    assert "/" not in attachment.original_name


def test_someone_outside_the_service_may_not_attach(case):
    outsider = UserFactory(role=Role.SERVICE_RESPONDER, services=[ServiceFactory()])
    with pytest.raises(NotPermitted):
        attachment_add(case=case, by=outsider, upload=SimpleUploadedFile("p.png", PNG))
    assert not Attachment.objects.exists()
