"""The mailbox reader against a real dovecot: replies join their case, other email waits in
the queue, automatic replies and bounces are recognised, and a reader that fails or dies
between storing a message and flagging it stores nothing twice."""

from __future__ import annotations

import imaplib
import os
import signal

import pytest
from django.db import connection

from redress.accounts.models import Role
from redress.cases.models import Attachment, Correspondence, TimelineEvent
from redress.cases.services import case_assign
from redress.inbound import imap as reader
from redress.inbound import parsing
from redress.inbound.models import InboundEmail, Mailbox, Nature, State
from redress.inbound.storing import store
from redress.notifications.delivery import message_id_for
from redress.notifications.models import OutboundMessage
from redress.notifications.problems import problems_visible_to
from redress.notifications.services import message_queue
from redress.ombudsman.models import OmbudsmanCase
from tests.factories import UserFactory, make_case
from tests.inbound import dovecot
from tests.inbound.messages import EXE, PDF, bounce, email, new_id

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def officer():
    return UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def handled_case(officer):
    case = make_case(by=officer)
    handler = UserFactory(
        username="handler", email="handler@council.example", role=Role.COMPLAINTS_OFFICER
    )
    return case_assign(case=case, by=officer, handler=handler)


def test_nothing_is_read_without_a_host(settings):
    settings.INBOUND_IMAP = {**settings.INBOUND_IMAP, "HOST": ""}
    assert reader.configured_mailboxes() == []
    assert reader.read_all_mailboxes() == "no mailbox configured"


def test_a_reply_quoting_the_reference_joins_its_case_with_its_attachments(imap, handled_case):
    imap.append(
        email(
            subject=f"Re: your complaint {handled_case.reference}",
            body="Here is the photo you asked for.",
            attachments=[
                ("photo.pdf", "application/pdf", PDF),
                ("run-me.exe", "application/octet-stream", EXE),
            ],
        )
    )
    assert "complaints: 1 new" in reader.read_all_mailboxes()

    item = Correspondence.objects.get(case=handled_case, kind="email")
    assert item.direction == "in"
    assert "Here is the photo you asked for." in item.body
    assert "sam@example.net" in item.body
    assert [a.original_name for a in Attachment.objects.filter(case=handled_case)] == ["photo.pdf"]
    refused = TimelineEvent.objects.get(case=handled_case, kind="inbound_attachment_refused")
    assert "run-me.exe" in refused.summary
    stored = InboundEmail.objects.get()
    assert (stored.state, stored.case, stored.matched_by) == (
        State.JOINED,
        handled_case,
        "its reference in the subject",
    )
    told = OutboundMessage.objects.get(template_key="inbound_email")
    assert told.recipient_email == "handler@council.example"
    assert handled_case.reference in told.subject
    assert imap.unseen() == 0  # flagged as read once stored


def test_a_reply_to_our_message_joins_its_case_by_in_reply_to(imap, handled_case):
    ours = message_queue(
        case=handled_case,
        subject="We have received your complaint",
        body_text="Thank you.",
        recipient_email="sam@example.net",
    )
    imap.append(email(subject="Re: thanks", in_reply_to=message_id_for(ours)))
    reader.read_all_mailboxes()
    stored = InboundEmail.objects.get()
    assert (stored.state, stored.case, stored.matched_by) == (
        State.JOINED,
        handled_case,
        "a reply to our email",
    )
    assert Correspondence.objects.filter(case=handled_case, kind="email").count() == 1


def test_other_email_waits_in_the_queue(imap, handled_case):
    imap.append(email(subject="A new complaint about parking", in_reply_to="<x@elsewhere>"))
    reader.read_all_mailboxes()
    stored = InboundEmail.objects.get()
    assert (stored.state, stored.case, stored.nature) == (State.NEW, None, Nature.PERSON)
    assert stored.from_name == "Sam Sender"
    assert not Correspondence.objects.filter(kind="email").exists()


@pytest.mark.parametrize(
    "headers,subject",
    [
        ({"Auto-Submitted": "auto-replied"}, "Re: your complaint"),
        ({"X-Autoreply": "yes"}, "Re: your complaint"),
        ({"Precedence": "auto_reply"}, "Re: your complaint"),
        ({"Precedence": "bulk"}, "Newsletter"),
        ({}, "Out of office: back on Monday"),
    ],
)
def test_automatic_replies_make_no_case_and_join_no_case(imap, handled_case, headers, subject):
    imap.append(email(subject=f"{subject} {handled_case.reference}", headers=headers))
    reader.read_all_mailboxes()
    stored = InboundEmail.objects.get()
    assert (stored.nature, stored.state, stored.case) == (Nature.AUTO_REPLY, State.AUTO_REPLY, None)
    assert not Correspondence.objects.filter(kind="email").exists()
    assert imap.unseen() == 0


def test_a_bounce_marks_our_message_failed_for_the_delivery_problems(imap, handled_case, officer):
    ours = message_queue(
        case=handled_case, subject="Your response", body_text="…", recipient_email="gone@x.net"
    )
    OutboundMessage.objects.filter(pk=ours.pk).update(state=OutboundMessage.State.SENT)
    imap.append(bounce(original_id=message_id_for(ours), recipient="gone@x.net"))
    reader.read_all_mailboxes()
    ours.refresh_from_db()
    assert ours.state == OutboundMessage.State.FAILED
    assert ours in problems_visible_to(officer)
    stored = InboundEmail.objects.get()
    assert (stored.nature, stored.state) == (Nature.BOUNCE, State.BOUNCE)
    assert TimelineEvent.objects.filter(case=handled_case, kind="message_bounced").exists()
    assert not Correspondence.objects.filter(kind="email").exists()


