"""Forms for a case's records: remedies and actions with an owner, marking them done,
reasonable adjustments and who may see a restricted case.

They check only the shape of what was typed; the service functions hold the rules (a due
date not before receipt, an owner who can see the case, and so on)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.accounts.models import User
from redress.cases.kinds import RemedyType
from redress.cases.models import AdjustmentType, Service
from redress.staff.fields import GovukDateField
from redress.staff.forms.common import CaseActionForm, required_error


def owner_choices() -> list[tuple[str, str]]:
    """Members of staff by username, then service areas by slug: what ``owner_named`` reads."""
    people = User.objects.filter(is_active=True).exclude(role="").order_by("first_name", "username")
    services = Service.objects.filter(is_active=True).order_by("name")
    return (
        [("", "Choose an owner")]
        + [(p.username, f"{p.display_name} (member of staff)") for p in people]
        + [(s.slug, f"{s.name} (service area)") for s in services]
    )


class _OwnedForm(CaseActionForm):
    owner = forms.ChoiceField(
        label="Who will make sure it is done",
        help_text="They are reminded before it is due and told if it is missed. For a service "
        "area, its head of service hears.",
        error_messages=required_error("Choose who will make sure this is done"),
    )
    due_on = GovukDateField(what="it is due by", label="Due by", allow_future=True)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["owner"]).choices = owner_choices()


class RemedyForm(_OwnedForm):
    type = forms.ChoiceField(
        label="Type of remedy",
        choices=RemedyType.choices,
        widget=forms.RadioSelect,
        error_messages=required_error("Choose the type of remedy"),
    )
    description = forms.CharField(
        label="What will happen",
        widget=forms.Textarea,
        error_messages=required_error("Say what will happen and by when"),
    )
    amount = forms.DecimalField(
        label="Amount in pounds (financial remedies only)",
        required=False,
        max_digits=10,
        decimal_places=2,
        min_value=0,
        error_messages={
            "invalid": "The amount must be a number, like 50 or 50.00",
            "min_value": "The amount cannot be negative",
            "max_digits": "The amount must be less than £100,000,000",
            "max_whole_digits": "The amount must be less than £100,000,000",
            "max_decimal_places": "The amount must be in pounds and pence, like 50.00",
        },
    )
    field_order = ["type", "description", "amount", "owner", "due_on"]


class OutstandingActionForm(_OwnedForm):
    description = forms.CharField(
        label="What still needs to be done",
        widget=forms.Textarea,
        error_messages=required_error("Describe the action still to be done"),
    )
    field_order = ["description", "owner", "due_on"]


class DoneForm(CaseActionForm):
    on = GovukDateField(what="it was done", label="Date it was done")
    note = forms.CharField(
        label="How we know it was done",
        help_text="The evidence: a payment reference, the letter sent, who confirmed it.",
        widget=forms.Textarea,
        max_length=5000,
        error_messages=required_error(
            "Say how we know it was done, for example the payment reference"
        ),
    )


class AdjustmentForm(CaseActionForm):
    type = forms.ModelChoiceField(
        label="Type of adjustment",
        queryset=AdjustmentType.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            **required_error("Choose the type of adjustment"),
            "invalid_choice": "Choose the type of adjustment from the list",
        },
    )
    description = forms.CharField(
        label="What we will do differently (optional)",
        widget=forms.Textarea,
        required=False,
        max_length=2000,
    )
    agreed_on = GovukDateField(what="it was agreed", label="Date agreed")
    review_on = GovukDateField(what="to review it by", label="Review by", allow_future=True)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["type"]
        field.queryset = AdjustmentType.objects.filter(is_active=True)  # type: ignore[attr-defined]


class AdjustmentEndForm(CaseActionForm):
    on = GovukDateField(what="it ends", label="Date it ends")
    reason = forms.CharField(
        label="Why it is ending",
        widget=forms.Textarea,
        max_length=2000,
        error_messages=required_error("Say why the adjustment is ending"),
    )


class AccessForm(CaseActionForm):
    restricted = forms.TypedChoiceField(
        label="Who can see this case",
        choices=[
            ("yes", "Only the people named below (restricted)"),
            ("no", "Everyone whose role lets them see it"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages=required_error("Choose who can see this case"),
    )
    grant = forms.ChoiceField(label="Give access to (optional)", required=False)
    revoke = forms.MultipleChoiceField(
        label="Remove access (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label="Reason",
        help_text="Needed when you restrict the case or open it up. It goes on the timeline.",
        widget=forms.Textarea,
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, people: list[User], **kwargs: Any):
        super().__init__(*args, **kwargs)
        named = {p.pk for p in people}
        others = (
            User.objects.filter(is_active=True)
            .exclude(role="")
            .exclude(pk__in=named)
            .order_by("first_name", "username")
        )
        cast(forms.ChoiceField, self.fields["grant"]).choices = [("", "Nobody else")] + [
            (u.username, f"{u.display_name} ({u.get_role_display()})") for u in others
        ]
        removable = [(p.username, p.display_name) for p in people if p.pk != self.user.pk]
        if removable:
            cast(forms.ChoiceField, self.fields["revoke"]).choices = removable
        else:
            del self.fields["revoke"]


def logging_adjustment_type() -> forms.ModelChoiceField:  # type: ignore[type-arg]
    """The log form's optional adjustment agreed while logging (see ``LogCaseForm``)."""
    return forms.ModelChoiceField(
        label="Reasonable adjustment agreed (optional)",
        queryset=AdjustmentType.objects.filter(is_active=True),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose the type of adjustment from the list"},
    )


def logging_adjustment_review_on() -> GovukDateField:
    return GovukDateField(
        what="to review the adjustment by",
        label="Review the adjustment by",
        required=False,
        allow_future=True,
    )


def check_logging_adjustment(form: forms.Form, data: dict[str, Any]) -> None:
    if data.get("adjustment_type") and not data.get("adjustment_review_on"):
        form.add_error("adjustment_review_on", "Enter the date to review the adjustment by")
