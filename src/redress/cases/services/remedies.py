"""Remedies and outstanding actions, followed to completion.

Each has an owner (a member of staff or a service area) and a due date no earlier than the
case's receipt, and is marked done with the date and a note of the evidence. The case page,
the API and the demo all call these functions, so the rules are the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TypeVar

from django.db import transaction

from redress.accounts.models import User
from redress.cases.kinds import RemedyType
from redress.cases.models import Case, OutstandingAction, Remedy, Service
from redress.cases.permissions import Action, require
from redress.cases.selectors import cases_visible_to
from redress.cases.services.timeline import record_event
from redress.core import clock
from redress.core.dates import long_date
from redress.core.errors import InvalidInput, TransitionNotAllowed

Owner = User | Service
Done = TypeVar("Done", Remedy, OutstandingAction)


def owner_named(value: str) -> Owner:
    """A member of staff by username, else a service area by slug; InvalidInput if neither."""
    value = (value or "").strip()
    if not value:
        raise InvalidInput.for_field("owner", "Choose who will make sure this is done.")
    person = User.objects.filter(username=value, is_active=True).first()
    if person is not None:
        return person
    service = Service.objects.filter(slug=value, is_active=True).first()
    if service is not None:
        return service
    raise InvalidInput.for_field(
        "owner", f"There is no active member of staff or service area {value!r}."
    )


def owner_label(item: Remedy | OutstandingAction) -> str:
    if item.owner is not None:
        return item.owner.display_name
    if item.owner_service is not None:
        return item.owner_service.name
    return "Nobody"


def owner_key(item: Remedy | OutstandingAction) -> str | None:
    """The owner as the API names it: a username or a service area's slug."""
    if item.owner is not None:
        return item.owner.username
    if item.owner_service is not None:
        return item.owner_service.slug
    return None


def _check_owner(case: Case, owner: Owner | None) -> None:
    if owner is None:
        raise InvalidInput.for_field("owner", "Choose who will make sure this is done.")
    # The owner hears about it by email, so they must be able to open the case.
    if isinstance(owner, User) and not cases_visible_to(owner).filter(pk=case.pk).exists():
        raise InvalidInput.for_field(
            "owner",
            f"{owner.display_name} cannot see this case: choose someone who can, or grant "
            "them access first.",
        )


def _check_due(case: Case, due_on: dt.date | None) -> None:
    if due_on is None:
        raise InvalidInput.for_field("due_on", "Enter the date it is due by.")
    if due_on < case.received_on:
        raise InvalidInput.for_field(
            "due_on",
            f"The date it is due by must be on or after {long_date(case.received_on)}, when the "
            "case was received.",
        )


def _check_done(case: Case, on: dt.date | None, note: str) -> None:
    if on is None:
        raise InvalidInput.for_field("on", "Enter the date it was done.")
    if on > clock.today():
        raise InvalidInput.for_field("on", "The date it was done cannot be in the future.")
    if on < case.received_on:
        raise InvalidInput.for_field(
            "on",
            f"The date it was done must be on or after {long_date(case.received_on)}, when the "
            "case was received.",
        )
    if not note.strip():
        raise InvalidInput.for_field(
            "note", "Say how we know it was done, for example the payment reference."
        )


def _owner_fields(owner: Owner | None) -> dict[str, object]:
    return {
        "owner": owner if isinstance(owner, User) else None,
        "owner_service": owner if isinstance(owner, Service) else None,
    }


@transaction.atomic
def remedy_add(
    *,
    case: Case,
    by: User | None,
    type: str,
    description: str,
    amount: Decimal | None = None,
    due_on: dt.date | None = None,
    owner: Owner | None = None,
) -> Remedy:
    require(by, Action.REMEDY, case)
    if type not in RemedyType.values:
        raise InvalidInput.for_field("type", "Choose the type of remedy.")
    if not description.strip():
        raise InvalidInput.for_field("description", "Say what will happen and by when.")
    if type == RemedyType.FINANCIAL and (amount is None or amount <= 0):
        raise InvalidInput.for_field(
            "amount", "Enter the amount of the financial remedy, more than £0."
        )
    if amount is not None and amount < 0:
        raise InvalidInput.for_field("amount", "The amount cannot be negative.")
    _check_due(case, due_on)
    _check_owner(case, owner)
    remedy = Remedy.objects.create(
        case=case,
        stage=case.current_stage,
        type=type,
        description=description.strip(),
        amount=amount,
        due_on=due_on,
        **_owner_fields(owner),
    )
    record_event(
        case=case,
        actor=by,
        kind="remedy",
        summary=f"Remedy agreed: {RemedyType(type).label}"
        + (f", £{amount}" if amount else "")
        + f", due {long_date(due_on)} ({owner_label(remedy)})",  # type: ignore[arg-type]  # checked
        remedy=remedy.pk,
    )
    return remedy


def _mark_done(record: Done, by: User | None, on: dt.date | None, note: str, already: str) -> Done:
    """Lock a remedy or action, check it can be marked done on ``on``, and mark it."""
    require(by, Action.REMEDY, record.case)
    locked = type(record).objects.select_for_update().select_related("case").get(pk=record.pk)
    if locked.done_on:
        raise TransitionNotAllowed(already)
    _check_done(locked.case, on, note)
    locked.done_on = on
    locked.done_note = note.strip()
    locked.save(update_fields=["done_on", "done_note"])
    return locked


@transaction.atomic
def remedy_complete(
    *, remedy: Remedy, by: User | None, on: dt.date | None, note: str = ""
) -> Remedy:
    remedy = _mark_done(remedy, by, on, note, "This remedy is already marked as done.")
    record_event(
        case=remedy.case,
        actor=by,
        kind="remedy_done",
        summary=f"Remedy done on {long_date(on)}: {remedy.get_type_display()}",  # type: ignore[arg-type]  # checked
        remedy=remedy.pk,
        note=remedy.done_note,
    )
    return remedy


@transaction.atomic
def action_add(
    *,
    case: Case,
    by: User | None,
    description: str,
    due_on: dt.date | None = None,
    owner: Owner | None = None,
) -> OutstandingAction:
    require(by, Action.REMEDY, case)
    if not description.strip():
        raise InvalidInput.for_field("description", "Describe the action still to be done.")
    _check_due(case, due_on)
    _check_owner(case, owner)
    action = OutstandingAction.objects.create(
        case=case, description=description.strip(), due_on=due_on, **_owner_fields(owner)
    )
    record_event(
        case=case,
        actor=by,
        kind="action",
        summary=f"Outstanding action: {description.strip()[:150]}, due {long_date(due_on)} "  # type: ignore[arg-type]  # checked
        f"({owner_label(action)})",
        action=action.pk,
    )
    return action


@transaction.atomic
def action_complete(
    *, action: OutstandingAction, by: User | None, on: dt.date | None, note: str = ""
) -> OutstandingAction:
    action = _mark_done(action, by, on, note, "This action is already marked as done.")
    record_event(
        case=action.case,
        actor=by,
        kind="action_done",
        summary=f"Action done on {long_date(on)}: {action.description[:200]}",  # type: ignore[arg-type]  # checked
        action=action.pk,
        note=action.done_note,
    )
    return action
