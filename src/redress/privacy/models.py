"""What data protection keeps: the retention rules, legal holds on cases, the log of every
erasure (who and why, never whose name), the cases already anonymised, and the retention
reports that list what a run would do before it does it. See docs/data-protection.md."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from redress.cases.kinds import Kind, Outcome
from redress.core.stamps import StampedAt

USER = settings.AUTH_USER_MODEL


class RetentionRule(models.Model):
    """Keep a kind of case (optionally only those with one outcome) for so many years after
    it closed. The rule with the case's outcome wins over the kind's rule for any outcome."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    outcome = models.CharField(
        max_length=20,
        choices=Outcome.choices,
        blank=True,
        help_text="Leave blank for every outcome without a rule of its own.",
    )
    years = models.PositiveSmallIntegerField(
        "Years after closure",
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    updated_at = StampedAt(auto_now=True)
    updated_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["kind", "outcome"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "outcome"], name="retention_rule_once")
        ]

    def __str__(self) -> str:
        return f"{self.describe()}: {self.years} years after closure"

    def describe(self) -> str:
        kind = Kind(self.kind).label
        if not self.outcome:
            return f"{kind}, any outcome"
        return f"{kind}, {Outcome(self.outcome).label.lower()}"


class LegalHold(models.Model):
    """While a hold is in place (not lifted) nothing erases or anonymises the case."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.TextField()
    placed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    placed_at = StampedAt(auto_now_add=True)
    lifted_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["case", "-placed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(lifted_at=None), name="one_active_hold_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"Legal hold on case {self.case_id}"


class ErasureSource(models.TextChoices):
    REQUEST = "request", "Erasure on request"
    RETENTION = "retention", "Retention rule"


class ErasureLog(models.Model):
    """One erasure: who, when, why and how much. Never the person's name: the log would
    otherwise keep what it records removing."""

    at = StampedAt(auto_now_add=True)
    by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(max_length=10, choices=ErasureSource.choices)
    reason = models.TextField()
    person_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The anonymised person's row; null if only cases."
    )
    cases = models.PositiveIntegerField(default=0)
    attachments = models.PositiveIntegerField(default=0)
    messages = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.at:%Y-%m-%d}"


class AnonymisedCase(models.Model):
    """A case whose personal details and free text have been removed, and by which erasure."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="anonymisation"
    )
    log = models.ForeignKey(ErasureLog, on_delete=models.PROTECT, related_name="anonymised")

    def __str__(self) -> str:
        return f"Case {self.case_id} anonymised"


class RetentionReport(models.Model):
    """What a retention run would do, listed before it is done; applying works from it."""

    created_at = StampedAt(auto_now_add=True)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    as_of = models.DateField(help_text="The day the rules were measured from.")
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Retention report {self.pk}"


class ItemState(models.TextChoices):
    DUE = "due", "Due"
    HELD = "held", "Skipped: legal hold"
    DONE = "done", "Anonymised"
    SKIPPED = "skipped", "Skipped: no longer due"


class ItemScope(models.TextChoices):
    PERSON = "person", "The person and their cases"
    CASE = "case", "This case only (the person has other cases)"


class RetentionItem(models.Model):
    report = models.ForeignKey(RetentionReport, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    rule = models.ForeignKey(RetentionRule, null=True, on_delete=models.SET_NULL, related_name="+")
    rule_label = models.CharField(max_length=120)
    state = models.CharField(max_length=10, choices=ItemState.choices, default=ItemState.DUE)
    scope = models.CharField(max_length=10, choices=ItemScope.choices, default=ItemScope.CASE)

    class Meta:
        ordering = ["report", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "case"], name="retention_item_once")
        ]
        indexes = [models.Index(fields=["report", "state", "id"], name="retention_item_state")]

    def __str__(self) -> str:
        return f"{self.case_id} in report {self.report_id}"


class RetentionRun(models.Model):
    """The daily retention job's record of one day, so that a worker restarted, or a second
    worker, neither runs the day again nor misses it. The worker that claims the day holds
    it by a lease it renews as it works; one that stops mid-run lets the lease lapse and the
    next try carries on with the same report."""

    day = models.DateField(unique=True)
    report = models.ForeignKey(
        RetentionReport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = StampedAt(auto_now_add=True)
    leased_until = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"Retention run of {self.day:%Y-%m-%d}"
