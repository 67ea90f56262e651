from __future__ import annotations

from typing import Any

from django import template

from redress.cases.models import Case
from redress.cases.permissions import can_manage_personal_data
from redress.privacy.holds import active_hold
from redress.privacy.models import AnonymisedCase

register = template.Library()


@register.inclusion_tag("privacy/case_panel.html", takes_context=True)
def legal_hold(context: Any, case: Case) -> dict[str, Any]:
    """On the case page: a hold in place, whether the case was anonymised, and for
    administrators the link to place or lift a hold."""
    return {
        "case": case,
        "hold": active_hold(case),
        "anonymised": AnonymisedCase.objects.filter(case=case).exists(),
        "may_manage": can_manage_personal_data(context["request"].user),
    }
