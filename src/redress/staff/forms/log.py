"""The form for logging a case received by phone, letter, email or in person.

Rules that depend on the case live in the service functions; these forms check only the shape
of what was typed, and name each field in GOV.UK wording."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.cases.kinds import (
    Channel,
    Kind,
    NotAcceptedReason,
)
from redress.cases.models import Category, Service
from redress.procedures.models import Procedure
from redress.staff.fields import GovukDateField
from redress.staff.forms import records
from redress.staff.forms.common import required_error
from redress.staff.forms.representative import FIELDS as REPRESENTATIVE
from redress.staff.forms.representative import check_representative, ignore_unless_ticked


class LogCaseForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is it?",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        help_text="A complaint is dissatisfaction with our service, action or lack of action, "
        "however it is put; the word 'complaint' need not be used. A service request asks us to "
        "provide or fix something for the first time. If in doubt, treat it as a complaint.",
        error_messages=required_error("Choose what kind of case this is"),
    )
    channel = forms.ChoiceField(
        label="How was it received?",
        choices=[c for c in Channel.choices if c[0] != Channel.WEB],
        widget=forms.RadioSelect,
        error_messages=required_error("Choose how it was received"),
    )
    received_on = GovukDateField(what="received", label="Date received")
    received_time = forms.TimeField(
        label="Time received (optional)",
        required=False,
        help_text="For example, 14:30",
        error_messages={"invalid": "Enter the time received as hours and minutes, like 14:30"},
    )
    person_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages=required_error("Enter the person's name"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    person_email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    person_phone = forms.CharField(label="Phone number", max_length=40, required=False)
    person_address = forms.CharField(label="Postal address", widget=forms.Textarea, required=False)
    on_behalf = forms.BooleanField(
        label="Someone is contacting us on the person's behalf", required=False
    )
    representative_name = REPRESENTATIVE["representative_name"]
    representative_relationship = REPRESENTATIVE["representative_relationship"]
    representative_consent_on = REPRESENTATIVE["representative_consent_on"]
    representative_email = REPRESENTATIVE["representative_email"]
    representative_phone = REPRESENTATIVE["representative_phone"]
    representative_address = REPRESENTATIVE["representative_address"]
    correspondence_to = REPRESENTATIVE["correspondence_to"]
    service = forms.ModelChoiceField(
        label="Service area",
        queryset=Service.objects.filter(is_active=True),
        empty_label="Choose a service area",
        error_messages={
            "required": "Choose the service area the case is about",
            "invalid_choice": "Choose a service area from the list",
        },
    )
    category = forms.ModelChoiceField(
        label="Category (optional)",
        queryset=Category.objects.filter(is_active=True).select_related("service"),
        required=False,
        empty_label="No category",
        error_messages={"invalid_choice": "Choose a category from the list"},
    )
    procedure = forms.ModelChoiceField(
        label="Procedure",
        queryset=Procedure.objects.filter(is_active=True),
        required=False,
        empty_label="The usual procedure for this kind and service area",
        help_text="Chosen from the kind of case and the service area. Choose another only if "
        "the case needs it, and say why.",
        error_messages={"invalid_choice": "Choose a procedure from the list"},
    )
    procedure_reason = forms.CharField(
        label="Why this procedure? (if not the usual one)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=500,
        error_messages={"max_length": "The reason must be 500 characters or fewer"},
    )
    summary = forms.CharField(
        label="Summary",
        max_length=200,
        help_text="One line, 200 characters at most.",
        error_messages={
            "required": "Enter a short summary of what the case is about",
            "max_length": "The summary must be 200 characters or fewer",
        },
    )
    description = forms.CharField(label="What happened", widget=forms.Textarea, required=False)
    outcome_sought = forms.CharField(
        label="What does the person want to happen?", widget=forms.Textarea, required=False
    )
    accepted = forms.ChoiceField(
        label="Is it accepted under the procedure?",
        choices=[("yes", "Yes"), ("no", "No, it is excluded")],
        widget=forms.RadioSelect,
        initial="yes",
        error_messages=required_error("Choose whether the case is accepted"),
    )
    not_accepted_reason = forms.ChoiceField(
        label="If not, why not?",
        choices=[("", "Choose a reason"), *NotAcceptedReason.choices],
        required=False,
    )
    not_accepted_detail = forms.CharField(
        label="Explain the exclusion", widget=forms.Textarea, required=False
    )
    adjustment_type = records.logging_adjustment_type()
    adjustment_review_on = records.logging_adjustment_review_on()
    confirm_not_duplicate = forms.BooleanField(
        label="I have checked the cases listed above and this is a new case", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # Django documents overriding label_from_instance on the field instance.
        self.fields["category"].label_from_instance = lambda c: (  # type: ignore[attr-defined]
            f"{c.name} ({c.service.name})" if c.service_id else c.name
        )

    def clean(self) -> dict[str, Any]:
        data = cast("dict[str, Any]", super().clean())
        ignore_unless_ticked(self, bool(data.get("on_behalf")))
        if data.get("on_behalf"):
            check_representative(self, data)
        records.check_logging_adjustment(self, data)
        if data.get("accepted") == "no" and not data.get("not_accepted_reason"):
            self.add_error("not_accepted_reason", "Choose why the case is not accepted")
        if data.get("accepted") == "no" and data.get("kind") not in (Kind.COMPLAINT, None):
            self.add_error("accepted", "Only complaints can be recorded as not accepted")
        return data
