"""The staff forms. Rules that depend on the case live in the service functions; these forms
check only the shape of what was typed, and name each field in GOV.UK wording."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q

from redress.accounts.models import Role, User
from redress.calendars.clock import Unit
from redress.cases.kinds import (
    Channel,
    CorrespondenceKind,
    Kind,
    NotAcceptedReason,
    Outcome,
    RemedyType,
    Status,
    response_outcomes_for,
)
from redress.cases.models import Case, Category, Service
from redress.staff.fields import GovukDateField
from redress.staff.letters import PLACEHOLDERS, unknown_placeholders
from redress.staff.models import JargonTerm, MessageTemplate, ResponseDraft


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
    stage = case.current_stage
    if stage is not None and stage.handled_by == "independent":
        eligible = Q(role__in=[Role.INVESTIGATOR, Role.COMPLAINTS_OFFICER])
    else:
        eligible = Q(role=Role.COMPLAINTS_OFFICER) | Q(
            role=Role.SERVICE_RESPONDER, services=case.service_id
        )
    users = (
        User.objects.filter(eligible, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
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


class CloseForm(CaseActionForm):
    pass


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


class RemedyForm(CaseActionForm):
    type = forms.ChoiceField(
        label="Type of remedy",
        choices=RemedyType.choices,
        widget=forms.RadioSelect,
        error_messages=required_error("Choose the type of remedy"),
    )
    description = forms.CharField(
        label="What will happen, and by when",
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
            "max_decimal_places": "The amount must be in pounds and pence, like 50.00",
        },
    )
    due_on = GovukDateField(
        what="it is due", label="Due by (optional)", required=False, allow_future=True
    )


class OutstandingActionForm(CaseActionForm):
    description = forms.CharField(
        label="What still needs to be done?",
        widget=forms.Textarea,
        error_messages=required_error("Describe the action still to be done"),
    )
    due_on = GovukDateField(
        what="it is due", label="Due by (optional)", required=False, allow_future=True
    )


class SendDraftForm(CaseActionForm):
    on = GovukDateField(what="of the response", label="Date of the response")


class DraftForm(forms.ModelForm):  # type: ignore[type-arg]  # generic only in django-stubs
    outcome = forms.ChoiceField(label="Decision", widget=forms.RadioSelect, required=False)

    class Meta:
        model = ResponseDraft
        fields = ["outcome", *ResponseDraft.SECTIONS]
        widgets = {name: forms.Textarea for name in ResponseDraft.SECTIONS}

    def __init__(self, *args: Any, case: Case, **kwargs: Any):
        super().__init__(*args, **kwargs)
        allowed = response_outcomes_for(case.kind)
        cast(forms.ChoiceField, self.fields["outcome"]).choices = [
            (o.value, Outcome(o).label) for o in allowed
        ]
        self.fields["definition"].help_text = "Restate the complaint and the outcomes sought."
        self.fields[
            "outstanding_actions"
        ].help_text = "Say what is still to be done and by when, or that nothing is."


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve it to be sent"), ("return", "Return it with comments")],
        widget=forms.RadioSelect,
        error_messages=required_error("Choose whether to approve or return the draft"),
    )
    comments = forms.CharField(
        label="Comments",
        widget=forms.Textarea,
        required=False,
        help_text="Needed when you return the draft: say what should change.",
    )


# --- logging a case -------------------------------------------------------------------------


class LogCaseForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is it?",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        help_text="A complaint is dissatisfaction with our service, action or lack of action, "
        "however it is put; the word 'complaint' need not be used. A service request asks us to "
        "provide or fix something for the first time. If in doubt, treat it as a complaint.",
        error_messages=required_error("Choose what kind of case this is"),
    )
    channel = forms.ChoiceField(
        label="How was it received?",
        choices=[c for c in Channel.choices if c[0] != Channel.WEB],
        widget=forms.RadioSelect,
        error_messages=required_error("Choose how it was received"),
    )
    received_on = GovukDateField(what="received", label="Date received")
    received_time = forms.TimeField(
        label="Time received (optional)",
        required=False,
        help_text="For example, 14:30",
        error_messages={"invalid": "Enter the time received as hours and minutes, like 14:30"},
    )
    person_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages=required_error("Enter the person's name"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    person_email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    person_phone = forms.CharField(label="Phone number", max_length=40, required=False)
    person_address = forms.CharField(label="Postal address", widget=forms.Textarea, required=False)
    on_behalf = forms.BooleanField(
        label="Someone is contacting us on the person's behalf", required=False
    )
    representative_name = forms.CharField(
        label="Representative's name", max_length=200, required=False
    )
    representative_relationship = forms.CharField(
        label="Their relationship to the person", max_length=120, required=False
    )
    representative_consent_on = GovukDateField(
        what="consent was given", label="Date the person consented", required=False
    )
    service = forms.ModelChoiceField(
        label="Service area",
        queryset=Service.objects.filter(is_active=True),
        empty_label="Choose a service area",
        error_messages={
            "required": "Choose the service area the case is about",
            "invalid_choice": "Choose a service area from the list",
        },
    )
    category = forms.ModelChoiceField(
        label="Category (optional)",
        queryset=Category.objects.filter(is_active=True).select_related("service"),
        required=False,
        empty_label="No category",
        error_messages={"invalid_choice": "Choose a category from the list"},
    )
    summary = forms.CharField(
        label="Summary",
        max_length=200,
        help_text="One line, 200 characters at most.",
        error_messages={
            "required": "Enter a short summary of what the case is about",
            "max_length": "The summary must be 200 characters or fewer",
        },
    )
    description = forms.CharField(label="What happened", widget=forms.Textarea, required=False)
    outcome_sought = forms.CharField(
        label="What does the person want to happen?", widget=forms.Textarea, required=False
    )
    accepted = forms.ChoiceField(
        label="Is it accepted under the procedure?",
        choices=[("yes", "Yes"), ("no", "No, it is excluded")],
        widget=forms.RadioSelect,
        initial="yes",
        error_messages=required_error("Choose whether the case is accepted"),
    )
    not_accepted_reason = forms.ChoiceField(
        label="If not, why not?",
        choices=[("", "Choose a reason"), *NotAcceptedReason.choices],
        required=False,
    )
    not_accepted_detail = forms.CharField(
        label="Explain the exclusion", widget=forms.Textarea, required=False
    )
    confirm_not_duplicate = forms.BooleanField(
        label="I have checked the cases listed above and this is a new case", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # Django documents overriding label_from_instance on the field instance.
        self.fields["category"].label_from_instance = lambda c: (  # type: ignore[attr-defined]
            f"{c.name} ({c.service.name})" if c.service_id else c.name
        )

    def clean(self) -> dict[str, Any]:
        data = cast("dict[str, Any]", super().clean())
        if data.get("on_behalf") and not data.get("representative_name"):
            self.add_error(
                "representative_name", "Enter the name of the person acting on their behalf"
            )
        if data.get("accepted") == "no" and not data.get("not_accepted_reason"):
            self.add_error("not_accepted_reason", "Choose why the case is not accepted")
        if data.get("accepted") == "no" and data.get("kind") not in (Kind.COMPLAINT, None):
            self.add_error("accepted", "Only complaints can be recorded as not accepted")
        return data


# --- find cases -----------------------------------------------------------------------------


class CaseFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Reference, name, email address or words in the complaint",
    )
    kind = forms.ChoiceField(
        label="Kind", choices=[("", "Any kind"), *Kind.choices], required=False
    )
    status = forms.ChoiceField(
        label="Status", choices=[("", "Any status"), *Status.choices], required=False
    )
    stage = forms.TypedChoiceField(
        label="Stage",
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "Any stage"), ("1", "Stage 1"), ("2", "Stage 2"), ("3", "Stage 3")],
    )
    service = forms.ModelChoiceField(
        label="Service area",
        queryset=Service.objects.all(),
        required=False,
        empty_label="Any service area",
    )
    category = forms.ModelChoiceField(
        label="Category",
        queryset=Category.objects.all(),
        required=False,
        empty_label="Any category",
    )
    handler = forms.ChoiceField(label="Handler", required=False)
    channel = forms.ChoiceField(
        label="Received by", choices=[("", "Any channel"), *Channel.choices], required=False
    )
    received_from = GovukDateField(
        what="received from", label="Received on or after", required=False, allow_future=True
    )
    received_to = GovukDateField(
        what="received to", label="Received on or before", required=False, allow_future=True
    )
    overdue = forms.BooleanField(label="Only overdue cases", required=False)
    due_within = forms.IntegerField(
        label="Due within (working days)",
        required=False,
        min_value=0,
        max_value=60,
        error_messages={
            "invalid": "Due within must be a whole number of working days, like 5",
            "min_value": "Due within must be 0 or more",
            "max_value": "Due within must be 60 working days or fewer",
        },
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("due", "Next deadline"),
            ("received", "Newest first"),
            ("oldest", "Oldest first"),
            ("reference", "Reference"),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        staff = (
            User.objects.filter(is_active=True).exclude(role="").order_by("first_name", "last_name")
        )
        cast(forms.ChoiceField, self.fields["handler"]).choices = [
            ("", "Anyone"),
            ("me", "Me"),
            ("none", "Nobody yet"),
        ] + [(str(u.pk), u.display_name) for u in staff]

    def clean(self) -> dict[str, Any]:
        data = cast("dict[str, Any]", super().clean())
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error(
                "received_to",
                "Received on or before must be the same as or after received on or after",
            )
        return data


# --- administration -------------------------------------------------------------------------


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
