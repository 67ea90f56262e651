"""The forms for writing, reviewing and sending a response draft.

Rules that depend on the case live in the service functions; these forms check only the shape
of what was typed, and name each field in GOV.UK wording."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.cases.kinds import (
    Outcome,
    response_outcomes_for,
)
from redress.cases.models import Case
from redress.staff.fields import GovukDateField
from redress.staff.forms.common import CaseActionForm, required_error
from redress.staff.models import ResponseDraft


class SendDraftForm(CaseActionForm):
    on = GovukDateField(what="of the response", label="Date of the response")


class DraftForm(forms.ModelForm):  # type: ignore[type-arg]  # generic only in django-stubs
    outcome = forms.ChoiceField(label="Decision", widget=forms.RadioSelect, required=False)

    class Meta:
        model = ResponseDraft
        fields = ["outcome", *ResponseDraft.SECTIONS]
        widgets = {name: forms.Textarea for name in ResponseDraft.SECTIONS}

    def __init__(self, *args: Any, case: Case, **kwargs: Any):
        super().__init__(*args, **kwargs)
        allowed = response_outcomes_for(case.kind)
        cast(forms.ChoiceField, self.fields["outcome"]).choices = [
            (o.value, Outcome(o).label) for o in allowed
        ]
        self.fields["definition"].help_text = "Restate the complaint and the outcomes sought."
        self.fields[
            "outstanding_actions"
        ].help_text = "Say what is still to be done and by when, or that nothing is."


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve it to be sent"), ("return", "Return it with comments")],
        widget=forms.RadioSelect,
        error_messages=required_error("Choose whether to approve or return the draft"),
    )
    comments = forms.CharField(
        label="Comments",
        widget=forms.Textarea,
        required=False,
        help_text="Needed when you return the draft: say what should change.",
    )
