"""Learning actions: what a complaint taught the council and what will change because of it.

A learning action usually comes from a case; one may come from elsewhere (an emerging-trend
alert, say), so ``case`` may be empty. Who may see one is who may see its case
(``learning.selectors``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from redress.core.stamps import StampedAt

LESSON_MAX = 2000
REASON_MAX = 2000


class LearningStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    AGREED = "agreed", "Agreed"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    NOT_TAKEN_FORWARD = "not_taken_forward", "Not taken forward"


OPEN_STATUSES = (LearningStatus.PROPOSED, LearningStatus.AGREED, LearningStatus.IN_PROGRESS)


class LearningAction(models.Model):
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="learning"
    )
    service = models.ForeignKey(
        "cases.Service",
        on_delete=models.PROTECT,
        related_name="learning",
        help_text="The service area that owns the change.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="learning_owned"
    )
    lesson = models.TextField("What was learnt", max_length=LESSON_MAX)
    change = models.TextField("What will change", max_length=LESSON_MAX)
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=LearningStatus.choices, default=LearningStatus.PROPOSED
    )
    reason = models.TextField(
        blank=True, max_length=REASON_MAX, help_text="Why it was not taken forward."
    )
    evidence = models.TextField(
        blank=True, max_length=REASON_MAX, help_text="How we know the change was made."
    )
    completed_on = models.DateField(null=True, blank=True)
    raised_on = models.DateField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Where a learning action without a case came from, in a few words ("trend alert").
    source = models.CharField(max_length=200, blank=True)
    updated_at = StampedAt(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            # The list, My work and the reminders read open actions by due date. Not a partial
            # index of the open ones: SQLite cannot match its condition to a query whose
            # statuses are parameters, and so read every open action for My work.
            models.Index(fields=["due_on", "id"], name="learning_due"),
            models.Index(fields=["service", "status", "due_on"], name="learning_service"),
            models.Index(fields=["raised_on"], name="learning_raised"),
            models.Index(fields=["completed_on"], name="learning_completed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(completed_on__isnull=False),
                name="learning_done_has_date",
            )
        ]

    def __str__(self) -> str:
        # No lesson text: the admin names related rows (deleting a user lists the actions
        # they own), and the text is as private as its case.
        return f"Learning action {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
