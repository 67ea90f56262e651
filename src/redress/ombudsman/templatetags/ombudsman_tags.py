"""The Ombudsman part of the staff case page, as a tag so the case view need not know of it."""

from __future__ import annotations

from typing import Any

from django import template

from redress.cases.kinds import Kind
from redress.cases.models import Case
from redress.cases.related_rows import may_have_rows
from redress.core import clock
from redress.core.errors import TransitionNotAllowed
from redress.ombudsman.models import OmbudsmanCase
from redress.ombudsman.services import can_record, final_response

register = template.Library()


def _procedure_finished(case: Case) -> bool:
    try:
        final_response(case)
    except TransitionNotAllowed:
        return False
    return True


@register.inclusion_tag("ombudsman/summary.html", takes_context=True)
def ombudsman_summary(context: Any, case: Case) -> dict[str, Any]:
    """The case's Ombudsman complaint, if any, and the actions the reader may take on it."""
    if case.kind != Kind.COMPLAINT:
        return {"shown": False}
    user = context["request"].user
    found = (
        OmbudsmanCase.objects.filter(case=case)
        .prefetch_related("requests", "recommendations")
        .first()
        if may_have_rows(case, "ombudsman_case")
        else None
    )
    may_record = can_record(user, case)
    return {
        "shown": found is not None or may_record,
        "procedure_finished": _procedure_finished(case),
        "case": case,
        "ombudsman": found,
        "may_record": may_record,
        "today": clock.today(),
    }
