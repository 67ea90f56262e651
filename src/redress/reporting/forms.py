"""Forms for what administrators enter for the reports: the number of homes, and the
Ombudsman's published figures with the neighbour group to compare with."""

from __future__ import annotations

from django import forms

from redress.staff.fields import GovukDateField

MAX_HOMES = 10_000_000


class HomesCountForm(forms.Form):
    on = GovukDateField(
        what="the count applies from",
        allow_future=True,  # a count can be entered ahead, for the year-end figure
        label="Date the count applies from",
        help_text="CH01 uses the latest count on or before the last day of the period. "
        "For example, 31 3 2026",
    )
    count = forms.IntegerField(
        label="Number of homes",
        help_text="Homes you own or manage, as reported to the Regulator of Social Housing.",
        min_value=1,
        max_value=MAX_HOMES,
        # GOV.UK's advice: a text box with a numeric keypad, not type="number".
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the number of homes",
            "invalid": "The number of homes must be a whole number, like 12500",
            "min_value": "The number of homes must be 1 or more",
            "max_value": f"The number of homes must be {MAX_HOMES:,} or fewer",
        },
    )


class BenchmarkUploadForm(forms.Form):
    year = forms.IntegerField(
        label="Year the figures cover",
        help_text="The year it starts: 2025 for the review of April 2025 to March 2026.",
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the year the figures cover",
            "invalid": "The year must be a whole number, like 2025",
            "min_value": "The year must be 2000 or later",
            "max_value": "The year must be 2100 or earlier",
        },
    )
    file = forms.FileField(
        label="CSV file of the Ombudsman's figures",
        help_text="Columns: organisation, complaints decided, detailed investigations, upheld, "
        "upheld rate, compliance rate, satisfactory remedy rate.",
        error_messages={
            "required": "Choose the CSV file of the Ombudsman's figures",
            "empty": "The file is empty: choose the CSV of the Ombudsman's figures.",
        },
    )


class NeighboursForm(forms.Form):
    neighbours = forms.MultipleChoiceField(
        label="Neighbouring councils to compare with",
        help_text="Choose from the organisations in the imported figures.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: object, organisations: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["neighbours"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(name, name) for name in organisations]
        field.error_messages["invalid_choice"] = (
            "Choose neighbours from the organisations in the imported figures"
        )
