"""Forms of the statutory procedure pages: moving a case to another procedure, and the steps
and people the statutory procedures record on a stage."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.procedures.models import Procedure
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
