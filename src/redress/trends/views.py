"""The trends pages: the list of alerts, one alert with its weeks charted, and acknowledging
it or turning it into a learning action. Who may open them, and which alerts they see, is
``access`` (whoever sees reports, and heads of service for their own service areas)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from redress.cases.models import Service
from redress.learning.selectors import learning_visible_to
from redress.staff.forms.work import find_cases_url
from redress.staff.views.common import submit
from redress.trends import services
from redress.trends.access import alerts_visible_to, can_see_alerts, service_choices_for
from redress.trends.forms import AcknowledgeForm, AlertFilterForm, LearningForm
from redress.trends.models import AlertStatus, TrendAlert
from redress.trends.plots import alert_chart_png, alt_text
from redress.trends.scopes import BY_KIND, kind_label
from redress.trends.weeks import week_rows

PER_PAGE = 25


def alerts_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed out: to sign in. Signed in but seeing no alerts: 403, as the reports say."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_see_alerts(request.user):
            raise PermissionDenied("Your role cannot see trend alerts.")
        return view(request, *args, **kwargs)

    return checked


def _alert_or_404(request: HttpRequest, pk: int) -> TrendAlert:
    if not 0 < pk < 2**63:
        raise Http404("No such alert")
    alert = alerts_visible_to(request.user).filter(pk=pk).select_related("handled_by").first()
    if alert is None:
        raise Http404("No such alert")
    return alert


@require_GET
@alerts_access
def alert_list(request: HttpRequest) -> HttpResponse:
    filters = AlertFilterForm(request.GET)
    alerts = alerts_visible_to(request.user)
    status = 200
    if filters.is_valid():
        chosen = filters.cleaned_data
        if chosen["status"]:
            alerts = alerts.filter(status=chosen["status"])
        if chosen["scope"]:
            alerts = alerts.filter(scope_kind=chosen["scope"])
    else:
        alerts, status = alerts.none(), 400
    page = Paginator(alerts.order_by("-week_starting", "p_value", "pk"), PER_PAGE)
    query = {k: v for k, v in request.GET.items() if k in ("status", "scope") and v}
    context = {
        "form": filters,
        "page": page.get_page(request.GET.get("page")),
        "page_query": urlencode(query) + ("&" if query else ""),
    }
    return render(request, "trends/list.html", context, status=status)


def _cases_link(alert: TrendAlert) -> str:
    kind = BY_KIND.get(alert.scope_kind)
    described = kind.describe([alert.scope_key]).get(alert.scope_key) if kind else None
    if described is None or described.find_filters is None:
        return ""
    end = alert.week_starting + dt.timedelta(days=6)
    return find_cases_url(
        received_from=alert.week_starting, received_to=end, **described.find_filters
    )


def _detail(
    request: HttpRequest, alert: TrendAlert, *, status: int = 200, **forms_: forms.Form
) -> HttpResponse:
    context: dict[str, Any] = {
        "alert": alert,
        "kind": kind_label(alert.scope_kind),
        "rows": week_rows(alert),
        "alt": alt_text(alert),
        "cases_link": _cases_link(alert),
        "week_ending": alert.week_starting + dt.timedelta(days=6),
        "acknowledge_form": forms_.get("acknowledge") or AcknowledgeForm(),
        "learning_form": forms_.get("learning") or LearningForm(user=request.user, alert=alert),
        # The learning it became, linked for those who may open it.
        "learning_action": learning_visible_to(request.user)
        .filter(pk=alert.learning_action_id)
        .first()
        if alert.learning_action_id
        else None,
        "can_acknowledge": alert.status == AlertStatus.NEW,
        "can_action": alert.status != AlertStatus.ACTIONED,
    }
    return render(request, "trends/alert.html", context, status=status)


@require_GET
@alerts_access
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _alert_or_404(request, pk))


@require_GET
@alerts_access
def alert_chart(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _alert_or_404(request, pk)
    response = HttpResponse(alert_chart_png(alert), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


def _act(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    alert = _alert_or_404(request, pk)
    by = request.user
    bound: forms.Form
    if which == "acknowledge":
        bound = AcknowledgeForm(request.POST)

        def perform(data: dict[str, Any]) -> str:
            services.alert_acknowledge(alert=alert, by=by, note=data["note"])
            return "Alert acknowledged."

    else:
        bound = LearningForm(request.POST, user=by, alert=alert)

        def perform(data: dict[str, Any]) -> str:
            owning = service_choices_for(by).filter(slug=data["service"]).first()
            services.alert_to_learning(alert=alert, by=by, note=data["note"], service=owning)
            return f"Alert turned into a learning action for {_name(owning)}."

    done = submit(bound, perform)
    if done is not None:
        messages.success(request, done)
        return redirect("trends:alert", pk=alert.pk)
    return _detail(request, alert, status=400, **{which: bound})


def _name(service: Service | None) -> str:
    return service.name if service else "the service area"


@require_POST
@alerts_access
def alert_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "acknowledge")


@require_POST
@alerts_access
def alert_to_learning(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "learning")
