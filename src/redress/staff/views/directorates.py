"""The directorates settings page, for administrators: name each directorate and choose its
service areas."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from redress.cases.models import Directorate, Service
from redress.cases.services.directorates import directorate_save, may_edit_directorates
from redress.core.errors import RedressError
from redress.staff.views.common import SignedInRequest, add_service_error, forbidden

NOT_ALLOWED = "Only administrators can change directorates."


class DirectorateForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=120, error_messages={"required": "Enter the name"}
    )
    services = forms.ModelMultipleChoiceField(
        label="Service areas",
        help_text="A service area belongs to one directorate: choosing it here moves it.",
        queryset=Service.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


@login_required
def directorate_list(request: SignedInRequest) -> HttpResponse:
    if not may_edit_directorates(request.user):
        return forbidden(request, NOT_ALLOWED)
    directorates = Directorate.objects.prefetch_related("services").order_by("name")
    loose = Service.objects.filter(directorate=None).order_by("name")
    return render(
        request,
        "staff/settings/directorates.html",
        {"directorates": directorates, "loose": loose},
    )


@login_required
def directorate_edit(request: SignedInRequest, slug: str = "") -> HttpResponse:
    if not may_edit_directorates(request.user):
        return forbidden(request, NOT_ALLOWED)
    directorate = get_object_or_404(Directorate, slug=slug) if slug else None
    initial = (
        {"name": directorate.name, "services": list(directorate.services.all())}
        if directorate
        else {}
    )
    form = DirectorateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = directorate_save(
                by=request.user,
                name=form.cleaned_data["name"],
                services=form.cleaned_data["services"],
                directorate=directorate,
            )
        except RedressError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"{saved.name} saved.")
            return redirect("staff:directorates")
    return render(
        request,
        "staff/settings/directorate_edit.html",
        {"form": form, "directorate": directorate},
        status=400 if request.method == "POST" else 200,
    )
