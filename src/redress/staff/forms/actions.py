"""The forms of the actions on a case page, one per action.

Rules that depend on the case live in the service functions; these forms check only the shape
of what was typed, and name each field in GOV.UK wording."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.accounts.models import User
from redress.calendars.clock import Unit
from redress.cases.closing import open_items
from redress.cases.handlers import eligible_handlers
from redress.cases.kinds import (
    CorrespondenceKind,
    NotAcceptedReason,
)
from redress.cases.models import Case
from redress.elsewhere.models import Destination
from redress.staff.fields import GovukDateField
from redress.staff.forms.common import CaseActionForm, required_error


class AcknowledgeForm(CaseActionForm):
    on = GovukDateField(what="of acknowledgement", label="Date acknowledged")
    definition_summary = forms.CharField(
        label="Our understanding of the complaint and the outcomes sought",
        help_text="This goes in the acknowledgement. Say what the complaint is about and what "
        "the person wants to happen.",
        widget=forms.Textarea,
        error_messages=required_error(
            "Enter our understanding of the complaint and the outcomes sought"
        ),
    )
    send_message = forms.BooleanField(
        label="Send the acknowledgement to the person",
        required=False,
        initial=True,
        help_text="By email if we have their address, otherwise as a letter to print and post.",
    )


def handler_choices(case: Case) -> list[tuple[str, str]]:
    """The people the assign service accepts for the current stage, and no one else."""
    stage = case.current_stage
    users = eligible_handlers(case, stage) if stage is not None else User.objects.none()
    return [("", "Choose someone")] + [
        (str(u.pk), f"{u.display_name} ({u.get_role_display().lower()})") for u in users
    ]


class AssignForm(CaseActionForm):
    handler = forms.ChoiceField(
        label="Who should handle this stage?",
        error_messages=required_error("Choose who should handle this stage"),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["handler"]).choices = handler_choices(self.case)


class ExtendForm(CaseActionForm):
    amount = forms.IntegerField(
        label="Extend by",
        min_value=1,
        max_value=365,
        error_messages={
            "required": "Enter how many days to extend by",
            "invalid": "The number of days must be a whole number, like 5",
            "min_value": "The number of days must be 1 or more",
            "max_value": "The number of days must be 365 or fewer",
        },
    )
    unit = forms.ChoiceField(
        label="Unit",
        choices=[(u.value, u.value.replace("_", " ").capitalize()) for u in Unit],
        initial=Unit.WORKING_DAYS.value,
        widget=forms.RadioSelect,
        error_messages=required_error("Choose working days, calendar days, hours or months"),
    )
    reason = forms.CharField(
        label="Reason for the extension",
        widget=forms.Textarea,
        help_text="The person is told this reason, with the Ombudsman's details.",
        error_messages=required_error("Enter the reason for the extension"),
    )


class NoteForm(CaseActionForm):
    kind = forms.ChoiceField(
        label="What are you recording?",
        choices=CorrespondenceKind.choices,
        widget=forms.RadioSelect,
        initial=CorrespondenceKind.NOTE,
        error_messages=required_error("Choose what you are recording"),
    )
    direction = forms.ChoiceField(
        label="Who was it from?",
        choices=[("internal", "Internal"), ("in", "From the person"), ("out", "To the person")],
        widget=forms.RadioSelect,
        initial="internal",
        error_messages=required_error("Choose who it was from"),
    )
    subject = forms.CharField(label="Subject (optional)", max_length=200, required=False)
    body = forms.CharField(
        label="What was said or written",
        widget=forms.Textarea,
        error_messages=required_error("Enter what was said or written"),
    )


class AttachForm(CaseActionForm):
    file = forms.FileField(
        label="Upload a file",
        help_text="PDF, Word, spreadsheet, image, audio or text; 10 MB at most.",
        error_messages={
            "required": "Select a file to upload",
            "empty": "The selected file is empty",
        },
    )


class EscalateForm(CaseActionForm):
    requested_on = GovukDateField(
        what="of the request", label="When did the person ask to escalate?"
    )


class WithdrawForm(CaseActionForm):
    reason = forms.CharField(label="Reason (optional)", widget=forms.Textarea, required=False)


class RefuseForm(CaseActionForm):
    reason = forms.ChoiceField(
        label="Why is it not accepted?",
        choices=NotAcceptedReason.choices,
        widget=forms.RadioSelect,
        error_messages=required_error("Choose why the case is not accepted"),
    )
    detail = forms.CharField(
        label="Explain the reason",
        widget=forms.Textarea,
        required=False,
        help_text="The person is told this, with their right to go to the Ombudsman.",
    )


class RouteElsewhereForm(CaseActionForm):
    destination = forms.ChoiceField(
        label="What is the complaint about, and where does it go?",
        choices=Destination.choices,
        widget=forms.RadioSelect,
        error_messages=required_error("Choose where the complaint goes"),
    )
    to_name = forms.CharField(
        label="Who it goes to",
        help_text="Their name or the organisation's, as the person will read it.",
        max_length=200,
        error_messages=required_error("Enter the name of who it goes to"),
    )
    to_email = forms.CharField(
        label="Their email address (optional)",
        required=False,
        help_text="The person is told it, so they can follow it up.",
    )
    on = GovukDateField(what="it was passed on", label="Date passed on")
    reason = forms.CharField(
        label="Why is it handled under that procedure?",
        widget=forms.Textarea,
        help_text="The person is told this.",
        error_messages=required_error("Enter why the complaint is handled elsewhere"),
    )


class CloseForm(CaseActionForm):
    """Lists what is still open on the case and, only then, asks the closer to confirm."""

    confirm = forms.BooleanField(label="Close anyway", required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.open_items = open_items(self.case)
        if not self.open_items:
            del self.fields["confirm"]


class ReopenForm(CaseActionForm):
    reason = forms.CharField(
        label="Why is the case being reopened?",
        widget=forms.Textarea,
        error_messages=required_error("Enter why the case is being reopened"),
    )


class LinkForm(CaseActionForm):
    other = forms.CharField(
        label="Reference of the related case",
        max_length=20,
        help_text="For example, CMP-2026-000123",
        error_messages=required_error("Enter the reference of the related case"),
    )
    note = forms.CharField(label="How are they related? (optional)", max_length=200, required=False)
