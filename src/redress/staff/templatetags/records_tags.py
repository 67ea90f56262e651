"""The records parts of the staff case page (adjustments, remedies and actions, who can see
it) as tags, so the case view need not know of them."""

from __future__ import annotations

from typing import Any

from django import template

from redress.cases.models import Case, OutstandingAction, Remedy
from redress.cases.permissions import Action, can
from redress.cases.related_rows import may_have_rows
from redress.cases.representatives import Correspondent, Representative, correspondents_of
from redress.cases.services.access import people_with_access
from redress.cases.services.adjustments import adjustments_of
from redress.cases.services.remedies import owner_label
from redress.core import clock

register = template.Library()


def _user(context: Any) -> Any:
    return context["request"].user


@register.inclusion_tag("staff/includes/records_adjustments.html", takes_context=True)
def case_adjustments(context: Any, case: Case) -> dict[str, Any]:
    """The person's adjustments, at the top of the case page: they shape every contact."""
    return {
        "case": case,
        "adjustments": adjustments_of(case) if may_have_rows(case, "person.adjustments") else [],
        "may_adjust": can(_user(context), Action.ADJUST, case),
        "today": clock.today(),
    }


@register.inclusion_tag("staff/includes/records_remedies.html", takes_context=True)
def case_remedies(context: Any, case: Case) -> dict[str, Any]:
    remedies = (
        list(case.remedies.select_related("owner", "owner_service"))
        if may_have_rows(case, "remedies")
        else []
    )
    actions = (
        list(case.actions.select_related("owner", "owner_service"))
        if may_have_rows(case, "actions")
        else []
    )
    items: list[Remedy | OutstandingAction] = [*remedies, *actions]
    for item in items:
        item.owner_text = owner_label(item)  # type: ignore[union-attr]  # for the template
    return {
        "case": case,
        "remedies": remedies,
        "actions": actions,
        "may_record": can(_user(context), Action.REMEDY, case),
        "today": clock.today(),
    }


@register.inclusion_tag("staff/includes/records_access.html", takes_context=True)
def case_access(context: Any, case: Case) -> dict[str, Any]:
    return {
        "case": case,
        "may_restrict": can(_user(context), Action.RESTRICT, case),
        "people": people_with_access(case) if case.restricted else [],
    }


def _correspondent_text(correspondent: Correspondent) -> str:
    who = "the representative" if correspondent.role == "representative" else "the person"
    if correspondent.by_email:
        how = "by email"
    elif correspondent.address:
        how = "by post"
    else:
        how = "with no email or postal address to write to"
    return f"{correspondent.name} ({who}), {how}"


@register.inclusion_tag("staff/includes/records_representative.html", takes_context=True)
def case_representative(context: Any, case: Case) -> dict[str, Any]:
    """Who acts for the person and, by the one rule the senders use, who is written to."""
    writes_to = " and ".join(_correspondent_text(c) for c in correspondents_of(case))
    return {
        "case": case,
        "representative": Representative.of(case),
        "writes_to": writes_to,
        "may_change": can(_user(context), Action.REPRESENT, case),
    }
