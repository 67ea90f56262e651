"""Who acts for the person, from the case page: add, change or remove the representative
and choose who letters and emails go to. The rules are ``case_set_representative``'s."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from redress.cases import services
from redress.cases.permissions import Action
from redress.cases.representatives import Representative
from redress.staff.forms.representative import FIELD_ALIASES, RepresentativeForm, initial_from
from redress.staff.views.common import SignedInRequest, visible_case
from redress.staff.views.records import Page, form_page


@login_required
def case_representative(request: SignedInRequest, reference: str) -> HttpResponse:
    case = visible_case(request, reference)
    current = Representative.of(case)

    def perform(data: dict[str, Any]) -> str:
        form_data = RepresentativeForm.representative_in(data)
        services.case_set_representative(
            case=case,
            by=request.user,
            representative=form_data,
            reason=data["reason"],
            expected_version=data.get("expected_version"),
        )
        if form_data is None:
            return "Representative removed: letters and emails go to the person"
        return f"Representative saved: {form_data.name}"

    return form_page(
        request,
        case,
        page=Page(
            "Change the representative" if current else "Add a representative",
            "Save",
            intro="Someone may act for the person only with their consent. Letters and "
            "emails about the case go to whoever you choose here.",
        ),
        action=Action.REPRESENT,
        form_class=RepresentativeForm,
        perform=perform,
        initial=initial_from(current),
        template="staff/representative.html",
        aliases=FIELD_ALIASES,
    )
