"""Logging a case taken by phone, letter, email or in person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render

from redress.calendars.clock import LONDON
from redress.cases.kinds import Status
from redress.cases.models import Case
from redress.cases.permissions import can_log
from redress.cases.selectors import cases_visible_to
from redress.cases.services import adjustment_record, case_log, case_refuse
from redress.core import clock
from redress.core.errors import RedressError
from redress.procedures.routing import routes_for_choosing
from redress.staff import letters
from redress.staff.forms.log import LogCaseForm
from redress.staff.forms.representative import FIELD_ALIASES, representative_from
from redress.staff.models import TemplatePurpose
from redress.staff.views.common import SignedInRequest, add_service_error, forbidden

MATCH_LIMIT = 10


def possible_duplicates(user: Any, data: dict[str, Any]) -> list[Case]:
    """Open cases the user can see for the same person (same email, or same name)."""
    same_person = Q(person__name=data["person_name"].strip())
    if data.get("person_email"):
        same_person |= Q(person__email=data["person_email"].strip())
    return list(
        cases_visible_to(user)
        .filter(same_person)
        .exclude(status=Status.CLOSED)
        .select_related("person", "service")
        .order_by("-received_on", "-id")[:MATCH_LIMIT]
    )


def _received_at(data: dict[str, Any]) -> dt.datetime:
    day, time = data["received_on"], data.get("received_time")
    if time is None and day == clock.today():
        return clock.now()
    return dt.datetime.combine(day, time or dt.time(12, 0), tzinfo=LONDON)


def log_from_form(request: SignedInRequest, data: dict[str, Any]) -> Case:
    """Log the case the log form describes (shared with the New email queue's page)."""
    case = case_log(
        by=request.user,
        kind=data["kind"],
        channel=data["channel"],
        received_at=_received_at(data),
        service=data["service"],
        category=data.get("category"),
        summary=data["summary"],
        description=data.get("description", ""),
        outcome_sought=data.get("outcome_sought", ""),
        person={
            "name": data["person_name"],
            "email": data.get("person_email", ""),
            "phone": data.get("person_phone", ""),
            "address": data.get("person_address", ""),
        },
        # What was typed under "on behalf" counts only while that box is ticked.
        representative=representative_from(data) if data.get("on_behalf") else None,
        procedure=data.get("procedure"),
        # A string, even empty: the officer saw the usual procedure and may have chosen another.
        procedure_reason=data.get("procedure_reason", ""),
    )
    if data.get("adjustment_type"):
        adjustment_record(
            case=case,
            by=request.user,
            type=data["adjustment_type"],
            agreed_on=clock.today(),
            review_on=data["adjustment_review_on"],
        )
    if data.get("accepted") == "no":
        case = case_refuse(
            case=case,
            by=request.user,
            reason=data["not_accepted_reason"],
            detail=data.get("not_accepted_detail", ""),
        )
        letters.send(TemplatePurpose.REFUSAL, case=case, stage=case.current_stage, by=request.user)
    return case


def log_posted_form(
    request: SignedInRequest, form: LogCaseForm, *, then: Callable[[Case], Any] | None = None
) -> tuple[Case | None, list[Case]]:
    """Log the case a posted log form describes: the one way both the log page and the New
    email queue do it. Possible duplicates must be confirmed first; ``then`` runs in the same
    transaction (the email joining its new case). Returns the case, or None with the errors
    on the form, and the possible duplicates to show."""
    if not form.is_valid():
        return None, []
    duplicates = possible_duplicates(request.user, form.cleaned_data)
    if duplicates and not form.cleaned_data.get("confirm_not_duplicate"):
        form.add_error(
            "confirm_not_duplicate",
            "Check the open cases for this person, then confirm this is a new case",
        )
        return None, duplicates
    try:
        with transaction.atomic():
            case = log_from_form(request, form.cleaned_data)
            if then is not None:
                then(case)
    except RedressError as error:
        add_service_error(form, error, FIELD_ALIASES)
        return None, duplicates
    messages.success(request, f"{case.get_kind_display()} logged as {case.reference}.")
    return case, duplicates


@login_required
def log_case(request: SignedInRequest) -> HttpResponse:
    if not can_log(request.user):
        return forbidden(request, "You do not have permission to log cases.")
    duplicates: list[Case] = []
    if request.method == "POST":
        form = LogCaseForm(request.POST)
        case, duplicates = log_posted_form(request, form)
        if case is not None:
            return redirect("staff:case", reference=case.reference)
        status = 400
    else:
        form = LogCaseForm(
            initial={"received_on": clock.today(), "accepted": "yes", "channel": "phone"}
        )
        status = 200
    context = {"form": form, "duplicates": duplicates, "routes": routes_for_choosing()}
    return render(request, "staff/log_case.html", context, status=status)
