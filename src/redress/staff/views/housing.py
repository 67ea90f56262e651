"""The housing service areas settings page, for administrators: tick the service areas
whose complaints are about housing."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from redress.cases.models import Service
from redress.cases.services.housing import HousingChange, housing_services_set, may_mark_housing
from redress.core.errors import RedressError
from redress.staff.views.common import SignedInRequest, add_service_error, forbidden

NOT_ALLOWED = "Only administrators can say which service areas are housing."


class HousingServicesForm(forms.Form):
    services = forms.ModelMultipleChoiceField(
        label="Housing service areas",
        help_text="Complaints about these go to the Housing Ombudsman, not the LGSCO, and the "
        "Tenant Satisfaction Measures CH01 and CH02 count them.",
        queryset=Service.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": "Choose housing service areas from the list",
            "invalid_pk_value": "Choose housing service areas from the list",
        },
    )

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["services"]
        field.label_from_instance = lambda s: (  # type: ignore[attr-defined]
            s.name if s.is_active else f"{s.name} (no longer in use)"
        )


@login_required
def housing_services(request: SignedInRequest) -> HttpResponse:
    if not may_mark_housing(request.user):
        return forbidden(request, NOT_ALLOWED)
    initial = {"services": list(Service.objects.filter(is_housing=True))}
    # Unticking every box posts no field at all: the form is still bound.
    posted = request.POST if request.method == "POST" else None
    form = HousingServicesForm(posted, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            change = housing_services_set(by=request.user, services=form.cleaned_data["services"])
        except RedressError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _saved_message(change))
            return redirect("staff:housing_services")
    return render(
        request,
        "staff/settings/housing.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def _saved_message(change: HousingChange) -> str:
    parts = ["Saved."]
    if change.marked:
        parts.append("Now housing: " + ", ".join(s.name for s in change.marked) + ".")
    if change.unmarked:
        parts.append("No longer housing: " + ", ".join(s.name for s in change.unmarked) + ".")
    return " ".join(parts) if len(parts) > 1 else "Saved. Nothing changed."
