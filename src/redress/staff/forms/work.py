"""The Find cases filter form.

Rules that depend on the case live in the service functions; these forms check only the shape
of what was typed, and name each field in GOV.UK wording."""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.db.models import Min
from django.urls import reverse

from redress.accounts.models import User
from redress.cases.kinds import (
    Channel,
    Kind,
    Status,
)
from redress.cases.models import Category, Service
from redress.cases.timeliness import stage_label
from redress.procedures.models import ProcedureStage
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
    at_stage = forms.ChoiceField(
        label="Has been at",
        required=False,
        help_text="Cases that reached this stage, wherever they are now",
    )
    late = forms.BooleanField(
        label="Only those answered late at that stage, or past its deadline unanswered",
        required=False,
        help_text="Late against the stage's time limit before any extension",
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
        cast(forms.ChoiceField, self.fields["handler"]).choices = [
            ("", "Anyone"),
            ("me", "Me"),
            ("none", "Nobody yet"),
            *_handler_choices(),
        ]
        # Read as values in one query each, not as a model each through a server cursor.
        for name, model in (("service", Service), ("category", Category)):
            field = cast("forms.ModelChoiceField[Any]", self.fields[name])
            field.choices = [("", field.empty_label), *model.objects.values_list("pk", "name")]
        keys = (
            ProcedureStage.objects.values("key")
            .annotate(first=Min("position"))
            .order_by("first", "key")
            .values_list("key", flat=True)
        )
        cast(forms.ChoiceField, self.fields["at_stage"]).choices = [("", "Any stage")] + [
            (key, stage_label(key)) for key in keys
        ]

    def clean(self) -> dict[str, Any]:
        data = cast("dict[str, Any]", super().clean())
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error(
                "received_to",
                "Received on or before must be the same as or after received on or after",
            )
        if data.get("late") and not data.get("at_stage"):
            self.add_error("at_stage", "Choose the stage to find cases answered late at")
        return data


def _handler_choices() -> list[tuple[str, str]]:
    """Everyone who may handle a case, by name: read as values, since the list is read on
    every Find cases request and a model per member of staff cost more than the query."""
    staff = (
        User.objects.filter(is_active=True)
        .exclude(role="")
        .order_by("first_name", "last_name")
        .values_list("pk", "first_name", "last_name", "username")
    )
    return [(str(pk), User.name_from(*names)) for pk, *names in staff]


def find_cases_url(**filters: Any) -> str:
    """The Find cases address showing these filters, each named and written the way
    ``CaseFilterForm`` reads it: dates as ``<name>-day``, ``-month`` and ``-year``, service
    areas and categories by id, yes/no filters as ``1``. Other pages (the report dashboard)
    build their links with this, so a link can never use a name the form ignores."""
    params: list[tuple[str, object]] = []
    for name, value in filters.items():
        field = CaseFilterForm.base_fields.get(name)
        if field is None:
            raise ValueError(f"Find cases has no filter called {name!r}")
        if value in (None, "", False):
            continue
        if isinstance(field, GovukDateField):
            params += [(f"{name}-day", value.day), (f"{name}-month", value.month)]
            params.append((f"{name}-year", value.year))
        elif isinstance(field, forms.ModelChoiceField):
            params.append((name, value.pk))
        elif isinstance(field, forms.BooleanField):
            params.append((name, "1"))
        else:
            params.append((name, value))
    query = urlencode(params)
    return reverse("staff:case_list") + (f"?{query}" if query else "")
