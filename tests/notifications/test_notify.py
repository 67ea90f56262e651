"""GOV.UK Notify delivery, with a fake client standing in for the cloud service."""

import datetime as dt

import pytest
from django.utils import timezone

from redress.notifications import delivery
from redress.notifications.delivery import deliver_due
from redress.notifications.models import OutboundMessage
from redress.notifications.services import message_queue
from redress.notifications.transports import NotifyTransport

pytestmark = pytest.mark.django_db


class FakeNotify:
    def __init__(self, fail_with=None):
        self.sent: list[dict] = []
        self.fail_with = fail_with

    def send_email_notification(self, email_address, template_id, personalisation, reference):
        if self.fail_with:
            raise self.fail_with
        self.sent.append({"to": email_address, "reference": reference, **personalisation})
        return {"id": f"notify-{len(self.sent)}"}

    def send_letter_notification(self, template_id, personalisation, reference):
        self.sent.append({"letter": True, "reference": reference, **personalisation})
        return {"id": f"letter-{len(self.sent)}"}

    def get_all_notifications(self, reference=None):
        found = [{"id": "notify-x"} for m in self.sent if m["reference"] == reference]
        return {"notifications": found}


class HttpError(Exception):
    def __init__(self, status_code):
        super().__init__(f"status {status_code}")
        self.status_code = status_code


def _transport(client, letters=""):
    return NotifyTransport(client, email_template="email-template", letter_template=letters)


def _queue(**kwargs):
    defaults = {"case": None, "subject": "Subject", "body_text": "Body"}
    return message_queue(**{**defaults, **kwargs})


def test_email_goes_through_notify_with_the_idempotency_key_as_reference():
    client = FakeNotify()
    message = _queue(recipient_email="n@example.com", idempotency_key="key-1")
    assert deliver_due(transport=_transport(client)).sent == 1
    assert client.sent == [
        {"to": "n@example.com", "reference": "key-1", "subject": "Subject", "body": "Body"}
    ]
    message.refresh_from_db()
    assert message.state == OutboundMessage.State.SENT
    assert message.provider_reference == "notify-1"


def test_a_lapsed_hand_over_is_looked_up_by_reference_not_resent(monkeypatch):
    client = FakeNotify()
    message = _queue(recipient_email="n@example.com", idempotency_key="key-2")

    class Killed(BaseException):
        pass

    def die(*args, **kwargs):
        raise Killed

    monkeypatch.setattr(delivery, "_mark_sent", die)
    with pytest.raises(Killed):
        deliver_due(transport=_transport(client))
    monkeypatch.undo()
    later = timezone.now() + dt.timedelta(seconds=delivery.lease_seconds() + 5)
    assert deliver_due(transport=_transport(client), now=later).sent == 1
    assert len(client.sent) == 1
    message.refresh_from_db()
    assert message.state == OutboundMessage.State.SENT


def test_notify_refusing_the_request_fails_it_and_unavailable_retries():
    refused = _queue(recipient_email="bad@example.com", idempotency_key="key-3")
    assert deliver_due(transport=_transport(FakeNotify(fail_with=HttpError(400)))).failed == 1
    refused.refresh_from_db()
    assert refused.state == OutboundMessage.State.FAILED
    busy = _queue(recipient_email="busy@example.com", idempotency_key="key-4")
    assert deliver_due(transport=_transport(FakeNotify(fail_with=HttpError(503)))).retried == 1
    busy.refresh_from_db()
    assert busy.state == OutboundMessage.State.PENDING


def test_letters_go_through_notify_when_a_letter_template_is_set():
    client = FakeNotify()
    _queue(recipient_name="Pat", recipient_address="1 High St\nTown\nAB1 2CD")
    assert deliver_due(transport=_transport(client, letters="letter-template")).sent == 1
    assert client.sent[0]["address_line_1"] == "Pat"
    assert client.sent[0]["address_line_4"] == "AB1 2CD"
