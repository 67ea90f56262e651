from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Exists, OuterRef, Subquery

from redress.cases.models import Case
from redress.cases.permissions import can_manage_personal_data
from redress.cases.related_rows import may_have_rows
from redress.privacy.models import AnonymisedCase, LegalHold

register = template.Library()


@register.inclusion_tag("privacy/case_panel.html", takes_context=True)
def legal_hold(context: Any, case: Case) -> dict[str, Any]:
    """On the case page: a hold in place, whether the case was anonymised, and for
    administrators the link to place or lift a hold."""
    # One query for both, and none when the case has neither.
    found = (
        Case.objects.filter(pk=case.pk)
        .annotate(
            anonymised=Exists(AnonymisedCase.objects.filter(case=OuterRef("pk"))),
            hold_reason=Subquery(
                LegalHold.objects.filter(case=OuterRef("pk"), lifted_at=None).values("reason")[:1]
            ),
        )
        .values("anonymised", "hold_reason")
        .first()
        if may_have_rows(case, "legal_holds") or may_have_rows(case, "anonymisation")
        else None
    ) or {}
    return {
        "case": case,
        "hold_reason": found.get("hold_reason"),
        "anonymised": found.get("anonymised", False),
        "may_manage": can_manage_personal_data(context["request"].user),
    }
