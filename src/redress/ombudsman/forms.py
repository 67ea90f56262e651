"""The Ombudsman casework forms. As with the staff forms, they check only the shape of what
was typed; the rules that depend on the case are the services'."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.ombudsman.models import (
    DECISIONS_BY_BODY,
    Body,
    OmbudsmanCase,
    RecommendationKind,
    RequestKind,
)
from redress.ombudsman.services import default_body
from redress.staff.fields import GovukDateField
from redress.staff.forms.common import required_error


class OmbudsmanForm(forms.Form):
    """Every form knows the Ombudsman case it is about, if there is one yet."""

    def __init__(self, *args: Any, ombudsman_case: OmbudsmanCase | None, **kwargs: Any):
        self.ombudsman_case = ombudsman_case
        super().__init__(*args, **kwargs)


class ReferForm(OmbudsmanForm):
    body = forms.ChoiceField(
        label="Which Ombudsman is looking at the complaint?",
        choices=Body.choices,
        widget=forms.RadioSelect,
        error_messages=required_error("Choose which Ombudsman is looking at the complaint"),
    )
    reference = forms.CharField(
        label="The Ombudsman's reference",
        max_length=40,
        error_messages={
            "required": "Enter the Ombudsman's reference",
            "max_length": "The Ombudsman's reference must be 40 characters or fewer",
        },
    )
    notified_on = GovukDateField(what="the Ombudsman told us", label="Date the Ombudsman told us")

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["body"].initial = default_body()


class RequestForm(OmbudsmanForm):
    kind = forms.ChoiceField(
        label="What has the Ombudsman sent?",
        choices=RequestKind.choices,
        widget=forms.RadioSelect,
        error_messages=required_error("Choose what the Ombudsman has sent"),
    )
    description = forms.CharField(
        label="What it asks for (optional)",
        max_length=300,
        required=False,
        widget=forms.Textarea,
        error_messages={"max_length": "What it asks for must be 300 characters or fewer"},
    )
    received_on = GovukDateField(what="it was received", label="Date received")
    due_on = GovukDateField(
        what="it is due", label="Date the Ombudsman wants an answer by", allow_future=True
    )


class AnswerForm(OmbudsmanForm):
    on = GovukDateField(what="it was answered", label="Date we answered")


class DecisionForm(OmbudsmanForm):
    decision = forms.ChoiceField(
        label="What did the Ombudsman decide?",
        widget=forms.RadioSelect,
        error_messages=required_error("Choose what the Ombudsman decided"),
    )
    decided_on = GovukDateField(what="of the decision", label="Date of the decision")
    remedy_already_provided = forms.TypedChoiceField(
        label="Had we already provided a satisfactory remedy before the Ombudsman decided?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages=required_error(
            "Choose yes if we had already provided a satisfactory remedy"
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # Only the decisions the case's Ombudsman makes are offered.
        body = self.ombudsman_case.body if self.ombudsman_case else Body.LGSCO
        field = self.fields["decision"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(d.value, d.label) for d in DECISIONS_BY_BODY[body]]


class RecommendationForm(OmbudsmanForm):
    kind = forms.ChoiceField(
        label="What kind of recommendation is it?",
        choices=RecommendationKind.choices,
        widget=forms.RadioSelect,
        error_messages=required_error("Choose what kind of recommendation it is"),
    )
    description = forms.CharField(
        label="What did the Ombudsman recommend?",
        widget=forms.Textarea,
        error_messages=required_error("Enter what the Ombudsman recommended"),
    )
    due_on = GovukDateField(what="it is due", label="Date it must be done by", allow_future=True)


class CompleteRecommendationForm(OmbudsmanForm):
    on = GovukDateField(what="it was done", label="Date it was done")
    evidence = forms.CharField(
        label="Evidence that it was done",
        help_text="The Ombudsman asks for evidence of compliance: say what was sent to them.",
        widget=forms.Textarea,
        error_messages=required_error("Enter the evidence that it was done"),
    )
