"""The forms of subject access and redaction; they check shape only, the services the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.staff.forms.common import required_error


class FindPersonForm(forms.Form):
    q = forms.CharField(
        label="Name or email address",
        max_length=200,
        required=False,
        help_text="For example Joanne Smith, or joanne@example.com",
        error_messages={"max_length": "The name or email address must be 200 characters or fewer."},
    )


class ExemptionForm(forms.Form):
    item = forms.ChoiceField(
        label="What to withhold",
        widget=forms.RadioSelect,
        error_messages=required_error("Choose what to withhold."),
    )
    reason = forms.CharField(
        label="Why it is withheld",
        help_text="The exemption that applies, for example: another person's information, "
        "legal advice, or crime prevention.",
        widget=forms.Textarea,
        max_length=500,
        error_messages=required_error(
            "Enter why it is withheld, for example the exemption that applies."
        ),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["item"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class RedactForm(forms.Form):
    item = forms.ChoiceField(
        label="Which text the passage is in",
        widget=forms.RadioSelect,
        error_messages=required_error("Choose the text the passage is in."),
    )
    passage = forms.CharField(
        label="The passage to redact",
        help_text='Copy and paste it exactly as it appears. It is replaced with "[redacted]" '
        "wherever the case holds it, and cannot be recovered.",
        widget=forms.Textarea,
        strip=False,
        error_messages=required_error("Enter the passage to redact, copied exactly from the text."),
    )
    reason = forms.CharField(
        label="Why it is redacted",
        widget=forms.Textarea,
        max_length=500,
        error_messages=required_error("Enter why the passage is redacted."),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["item"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
