"""Who can see a case: restrict it to named people, grant or remove access, from the case
page. The rules (a reason, nobody locked out, only real names) are ``case_set_access``'s."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from redress.cases import services
from redress.cases.permissions import Action
from redress.cases.services.access import people_with_access
from redress.staff.forms.records import AccessForm
from redress.staff.views.common import SignedInRequest, visible_case
from redress.staff.views.records import Page, form_page


@login_required
def case_access(request: SignedInRequest, reference: str) -> HttpResponse:
    case = visible_case(request, reference)
    people = people_with_access(case)

    def perform(data: dict[str, Any]) -> str:
        change = services.case_set_access(
            case=case,
            by=request.user,
            restricted=data["restricted"],
            grant=[data["grant"]] if data.get("grant") else [],
            revoke=data.get("revoke") or [],
            reason=data.get("reason", ""),
        )
        return "Restricted to the people named" if change.case.restricted else "Access saved"

    named = ", ".join(p.display_name for p in people) or "nobody yet"
    return form_page(
        request,
        case,
        page=Page(
            "Who can see this case",
            "Save",
            intro=(
                f"People with access: {named}. "
                "A restricted case is seen only by the people named, whatever their role. "
                "You, and whoever handles the case, keep access."
            ),
        ),
        action=Action.RESTRICT,
        form_class=AccessForm,
        perform=perform,
        initial={"restricted": "yes" if case.restricted else "no"},
        form_kwargs={"people": people},
    )
