"""What subject access and redaction keep: the exemptions officers record, the log of every
export made, and the record of every passage redacted (who, when, why; never the text)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from redress.core.stamps import StampedAt

USER = settings.AUTH_USER_MODEL


class ItemKind(models.TextChoices):
    """What on a case an exemption or a redaction is about."""

    CASE = "case", "The whole case"
    CORRESPONDENCE = "correspondence", "Note or correspondence"
    ATTACHMENT = "attachment", "File"
    DRAFT = "draft", "Response"
    MESSAGE = "message", "Letter or email sent"


class Exemption(models.Model):
    """An item (or a whole case) left out of subject access exports, and why: for example
    another person's data, or legal advice. Kept until an officer removes it."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    item_kind = models.CharField(max_length=20, choices=ItemKind.choices)
    item_id = models.PositiveBigIntegerField(help_text="The item's id; the case's for a case.")
    item_label = models.CharField(max_length=300, help_text="What the item is, for the log.")
    reason = models.TextField()
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = StampedAt(auto_now_add=True)

    class Meta:
        ordering = ["case", "recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "item_kind", "item_id"], name="exemption_once_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"Exemption: {self.item_label}"


class SubjectAccessExport(models.Model):
    """One export made: who, when, of whom, with which exemptions. Never edited."""

    person = models.ForeignKey(
        "cases.Person", on_delete=models.CASCADE, related_name="subject_access_exports"
    )
    person_ids = models.JSONField(default=list, help_text="Every person record exported.")
    made_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    made_at = StampedAt(auto_now_add=True)
    via = models.CharField(max_length=10, default="page")
    case_count = models.PositiveIntegerField(default=0)
    register_included = models.BooleanField(default=False)
    exemptions = models.JSONField(default=list, help_text="What was withheld, and why.")

    class Meta:
        ordering = ["-made_at", "-id"]
        indexes = [models.Index(fields=["person", "-made_at"], name="export_person_at")]

    def __str__(self) -> str:
        return f"Export of person {self.person_id} at {self.made_at:%Y-%m-%d %H:%M}"


class Redaction(models.Model):
    """A passage replaced with "[redacted]": where, who, when and why. The passage itself is
    deliberately not kept here or anywhere else."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    item_kind = models.CharField(max_length=20, choices=ItemKind.choices)
    item_id = models.PositiveBigIntegerField()
    item_label = models.CharField(max_length=300)
    reason = models.TextField()
    copies = models.PositiveIntegerField(
        default=0, help_text="How many places beyond the item held the passage too."
    )
    redacted_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    redacted_at = StampedAt(auto_now_add=True)

    class Meta:
        ordering = ["case", "redacted_at", "id"]

    def __str__(self) -> str:
        return f"Redaction on case {self.case_id}: {self.item_label}"
