"""Which procedure applies to a new case: the one rule, used by every way a case is logged.

A route (kind + service area, optionally + category) chosen by an administrator wins over the
kind's default procedure; a route for the case's category wins over one for the whole service.
Staff may log a case under another procedure, saying why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F, Q

from redress.cases.kinds import Kind
from redress.core.errors import InvalidInput, NotPermitted
from redress.procedures.models import Procedure, ProcedureRoute
from redress.procedures.selectors import default_procedure_for


def procedure_for(kind: str, service: Any, category: Any = None) -> Procedure | None:
    """The procedure a new case of ``kind`` about ``service`` (and ``category``) gets."""
    if service is not None:
        about = Q(category__isnull=True)
        if category is not None:
            about |= Q(category=category)
        route = (
            ProcedureRoute.objects.filter(about, kind=kind, service=service)
            .filter(procedure__is_active=True)
            .select_related("procedure")
            # The route for the category, when there is one, comes first.
            .order_by(F("category").asc(nulls_last=True))
            .first()
        )
        if route is not None:
            return route.procedure
    return default_procedure_for(kind)


@dataclass(frozen=True)
class ProcedureChoice:
    """What the "logged" event says about the procedure chosen: nothing when it is the usual."""

    event_data: dict[str, Any] = field(default_factory=dict)
    summary: str = ""


def check_choice(
    *, routed: Procedure | None, chosen: Procedure, reason: str | None
) -> ProcedureChoice:
    """Refuse a procedure other than the routed one without a reason; say what to record.

    ``reason`` is None where nobody chose against the route on a page (the API naming a
    procedure, imports); a string (perhaps empty) where a person did, on the staff form.
    """
    if routed is None or routed.pk == chosen.pk:
        return ProcedureChoice()
    reason = (reason or "").strip() if reason is not None else None
    if reason is not None and not reason:
        raise InvalidInput.for_field(
            "procedure_reason",
            f"Enter why this case is not under {routed.name}, the usual procedure for it",
        )
    data: dict[str, Any] = {"routed_procedure": routed.slug}
    summary = f", not the usual {routed.name}"
    if reason:
        data["procedure_reason"] = reason
        summary += f": {reason}"
    return ProcedureChoice(event_data=data, summary=summary)


def routes_for_choosing() -> dict[str, Any]:
    """Every route and kind default, for the log form to pre-select the routed procedure as
    the officer fills it in (the server applies ``procedure_for`` again on submit)."""
    defaults = dict(
        Procedure.objects.filter(is_active=True)
        .exclude(default_for_kind="")
        .values_list("default_for_kind", "pk")
    )
    routes = [
        {"kind": kind, "service": service, "category": category, "procedure": procedure}
        for kind, service, category, procedure in ProcedureRoute.objects.filter(
            procedure__is_active=True
        ).values_list("kind", "service_id", "category_id", "procedure_id")
    ]
    return {"defaults": defaults, "routes": routes}


# --- administrators edit the table (the staff settings page; the admin edits the rows too) ---


def _require_administrator(by: Any) -> None:
    from redress.accounts.models import Role
    from redress.cases.permissions import role_of

    if role_of(by) != Role.ADMINISTRATOR:
        raise NotPermitted("Only administrators can change which procedure applies.")


@transaction.atomic
def route_save(
    *, by: Any, kind: str, service: Any, category: Any, procedure: Procedure
) -> ProcedureRoute:
    """Route new cases of ``kind`` about ``service`` (and ``category``) to ``procedure``,
    replacing the procedure of the route already there for the same three."""
    _require_administrator(by)
    errors: dict[str, list[str]] = {}
    if kind not in Kind.values:
        errors["kind"] = ["Choose the kind of case."]
    if service is None or not service.is_active:
        errors["service"] = ["Choose an active service area."]
    if category is not None and category.service_id not in (None, getattr(service, "pk", None)):
        errors["category"] = ["Choose a category of the chosen service area, or none."]
    if procedure is None or not procedure.is_active:
        errors["procedure"] = ["Choose an active procedure."]
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors)
    route, _created = ProcedureRoute.objects.update_or_create(
        kind=kind, service=service, category=category, defaults={"procedure": procedure}
    )
    return route


@transaction.atomic
def route_delete(*, by: Any, route: ProcedureRoute) -> None:
    """Remove a route: new cases it covered get the next most general route or the default."""
    _require_administrator(by)
    route.delete()
