"""Reading one raw email: who sent it, what it says, what it is a reply to, what it carries,
and whether a person wrote it at all (an automatic reply or a delivery failure report)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from django.utils.html import strip_tags

from redress.inbound.models import Nature

log = logging.getLogger(__name__)
MESSAGE_ID = re.compile(r"<[^<>\s]+>")
OUT_OF_OFFICE = re.compile(
    r"\b(out of (the )?office|automatic reply|auto[- ]?reply|autoreply|on (annual )?leave)\b",
    re.IGNORECASE,
)
BODY_LIMIT = 100_000


@dataclass(frozen=True)
class Part:
    name: str
    content_type: str
    data: bytes


@dataclass
class ParsedEmail:
    message_id: str
    from_name: str
    from_email: str
    subject: str
    body: str
    sent_at: dt.datetime | None
    # Every Message-ID it answers (In-Reply-To, then References), and for a bounce the
    # Message-IDs of the message that could not be delivered.
    replies_to: list[str] = field(default_factory=list)
    nature: str = Nature.PERSON
    bounced: list[str] = field(default_factory=list)
    # The X-Redress-Message of a bounced message, when its headers came back.
    bounced_keys: list[str] = field(default_factory=list)
    attachments: list[Part] = field(default_factory=list)


def parse(raw: bytes) -> ParsedEmail:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    name, address = _sender(message)
    parsed = ParsedEmail(
        message_id=_message_id(message, raw),
        from_name=name[:200],
        from_email=address[:254],
        subject=_header(message, "Subject")[:300],
        body=_body(message)[:BODY_LIMIT],
        sent_at=_date(message),
        replies_to=_ids(_header(message, "In-Reply-To")) + _ids(_header(message, "References")),
    )
    if _is_bounce(message):
        parsed.nature = Nature.BOUNCE
        parsed.bounced, parsed.bounced_keys = _bounced(message)
    elif _is_auto_reply(message, parsed.subject):
        parsed.nature = Nature.AUTO_REPLY
    else:
        parsed.attachments = _attachments(message)
    return parsed


def parse_or_placeholder(raw: bytes) -> ParsedEmail:
    """The parsed email; for one too broken to read, what is needed to queue it for a person
    (the raw message is kept in the file store, ``MEDIA_ROOT/inbound/``)."""
    try:
        return parse(raw)
    except Exception:  # noqa: BLE001 - the standard library's parser raises many kinds
        log.exception("an email could not be read")
        return ParsedEmail(
            message_id=f"<sha256-{hashlib.sha256(raw).hexdigest()}@unreadable>",
            from_name="",
            from_email="",
            subject="(An email that could not be read)",
            body="",
            sent_at=None,
        )


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, IndexError):  # a header too broken for the parser to read
        return ""
    return " ".join(str(value).split()) if value is not None else ""


def _sender(message: Message) -> tuple[str, str]:
    found = getaddresses([_header(message, "From")])
    if not found:
        return "", ""
    name, address = found[0]
    return name.strip(), address.strip().lower() if "@" in address else ""


def _message_id(message: Message, raw: bytes) -> str:
    found = _ids(_header(message, "Message-ID"))
    if found:
        return found[0][:300]
    # No Message-ID: one made from the bytes themselves is the same on every read.
    return f"<sha256-{hashlib.sha256(raw).hexdigest()}@no-message-id>"


def _ids(value: str) -> list[str]:
    return MESSAGE_ID.findall(value)


def _date(message: Message) -> dt.datetime | None:
    value = _header(message, "Date")
    try:
        moment = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None
    if moment is None or moment.tzinfo is None:
        return None
    return moment


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        text = str(part.get_content())
    except (LookupError, ValueError):  # an unknown or broken charset
        payload = part.get_payload(decode=True)
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if part.get_content_type() == "text/html":
        text = strip_tags(text)
    return text.replace("\r\n", "\n").strip()


def _is_auto_reply(message: Message, subject: str) -> bool:
    """RFC 3834's Auto-Submitted, the headers Exchange and others add, and the subjects of
    out-of-office replies from systems that add neither."""
    auto_submitted = _header(message, "Auto-Submitted").lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if message.get("X-Autoreply") or message.get("X-Autorespond"):
        return True
    if _header(message, "X-Auto-Response-Suppress").lower() in {"all", "oof"}:
        return True
    if _header(message, "Precedence").lower() in {"auto_reply", "bulk", "junk", "list"}:
        return True
    return bool(OUT_OF_OFFICE.search(subject))


def _is_bounce(message: Message) -> bool:
    if message.get_content_type() == "multipart/report":
        return str(message.get_param("report-type", "")).lower() == "delivery-status"
    return any(part.get_content_type() == "message/delivery-status" for part in message.walk())


def _bounced(message: Message) -> tuple[list[str], list[str]]:
    """The Message-IDs (and our own X-Redress-Message keys) of what could not be delivered,
    from the returned message or its headers."""
    ids: list[str] = []
    keys: list[str] = []
    for part in message.walk():
        kind = part.get_content_type()
        if kind not in ("message/rfc822", "text/rfc822-headers"):
            continue
        if kind == "message/rfc822":
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
        else:
            content = part.get_payload(decode=True)
            inner = BytesParser(policy=policy.default).parsebytes(
                content if isinstance(content, bytes) else b"", headersonly=True
            )
        if isinstance(inner, Message):
            ids += _ids(_header(inner, "Message-ID"))
            key = _header(inner, "X-Redress-Message")
            if key:
                keys.append(key)
    return ids, keys


def _attachments(message: EmailMessage) -> list[Part]:
    found = []
    for part in message.iter_attachments():
        if part.get_content_maintype() == "multipart":
            continue
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes) or not data:
            continue
        name = part.get_filename() or "attachment"
        found.append(Part(name=name, content_type=part.get_content_type(), data=data))
    return found
