"""The heads of service settings page, for administrators."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from redress.accounts.models import User
from redress.cases.models import Service
from redress.cases.services.heads import may_set_heads, service_set_head
from redress.core.errors import RedressError
from redress.staff.views.common import SignedInRequest, add_service_error, forbidden


class HeadForm(forms.Form):
    head = forms.ModelChoiceField(
        label="Head of service",
        help_text="They hear when a deadline in this service area is missed, and when its "
        "cases wait for someone to pick them up.",
        queryset=User.objects.none(),
        required=False,
        empty_label="Nobody",
    )

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["head"]
        field.queryset = (  # type: ignore[attr-defined]
            User.objects.filter(is_active=True).exclude(role="").order_by("first_name", "username")
        )
        # Django documents overriding label_from_instance on the field instance.
        field.label_from_instance = lambda u: (  # type: ignore[attr-defined]
            f"{u.display_name} ({u.get_role_display()})"
        )


@login_required
def head_list(request: SignedInRequest) -> HttpResponse:
    if not may_set_heads(request.user):
        return forbidden(request, "Only administrators can set heads of service.")
    services = Service.objects.select_related("head").order_by("name")
    return render(request, "staff/settings/heads.html", {"services": services})


@login_required
def head_edit(request: SignedInRequest, slug: str) -> HttpResponse:
    if not may_set_heads(request.user):
        return forbidden(request, "Only administrators can set heads of service.")
    service = get_object_or_404(Service, slug=slug)
    form = HeadForm(request.POST or None, initial={"head": service.head_id})
    if request.method == "POST" and form.is_valid():
        try:
            service_set_head(service=service, by=request.user, head=form.cleaned_data["head"])
        except RedressError as error:
            add_service_error(form, error)
        else:
            head = service.head.display_name if service.head else "nobody"
            messages.success(request, f"Head of {service.name} is now {head}.")
            return redirect("staff:heads")
    return render(
        request,
        "staff/settings/head_edit.html",
        {"form": form, "service": service},
        status=400 if request.method == "POST" else 200,
    )
