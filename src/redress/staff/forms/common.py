"""Shared pieces of the staff forms: every case action form carries the case's version.

Rules that depend on the case live in the service functions; these forms check only the shape
of what was typed, and name each field in GOV.UK wording."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.cases.models import Case


def required_error(message: str) -> dict[str, str]:
    """The message for a field left empty, in the error_messages form Django takes."""
    return {"required": message}


class CaseActionForm(forms.Form):
    """Every action form carries the version of the case it was opened on."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, case: Case, user: Any, **kwargs: Any):
        self.case = case
        self.user = user
        super().__init__(*args, **kwargs)
