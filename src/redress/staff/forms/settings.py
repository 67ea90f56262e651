"""The forms of the settings pages: message templates, the jargon list and the organisation's
settings.

Rules that depend on the case live in the service functions; these forms check only the shape
of what was typed, and name each field in GOV.UK wording."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms

from redress.core.dates import long_date
from redress.core.models import COMPLAINT_CODES
from redress.staff.fields import GovukDateField
from redress.staff.letters import PLACEHOLDERS, unknown_placeholders
from redress.staff.models import JargonTerm, MessageTemplate


class MessageTemplateForm(forms.ModelForm):  # type: ignore[type-arg]  # generic only in django-stubs
    class Meta:
        model = MessageTemplate
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea}
        error_messages = {
            "subject": {"required": "Enter the subject"},
            "body": {"required": "Enter the wording of the letter or email"},
        }

    def clean(self) -> dict[str, Any]:
        data = cast("dict[str, Any]", super().clean())
        for name in ("subject", "body"):
            unknown = unknown_placeholders(data.get(name) or "")
            if unknown:
                self.add_error(
                    name,
                    "Use only the placeholders listed: "
                    + ", ".join("{" + u + "}" for u in unknown)
                    + " is not one of them",
                )
        return data


PLACEHOLDER_HELP = PLACEHOLDERS

# No council's complaint records reach back further; an earlier date is a typing slip.
EARLIEST_SENSIBLE = dt.date(1990, 1, 1)


class JargonTermForm(forms.ModelForm):  # type: ignore[type-arg]  # generic only in django-stubs
    class Meta:
        model = JargonTerm
        fields = ["term", "instead"]
        error_messages = {
            "term": {
                "required": "Enter the word or phrase",
                "unique": "That word or phrase is already on the list",
            },
        }


class OrganisationSettingsForm(forms.Form):
    earliest_receipt_date = GovukDateField(
        what="before which no case can have been received",
        label="Earliest date a case can have been received",
        help_text="Cases logged with an earlier date received are refused, so a mistyped year "
        "is caught. Cases already logged are not changed. For example, 1 4 2015",
    )

    complaint_code = forms.ChoiceField(
        label="Complaint Handling Code to assess against",
        help_text="The annual report's self-assessment lists this Code's provisions.",
        choices=COMPLAINT_CODES,
        widget=forms.RadioSelect,
        required=False,  # left unchosen, the Code stays as it was
    )
    ombudsman_name = forms.CharField(
        label="Our name in the Ombudsman's published figures",
        help_text="As the LGSCO's annual review spells it. Left empty, the organisation's "
        "name is used.",
        max_length=200,
        required=False,
        error_messages={"max_length": "Our name must be 200 characters or fewer"},
    )

    def clean_earliest_receipt_date(self) -> dt.date:
        day = cast(dt.date, self.cleaned_data["earliest_receipt_date"])
        if day < EARLIEST_SENSIBLE:
            raise forms.ValidationError(
                "The earliest date a case can have been received must be on or after "
                f"{long_date(EARLIEST_SENSIBLE)}"
            )
        return day
