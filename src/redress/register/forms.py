"""The register's forms. As elsewhere they check only the shape of what was typed; the rules
(dates, who may be the contact, which details a restriction needs) are the services'."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.accounts.models import User
from redress.register.models import AppealOutcome, RestrictionKind, ReviewOutcome
from redress.register.services import DETAIL_MAX, DETAIL_NEEDED
from redress.staff.fields import GovukDateField
from redress.staff.forms.common import required_error

STAFF_SEE = "Staff dealing with the person see this: do not give the reasons here."


def staff_choices(placeholder: str) -> list[tuple[str, str]]:
    people = User.objects.filter(is_active=True).exclude(role="").order_by("first_name", "username")
    return [("", placeholder)] + [(p.username, p.display_name) for p in people]


def _text(label: str, message: str, *, lines: bool = True, **kwargs: Any) -> forms.CharField:
    widget = forms.Textarea if lines else forms.TextInput
    return forms.CharField(
        label=label, widget=widget, error_messages=required_error(message), **kwargs
    )


def detail_field(kind: str) -> str:
    return f"detail_{kind}"


class EntryForm(forms.Form):
    name = _text("The person's name", "Enter the person's name", lines=False, max_length=200)
    email = forms.CharField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        help_text="Every case with this email address is covered, including new ones.",
    )
    address = forms.CharField(
        label="Postal address (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="Staff opening a case at this address are warned before visiting.",
    )
    behaviour = _text("The behaviour found", "Enter the behaviour found")
    reasons = _text(
        "Why the restrictions are needed",
        "Enter why the restrictions are needed",
        help_text="Told to the person in the notice. Only the governance group sees it here.",
    )
    decided_by = _text("Who decided", "Enter who decided", lines=False, max_length=200)
    restrictions = forms.MultipleChoiceField(
        label="Restrictions",
        choices=RestrictionKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose each one that applies and give its details below.",
        error_messages=required_error("Choose at least one restriction"),
    )
    contact = forms.ChoiceField(
        label="Named contact",
        help_text="The member of staff the person contacts. Staff are told who this is.",
        error_messages=required_error("Choose the named contact"),
    )
    starts_on = GovukDateField(what="the restrictions start", label="Start date", allow_future=True)
    review_on = GovukDateField(
        what="of the review",
        label="Review date (optional)",
        allow_future=True,
        required=False,
        help_text="Leave empty to review 6 months after the start.",
    )
    visit_advice = forms.CharField(
        label="Advice for staff visiting the address (optional)",
        required=False,
        max_length=DETAIL_MAX,
        help_text=STAFF_SEE,
    )
    person = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _add_restriction_details(self)

    def clean(self) -> dict[str, Any]:
        return _check_details(self, super().clean() or {})

    def chosen_restrictions(self) -> list[tuple[str, str]]:
        return _chosen(self)


def _add_restriction_details(form: forms.Form) -> None:
    """The named contact's choices, and a details box per restriction after the choices."""
    cast(forms.ChoiceField, form.fields["contact"]).choices = staff_choices(
        "Choose a member of staff"
    )
    for kind, label in RestrictionKind.choices:
        need = DETAIL_NEEDED.get(kind)
        form.fields[detail_field(kind)] = forms.CharField(
            label=f"{label}: details" + ("" if need else " (optional)"),
            required=False,
            max_length=DETAIL_MAX,
            help_text=(f"Say {need}. " if need else "") + STAFF_SEE,
        )
    # The details follow the restrictions, before the contact, in the page's order.
    details = [detail_field(kind) for kind in RestrictionKind.values]
    rest = [name for name in form.fields if name not in details]
    at = rest.index("restrictions") + 1
    form.order_fields(rest[:at] + details + rest[at:])


def _check_details(form: forms.Form, data: dict[str, Any]) -> dict[str, Any]:
    chosen = set(data.get("restrictions") or [])
    for kind, label in RestrictionKind.choices:
        detail = (data.get(detail_field(kind)) or "").strip()
        if detail and kind not in chosen:
            form.add_error(detail_field(kind), f"You gave details of ‘{label}’: choose it as well")
    return data


def _chosen(form: forms.Form) -> list[tuple[str, str]]:
    data = form.cleaned_data
    return [(kind, data.get(detail_field(kind)) or "") for kind in data["restrictions"]]


class VaryForm(forms.Form):
    """Vary an entry in force: the restrictions, the named contact and the review date."""

    restrictions = EntryForm.base_fields["restrictions"]
    contact = EntryForm.base_fields["contact"]
    review_on = GovukDateField(what="of the review", label="Review date", allow_future=True)
    reason = _text(
        "Why the restrictions change",
        "Enter why the restrictions change",
        help_text="Kept in the entry's history, for the governance group only.",
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _add_restriction_details(self)

    def clean(self) -> dict[str, Any]:
        return _check_details(self, super().clean() or {})

    def chosen_restrictions(self) -> list[tuple[str, str]]:
        return _chosen(self)


class LinkPeopleForm(forms.Form):
    people = forms.MultipleChoiceField(
        label="Person records to link",
        widget=forms.CheckboxSelectMultiple,
        error_messages=required_error("Choose at least one person record to link"),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["people"]).choices = choices


class NoticeForm(forms.Form):
    channel = forms.ChoiceField(
        label="How should the notice go?",
        widget=forms.RadioSelect,
        error_messages=required_error("Choose how to send the notice"),
    )

    def __init__(self, *args: Any, channels: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["channel"])
        field.choices = channels
        if len(channels) == 1:
            field.initial = channels[0][0]


class AppealForm(forms.Form):
    received_on = GovukDateField(what="the appeal was received", label="Date received")
    grounds = _text("The grounds of the appeal", "Enter the grounds of the appeal")


class DecideAppealForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What was decided?",
        choices=AppealOutcome.choices,
        widget=forms.RadioSelect,
        error_messages=required_error("Choose whether the appeal is upheld"),
    )
    decided_on = GovukDateField(what="of the decision", label="Date of the decision")
    reasons = _text("The reasons for the decision", "Enter the reasons for the decision")


class ReviewForm(forms.Form):
    reviewed_on = GovukDateField(what="of the review", label="Date of the review")
    outcome = forms.ChoiceField(
        label="What did the review decide?",
        choices=ReviewOutcome.choices,
        widget=forms.RadioSelect,
        error_messages=required_error("Choose whether to keep or lift the restrictions"),
    )
    next_review_on = GovukDateField(
        what="of the next review",
        label="Next review date (if the restrictions are kept)",
        allow_future=True,
        required=False,
    )
    notes = _text("What the review found", "Enter what the review found")


class BriefingForm(forms.Form):
    member = _text(
        "Ward Member briefed",
        "Enter the ward Member's name",
        lines=False,
        max_length=200,
        help_text="Their name and ward, for example Cllr Sam Green (Riverside ward).",
    )
    briefed_on = GovukDateField(what="the Member was briefed", label="Date of the briefing")
    shared = _text("What was shared", "Enter what was shared with the Member")


class TemplateForm(forms.Form):
    subject = _text("Subject", "Enter the subject", lines=False, max_length=300)
    body = _text("Wording of the notice", "Enter the wording of the notice")


class MemberForm(forms.Form):
    user = forms.ChoiceField(
        label="Add a member of staff to the group",
        error_messages=required_error("Choose a member of staff to add"),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["user"]).choices = staff_choices(
            "Choose a member of staff"
        )
