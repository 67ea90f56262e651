"""Who acts for the person on a case: add, change or remove the representative and who
letters and emails go to, through the same service function as the staff page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from redress.api.errors import ERRORS
from redress.api.lookups import fresh_case, visible_case
from redress.api.schemas import CaseOut, RepresentativeChangeIn
from redress.api.serialise import case_data
from redress.cases import services

router = Router(tags=["case records"])


@router.post("/cases/{reference}/representative", response={200: CaseOut, **ERRORS})
def representative(
    request: HttpRequest, reference: str, payload: RepresentativeChangeIn
) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    case = visible_case(user, reference)
    given = payload.representative
    services.case_set_representative(
        case=case,
        by=user,
        representative=given.to_representative() if given else None,
        reason=payload.reason,
        expected_version=payload.expected_version,
    )
    return case_data(*fresh_case(case), user=user)
