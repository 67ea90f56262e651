"""The register of contact restrictions (unreasonable behaviour), kept by the governance group.

Everything here is confidential to the group: the behaviour found and the reasons are read
only by its members (``selectors``), and every read of an entry is kept as an ``EntryRead``.
Staff who see one of the person's cases are told only the restrictions and the named contact,
never why (``warnings``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from redress.core import clock

USER = settings.AUTH_USER_MODEL


class GovernanceMember(models.Model):
    """A member of the governance group: the only people who see the register. Members add
    and remove each other; nobody else, administrators included, can."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="governance")
    added_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["user__first_name", "user__username"]

    def __str__(self) -> str:
        return str(self.user)


class EntryStatus(models.TextChoices):
    ACTIVE = "active", "In force"
    LIFTED = "lifted", "Lifted"
    EXPIRED = "expired", "Expired without a review"


class RestrictionKind(models.TextChoices):
    SINGLE_CONTACT = "single_contact", "Single named contact"
    ONE_CHANNEL = "one_channel", "One channel only"
    WRITTEN_ONLY = "written_only", "Written contact only"
    CALL_TIMES = "call_times", "Limited call times"
    NO_NEW_COMPLAINTS = "no_new_complaints", "No new complaints on the same matter"
    OTHER = "other", "Other"


class RegisterEntry(models.Model):
    """A decision that a person's contact is restricted, from ``starts_on`` until it is
    reviewed on ``review_on`` (or lifted sooner)."""

    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True, help_text="Kept in lower case: matched to people.")
    address = models.TextField(blank=True)
    address_key = models.CharField(max_length=300, blank=True, editable=False)
    people = models.ManyToManyField("cases.Person", blank=True, related_name="+")
    behaviour = models.TextField("The behaviour found")
    reasons = models.TextField("Why the restrictions are needed")
    decided_by = models.CharField("Who decided", max_length=200)
    contact = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    visit_advice = models.CharField(max_length=500, blank=True)
    starts_on = models.DateField()
    review_on = models.DateField()
    status = models.CharField(max_length=10, choices=EntryStatus.choices, default="active")
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "register entries"
        indexes = [
            models.Index(fields=["status", "review_on"], name="register_in_force"),
            models.Index(fields=["email"], name="register_email"),
            models.Index(fields=["address_key"], name="register_address"),
        ]

    def __str__(self) -> str:
        return f"Register entry {self.pk}"


class Restriction(models.Model):
    entry = models.ForeignKey(RegisterEntry, on_delete=models.CASCADE, related_name="restrictions")
    kind = models.CharField(max_length=20, choices=RestrictionKind.choices)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["entry", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld: the restrictions are lifted"
    NOT_UPHELD = "not_upheld", "Not upheld: the restrictions stay"


class Appeal(models.Model):
    entry = models.ForeignKey(RegisterEntry, on_delete=models.CASCADE, related_name="appeals")
    received_on = models.DateField()
    grounds = models.TextField()
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=12, choices=AppealOutcome.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["entry", "received_on", "id"]

    def __str__(self) -> str:
        return f"Appeal {self.pk}"


class ReviewOutcome(models.TextChoices):
    CONTINUE = "continue", "Keep the restrictions until a later review"
    LIFT = "lift", "Lift the restrictions"


class Review(models.Model):
    entry = models.ForeignKey(RegisterEntry, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    outcome = models.CharField(max_length=10, choices=ReviewOutcome.choices)
    notes = models.TextField()
    next_review_on = models.DateField(null=True, blank=True)
    by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["entry", "reviewed_on", "id"]

    def __str__(self) -> str:
        return f"Review {self.pk}"


class Briefing(models.Model):
    """A ward Member told of an entry in confidence: which Member, when, and what was shared."""

    entry = models.ForeignKey(RegisterEntry, on_delete=models.CASCADE, related_name="briefings")
    member = models.CharField("Ward Member", max_length=200)
    briefed_on = models.DateField()
    shared = models.TextField("What was shared")
    by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["entry", "briefed_on", "id"]

    def __str__(self) -> str:
        return f"Briefing {self.pk}"


class Notice(models.Model):
    """The notice sent to the person, as queued in the outbox (email, or a letter)."""

    entry = models.ForeignKey(RegisterEntry, on_delete=models.CASCADE, related_name="notices")
    message = models.OneToOneField(
        "notifications.OutboundMessage", on_delete=models.PROTECT, related_name="+"
    )
    sent_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["entry", "sent_at", "id"]

    def __str__(self) -> str:
        return f"Notice {self.pk}"


class NoticeTemplate(models.Model):
    """The wording of the notice, edited by the governance group. One row; until it is first
    saved the built-in wording (``notices.DEFAULT_SUBJECT`` and ``DEFAULT_BODY``) is used."""

    subject = models.CharField(max_length=300)
    body = models.TextField()
    updated_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=clock.now)

    def __str__(self) -> str:
        return self.subject


class ReadVia(models.TextChoices):
    PAGE = "page", "Entry page"
    LIST = "list", "Register list"
    ACCESS_LOG = "access_log", "Access log"
    API = "api", "API"
    ADMIN = "admin", "Admin site"
    EXPORT = "export", "Subject access export"


class EntryRead(models.Model):
    """One look at an entry: who, when, and how. Never edited or deleted by the product."""

    entry = models.ForeignKey(RegisterEntry, on_delete=models.CASCADE, related_name="reads")
    who = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=clock.now)
    via = models.CharField(max_length=12, choices=ReadVia.choices)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["entry", "-at"], name="register_read_entry_at")]

    def __str__(self) -> str:
        return f"Read of entry {self.entry_id}"


class RegisterEvent(models.Model):
    """The register's own history: every change, who made it and when. The case timeline
    never carries any of it."""

    entry = models.ForeignKey(
        RegisterEntry, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(default=clock.now)
    actor = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=30)
    summary = models.CharField(max_length=300)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.summary


class ReviewReminder(models.Model):
    """The group was reminded of one review date of one entry; the unique key makes the
    reminder go once, however many workers run the job."""

    entry = models.ForeignKey(RegisterEntry, on_delete=models.CASCADE, related_name="+")
    review_on = models.DateField()
    sent_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "review_on"], name="register_remind_once")
        ]

    def __str__(self) -> str:
        return f"Reminder for entry {self.entry_id} on {self.review_on}"
