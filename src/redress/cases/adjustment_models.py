"""Reasonable adjustments: the editable list of types and each person's adjustments.
Registered with the cases app by the import at the end of ``cases/models.py``."""

from django.db import models

from redress.cases.kinds import AdjustmentState


class AdjustmentType(models.Model):
    """The kinds of reasonable adjustment a council offers: an editable list."""

    name = models.CharField(max_length=120, unique=True)
    large_print_letters = models.BooleanField(
        default=False, help_text="Letters to a person with this adjustment print in large type."
    )
    is_active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in the list.")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ReasonableAdjustment(models.Model):
    """An adjustment for a person, recorded on one of their cases. One the public asked for
    is proposed until staff confirm it with a type and a review date."""

    person = models.ForeignKey("cases.Person", on_delete=models.CASCADE, related_name="adjustments")
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="adjustments"
    )
    type = models.ForeignKey(AdjustmentType, null=True, blank=True, on_delete=models.PROTECT)
    state = models.CharField(
        max_length=10, choices=AdjustmentState.choices, default=AdjustmentState.AGREED
    )
    description = models.TextField()
    agreed_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(
        null=True, blank=True, help_text="When the adjustment must next be reviewed."
    )
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["review_on", "id"]

    def __str__(self) -> str:
        return f"{self.description[:60]} (review {self.review_on})"
