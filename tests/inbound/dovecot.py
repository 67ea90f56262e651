"""A real IMAP server for the tests: Debian's dovecot, run unprivileged with its own
configuration in a temporary folder, on a free port, with TLS on a self-signed certificate.

When the tests run as root (containers), dovecot is started as ``nobody`` so that no part of
it runs with privileges; otherwise it runs as the current user."""

from __future__ import annotations

import contextlib
import grp
import imaplib
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER = "complaints"
PASSWORD = "imap-test-password"
OMBUDSMAN_USER = "ombudsman"


def installed() -> bool:
    return Path(DOVECOT).exists() and os.access(DOVECOT, os.X_OK)


@dataclass
class ImapServer:
    host: str
    port: int  # plain IMAP, where dovecot requires STARTTLS before signing in
    tls_port: int  # IMAP over TLS from the first byte (what production uses by default)
    folder: Path
    cafile: Path

    def connect(self, user: str = USER) -> imaplib.IMAP4:
        context = ssl.create_default_context(cafile=str(self.cafile))
        imap = imaplib.IMAP4_SSL(self.host, self.tls_port, ssl_context=context)
        imap.login(user, PASSWORD)
        return imap

    def append(self, raw: bytes, *, user: str = USER, folder: str = "INBOX") -> None:
        """Deliver one message with IMAP APPEND, as a mail server would leave it: unread."""
        imap = self.connect(user)
        try:
            imap.create(folder)  # harmless when it exists
            status, _ = imap.append(folder, "", imaplib.Time2Internaldate(time.time()), raw)
            assert status == "OK", status
        finally:
            imap.logout()

    def unseen(self, *, user: str = USER, folder: str = "INBOX") -> int:
        imap = self.connect(user)
        try:
            imap.select(folder, readonly=True)
            _, data = imap.search(None, "UNSEEN")
            return len(data[0].split())
        finally:
            imap.logout()

    def count(self, *, user: str = USER, folder: str = "INBOX") -> int:
        imap = self.connect(user)
        try:
            status, data = imap.select(folder, readonly=True)
            return int(data[0]) if status == "OK" else 0
        finally:
            imap.logout()

    def empty(self) -> None:
        for user in (USER, OMBUDSMAN_USER):
            imap = self.connect(user)
            try:
                imap.select("INBOX")
                imap.store("1:*", "+FLAGS", "\\Deleted")
                imap.expunge()
            except imaplib.IMAP4.error:
                pass
            finally:
                imap.logout()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _certificate(folder: Path) -> Path:
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            str(folder / "key.pem"),
            "-out",
            str(folder / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    return folder / "cert.pem"


def _config(
    folder: Path, port: int, tls_port: int, user: str, group: str, uid: int, gid: int
) -> Path:
    passwd = folder / "passwd"
    passwd.write_text(
        "".join(
            f"{name}:{{PLAIN}}{PASSWORD}:{uid}:{gid}::{folder}/home/{name}::\n"
            for name in (USER, OMBUDSMAN_USER)
        )
    )
    config = folder / "dovecot.conf"
    config.write_text(
        f"""
protocols = imap
listen = 127.0.0.1
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
info_log_path = {folder}/dovecot.log
ssl = required
ssl_cert = <{folder}/cert.pem
ssl_key = <{folder}/key.pem
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = {uid}
first_valid_gid = {gid}
auth_mechanisms = plain
mail_location = maildir:{folder}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {passwd}
}}
userdb {{
  driver = passwd-file
  args = {passwd}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    user = {user}
  }}
  unix_listener stats-writer {{
    user = {user}
  }}
}}
"""
    )
    return config


@contextlib.contextmanager
def running_dovecot(folder: Path) -> Iterator[ImapServer]:
    if os.geteuid() == 0:
        account = pwd.getpwnam("nobody")
        user, uid, gid = "nobody", account.pw_uid, account.pw_gid
        group = grp.getgrgid(gid).gr_name
        prefix = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups"]
    else:
        uid, gid = os.getuid(), os.getgid()
        user, group = pwd.getpwuid(uid).pw_name, grp.getgrgid(gid).gr_name
        prefix = []
    folder.mkdir(parents=True, exist_ok=True)
    for sub in ("run", "state", "mail", "home"):
        (folder / sub).mkdir(exist_ok=True)
    cafile = _certificate(folder)
    port, tls_port = _free_port(), _free_port()
    config = _config(folder, port, tls_port, user, group, uid, gid)
    if os.geteuid() == 0:
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, uid, gid)
    process = subprocess.Popen([*prefix, DOVECOT, "-F", "-c", str(config)])
    server = ImapServer("127.0.0.1", port, tls_port, folder, cafile)
    try:
        _wait_until_listening(port, process, folder)
        _wait_until_listening(tls_port, process, folder)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_listening(port: int, process: subprocess.Popen[bytes], folder: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = folder / "dovecot.log"
            raise RuntimeError(f"dovecot stopped: {log.read_text() if log.exists() else ''}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError("dovecot did not start listening")
