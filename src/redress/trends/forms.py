from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.staff.forms.common import required_error
from redress.trends.access import service_choices_for
from redress.trends.models import AlertStatus, TrendAlert
from redress.trends.scopes import SCOPE_KINDS
from redress.trends.services import NOTE_MAX


class AcknowledgeForm(forms.Form):
    prefix = "acknowledge"
    note = forms.CharField(
        label="Note",
        help_text="What you found: the cause, if known, and whether anything needs doing.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX,
        error_messages={
            **required_error("Enter a note saying what you found"),
            "max_length": f"The note must be {NOTE_MAX:,} characters or fewer",
        },
    )


class LearningForm(forms.Form):
    prefix = "learning"
    note = forms.CharField(
        label="What will be learnt from it",
        help_text="The lesson and what will change; it goes into the learning action.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX,
        error_messages={
            **required_error("Enter a note saying what will be learnt from it"),
            "max_length": f"The note must be {NOTE_MAX:,} characters or fewer",
        },
    )
    service = forms.ChoiceField(
        label="Service area that owns the change",
        help_text="Its head of service owns the learning action, due in four weeks; they "
        "can change it on its page.",
        error_messages={
            **required_error("Choose the service area that owns the change"),
            "invalid_choice": "Choose the service area that owns the change from the list",
        },
    )

    def __init__(self, *args: Any, user: Any, alert: TrendAlert, **kwargs: Any):
        choices = [(s.slug, s.name) for s in service_choices_for(user).order_by("name")]
        # The alert's own service area, when it has one the person may choose.
        own = alert.service.slug if alert.service else ""
        if own in dict(choices):
            kwargs.setdefault("initial", {"service": own})
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["service"]).choices = [
            ("", "Choose a service area"),
            *choices,
        ]


class AlertFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *AlertStatus.choices],
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
    scope = forms.ChoiceField(
        label="Scope",
        required=False,
        choices=[("", "Any scope"), *[(k.kind, k.label) for k in SCOPE_KINDS]],
        error_messages={"invalid_choice": "Choose a scope from the list"},
    )
