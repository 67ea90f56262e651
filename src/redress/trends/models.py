"""Emerging-trend alerts: a week in which one scope (a service area, a category, an area of the
borough) received more cases than its own recent past makes likely by chance.

An alert holds counts only, never anything written on a case, so it can be shown to everyone
who sees reports; the cases behind it are reached through Find cases, which applies the
visibility rule."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from redress.cases.models import Service
from redress.core.stamps import StampedAt


class AlertStatus(models.TextChoices):
    NEW = "new", "New"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    ACTIONED = "actioned", "Turned into a learning action"


class TrendAlert(models.Model):
    scope_kind = models.CharField(max_length=20)  # a kind in ``scopes.SCOPE_KINDS``
    scope_key = models.CharField(max_length=60, help_text="The scope's id, or the district.")
    scope_name = models.CharField(max_length=250)
    scope_slug = models.CharField(max_length=60, blank=True)
    # The service area the scope belongs to, when it belongs to one: who hears of the alert and
    # which managers see it follow from it.
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    week_starting = models.DateField(help_text="The Monday of the week counted.")
    count = models.PositiveIntegerField()
    expected = models.FloatField(help_text="The mean weekly count of the weeks before.")
    p_value = models.FloatField(help_text="How likely a count this high was by chance.")
    # The weekly counts the test read, oldest first, the week counted last: the chart and its
    # table show exactly these.
    series = models.JSONField(default=list)
    status = models.CharField(max_length=12, choices=AlertStatus.choices, default=AlertStatus.NEW)
    note = models.TextField(blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    # The learning action it was turned into, if it was (an area or directorate alert too:
    # whoever turns it names the service area that owns the change).
    learning_action = models.ForeignKey(
        "learning.LearningAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trend_alerts",
    )
    created_at = StampedAt(auto_now_add=True)

    class Meta:
        ordering = ["-week_starting", "p_value", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope_kind", "scope_key", "week_starting"], name="trend_alert_once"
            )
        ]
        indexes = [models.Index(fields=["status", "week_starting"], name="trend_alert_status")]

    def __str__(self) -> str:
        return f"{self.scope_name}, week starting {self.week_starting}"


class TrendRun(models.Model):
    """That a week has been looked at, so the weekly job looks at each week once."""

    week_starting = models.DateField(unique=True)
    ran_at = StampedAt(auto_now_add=True)
    alerts = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"week starting {self.week_starting}: {self.alerts} alerts"
