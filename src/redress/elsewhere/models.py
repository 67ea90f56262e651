"""Where a complaint went when it belonged to another procedure, and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from redress.core.stamps import StampedAt


class Destination(models.TextChoices):
    MONITORING_OFFICER = (
        "monitoring_officer",
        "An elected Member: to the Monitoring Officer, under the standards regime",
    )
    HUMAN_RESOURCES = "human_resources", "An individual senior officer: to Human Resources"
    OTHER_ORGANISATION = "other_organisation", "Another organisation"
    STATUTORY_PROCEDURE = "statutory_procedure", "Another statutory procedure"


# How each destination reads in a sentence of the annual report and the timeline.
SHORT_LABELS = {
    Destination.MONITORING_OFFICER: "Monitoring Officer (councillor conduct)",
    Destination.HUMAN_RESOURCES: "Human Resources (senior officer)",
    Destination.OTHER_ORGANISATION: "Another organisation",
    Destination.STATUTORY_PROCEDURE: "Another statutory procedure",
}


class RoutedElsewhere(models.Model):
    """The case's routing to another procedure. One per case: routing a reopened case again
    replaces it (the timeline keeps every routing)."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="routed_elsewhere"
    )
    destination = models.CharField(max_length=30, choices=Destination.choices)
    to_name = models.CharField(max_length=200)
    to_email = models.EmailField(blank=True)
    routed_on = models.DateField()
    reason = models.TextField()
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = StampedAt(auto_now_add=True)

    class Meta:
        verbose_name = "complaint routed elsewhere"
        verbose_name_plural = "complaints routed elsewhere"

    def __str__(self) -> str:
        return f"{self.get_destination_display()}: {self.to_name}"

    @property
    def short_destination(self) -> str:
        return SHORT_LABELS[Destination(self.destination)]
