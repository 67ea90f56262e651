"""The Find cases filter form.

Rules that depend on the case live in the service functions; these forms check only the shape
of what was typed, and name each field in GOV.UK wording."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.accounts.models import User
from redress.cases.kinds import (
    Channel,
    Kind,
    Status,
)
from redress.cases.models import Category, Service
from redress.staff.fields import GovukDateField


class CaseFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Reference, name, email address or words in the complaint",
    )
    kind = forms.ChoiceField(
        label="Kind", choices=[("", "Any kind"), *Kind.choices], required=False
    )
    status = forms.ChoiceField(
        label="Status", choices=[("", "Any status"), *Status.choices], required=False
    )
    stage = forms.TypedChoiceField(
        label="Stage",
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "Any stage"), ("1", "Stage 1"), ("2", "Stage 2"), ("3", "Stage 3")],
    )
    service = forms.ModelChoiceField(
        label="Service area",
        queryset=Service.objects.all(),
        required=False,
        empty_label="Any service area",
    )
    category = forms.ModelChoiceField(
        label="Category",
        queryset=Category.objects.all(),
        required=False,
        empty_label="Any category",
    )
    handler = forms.ChoiceField(label="Handler", required=False)
    channel = forms.ChoiceField(
        label="Received by", choices=[("", "Any channel"), *Channel.choices], required=False
    )
    received_from = GovukDateField(
        what="received from", label="Received on or after", required=False, allow_future=True
    )
    received_to = GovukDateField(
        what="received to", label="Received on or before", required=False, allow_future=True
    )
    overdue = forms.BooleanField(label="Only overdue cases", required=False)
    due_within = forms.IntegerField(
        label="Due within (working days)",
        required=False,
        min_value=0,
        max_value=60,
        error_messages={
            "invalid": "Due within must be a whole number of working days, like 5",
            "min_value": "Due within must be 0 or more",
            "max_value": "Due within must be 60 working days or fewer",
        },
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("due", "Next deadline"),
            ("received", "Newest first"),
            ("oldest", "Oldest first"),
            ("reference", "Reference"),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        staff = (
            User.objects.filter(is_active=True).exclude(role="").order_by("first_name", "last_name")
        )
        cast(forms.ChoiceField, self.fields["handler"]).choices = [
            ("", "Anyone"),
            ("me", "Me"),
            ("none", "Nobody yet"),
        ] + [(str(u.pk), u.display_name) for u in staff]

    def clean(self) -> dict[str, Any]:
        data = cast("dict[str, Any]", super().clean())
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error(
                "received_to",
                "Received on or before must be the same as or after received on or after",
            )
        return data
