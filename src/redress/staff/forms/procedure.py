"""Forms of the statutory procedure pages: moving a case to another procedure, and the steps
and people the statutory procedures record on a stage."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.cases.kinds import Kind
from redress.cases.models import Category, Service
from redress.procedures.models import Procedure
from redress.staff.fields import GovukDateField
from redress.staff.forms.common import CaseActionForm, required_error


class MoveProcedureForm(CaseActionForm):
    procedure = forms.ModelChoiceField(
        label="Move the case to",
        queryset=Procedure.objects.none(),
        empty_label="Choose a procedure",
        error_messages={
            "required": "Choose the procedure to move the case to",
            "invalid_choice": "Choose a procedure from the list",
        },
    )
    reason = forms.CharField(
        label="Why is the case moving?",
        help_text="For example: the complaint turns out to be about a child's care.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        error_messages={
            **required_error("Enter why the case is moving to this procedure"),
            "max_length": "The reason must be 500 characters or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["procedure"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Procedure.objects.filter(is_active=True).exclude(
            pk=self.case.procedure_version.procedure_id
        )


class StagePeopleForm(CaseActionForm):
    """One name field for each person the stage names (from the procedure's data)."""

    def __init__(self, *args: Any, roles: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for role, label in roles:
            self.fields[role] = forms.CharField(
                label=f"{label} (full name)",
                required=False,
                max_length=200,
                error_messages={
                    "max_length": f"The {label.lower()}'s name must be 200 characters or fewer"
                },
            )


class StepDoneForm(CaseActionForm):
    on = GovukDateField(what="it happened", label="Date")


class AgreedDateForm(CaseActionForm):
    respond_by = GovukDateField(
        what="agreed for the response",
        label="Date agreed for the response",
        allow_future=True,
        help_text="The date you and the person agreed the response will be sent by. "
        "For example, 27 3 2027",
    )


class DelayLetterForm(CaseActionForm):
    on = GovukDateField(what="the letter was sent", label="Date the letter was sent")


class RouteForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of case",
        choices=[("", "Choose a kind"), *Kind.choices],
        error_messages=required_error("Choose the kind of case"),
    )
    service = forms.ModelChoiceField(
        label="Service area",
        queryset=Service.objects.filter(is_active=True),
        empty_label="Choose a service area",
        error_messages={
            "required": "Choose the service area",
            "invalid_choice": "Choose a service area from the list",
        },
    )
    category = forms.ModelChoiceField(
        label="Category (optional)",
        help_text="Only for cases in this category. Leave as 'Every category' for the whole "
        "service area.",
        queryset=Category.objects.filter(is_active=True).select_related("service"),
        required=False,
        empty_label="Every category",
        error_messages={"invalid_choice": "Choose a category from the list"},
    )
    procedure = forms.ModelChoiceField(
        label="Procedure",
        queryset=Procedure.objects.filter(is_active=True),
        empty_label="Choose a procedure",
        error_messages={
            "required": "Choose the procedure",
            "invalid_choice": "Choose a procedure from the list",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["category"].label_from_instance = lambda c: (  # type: ignore[attr-defined]
            f"{c.name} ({c.service.name})" if c.service_id else c.name
        )
