"""Routing a complaint to the procedure it belongs to: a complaint about an elected Member
goes to the Monitoring Officer under the standards regime, one about an individual senior
officer to Human Resources, and others to another organisation or statutory procedure.

The case is closed as not accepted under our procedure, for the reason "handled under another
procedure", so every count of that reason (the figures store, the annual report) includes
it; the routing itself says where, to whom, when and why, and the person is sent the
explanation from the "Handled under another procedure" template.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from redress.cases.kinds import NotAcceptedReason, Outcome, Status
from redress.cases.models import Case
from redress.cases.permissions import Action, require
from redress.cases.services import guards
from redress.cases.services.guards import Transition
from redress.cases.services.stages import (
    _check_day,
    _check_version,
    _definition,
    _lock,
    _save,
    _today,
)
from redress.cases.services.timeline import record_event
from redress.core.dates import long_date
from redress.core.errors import InvalidInput
from redress.core.words import either
from redress.elsewhere.models import Destination, RoutedElsewhere
from redress.notifications.models import OutboundMessage
from redress.staff import letters
from redress.staff.models import TemplatePurpose

MAX_NAME = 200
MAX_REASON = 5_000


def _text(field: str, value: Any, what: str, limit: int, errors: dict[str, list[str]]) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        errors.setdefault(field, []).append(f"Enter {what}.")
    elif len(text) > limit:
        errors.setdefault(field, []).append(
            f"{what[0].upper()}{what[1:]} must be {limit:,} characters or fewer."
        )
    return text


def _email(value: Any, errors: dict[str, list[str]]) -> str:
    email = value.strip() if isinstance(value, str) else ""
    if not email:
        return ""
    try:
        if len(email) > 254:
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        errors.setdefault("to_email", []).append(
            "Enter their email address in the correct format, like name@example.com, "
            "or leave it empty."
        )
    return email


def _checked(
    destination: Any, to_name: Any, to_email: Any, reason: Any
) -> tuple[str, str, str, str]:
    """What was typed, trimmed, or InvalidInput naming every field that breaks a rule."""
    errors: dict[str, list[str]] = {}
    if destination not in Destination.values:
        errors["destination"] = [f"Choose where the complaint goes: {either(Destination.labels)}."]
    name = _text("to_name", to_name, "the name of who it goes to", MAX_NAME, errors)
    email = _email(to_email, errors)
    why = _text("reason", reason, "why the complaint is handled elsewhere", MAX_REASON, errors)
    if errors:
        first = next(iter(errors.values()))[0]
        raise InvalidInput(first, errors)
    return destination, name, email, why


def routed_to_text(routing: RoutedElsewhere) -> str:
    """Who the complaint went to, under what, as the explanation to the person says it."""
    who = routing.to_name + (f" ({routing.to_email})" if routing.to_email else "")
    return {
        Destination.MONITORING_OFFICER: f"{who}, the Monitoring Officer, who considers "
        "complaints about councillors' conduct under the standards regime",
        Destination.HUMAN_RESOURCES: f"{who} in Human Resources, who deal with concerns about "
        "an individual member of staff under our staff procedures",
        Destination.OTHER_ORGANISATION: f"{who}, who are responsible for this matter",
        Destination.STATUTORY_PROCEDURE: f"{who}, who will consider it under the statutory "
        "procedure that applies to it",
    }[Destination(routing.destination)]


@transaction.atomic
def case_route_elsewhere(
    *,
    case: Case,
    by: Any,
    destination: str,
    to_name: str,
    on: dt.date,
    reason: str,
    to_email: str = "",
    expected_version: int | None = None,
) -> tuple[Case, list[OutboundMessage]]:
    """Close the complaint as handled under another procedure, record where it went, and
    queue the explanation to the person (or whoever letters go to)."""
    case, stage = _lock(case)
    require(by, Action.ROUTE_ELSEWHERE, case)
    _check_version(case, expected_version)
    guards.check(Transition.ROUTE_ELSEWHERE, case, stage, _definition(case), _today())
    assert stage is not None  # the guard
    destination, name, email, why = _checked(destination, to_name, to_email, reason)
    _check_day("on", on, not_before=case.received_on, what="it was passed on")
    before = {"status": case.status, "outcome": case.outcome, "closed_on": case.closed_on}
    routing, _ = RoutedElsewhere.objects.update_or_create(
        case=case,
        defaults={
            "destination": destination,
            "to_name": name,
            "to_email": email,
            "routed_on": on,
            "reason": why,
            "routed_by": by,
        },
    )
    case.outcome = stage.outcome = Outcome.NOT_ACCEPTED
    case.not_accepted_reason = NotAcceptedReason.OTHER_PROCEDURE
    case.not_accepted_detail = f"Passed to {name} ({routing.short_destination}): {why}"
    case.status = Status.CLOSED
    case.closed_on = _today()
    _save(case, stage)
    record_event(
        case=case,
        actor=by,
        kind="routed_elsewhere",
        summary=f"Handled under another procedure: passed to {name} "
        f"({routing.short_destination}) on {long_date(on)}. {why}",
        before=before,
        after={
            "status": case.status,
            "outcome": case.outcome,
            "destination": destination,
            "to_name": name,
            "to_email": email,
            "routed_on": on,
            "reason": why,
        },
    )
    sent = letters.send(
        TemplatePurpose.ROUTED,
        case=case,
        stage=stage,
        by=by,
        routed_to=routed_to_text(routing),
        routed_reason=why,
    )
    return case, sent
