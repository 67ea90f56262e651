"""Who may handle a stage of a case: the one rule the assign form, the assign service and the
API share.

A service-area stage is handled by a service responder (usually of the case's service area, but
a case about one area is sometimes best answered by someone in another), a complaints officer
or an administrator; an independent stage by an investigator, a complaints officer or an
administrator. Nobody handles a stage after handling an earlier one of the same case: the Code
asks for a fresh pair of eyes at each stage.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from redress.accounts.models import Role, User
from redress.cases.models import Case, CaseStage
from redress.procedures.definitions import HandledBy


def _role_rule(case: Case, stage: CaseStage) -> Q:
    office = Q(role__in=[Role.COMPLAINTS_OFFICER, Role.ADMINISTRATOR]) | Q(is_superuser=True)
    if stage.handled_by == HandledBy.INDEPENDENT:
        return office | Q(role=Role.INVESTIGATOR)
    return office | Q(role=Role.SERVICE_RESPONDER)


def eligible_handlers(case: Case, stage: CaseStage) -> QuerySet[User]:
    """The active people who may be assigned ``stage`` of ``case``, in name order."""
    handled_earlier = Exists(
        CaseStage.objects.filter(case=case, number__lt=stage.number, handler=OuterRef("pk"))
    )
    return (
        User.objects.filter(_role_rule(case, stage), is_active=True)
        .exclude(handled_earlier)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def why_not_handler(case: Case, stage: CaseStage, handler: User) -> str | None:
    """None if ``handler`` is eligible; otherwise why not, in plain words. The decision is
    ``eligible_handlers``; this only finds the words for a refusal."""
    if eligible_handlers(case, stage).filter(pk=handler.pk).exists():
        return None
    name = handler.display_name
    if not handler.is_active:
        return f"{name} is no longer active."
    if CaseStage.objects.filter(case=case, number__lt=stage.number, handler=handler).exists():
        return f"{name} handled an earlier stage; {stage.name} must be handled by someone else."
    if stage.handled_by == HandledBy.INDEPENDENT:
        return f"{name} cannot handle {stage.name}: choose an investigator or complaints officer."
    return f"{name} cannot handle {stage.name}: choose a complaints officer or a service responder."