def test_a_bounce_found_by_our_header_alone(imap, handled_case):
    ours = message_queue(
        case=handled_case, subject="Your response", body_text="…", recipient_email="gone@x.net"
    )
    imap.append(
        bounce(original_id="<rewritten@relay>", original_key=ours.idempotency_key, recipient="x")
    )
    reader.read_all_mailboxes()
    ours.refresh_from_db()
    assert ours.state == OutboundMessage.State.FAILED


def test_failing_before_the_flag_loses_nothing_and_stores_nothing_twice(imap, handled_case):
    imap.append(email(subject=f"Re: {handled_case.reference}"))
    imap.append(email(subject="Another new complaint"))

    def fail(*args):
        raise imaplib.IMAP4.abort("connection lost")

    (box,) = [b for b in reader.configured_mailboxes() if b.mailbox == Mailbox.COMPLAINTS]
    with pytest.raises(imaplib.IMAP4.abort):
        reader.read_mailbox(box, flag=fail)
    assert InboundEmail.objects.count() == 1  # the first was stored, then the flag failed
    assert imap.unseen() == 2

    assert reader.read_mailbox(box) == 1  # only the second is new
    assert InboundEmail.objects.count() == 2
    assert Correspondence.objects.filter(case=handled_case, kind="email").count() == 1
    assert imap.unseen() == 0
    assert reader.read_mailbox(box) == 0


def test_the_same_message_twice_in_the_mailbox_is_stored_once(imap):
    raw = email(message_id=new_id())
    imap.append(raw)
    imap.append(raw)
    reader.read_all_mailboxes()
    assert InboundEmail.objects.count() == 1
    assert imap.unseen() == 0


@pytest.mark.django_db(transaction=True)
def test_a_reader_killed_between_storing_and_flagging_stores_nothing_twice(imap):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("a forked reader cannot share an in-memory SQLite database")
    imap.append(email(subject="Killed mid-message"))
    (box,) = [b for b in reader.configured_mailboxes() if b.mailbox == Mailbox.COMPLAINTS]
    connection.close()
    child = os.fork()
    if child == 0:  # the reader, killed outright after it stored the message
        try:
            reader.read_mailbox(box, flag=lambda *a: os.kill(os.getpid(), signal.SIGKILL))
        finally:
            os._exit(1)
    _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert InboundEmail.objects.count() == 1
    assert imap.unseen() == 1
    assert reader.read_mailbox(box) == 0
    assert InboundEmail.objects.count() == 1
    assert imap.unseen() == 0


def test_the_ombudsman_mailbox_finds_the_case_by_the_ombudsmans_reference(imap, handled_case):
    OmbudsmanCase.objects.create(
        case=handled_case,
        body="lgsco",
        reference="24 001 234",
        notified_on=handled_case.received_on,
    )
    imap.append(
        email(subject="Enquiry", body="Our reference: 24 001 234. Please send the file."),
        user=dovecot.OMBUDSMAN_USER,
    )
    imap.append(
        email(subject="Some other enquiry", body="Ref 99 999 999"), user=dovecot.OMBUDSMAN_USER
    )
    assert "ombudsman: 2 new" in reader.read_all_mailboxes()
    joined = InboundEmail.objects.get(subject="Enquiry")
    assert (joined.mailbox, joined.state, joined.case) == (
        Mailbox.OMBUDSMAN,
        State.JOINED,
        handled_case,
    )
    assert "24 001 234" in joined.matched_by
    waiting = InboundEmail.objects.get(subject="Some other enquiry")
    assert (waiting.mailbox, waiting.state) == (Mailbox.OMBUDSMAN, State.NEW)


def test_starttls_is_verified_against_the_servers_certificate(imap, settings, tmp_path):
    settings.INBOUND_IMAP = {**settings.INBOUND_IMAP, "PORT": str(imap.port), "TLS": "starttls"}
    imap.append(email())
    assert "complaints: 1 new" in reader.read_all_mailboxes()
    other = tmp_path / "other.pem"
    other.write_bytes(dovecot._certificate(tmp_path).read_bytes())
    settings.INBOUND_IMAP = {**settings.INBOUND_IMAP, "CA_FILE": str(other)}
    with pytest.raises(Exception, match="CERTIFICATE_VERIFY_FAILED"):
        reader.read_all_mailboxes()


def test_a_message_that_cannot_be_stored_is_left_unread_and_the_rest_go_on(imap, monkeypatch):
    imap.append(email(subject="Cannot be stored"))
    imap.append(email(subject="Stored fine"))
    real_store = reader.store

    def store_unless_bad(raw, mailbox):
        if b"Cannot be stored" in raw:
            raise OSError("disk full")
        return real_store(raw, mailbox)

    monkeypatch.setattr(reader, "store", store_unless_bad)
    assert "complaints: 1 new" in reader.read_all_mailboxes()
    assert list(InboundEmail.objects.values_list("subject", flat=True)) == ["Stored fine"]
    assert imap.unseen() == 1
    monkeypatch.setattr(reader, "store", real_store)
    assert "complaints: 1 new" in reader.read_all_mailboxes()
    assert imap.unseen() == 0


def test_an_email_the_parser_cannot_read_is_queued_for_a_person(monkeypatch):
    def broken(raw):
        raise ValueError("malformed")

    monkeypatch.setattr(parsing, "parse", broken)
    stored = store(b"\xff\xfe not an email")
    assert stored is not None
    assert (stored.state, stored.subject) == (State.NEW, "(An email that could not be read)")
    assert store(b"\xff\xfe not an email") is None
