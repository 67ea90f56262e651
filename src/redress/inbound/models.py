"""Email read from the complaints and Ombudsman mailboxes.

One row per message, keyed on its Message-ID: the mailbox reader stores the row first and only
then flags the message as read, so a reader that dies between the two finds the row on its
next run and stores nothing twice. The raw message is kept as a file; its attachments become
case attachments only when the email joins a case."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from redress.core.stamps import StampedAt

USER = "accounts.User"


class Mailbox(models.TextChoices):
    COMPLAINTS = "complaints", "Complaints"
    OMBUDSMAN = "ombudsman", "Ombudsman"


class Nature(models.TextChoices):
    PERSON = "person", "Written by a person"
    AUTO_REPLY = "auto_reply", "Automatic reply"
    BOUNCE = "bounce", "Delivery failure report"


class State(models.TextChoices):
    NEW = "new", "New"
    JOINED = "joined", "Joined its case"
    MADE_CASE = "made_case", "Made a case"
    ADDED = "added", "Added to a case"
    DISMISSED = "dismissed", "Dismissed"
    AUTO_REPLY = "auto_reply", "Automatic reply, set aside"
    BOUNCE = "bounce", "Delivery failure, recorded"


def raw_path(instance: InboundEmail, filename: str) -> str:
    # No text from the email reaches the file system.
    return f"inbound/{instance.token}.eml"


class InboundEmail(models.Model):
    mailbox = models.CharField(max_length=12, choices=Mailbox.choices)
    message_id = models.CharField(max_length=300, unique=True)
    token = models.CharField(max_length=32, unique=True)
    raw = models.FileField(upload_to=raw_path)
    from_name = models.CharField(max_length=200, blank=True)
    from_email = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    sent_at = models.DateTimeField(help_text="The Date header, or when it was read.")
    received_at = StampedAt(auto_now_add=True)
    nature = models.CharField(max_length=12, choices=Nature.choices, default=Nature.PERSON)
    state = models.CharField(max_length=12, choices=State.choices, default=State.NEW)
    attachment_count = models.PositiveSmallIntegerField(default=0)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # How it found its case, in words ("reference in the subject", "reply to our email").
    matched_by = models.CharField(max_length=100, blank=True)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    dismissed_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["received_at", "id"]
        indexes = [
            # The New email queue: one mailbox's new messages, oldest first.
            models.Index(
                fields=["mailbox", "received_at", "id"],
                condition=Q(state="new"),
                name="inbound_queue",
            ),
            models.Index(fields=["mailbox", "received_at", "id"], name="inbound_history"),
            models.Index(fields=["case", "received_at"], name="inbound_case"),
        ]

    def __str__(self) -> str:
        return f"{self.from_email}: {self.subject}"

    @property
    def sender(self) -> str:
        if self.from_name and self.from_email:
            return f"{self.from_name} <{self.from_email}>"
        return self.from_email or self.from_name or "Unknown sender"
