"""What an administrator sets for the whole organisation, kept in the database so it is
changed from the settings pages rather than by redeploying. One row; any value left empty
falls back to the deployment's setting (``REDRESS[...]``)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from redress.core.stamps import StampedAt

COMPLAINT_CODES = [
    ("housing", "The Housing Ombudsman's Complaint Handling Code"),
    ("lgsco", "The Local Government and Social Care Ombudsman's Complaint Handling Code"),
]


class OrganisationSettings(models.Model):
    earliest_receipt_date = models.DateField(
        "Earliest date a case can have been received",
        null=True,
        blank=True,
        help_text="A case dated before this is refused, so a mistyped year is caught.",
    )
    complaint_code = models.CharField(
        "Complaint Handling Code to assess against",
        max_length=8,
        choices=COMPLAINT_CODES,
        default="lgsco",
    )
    ombudsman_name = models.CharField(
        "Our name in the Ombudsman's published figures",
        max_length=200,
        blank=True,
        help_text="As the LGSCO's annual review spells it, to find our row among the figures.",
    )
    updated_at = StampedAt(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "organisation settings"
        verbose_name_plural = "organisation settings"

    def __str__(self) -> str:
        return "Organisation settings"

    @classmethod
    def current(cls) -> OrganisationSettings:
        """The one row, made on first use."""
        row, _ = cls.objects.get_or_create(pk=1)
        return row

    @classmethod
    def earliest_receipt_date_set(cls) -> dt.date | None:
        return cls.objects.filter(pk=1).values_list("earliest_receipt_date", flat=True).first()
