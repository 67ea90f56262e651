"""The representative's fields, shared by the log form (under "Someone is contacting us on
the person's behalf") and the page that adds, changes or removes the representative later.

Both name the fields alike, so one template include shows them and the service's field names
(``representative.email`` and so on) map to them the same way. The form checks the shape of
what was typed; the rules (a name and the consent date, an address to write to) are the
service's, ``representatives.representative_errors``."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.cases.kinds import CorrespondenceTo
from redress.cases.representatives import Representative
from redress.staff.fields import GovukDateField
from redress.staff.forms.common import CaseActionForm, required_error

# The service's field names, as the staff views show them.
FIELD_ALIASES = {
    "representative.name": "representative_name",
    "representative.relationship": "representative_relationship",
    "representative.consent_on": "representative_consent_on",
    "representative.email": "representative_email",
    "representative.phone": "representative_phone",
    "representative.address": "representative_address",
    "representative.correspondence_to": "correspondence_to",
}


class RepresentativeFields(forms.Form):
    """The fields alone: a form inherits them, or takes them from ``FIELDS`` (each form
    copies its fields when it is made, so sharing them between form classes is safe)."""

    representative_name = forms.CharField(
        label="Representative's name", max_length=200, required=False
    )
    representative_relationship = forms.CharField(
        label="Their relationship to the person",
        help_text="For example, daughter, carer, advocate or councillor.",
        max_length=120,
        required=False,
    )
    representative_consent_on = GovukDateField(
        what="the person consented", label="Date the person consented", required=False
    )
    representative_email = forms.EmailField(
        label="Representative's email",
        required=False,
        error_messages={
            "invalid": "Enter the representative's email in the correct format, "
            "like name@example.com"
        },
    )
    representative_phone = forms.CharField(
        label="Representative's phone number", max_length=40, required=False
    )
    representative_address = forms.CharField(
        label="Representative's postal address", widget=forms.Textarea, required=False
    )
    correspondence_to = forms.ChoiceField(
        label="Who should letters and emails go to?",
        help_text="Write to the representative only with the person's consent. To write to "
        "them, give their email or postal address.",
        choices=CorrespondenceTo.choices,
        widget=forms.RadioSelect,
        required=False,
    )


FIELDS = RepresentativeFields.base_fields


def check_representative(form: forms.Form, data: dict[str, Any]) -> None:
    """What the form can tell alone: a representative has a name and a choice of who is
    written to."""
    if not data.get("representative_name"):
        form.add_error("representative_name", "Enter the name of the person acting on their behalf")
    if not data.get("correspondence_to"):
        form.add_error("correspondence_to", "Choose who letters and emails should go to")


def ignore_unless_ticked(form: forms.Form, ticked: bool) -> None:
    """Forget what the representative's fields said of their shape (a mistyped email, say)
    while the box that reveals them is unticked: they are hidden, and nobody is recorded."""
    if not ticked:
        for name in FIELDS:
            form.errors.pop(name, None)


def representative_from(data: dict[str, Any]) -> Representative:
    return Representative(
        name=data.get("representative_name", ""),
        relationship=data.get("representative_relationship", ""),
        consent_on=data.get("representative_consent_on"),
        email=data.get("representative_email", ""),
        phone=data.get("representative_phone", ""),
        address=data.get("representative_address", ""),
        correspondence_to=data.get("correspondence_to") or CorrespondenceTo.PERSON,
    )


def initial_from(representative: Representative | None) -> dict[str, Any]:
    """The change page's first values: the case's representative as it stands."""
    if representative is None:
        return {"acts": False}
    return {
        "acts": True,
        "representative_name": representative.name,
        "representative_relationship": representative.relationship,
        "representative_consent_on": representative.consent_on,
        "representative_email": representative.email,
        "representative_phone": representative.phone,
        "representative_address": representative.address,
        "correspondence_to": representative.correspondence_to,
    }


class RepresentativeForm(RepresentativeFields, CaseActionForm):
    """Add, change or remove the representative of a case."""

    # A box rather than yes/no radios: GOV.UK Frontend marks a radio that reveals questions
    # with aria-expanded, which radios may not have; a checkbox may.
    acts = forms.BooleanField(
        label="Someone acts for the person",
        help_text="Untick to remove the representative: letters and emails then go to the person.",
        required=False,
    )
    reason = forms.CharField(
        label="Why is this changing?",
        help_text="For example, the person's signed consent arrived. It goes on the timeline.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            **required_error("Say why the representative is being added, changed or removed"),
            "max_length": "The reason must be 2,000 characters or fewer",
        },
    )

    field_order = ["acts", *FIELDS, "reason"]

    def clean(self) -> dict[str, Any]:
        data = cast("dict[str, Any]", super().clean())
        ignore_unless_ticked(self, bool(data.get("acts")))
        if data.get("acts"):
            check_representative(self, data)
        return data

    @staticmethod
    def representative_in(data: dict[str, Any]) -> Representative | None:
        """The representative the cleaned ``data`` describe; None when nobody acts."""
        return representative_from(data) if data.get("acts") else None
