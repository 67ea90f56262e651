"""Raising learning actions and moving them on. Every page, the API, the demo and other apps
(the trend alerts) call these, so the rules are the same everywhere. Each is one transaction;
each change to an action on a case is recorded on the case's timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

from django.db import transaction

from redress.accounts.models import User
from redress.cases.models import Case, Service
from redress.cases.permissions import OFFICE_ROLES, Action, require, role_of, sees_figures_only
from redress.cases.selectors import cases_visible_to
from redress.cases.services.stages import require_current
from redress.cases.services.timeline import record_event
from redress.core import clock
from redress.core.dates import long_date
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.learning.models import (
    LESSON_MAX,
    OPEN_STATUSES,
    REASON_MAX,
    LearningAction,
    LearningStatus,
)
from redress.learning.selectors import learning_visible_to, may_update


def _text(field: str, value: str, missing: str, limit: int = LESSON_MAX) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput.for_field(field, missing)
    if len(value) > limit:
        raise InvalidInput.for_field(field, f"Write {limit:,} characters or fewer.")
    return value


def _check_raise(
    by: User | None, case: Case | None, service: Service | None, owner: User | None
) -> None:
    if case is not None:
        # Whoever may add a note to the case may raise learning from it.
        require(by, Action.NOTE, case)
    elif by is not None and role_of(by) not in OFFICE_ROLES:
        raise NotPermitted("Only the complaints team can raise learning without a case.")
    _check_service(service)
    _check_owner(owner, case)


def _check_service(service: Service | None) -> None:
    if service is None or not service.is_active:
        raise InvalidInput.for_field("service", "Choose the service area that owns the change.")


def _check_owner(owner: User | None, case: Case | None) -> None:
    if owner is None or not owner.is_active or not role_of(owner):
        raise InvalidInput.for_field("owner", "Choose who will make sure the change is made.")
    if sees_figures_only(owner):
        # A Member oversees the figures and opens no learning page (the role gate).
        raise InvalidInput.for_field(
            "owner", f"{owner.display_name} is an elected Member: choose a member of staff."
        )
    # The owner is reminded by email and opens the action, so they must see its case.
    if case is not None and not cases_visible_to(owner).filter(pk=case.pk).exists():
        raise InvalidInput.for_field(
            "owner",
            f"{owner.display_name} cannot see this case: choose someone who can, or grant "
            "them access first.",
        )


def _check_due(due_on: dt.date | None) -> None:
    today = clock.today()
    if due_on is None:
        raise InvalidInput.for_field("due_on", "Enter the date the change is due by.")
    if due_on < today:
        raise InvalidInput.for_field(
            "due_on", f"The date it is due by must be today ({long_date(today)}) or later."
        )


@transaction.atomic
def learning_raise(
    *,
    by: User | None,
    lesson: str,
    change: str,
    service: Service | None,
    owner: User | None,
    due_on: dt.date | None,
    case: Case | None = None,
    source: str = "",
    expected_version: int | None = None,
    on_behalf_of: User | None = None,
) -> LearningAction:
    """Record what was learnt and what will change, owned by ``owner`` in ``service``.

    ``case`` is the case it was learnt from, or None for learning from elsewhere (a trend
    alert), which only the complaints team (or the system, ``by=None``) may raise. When the
    system raises it on someone's decision (turning a trend alert into learning, which the
    alert's own rule allowed), ``on_behalf_of`` is recorded as who raised it."""
    lesson = _text("lesson", lesson, "Enter what was learnt.")
    change = _text("change", change, "Enter what will change.")
    _check_raise(by, case, service, owner)
    _check_due(due_on)
    today = clock.today()
    assert service is not None and owner is not None and due_on is not None  # checked above
    if case is not None:
        require_current(case, expected_version)
    action = LearningAction.objects.create(
        case=case,
        service=service,
        owner=owner,
        lesson=lesson,
        change=change,
        due_on=due_on,
        raised_on=today,
        raised_by=by or on_behalf_of,
        source=source.strip()[:200],
    )
    if case is not None:
        record_event(
            case=case,
            actor=by,
            kind="learning",
            summary=f"Learning action raised for {service.name}, owned by {owner.display_name}, "
            f"due {long_date(due_on)}: {lesson[:150]}",
            learning=action.pk,
        )
    return action


def _check_move(action: LearningAction, status: str, reason: str, evidence: str, on):  # type: ignore[no-untyped-def]
    if status not in LearningStatus.values:
        raise InvalidInput.for_field("status", "Choose a status from the list.")
    if action.status not in OPEN_STATUSES:
        raise TransitionNotAllowed(
            f"This learning action is already {action.get_status_display().lower()}."
        )
    if status == action.status:
        raise InvalidInput.for_field(
            "status", f"It is already {action.get_status_display().lower()}: choose another."
        )
    if status == LearningStatus.NOT_TAKEN_FORWARD:
        _text("reason", reason, "Say why it is not being taken forward.", REASON_MAX)
    if status == LearningStatus.DONE:
        _text("evidence", evidence, "Say how we know the change was made.", REASON_MAX)
        if on is None:
            raise InvalidInput.for_field("on", "Enter the date the change was made.")
        if on > clock.today():
            raise InvalidInput.for_field(
                "on", "The date the change was made cannot be in the future."
            )
        if on < action.raised_on:
            raise InvalidInput.for_field(
                "on",
                f"The date the change was made must be on or after {long_date(action.raised_on)}, "
                "when the learning was raised.",
            )


