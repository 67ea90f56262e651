"""GET /procedures: the procedures a case can be logged under, as their current versions."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Subquery
from django.http import HttpRequest
from ninja import Router

from redress.api.errors import ERRORS
from redress.api.schemas import ProcedureOut
from redress.api.serialise import procedure_data
from redress.procedures.models import ProcedureVersion

router = Router(tags=["procedures"])


def current_versions() -> list[ProcedureVersion]:
    """The newest version of every active procedure, in one query."""
    newest = (
        ProcedureVersion.objects.filter(procedure=OuterRef("procedure"))
        .order_by("-number")
        .values("number")[:1]
    )
    return list(
        ProcedureVersion.objects.filter(procedure__is_active=True, number=Subquery(newest))
        .select_related("procedure")
        .order_by("procedure__name", "procedure_id")
    )


@router.get("/procedures", response={200: list[ProcedureOut], **ERRORS})
def list_procedures(request: HttpRequest) -> list[dict[str, Any]]:
    return [procedure_data(version) for version in current_versions()]
