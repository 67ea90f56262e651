from django.db.models import QuerySet

from redress.procedures.models import Procedure, ProcedureVersion
from redress.procedures.services import current_version


def procedures_active() -> QuerySet[Procedure]:
    return Procedure.objects.filter(is_active=True).order_by("name")


def default_procedure_for(kind: str) -> Procedure | None:
    return Procedure.objects.filter(default_for_kind=kind, is_active=True).first()


def procedure_versions_current() -> list[ProcedureVersion]:
    """The current version of each active procedure (one query per procedure; there are few)."""
    return [current_version(p) for p in procedures_active()]
