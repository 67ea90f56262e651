"""How a message leaves: over SMTP (Django's mail backend, so EMAIL_* settings apply and a local
run keeps files in var/mail), or through GOV.UK Notify when NOTIFY_API_KEY is set."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from redress.notifications.models import OutboundMessage


@dataclass(frozen=True)
class Accepted:
    reference: str = ""


@dataclass(frozen=True)
class Rejected:
    """The service refused the message, so it was not accepted and may be tried again."""

    error: str
    permanent: bool = False


@dataclass(frozen=True)
class Uncertain:
    """The connection broke after the message was handed over: it may have been accepted."""

    error: str


@dataclass(frozen=True)
class NotFound:
    """The service says it never received the message."""


@dataclass(frozen=True)
class NotKnown:
    """The service cannot be asked whether it received the message."""


@dataclass(frozen=True)
class LookupFailed:
    error: str


SendOutcome = Accepted | Rejected | Uncertain
FindOutcome = Accepted | NotFound | NotKnown | LookupFailed


class TemporaryFailure(Exception):
    """The service could not be reached; nothing was handed over."""


class Transport:
    sends_letters = False
    can_find = False

    def prepare(self, message: OutboundMessage) -> None:
        """Get ready to send (connect, sign in); raise TemporaryFailure if that fails."""

    def send(self, message: OutboundMessage, message_id: str) -> SendOutcome:
        raise NotImplementedError

    def find(self, message: OutboundMessage) -> FindOutcome:
        return NotKnown()

    def close(self) -> None:
        """Release any connection."""


class SmtpTransport(Transport):
    """Sends through Django's configured email backend, one connection per batch."""

    def __init__(self) -> None:
        self.connection: Any = None

    def prepare(self, message: OutboundMessage) -> None:
        if self.connection is not None:
            return
        connection = get_connection(fail_silently=False)
        try:
            connection.open()
        except (OSError, smtplib.SMTPException) as exc:
            raise TemporaryFailure(f"could not connect to the mail server: {exc}") from exc
        self.connection = connection

    def send(self, message: OutboundMessage, message_id: str) -> SendOutcome:
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[_address(message)],
            headers={"Message-ID": message_id, "X-Redress-Message": message.idempotency_key},
            connection=self.connection,
        )
        if message.body_html:
            email.attach_alternative(message.body_html, "text/html")
        try:
            count = self.connection.send_messages([email])
        except smtplib.SMTPRecipientsRefused as exc:
            self._drop()
            codes = [code for code, _ in exc.recipients.values()]
            return Rejected(f"recipient refused: {exc.recipients}", permanent=min(codes) >= 500)
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            self._drop()
            return Rejected(f"refused by the mail server: {exc}", permanent=exc.smtp_code >= 500)
        except (OSError, smtplib.SMTPException) as exc:
            self._drop()
            return Uncertain(f"connection lost while sending: {exc}")
        if not count:
            return Rejected("the mail backend sent nothing", permanent=True)
        return Accepted(message_id)

    def _drop(self) -> None:
        try:
            if self.connection is not None:
                self.connection.close()
        except Exception:  # noqa: BLE001 - the connection is being thrown away regardless
            pass
        self.connection = None

    def close(self) -> None:
        self._drop()


def _address(message: OutboundMessage) -> str:
    if message.recipient_name:
        name = message.recipient_name.replace('"', "'")
        return f'"{name}" <{message.recipient_email}>'
    return message.recipient_email


class NotifyTransport(Transport):
    """GOV.UK Notify through its official client. Its reference field carries the idempotency
    key, so a message handed over by a worker that died can be looked up instead of resent."""

    can_find = True

    def __init__(self, client: Any, *, email_template: str, letter_template: str = "") -> None:
        self.client = client
        self.email_template = email_template
        self.letter_template = letter_template
        self.sends_letters = bool(letter_template)

    def send(self, message: OutboundMessage, message_id: str) -> SendOutcome:
        personalisation = {"subject": message.subject, "body": message.body_text}
        try:
            if message.channel == OutboundMessage.Channel.LETTER:
                lines = _letter_lines(message)
                if len(lines) < 3:
                    return Rejected("the postal address needs at least three lines", permanent=True)
                personalisation.update(
                    {f"address_line_{i}": line for i, line in enumerate(lines, start=1)}
                )
                response = self.client.send_letter_notification(
                    template_id=self.letter_template,
                    personalisation=personalisation,
                    reference=message.idempotency_key,
                )
            else:
                response = self.client.send_email_notification(
                    email_address=message.recipient_email,
                    template_id=self.email_template,
                    personalisation=personalisation,
                    reference=message.idempotency_key,
                )
        except Exception as exc:  # noqa: BLE001 - the client raises several unrelated types
            status = getattr(exc, "status_code", None)
            if isinstance(status, int) and 400 <= status < 500 and status != 429:
                return Rejected(f"Notify refused the message ({status}): {exc}", permanent=True)
            if isinstance(status, int):
                return Rejected(f"Notify is unavailable ({status}): {exc}")
            return Uncertain(f"no answer from Notify: {exc}")
        return Accepted(str(response.get("id", "")))

    def find(self, message: OutboundMessage) -> FindOutcome:
        try:
            found = self.client.get_all_notifications(reference=message.idempotency_key)
        except Exception as exc:  # noqa: BLE001
            return LookupFailed(str(exc))
        notifications = found.get("notifications", [])
        if notifications:
            return Accepted(str(notifications[0].get("id", "")))
        return NotFound()


def _letter_lines(message: OutboundMessage) -> list[str]:
    lines = [message.recipient_name] if message.recipient_name else []
    lines += [line.strip() for line in message.recipient_address.splitlines() if line.strip()]
    return lines[:7]


def transport_from_settings() -> Transport:
    if settings.NOTIFY_API_KEY:
        from notifications_python_client.notifications import NotificationsAPIClient

        return NotifyTransport(
            # The Notify client library has no type annotations.
            NotificationsAPIClient(settings.NOTIFY_API_KEY),  # type: ignore[no-untyped-call]
            email_template=getattr(settings, "NOTIFY_EMAIL_TEMPLATE_ID", ""),
            letter_template=getattr(settings, "NOTIFY_LETTER_TEMPLATE_ID", ""),
        )
    return SmtpTransport()
