"""A real dovecot IMAP server for the inbound email tests, started once per session, and the
settings that point the mailbox reader at it (TLS from the first byte, with the server's
self-signed certificate trusted through INBOUND_IMAP_CA_FILE)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.inbound import dovecot


@pytest.fixture(scope="session")
def imap_server() -> Iterator[dovecot.ImapServer]:
    if not dovecot.installed():
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd)")
    with (
        tempfile.TemporaryDirectory(prefix="redress-dovecot-") as folder,
        dovecot.running_dovecot(Path(folder)) as server,
    ):
        yield server


def mailbox_settings(server: dovecot.ImapServer, **changes: str) -> dict[str, str]:
    values = {
        "HOST": server.host,
        "PORT": str(server.tls_port),
        "USER": dovecot.USER,
        "PASSWORD": dovecot.PASSWORD,
        "FOLDER": "INBOX",
        "TLS": "on",
        "CA_FILE": str(server.cafile),
    }
    values.update(changes)
    return values


@pytest.fixture
def imap(imap_server: dovecot.ImapServer, settings: Any) -> dovecot.ImapServer:
    """The server, emptied, with the complaints and Ombudsman mailboxes configured."""
    imap_server.empty()
    settings.INBOUND_IMAP = mailbox_settings(imap_server)
    settings.INBOUND_OMBUDSMAN_IMAP = mailbox_settings(imap_server, USER=dovecot.OMBUDSMAN_USER)
    return imap_server
