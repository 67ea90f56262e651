"""The forms of the settings pages: message templates and the jargon list.

Rules that depend on the case live in the service functions; these forms check only the shape
of what was typed, and name each field in GOV.UK wording."""

from __future__ import annotations

from typing import Any, cast

from django import forms

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