@transaction.atomic
def learning_update(
    *,
    action: LearningAction,
    by: User | None,
    status: str,
    reason: str = "",
    evidence: str = "",
    on: dt.date | None = None,
) -> LearningAction:
    """Move a learning action on: agreed, in progress, done (with the date and the evidence)
    or not taken forward (with the reason). Done and not taken forward are final."""
    locked = _locked_for(action, by)
    _check_move(locked, status, reason, evidence, on)
    before = locked.get_status_display()
    locked.status = status
    if status == LearningStatus.DONE:
        locked.evidence, locked.completed_on = evidence.strip(), on
    if status == LearningStatus.NOT_TAKEN_FORWARD:
        locked.reason = reason.strip()
    locked.save()
    if locked.case is not None:
        record_event(
            case=locked.case,
            actor=by,
            kind="learning_status",
            summary=_summary(locked),
            before={"status": before},
            after={"status": locked.get_status_display()},
            learning=locked.pk,
        )
    return locked


def _locked_for(action: LearningAction, by: User | None) -> LearningAction:
    """The action, locked for this transaction, once ``by`` is found to be someone who may
    update it (``selectors.may_update``, the one rule for the page, the API and here)."""
    if by is not None and not learning_visible_to(by).filter(pk=action.pk).exists():
        raise NotPermitted("You cannot see this learning action.")
    locked = (
        LearningAction.objects.select_for_update(of=("self",))
        .select_related("service", "case", "owner")
        .get(pk=action.pk)
    )
    if by is not None and not may_update(by, locked):
        raise NotPermitted(
            "Only the owner, the head of service, its managers and the complaints team can "
            "update this learning action."
        )
    return locked


def _summary(action: LearningAction) -> str:
    what = action.lesson[:100]
    if action.status == LearningStatus.DONE:
        return f"Learning action done on {long_date(action.completed_on)}: {what}"  # type: ignore[arg-type]  # set when done
    label = action.get_status_display().lower()
    return f"Learning action {label}: {what}"


def learning_complete(
    *, action: LearningAction, by: User | None, on: dt.date | None, evidence: str
) -> LearningAction:
    return learning_update(
        action=action, by=by, status=LearningStatus.DONE, evidence=evidence, on=on
    )


# The details an open learning action's page may change, as the timeline names them.
CHANGEABLE = {
    "lesson": "what was learnt",
    "change": "what will change",
    "service": "service area",
    "owner": "owner",
    "due_on": "due date",
}


@transaction.atomic
def learning_change(
    *,
    action: LearningAction,
    by: User | None,
    lesson: str,
    change: str,
    service: Service | None,
    owner: User | None,
    due_on: dt.date | None,
    expected_version: int | None = None,
) -> LearningAction:
    """Change an open learning action's details: what was learnt and what will change, the
    service area that owns it, its owner and its due date. A done or not-taken-forward action
    is a record and stays as it was. Each rule is the one raising applies, to the values that
    change (an overdue action keeps its past due date while its owner is changed); every field
    that breaks one is named at once. The change goes on the case's timeline, before and after."""
    locked = _locked_for(action, by)
    if not locked.is_open:
        raise TransitionNotAllowed(
            f"This learning action is already {locked.get_status_display().lower()}: "
            "its details can no longer be changed."
        )
    new = _checked_details(locked, lesson, change, service, owner, due_on)
    changed = {f: v for f, v in new.items() if v != getattr(locked, f)}
    if not changed:
        raise InvalidInput("Nothing was changed: change a detail, or go back to the action.")
    if locked.case is not None:
        require_current(locked.case, expected_version)
    before = {f: getattr(locked, f) for f in changed}
    for field, value in changed.items():
        setattr(locked, field, value)
    locked.save()
    if locked.case is not None:
        record_event(
            case=locked.case,
            actor=by,
            kind="learning_changed",
            summary=_change_summary(before, changed),
            before=before,
            after=changed,
            learning=locked.pk,
        )
    return locked


def _checked_details(
    action: LearningAction,
    lesson: str,
    change: str,
    service: Service | None,
    owner: User | None,
    due_on: dt.date | None,
) -> dict[str, Any]:
    """The new details, each checked by the rule raising uses where it changes; every field
    that breaks a rule is named in one error."""
    errors: dict[str, list[str]] = {}

    def collect(check: Callable[[], Any]) -> Any:
        try:
            return check()
        except InvalidInput as error:
            for name, messages in error.field_errors.items():
                errors.setdefault(name, []).extend(messages)
            return None

    new = {
        "lesson": collect(partial(_text, "lesson", lesson, "Enter what was learnt.")),
        "change": collect(partial(_text, "change", change, "Enter what will change.")),
        "service": service,
        "owner": owner,
        "due_on": due_on,
    }
    if service != action.service:
        collect(partial(_check_service, service))
    if owner != action.owner:
        collect(partial(_check_owner, owner, action.case))
    if due_on != action.due_on:
        collect(partial(_check_due, due_on))
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors)
    return new


def _change_summary(before: dict[str, Any], after: dict[str, Any]) -> str:
    def shown(field: str, value: Any) -> str:
        if field == "due_on":
            return long_date(value)
        if field == "owner":
            return value.display_name  # type: ignore[no-any-return]
        if field == "service":
            return value.name  # type: ignore[no-any-return]
        return ""  # the texts are in the event's data, not its one-line summary

    parts = []
    for field in after:
        was, now = shown(field, before[field]), shown(field, after[field])
        parts.append(f"{CHANGEABLE[field]} {now} (was {was})" if now else CHANGEABLE[field])
    return "Learning action changed: " + "; ".join(parts)
