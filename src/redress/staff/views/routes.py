"""The administrators' settings page for which procedure applies to new cases."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from redress.accounts.models import Role
from redress.cases.permissions import role_of
from redress.core.errors import RedressError
from redress.procedures.models import ProcedureRoute
from redress.procedures.routing import route_delete, route_save
from redress.staff.forms.procedure import RouteForm
from redress.staff.views.common import SignedInRequest, add_service_error, forbidden

REFUSED = "Only administrators can change which procedure applies."


@login_required
def route_list(request: SignedInRequest) -> HttpResponse:
    if role_of(request.user) != Role.ADMINISTRATOR:
        return forbidden(request, REFUSED)
    form = RouteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            route = route_save(by=request.user, **form.cleaned_data)
        except RedressError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"New cases: {route}.")
            return redirect("staff:routes")
    routes = ProcedureRoute.objects.select_related("service", "category", "procedure")
    return render(
        request,
        "staff/settings/routes.html",
        {"form": form, "routes": list(routes)},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def route_remove(request: SignedInRequest, pk: int) -> HttpResponse:
    if role_of(request.user) != Role.ADMINISTRATOR:
        return forbidden(request, REFUSED)
    route = get_object_or_404(ProcedureRoute, pk=pk)
    route_delete(by=request.user, route=route)
    messages.success(request, f"Route removed: {route}.")
    return redirect("staff:routes")
