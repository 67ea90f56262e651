"""An import file uploaded on the administrators' page, kept between its dry run and the
administrator's confirmation."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from redress.core.stamps import StampedAt


def upload_path(instance: ImportFile, filename: str) -> str:
    # The stored name is not the uploaded one: no user text reaches the file system.
    return f"imports/{instance.token}"


class ImportFile(models.Model):
    class State(models.TextChoices):
        CHECKED = "checked", "Checked, not imported"
        IMPORTED = "imported", "Imported"

    token = models.CharField(max_length=32, unique=True)
    file = models.FileField(upload_to=upload_path)
    original_name = models.CharField(max_length=200)
    mapping = models.CharField(max_length=60, blank=True, help_text="A shipped mapping's name.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = StampedAt(auto_now_add=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.CHECKED)
    # What the dry run found (ImportResult's counts and first problems), then what the import did.
    checked = models.JSONField(default=dict)
    imported = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.original_name
