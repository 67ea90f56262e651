"""Who may do what to a case. Deny unless a rule below allows.

Seeing a case is decided by ``selectors.cases_visible_to``; this module decides acting on one
the user can see. See docs/permissions.md for the table.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from redress.accounts.models import Role
from redress.cases.models import CaseAccessGrant
from redress.core.errors import NotPermitted
from redress.procedures.definitions import HandledBy


class Action(StrEnum):
    LOG = "log"
    ACKNOWLEDGE = "acknowledge"
    ASSIGN = "assign"
    EXTEND = "extend"
    RESPOND = "respond"
    ESCALATE = "escalate"
    WITHDRAW = "withdraw"
    REFUSE = "refuse"
    CLOSE = "close"
    REOPEN = "reopen"
    NOTE = "note"
    ATTACH = "attach"
    LINK = "link"
    REMEDY = "remedy"
    RESTRICT = "restrict"
    # A statutory procedure's steps, people and agreed response date (stage work).
    RECORD_STEP = "record_step"
    # Office roles only: not stage work, so no other role is allowed it.
    CHANGE_PROCEDURE = "change_procedure"
    ADJUST = "adjust"
    # Who acts for the person and who letters go to: recorded by whoever works the stage.
    REPRESENT = "represent"
    # Office roles only: the complaint belongs to another procedure (standards, HR, ...).
    ROUTE_ELSEWHERE = "route_elsewhere"
    # Office roles only: replacing a passage of the record with "[redacted]" for good.
    REDACT = "redact"


# Stage work a handler does on a stage of their kind (service area or independent team).
STAGE_WORK = frozenset(
    {
        Action.ACKNOWLEDGE,
        Action.EXTEND,
        Action.RESPOND,
        Action.NOTE,
        Action.ATTACH,
        Action.REMEDY,
        Action.RECORD_STEP,
        Action.ADJUST,
        Action.REPRESENT,
    }
)
OFFICE_ROLES = frozenset({Role.COMPLAINTS_OFFICER, Role.ADMINISTRATOR})
# Elected Members oversee how complaints are handled: they see the reports' aggregate figures
# and the survey results, never a case, a person, or a link or export that would lead to one.
FIGURES_ONLY_ROLES = frozenset({Role.MEMBER})


def role_of(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ""
    if user.is_superuser:
        return Role.ADMINISTRATOR
    return user.role or ""


def sees_figures_only(user: Any) -> bool:
    """Whether ``user`` may see aggregate figures but nothing of any case or person.

    ``cases_visible_to`` gives them no cases and ``can`` allows them nothing; this says so to
    the pages around the cases (the role gate, report links, exports, the API)."""
    return role_of(user) in FIGURES_ONLY_ROLES


def can_log(user: Any) -> bool:
    return role_of(user) in OFFICE_ROLES


def can_manage_personal_data(user: Any) -> bool:
    """Erasing a person, retention rules and runs, and legal holds (redress.privacy): an
    irreversible decision under data protection law, so administrators only. Which people and
    cases they reach is still the visibility rule's."""
    return role_of(user) == Role.ADMINISTRATOR


def can_disclose(user: Any) -> bool:
    """Who answers subject access requests: complaints officers and administrators.

    Not managers or handlers: they see only some of a person's cases, and an export must be
    everything the organisation holds that its maker may see (docs/subject-access.md)."""
    return role_of(user) in OFFICE_ROLES


def can(user: Any, action: Action, case: Any) -> bool:
    """Whether ``user`` may take ``action`` on ``case`` now.

    Never allows more than ``selectors.cases_visible_to`` shows: a restricted case is acted on
    only by the people granted access to it, whatever their role.
    """
    role = role_of(user)
    if not role:
        return False
    if case.restricted and not has_grant(user, case):
        return False
    if role in OFFICE_ROLES:
        return True
    stage = case.current_stage
    handled_by = stage.handled_by if stage is not None else HandledBy.SERVICE
    is_handler = stage is not None and stage.handler_id == user.pk
    if role == Role.SERVICE_RESPONDER:
        mine = is_handler or case.service_id in service_ids_of(user)
        return action in STAGE_WORK and handled_by == HandledBy.SERVICE and mine
    if role == Role.INVESTIGATOR:
        return action in STAGE_WORK and handled_by == HandledBy.INDEPENDENT
    if role == Role.MANAGER:
        mine = is_handler or case.service_id in service_ids_of(user)
        return action == Action.NOTE and mine
    return False


def require(user: Any, action: Action, case: Any) -> None:
    if user is not None and not can(user, action, case):
        raise NotPermitted(f"You do not have permission to {action.value} this case.")


def has_grant(user: Any, case: Any) -> bool:
    return CaseAccessGrant.objects.filter(case_id=case.pk, user_id=user.pk).exists()


def service_ids_of(user: Any) -> list[int]:
    """The service ids a user answers for, cached on the user object for the request."""
    cached = getattr(user, "_redress_service_ids", None)
    if cached is None:
        cached = list(user.services.values_list("id", flat=True))
        user._redress_service_ids = cached
    return cached
