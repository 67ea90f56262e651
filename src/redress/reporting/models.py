from django.conf import settings
from django.db import models

from redress.core.stamps import StampedAt


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
    updated_at = StampedAt(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "key"], name="report_note_once")]

    def __str__(self) -> str:
        return f"{self.year} {self.key}"


# --- the figures store ----------------------------------------------------------------------
# Reports read counts kept per day (and per month) received, service, kind and procedure
# instead of scanning every case: see reporting/rollup.py and docs/reporting.md.


class Grain(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"


class SliceCounts(models.Model):
    """What every count in the store is counted by: the day or month its cases were
    received, their service, kind and procedure."""

    grain = models.CharField(max_length=5, choices=Grain.choices)
    starts_on = models.DateField(help_text="The day, or the first day of the month.")
    service = models.ForeignKey("cases.Service", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    procedure = models.ForeignKey(
        "procedures.Procedure", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True


class CaseCount(SliceCounts):
    """Unrestricted cases received in one day or month, in one service, of one kind and
    procedure, counted by one facet's value: each case is counted once per facet."""

    facet = models.CharField(max_length=12)
    value = models.CharField(max_length=40, blank=True)
    cases = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["grain", "starts_on", "service"], name="case_count_at")]

    def __str__(self) -> str:
        return f"{self.starts_on} {self.grain} {self.facet}={self.value}: {self.cases}"


class StageCount(SliceCounts):
    """Stages of unrestricted cases received in one day or month, per service, kind,
    procedure and stage key: the stage figures that do not depend on today's date."""

    key = models.CharField(max_length=40)
    number = models.PositiveSmallIntegerField()
    opened = models.PositiveIntegerField()
    acknowledged_with_target = models.PositiveIntegerField()
    acknowledged = models.PositiveIntegerField()
    acknowledged_within_target = models.PositiveIntegerField()
    responded_with_target = models.PositiveIntegerField()
    responded = models.PositiveIntegerField()
    responded_within_target = models.PositiveIntegerField()
    responded_within_extended_target = models.PositiveIntegerField()
    extended = models.PositiveIntegerField()
    escalated = models.PositiveIntegerField()
    defined = models.PositiveIntegerField()
    # The Code's stage 2 independence check: second stages with a handler, and those whose
    # handler also handled the case's first stage.
    second_handled = models.PositiveIntegerField(default=0)
    second_same_handler = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["grain", "starts_on", "service"], name="stage_count_at")]

    def __str__(self) -> str:
        return f"{self.starts_on} {self.grain} {self.key}: {self.opened} opened"


class StageEventCount(SliceCounts):
    """Stages of unrestricted cases received in one day or month, per service, kind,
    procedure and stage key, counted by the months they opened and were answered: the
    Regulator's CH01 and CH02 count stages by those dates, not by when the case came in."""

    key = models.CharField(max_length=40)
    opened_in = models.DateField(help_text="The first day of the month the stages opened.")
    answered_in = models.DateField(
        null=True, blank=True, help_text="The first day of the month they were answered."
    )
    stages = models.PositiveIntegerField()
    answered_on_time = models.PositiveIntegerField(help_text="By the (extended) due date.")

    class Meta:
        indexes = [
            models.Index(fields=["grain", "starts_on", "service"], name="stage_event_count_at")
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} {self.key} opened {self.opened_in}: {self.stages}"


class Waiting(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledge", "Stages not yet acknowledged, by acknowledgement due date"
    RESPONSE = "respond", "Stages not yet answered, by response due date"
    OPEN_STAGE = "open_stage", "Unanswered stages of open cases, by the case's next due date"
    OPEN_CASE = "open_case", "Open cases, by their next due date"


class WaitingCount(SliceCounts):
    """What is still waiting in one day or month's unrestricted cases, by the date it is due:
    whether it is late depends on today's date, so readers compare ``due_on`` with it."""

    waiting = models.CharField(max_length=12, choices=Waiting.choices)
    key = models.CharField(max_length=40, blank=True, help_text="Blank for open cases.")
    number = models.PositiveSmallIntegerField()
    due_on = models.DateField(null=True, blank=True)
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["grain", "starts_on", "service"], name="waiting_count_at")]

    def __str__(self) -> str:
        return f"{self.starts_on} {self.grain} {self.waiting} {self.key} due {self.due_on}"


class ChangedSlice(models.Model):
    """A day and service whose counts must be rebuilt. Database triggers on cases and stages
    write these rows in the same transaction as the change (migration 0004), so no change,
    however it is made, can be missed."""

    received_on = models.DateField()
    service_id = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.received_on} service {self.service_id}"


# --- what officers enter for the reports ------------------------------------------------------


class HomesCount(models.Model):
    """How many homes the organisation owns or manages on a date: CH01 divides by the count
    held on the last day of the period (the latest entered on or before it)."""

    on = models.DateField("Date", unique=True)
    count = models.PositiveIntegerField("Number of homes")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = StampedAt(auto_now=True)

    class Meta:
        ordering = ["-on"]

    def __str__(self) -> str:
        return f"{self.count} homes on {self.on}"


class BenchmarkFigure(models.Model):
    """One organisation's figures in the LGSCO's annual review for a year (1 April to 31 March),
    imported from its published table (``reporting.benchmarks``). Rates are percentages."""

    year = models.PositiveSmallIntegerField(help_text="The year's first calendar year.")
    organisation = models.CharField(max_length=200)
    complaints_decided = models.PositiveIntegerField()
    detailed_investigations = models.PositiveIntegerField()
    upheld = models.PositiveIntegerField()
    upheld_rate = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    compliance_rate = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    satisfactory_remedy_rate = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = StampedAt(auto_now=True)

    class Meta:
        ordering = ["year", "organisation"]
        constraints = [
            models.UniqueConstraint(fields=["year", "organisation"], name="benchmark_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"


class BenchmarkNeighbour(models.Model):
    """An organisation an administrator compares the council with, by its name in the
    imported figures."""

    organisation = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["organisation"]

    def __str__(self) -> str:
        return self.organisation
