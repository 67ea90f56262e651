"""The worker delivers the outbox to a real SMTP server: once, with retries, surviving crashes."""

import datetime as dt
import smtplib

import pytest
from django.core.management import call_command
from django.utils import timezone

from redress.cases.models import TimelineEvent
from redress.notifications import delivery
from redress.notifications.delivery import claim_due, deliver_due
from redress.notifications.models import OutboundMessage
from redress.notifications.services import message_queue
from redress.notifications.transports import SmtpTransport
from tests.factories import make_case

pytestmark = pytest.mark.django_db
State = OutboundMessage.State


class WorkerKilled(BaseException):
    """Stands for the process dying: not an Exception, so nothing in the worker catches it."""


def _queue(case=None, to="alex@example.com", key=None):
    return message_queue(
        case=case,
        subject="Your reference",
        body_text="Hello",
        recipient_email=to,
        idempotency_key=key,
    )


def _after_lease():
    return timezone.now() + dt.timedelta(seconds=delivery.lease_seconds() + 5)


def test_worker_sends_each_message_once_and_records_it_on_the_timeline(smtp):
    case = make_case()
    message = _queue(case, key="confirm-1")
    result = deliver_due()
    deliver_due()  # a second round finds nothing to do
    assert result.sent == 1
    received = smtp.to("alex@example.com")
    assert len(received) == 1
    assert received[0]["Message-ID"] == delivery.message_id_for(message)
    message.refresh_from_db()
    assert message.state == State.SENT and message.sent_at is not None
    assert TimelineEvent.objects.filter(case=case, kind="message_sent").count() == 1


def test_the_worker_command_delivers(smtp):
    _queue(to="cmd@example.com")
    call_command("worker", "--once")
    assert len(smtp.to("cmd@example.com")) == 1


def test_a_claimed_message_is_not_claimed_by_a_second_worker(smtp):
    _queue()
    assert len(claim_due()) == 1
    assert claim_due() == []


def test_worker_died_before_sending_message_goes_out_once_after_the_lease(smtp):
    message = _queue(to="crash@example.com")
    claim_due()  # a worker claims it and dies before sending
    assert deliver_due().sent == 0, "the lease still holds"
    assert smtp.to("crash@example.com") == []
    result = deliver_due(now=_after_lease())
    deliver_due(now=_after_lease())
    assert result.sent == 1
    assert len(smtp.to("crash@example.com")) == 1
    message.refresh_from_db()
    assert message.state == State.SENT


def test_accepted_by_the_server_but_died_before_marking_is_not_sent_twice(smtp, monkeypatch):
    case = make_case()
    message = _queue(case, to="twice@example.com")

    def die(*args, **kwargs):
        raise WorkerKilled

    monkeypatch.setattr(delivery, "_mark_sent", die)
    with pytest.raises(WorkerKilled):
        deliver_due()
    assert len(smtp.to("twice@example.com")) == 1
    monkeypatch.undo()
    result = deliver_due(now=_after_lease())
    deliver_due(now=_after_lease() + dt.timedelta(hours=1))
    assert len(smtp.to("twice@example.com")) == 1, "never sent a second time"
    assert result.uncertain == 1
    message.refresh_from_db()
    assert message.state == State.UNCERTAIN
    event = TimelineEvent.objects.get(case=case, kind="message_uncertain")
    assert delivery.message_id_for(message) in event.summary


def test_server_down_retries_with_exponential_back_off(settings, smtp):
    message = _queue(to="later@example.com")
    settings.EMAIL_PORT = 1  # nothing listens there
    first = deliver_due()
    message.refresh_from_db()
    assert first.retried == 1 and message.state == State.PENDING and message.attempts == 1
    first_wait = message.next_attempt_at - timezone.now()
    deliver_due(now=message.next_attempt_at + dt.timedelta(seconds=1))
    message.refresh_from_db()
    assert message.attempts == 2
    second_wait = message.next_attempt_at - timezone.now()
    assert second_wait > first_wait * 1.5
    settings.EMAIL_PORT = smtp.port  # the server is back
    deliver_due(now=message.next_attempt_at + dt.timedelta(seconds=1))
    assert len(smtp.to("later@example.com")) == 1


def test_gives_up_after_the_maximum_attempts(settings, smtp):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    case = make_case()
    message = _queue(case)
    settings.EMAIL_PORT = 1
    deliver_due()
    message.refresh_from_db()
    deliver_due(now=message.next_attempt_at + dt.timedelta(seconds=1))
    message.refresh_from_db()
    assert message.state == State.FAILED
    assert TimelineEvent.objects.filter(case=case, kind="message_failed").exists()


def test_recipient_refused_permanently_is_failed_not_retried(smtp, monkeypatch):
    message = _queue(to="nobody@example.com")

    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({"nobody@example.com": (550, b"no such user")})

    monkeypatch.setattr("django.core.mail.backends.smtp.EmailBackend.send_messages", refuse)
    result = deliver_due(transport=SmtpTransport())
    message.refresh_from_db()
    assert result.failed == 1 and message.state == State.FAILED


def test_letters_go_to_the_post_room_not_the_mail_server(smtp):
    case = make_case(person={"name": "Pat Post", "address": "1 High Street\nTown\nAB1 2CD"})
    letter = message_queue(
        case=case,
        subject="Your complaint",
        body_text="Dear Pat",
        recipient_name="Pat Post",
        recipient_address="1 High Street\nTown\nAB1 2CD",
    )
    result = deliver_due()
    letter.refresh_from_db()
    assert result.post_room == 1 and letter.state == State.POST_ROOM
    assert smtp.messages == []
    assert TimelineEvent.objects.filter(case=case, kind="letter_ready").exists()
