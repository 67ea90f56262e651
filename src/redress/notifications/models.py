from django.db import models

from redress.core.stamps import StampedAt

# Messages whose template key starts with this are confidential (the register of contact
# restrictions' notices and reminders): no list of messages (post room, delivery problems)
# shows them; the part of the product that sent them shows them to the people it allows.
CONFIDENTIAL_TEMPLATE_PREFIX = "confidential:"


class OutboundMessage(models.Model):
    """An email or letter waiting to go out, written in the same transaction as its cause.

    Delivery is claimed with a lease (``claim_token`` and ``claimed_until``) so a worker that
    dies loses nothing: its claim lapses and another worker takes the message over.
    ``handed_over_at`` is set, and committed, just before the message is given to the mail
    server; a lapsed claim with it set may already have been accepted, so it is never resent
    blindly (see ``delivery``).
    """

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        LETTER = "letter", "Letter (post room)"

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        PRINTED = "printed", "Printed for post"
        POST_ROOM = "post_room", "Waiting in the post room"
        UNCERTAIN = "uncertain", "May have been sent: check before resending"

    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    template_key = models.CharField(max_length=60, blank=True)
    recipient_name = models.CharField(max_length=200, blank=True)
    recipient_email = models.EmailField(blank=True)
    recipient_address = models.TextField(blank=True)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    idempotency_key = models.CharField(max_length=100, unique=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = StampedAt(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    handed_over_at = models.DateTimeField(null=True, blank=True)
    provider_reference = models.CharField(
        max_length=100, blank=True, help_text="The delivery service's id for the message."
    )
    printed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["state", "claimed_until"], name="outbox_lease"),
            models.Index(fields=["channel", "state", "id"], name="outbox_post_room"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} to {self.recipient_email or self.recipient_name}: {self.subject}"


class DeadlineReminder(models.Model):
    """One reminder sent about one deadline. The unique key makes sending it twice impossible,
    however many workers run the job and however often."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Deadline coming up"
        MISSED = "missed", "Deadline missed"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    stage = models.ForeignKey("cases.CaseStage", on_delete=models.CASCADE, related_name="+")
    deadline = models.DateField()
    what = models.CharField(max_length=20, help_text="acknowledgement or response")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = StampedAt(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "stage", "deadline", "what", "kind"], name="reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.what} {self.deadline} for case {self.case_id}"
