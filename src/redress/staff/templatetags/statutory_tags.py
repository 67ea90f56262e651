"""The case page's statutory procedure section: one tag, so the page's view needs no change."""

from __future__ import annotations

from typing import Any

from django import template

from redress.cases.permissions import Action, can
from redress.cases.selectors import stages_of
from redress.cases.statutory import statutory_views
from redress.core import clock

register = template.Library()


@register.inclusion_tag("staff/includes/statutory.html", takes_context=True)
def statutory_section(context: Any, case: Any, stages: list[Any] | None = None) -> dict[str, Any]:
    user = context["user"]
    views = statutory_views(case, stages if stages is not None else stages_of(case), clock.today())
    return {
        "case": case,
        "views": views,
        "may_record": can(user, Action.RECORD_STEP, case),
    }
