"""A real SMTP server, in this process, on a free port: aiosmtpd's Controller."""

from __future__ import annotations

import asyncio
import email
import socket
import threading
from email.message import Message

from aiosmtpd.controller import Controller


class Inbox:
    """Collects every message the server accepts."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        parsed = email.message_from_bytes(envelope.original_content or envelope.content)
        with self.lock:
            self.messages.append(parsed)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Message]:
        with self.lock:
            return [m for m in self.messages if address in (m["To"] or "")]

    def body(self, message: Message) -> str:
        part = message.get_body(("plain",)) if hasattr(message, "get_body") else None
        payload = (part or message).get_payload(decode=True)
        return payload.decode("utf-8") if isinstance(payload, bytes) else str(payload)


class StallingInbox(Inbox):
    """An inbox whose server can be told to hold every message after its DATA has arrived and
    before answering, as a slow or hung mail server does; released, it accepts them."""

    def __init__(self) -> None:
        super().__init__()
        self.stall = threading.Event()
        self.data_arrived = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.data_arrived.set()
        while self.stall.is_set():
            await asyncio.sleep(0.05)
        return await super().handle_DATA(server, session, envelope)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(inbox: Inbox | None = None) -> tuple[Controller, Inbox]:
    inbox = inbox or Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, inbox


def smtp_settings(settings, controller: Controller) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.NOTIFY_API_KEY = ""
