from __future__ import annotations

from django import forms

from redress.inbound.services import REASON_MAX


class AddToCaseForm(forms.Form):
    reference = forms.CharField(
        label="Case reference",
        max_length=20,
        help_text="For example, CMP-2026-000042",
        error_messages={"required": "Enter the reference of the case to add the email to"},
    )


class DismissForm(forms.Form):
    reason = forms.CharField(
        label="Why does this email need no case?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX,
        error_messages={
            "required": "Enter why this email needs no case",
            "max_length": f"The reason must be {REASON_MAX} characters or fewer",
        },
    )
