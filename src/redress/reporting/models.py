from django.conf import settings
from django.db import models


class Compliance(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class ReportNote(models.Model):
    """Free text an officer writes for a financial year's report: a Code provision's
    self-assessment, or a section the data cannot fill (service improvements, the Ombudsman's
    annual letter). Aggregate and anonymised only: it is published."""

    year = models.PositiveSmallIntegerField(help_text="The financial year's first calendar year.")
    key = models.CharField(max_length=60)
    compliance = models.CharField(max_length=8, choices=Compliance.choices, blank=True)
    text = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "key"], name="report_note_once")]

    def __str__(self) -> str:
        return f"{self.year} {self.key}"
