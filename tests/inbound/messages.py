"""Raw emails as mail clients and mail servers write them, for delivering with IMAP APPEND."""

from __future__ import annotations

import uuid
from email.message import EmailMessage
from email.utils import format_datetime

from django.utils import timezone

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def new_id() -> str:
    return f"<{uuid.uuid4().hex}@mail.example.net>"


def email(
    *,
    subject: str = "My bin was not collected",
    body: str = "Nobody has collected my bin for three weeks.",
    sender: str = "Sam Sender <sam@example.net>",
    message_id: str | None = None,
    in_reply_to: str = "",
    attachments: list[tuple[str, str, bytes]] = (),  # type: ignore[assignment]
    headers: dict[str, str] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "complaints@council.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(timezone.now())
    message["Message-ID"] = message_id or new_id()
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    for name, mime, data in attachments:
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def bounce(*, original_id: str, original_key: str = "", recipient: str) -> bytes:
    """A delivery status notification (RFC 3464) returning the headers of what we sent,
    written out as a mail server writes one."""
    key = f"X-Redress-Message: {original_key}\r\n" if original_key else ""
    text = (
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n"
        "To: complaints@council.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        f"Date: {format_datetime(timezone.now())}\r\n"
        f"Message-ID: {new_id()}\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"\r\n'
        "\r\n--B1\r\nContent-Type: text/plain\r\n\r\n"
        f"Your message to {recipient} could not be delivered.\r\n"
        "\r\n--B1\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.net\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "\r\n--B1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {original_id}\r\nSubject: Your complaint\r\n{key}"
        "\r\n--B1--\r\n"
    )
    return text.encode()
