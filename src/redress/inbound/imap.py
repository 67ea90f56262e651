"""Reading the mailboxes over IMAP (stdlib ``imaplib``).

Each unread message is fetched with BODY.PEEK (which leaves it unread), stored, and only then
flagged as read. A reader that dies between the two leaves the message unread; the next run
fetches it again and ``store`` finds its Message-ID already there, so nothing is lost and
nothing is stored twice."""

from __future__ import annotations

import contextlib
import imaplib
import logging
import os
import ssl
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from redress.inbound.models import Mailbox
from redress.inbound.storing import store

log = logging.getLogger(__name__)
BATCH = 200  # messages read per run of the job, so one run never holds the worker for long


@dataclass(frozen=True)
class MailboxSettings:
    mailbox: str
    host: str
    port: int
    user: str
    password: str
    folder: str
    tls: str  # "on" (TLS from the start), "starttls" or "off"
    ca_file: str = ""


def _tls(value: str) -> str:
    value = (value or "on").strip().lower()
    if value == "starttls":
        return "starttls"
    if value in {"0", "false", "no", "off"}:
        return "off"
    return "on"


def configured_mailboxes() -> list[MailboxSettings]:
    """The mailboxes to read: none unless INBOUND_IMAP_HOST is set."""
    base = settings.INBOUND_IMAP
    if not base["HOST"]:
        return []
    found = [_mailbox(Mailbox.COMPLAINTS, base)]
    ombudsman = settings.INBOUND_OMBUDSMAN_IMAP
    if ombudsman["HOST"] or ombudsman["FOLDER"]:
        # Anything not set for the Ombudsman mailbox is the complaints mailbox's, so a folder
        # of the same account is enough.
        merged = {key: ombudsman[key] or base[key] for key in base}
        found.append(_mailbox(Mailbox.OMBUDSMAN, merged))
    return found


def _mailbox(mailbox: str, values: dict[str, str]) -> MailboxSettings:
    tls = _tls(values["TLS"])
    return MailboxSettings(
        mailbox=mailbox,
        host=values["HOST"],
        port=int(values["PORT"] or (993 if tls == "on" else 143)),
        user=values["USER"],
        password=values["PASSWORD"],
        folder=values["FOLDER"] or "INBOX",
        tls=tls,
        ca_file=values["CA_FILE"],
    )


def connect(box: MailboxSettings) -> imaplib.IMAP4:
    context = ssl.create_default_context(cafile=box.ca_file or None)
    timeout = float(os.environ.get("INBOUND_IMAP_TIMEOUT", 30))
    if box.tls == "on":
        imap: imaplib.IMAP4 = imaplib.IMAP4_SSL(
            box.host, box.port, ssl_context=context, timeout=timeout
        )
    else:
        imap = imaplib.IMAP4(box.host, box.port, timeout=timeout)
        if box.tls == "starttls":
            imap.starttls(ssl_context=context)
    imap.login(box.user, box.password)
    return imap


def _flag_read(imap: imaplib.IMAP4, uid: str) -> None:
    status, _ = imap.uid("STORE", uid, "+FLAGS.SILENT", "(\\Seen)")
    if status != "OK":
        raise imaplib.IMAP4.error(f"could not flag message {uid!r} as read")


def read_mailbox(box: MailboxSettings, *, flag: Callable[..., None] = _flag_read) -> int:
    """Store every unread message in one mailbox; the number newly stored."""
    imap = connect(box)
    stored = 0
    try:
        status, _ = imap.select(_quoted(box.folder))
        if status != "OK":
            raise imaplib.IMAP4.error(f"no folder {box.folder!r} in the {box.mailbox} mailbox")
        _, data = imap.uid("SEARCH", "UNSEEN")
        for uid in (data[0] or b"").decode("ascii").split()[:BATCH]:
            raw = _fetch(imap, uid)
            if raw is None:
                continue
            try:
                stored += store(raw, box.mailbox) is not None
            except Exception:  # noqa: BLE001 - one bad message must not block the mailbox
                # Left unread, so it is tried again on the next run; the others go on.
                log.exception("could not store message %s of the %s mailbox", uid, box.mailbox)
                continue
            flag(imap, uid)
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            imap.logout()
    return stored


def _fetch(imap: imaplib.IMAP4, uid: str) -> bytes | None:
    status, data = imap.uid("FETCH", uid, "(BODY.PEEK[])")
    if status != "OK":
        return None
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            return bytes(item[1])
    return None


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_all_mailboxes() -> str:
    """The worker's job: each configured mailbox in turn; nothing when none is configured."""
    boxes = configured_mailboxes()
    if not boxes:
        return "no mailbox configured"
    counts = [f"{box.mailbox}: {read_mailbox(box)} new" for box in boxes]
    return ", ".join(counts)
