"""One form per question page. Every error names the field and says what to do."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.core.validators import validate_email

from redress.cases.kinds import ContactPreference, CorrespondenceTo
from redress.cases.models import Service
from redress.core import clock
from redress.portal.models import Satisfaction

KIND_CHOICES = [
    ("complaint", "Make a complaint"),
    ("compliment", "Pay a compliment"),
    ("comment", "Make a comment or suggestion"),
]
YES_NO = [("yes", "Yes"), ("no", "No")]


def _required(message: str) -> dict[str, str]:
    return {"required": message, "invalid_choice": message}


class KindForm(forms.Form):
    kind = forms.ChoiceField(
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages=_required("Select what you would like to do"),
    )


class ServiceForm(forms.Form):
    service = forms.ChoiceField(
        widget=forms.RadioSelect, error_messages=_required("Select the service it is about")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["service"]).choices = [
            (str(pk), name)
            for pk, name in Service.objects.filter(is_active=True).values_list("pk", "name")
        ]


WRITE_TO_CHOICES = [
    (CorrespondenceTo.REPRESENTATIVE, "Only me"),
    (CorrespondenceTo.BOTH, "Both of us"),
    (CorrespondenceTo.PERSON, "Only them"),
]


def _email_or_error(value: str) -> str:
    email = value.strip()
    if email:
        try:
            validate_email(email)
        except forms.ValidationError as exc:
            raise forms.ValidationError(
                "Enter an email address in the correct format, like name@example.com"
            ) from exc
    return email


class AboutForm(forms.Form):
    """Who the feedback is for. Someone acting for another person needs their consent, says
    how to reach them and who we should write to: the writer, the person, or both."""

    for_whom = forms.ChoiceField(
        choices=[("myself", "Myself"), ("someone_else", "Someone else")],
        widget=forms.RadioSelect,
        error_messages=_required("Select who the feedback is about"),
    )
    their_name = forms.CharField(required=False, max_length=200)
    relationship = forms.CharField(required=False, max_length=120)
    consent = forms.BooleanField(required=False)
    their_email = forms.CharField(required=False, max_length=254)
    their_address = forms.CharField(required=False, max_length=500)
    # Most people acting for someone want the replies themselves, so that is the default.
    write_to = forms.ChoiceField(
        required=False,
        choices=WRITE_TO_CHOICES,
        widget=forms.RadioSelect,
        initial=CorrespondenceTo.REPRESENTATIVE,
        error_messages=_required("Select who we should write to"),
    )

    def clean_their_email(self) -> str:
        return _email_or_error(self.cleaned_data["their_email"])

    def clean(self) -> dict[str, Any]:
        data = cast("dict[str, Any]", super().clean())
        if data.get("for_whom") == "someone_else":
            self._check_someone_else(data)
        else:
            data.update(
                {
                    "their_name": "",
                    "relationship": "",
                    "consent": False,
                    "their_email": "",
                    "their_address": "",
                    "write_to": "",
                }
            )
        return data

    def _check_someone_else(self, data: dict[str, Any]) -> None:
        if not (data.get("their_name") or "").strip():
            self.add_error("their_name", "Enter the name of the person you are acting for")
        if not (data.get("relationship") or "").strip():
            self.add_error("relationship", "Enter how you know them, for example ‘daughter’")
        if not data.get("consent"):
            self.add_error(
                "consent",
                "Confirm the person has agreed to you acting for them. "
                "If they cannot agree, contact us by phone instead",
            )
        data["write_to"] = data.get("write_to") or CorrespondenceTo.REPRESENTATIVE
        reachable = (data.get("their_email") or "").strip() or (
            data.get("their_address") or ""
        ).strip()
        if not reachable and not self.errors.get("their_email"):
            self.add_error(
                "their_address",
                "Enter their postal address or email address, so we know who they are "
                "and can write to them if we need to",
            )


class DateField(forms.MultiValueField):
    """A GOV.UK date input: day, month and year boxes."""

    widget = forms.MultiWidget(widgets=[forms.TextInput, forms.TextInput, forms.TextInput])

    def __init__(self, **kwargs: Any) -> None:
        parts = tuple(forms.CharField(required=False) for _ in range(3))
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> dt.date | None:
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(v or "").strip() for v in data_list)
        missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise forms.ValidationError(f"The date must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise forms.ValidationError("The date must be a real date, for example 27 3 2026")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise forms.ValidationError(
                "The date must be a real date, for example 27 3 2026"
            ) from exc


class WhatHappenedForm(forms.Form):
    details = forms.CharField(
        max_length=5000,
        error_messages={
            "required": "Enter what happened",
            "max_length": "What happened must be 5,000 characters or fewer",
        },
    )
    happened_on = DateField(required=False)
    staff_name = forms.CharField(required=False, max_length=200)

    def __init__(self, *args: Any, kind: str = "complaint", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == "complaint":
            self.fields["happened_on"].required = True
            self.fields["happened_on"].error_messages["required"] = (
                "Enter when it happened, or your best guess"
            )
            self.fields["details"].error_messages["required"] = "Enter what happened"
        else:
            self.fields["details"].error_messages["required"] = "Enter what you would like to say"

    def clean_details(self) -> str:
        details: str = self.cleaned_data["details"].strip()
        if len(details) < 10:
            raise forms.ValidationError("Tell us a little more: at least 10 characters")
        return details

    def clean_happened_on(self) -> dt.date | None:
        day = self.cleaned_data.get("happened_on")
        if day is not None:
            if day > clock.today():
                raise forms.ValidationError("The date it happened must be today or in the past")
            if day.year < 1900:
                raise forms.ValidationError("The date must be after 1900")
        return day


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        max_length=2000,
        error_messages={
            "required": "Enter what you would like us to do to put things right",
            "max_length": "What you would like us to do must be 2,000 characters or fewer",
        },
    )


class ContactForm(forms.Form):
    name = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter your full name",
            "max_length": "Your name must be 200 characters or fewer",
        },
    )
    email = forms.CharField(required=False, max_length=254)
    phone = forms.CharField(required=False, max_length=40)
    address = forms.CharField(required=False, max_length=500)
    preference = forms.ChoiceField(
        choices=ContactPreference.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select how you would like us to contact you"),
    )

    def clean_email(self) -> str:
        return _email_or_error(self.cleaned_data["email"])

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        digits = [c for c in phone if c.isdigit()]
        if phone and (len(digits) < 10 or any(c not in "0123456789 +()-" for c in phone)):
            raise forms.ValidationError(
                "Enter a phone number, like 01632 960 001 or +44 808 157 0192"
            )
        return phone

    def clean(self) -> dict[str, Any]:
        data = cast("dict[str, Any]", super().clean())
        needed = {"email": "email address", "phone": "phone number", "letter": "postal address"}
        field = {"email": "email", "phone": "phone", "letter": "address"}
        # A choice, or None when that field failed validation.
        preference: Any = data.get("preference")
        missing = preference in field and not (data.get(field[preference]) or "").strip()
        if missing and not self.errors.get(field[preference]):
            self.add_error(
                field[preference],
                f"Enter your {needed[preference]}, or choose another way to be contacted",
            )
        return data


class SupportForm(forms.Form):
    needs_support = forms.ChoiceField(
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages=_required("Select yes if you need any support or adjustments"),
    )
    support = forms.CharField(required=False, max_length=2000)

    def clean(self) -> dict[str, Any]:
        data = cast("dict[str, Any]", super().clean())
        if data.get("needs_support") == "yes" and not (data.get("support") or "").strip():
            self.add_error("support", "Tell us what support or adjustments you need")
        if data.get("needs_support") == "no":
            data["support"] = ""
        return data


class UploadForm(forms.Form):
    file = forms.FileField(
        required=False,
        error_messages={"invalid": "The selected file could not be read. Try again"},
    )


class SubmitForm(forms.Form):
    """The check-answers page: only the honeypot, which people never see or fill."""

    website = forms.CharField(required=False)


class LookupForm(forms.Form):
    reference = forms.CharField(
        max_length=30, error_messages={"required": "Enter your reference, like CMP-2026-000123"}
    )
    email = forms.CharField(
        max_length=254, error_messages={"required": "Enter the email address you gave us"}
    )
    website = forms.CharField(required=False)

    def clean_reference(self) -> str:
        return cast(str, self.cleaned_data["reference"].strip().upper())

    def clean_email(self) -> str:
        return _email_or_error(self.cleaned_data["email"])


class SurveyForm(forms.Form):
    handling = forms.TypedChoiceField(
        choices=Satisfaction.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=_required("Select how satisfied you are with how we handled it"),
    )
    outcome = forms.TypedChoiceField(
        choices=Satisfaction.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=_required("Select how satisfied you are with the outcome"),
    )
    easy_to_contact = forms.ChoiceField(
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages=_required("Select yes if it was easy to contact us"),
    )
    comments = forms.CharField(
        required=False,
        max_length=2000,
        error_messages={"max_length": "Your comments must be 2,000 characters or fewer"},
    )
