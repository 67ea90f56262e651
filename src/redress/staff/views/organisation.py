"""The organisation's own settings, set by administrators: the earliest date a case can have
been received (the rule that uses it lives in ``redress.core.dates``), the Complaint Handling
Code the self-assessment follows, and our name in the Ombudsman's published figures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from redress.accounts.models import Role
from redress.cases.permissions import role_of
from redress.core.dates import deployment_earliest_receipt_date, earliest_receipt_date, long_date
from redress.core.models import OrganisationSettings
from redress.staff.forms.settings import OrganisationSettingsForm
from redress.staff.views.common import forbidden


@login_required
def organisation_settings(request: HttpRequest) -> HttpResponse:
    if role_of(request.user) != Role.ADMINISTRATOR:
        return forbidden(request, "Only administrators can change the organisation's settings.")
    current = OrganisationSettings.current()
    form = OrganisationSettingsForm(
        request.POST or None,
        initial={
            "earliest_receipt_date": earliest_receipt_date(),
            "complaint_code": current.complaint_code,
            "ombudsman_name": current.ombudsman_name,
        },
    )
    if request.method == "POST" and form.is_valid():
        row = current
        row.earliest_receipt_date = form.cleaned_data["earliest_receipt_date"]
        row.complaint_code = form.cleaned_data["complaint_code"] or row.complaint_code
        row.ombudsman_name = form.cleaned_data["ombudsman_name"].strip()
        row.updated_by = request.user  # type: ignore[assignment]  # signed in
        row.save()
        messages.success(
            request,
            "Saved. Cases received before "
            f"{long_date(row.earliest_receipt_date)} will now be refused.",
        )
        return redirect("staff:organisation")
    return render(
        request,
        "staff/settings/organisation.html",
        {"form": form, "default": long_date(deployment_earliest_receipt_date())},
        status=400 if request.method == "POST" else 200,
    )
