"""Logging a new case: checked and worked out first, then written in one short transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F

from redress.accounts.models import User
from redress.calendars.clock import (
    local_date,
)
from redress.calendars.services import working_calendar
from redress.cases.areas import postcode_district
from redress.cases.kinds import (
    Channel,
    ContactPreference,
    Kind,
    Status,
)
from redress.cases.models import Case, CaseAccessGrant, CaseStage, Category, Person, Service
from redress.cases.permissions import can_log
from redress.cases.representatives import (
    Representative,
    describe,
    reachable_through,
    representative_errors,
    timeline_data,
)
from redress.cases.representatives import (
    case_fields as representative_fields,
)
from redress.cases.services import deadlines
from redress.cases.services.references import next_reference
from redress.cases.services.stages import (
    _stage_fields,
)
from redress.cases.services.timeline import append_event
from redress.core import clock
from redress.core.dates import receipt_date_refusal
from redress.core.errors import InvalidInput, NotPermitted
from redress.core.words import either
from redress.procedures.models import Procedure
from redress.procedures.routing import check_choice, procedure_for
from redress.procedures.services import current_version, definition_of


def _resolve_procedure(
    kind: str, procedure: Procedure | str | None, service: Any = None, category: Any = None
) -> Procedure:
    if isinstance(procedure, Procedure):
        return procedure
    if procedure:
        found = Procedure.objects.filter(slug=procedure, is_active=True).first()
        if found is None:
            raise InvalidInput.for_field(
                "procedure", f"There is no active procedure {procedure!r}."
            )
        return found
    found = procedure_for(kind, service, category)
    if found is None:
        raise InvalidInput.for_field("procedure", f"Choose a procedure: {kind} has no default.")
    return found


def _validate_log(
    *,
    kind: str,
    channel: str,
    received_at: Any,
    service: Service | None,
    category: Category | None,
    summary: str,
    person: dict[str, Any],
    representative: Representative | None,
) -> None:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if kind not in Kind.values:
        add("kind", f"Choose a kind of case: {either(Kind.labels)}.")
    if channel not in Channel.values:
        add("channel", f"Choose how it was received: {either(Channel.labels)}.")
    if not isinstance(received_at, dt.datetime) or received_at.tzinfo is None:
        add("received_at", "Enter when it was received as a date and time with a time zone.")
    elif received_at > clock.now() + dt.timedelta(minutes=5):
        add("received_at", "The time received cannot be in the future.")
    elif refusal := receipt_date_refusal(local_date(received_at)):
        add("received_at", refusal)
    if service is None or not service.is_active:
        add("service", "Choose the service area the case is about.")
    if category is not None and category.service_id not in (None, getattr(service, "pk", None)):
        add("category", "Choose a category that belongs to the chosen service.")
    if not isinstance(summary, str) or not summary.strip():
        add("summary", "Enter a short summary of what the case is about.")
    elif len(summary) > 200:
        add("summary", "The summary must be 200 characters or fewer.")
    if not str(person.get("name", "")).strip():
        add("person.name", "Enter the person's name.")
    reachable = any(str(person.get(k) or "").strip() for k in ("email", "phone", "address"))
    if not reachable and not reachable_through(representative):
        add("person.email", "Enter an email address, phone number or postal address to reply to.")
    preference = person.get("contact_preference")
    if preference and preference not in ContactPreference.values:
        add(
            "person.contact_preference",
            f"Choose how to contact the person: {either(ContactPreference.labels)}.",
        )
    for field, messages in representative_errors(representative).items():
        errors.setdefault(field, []).extend(messages)
    if errors:
        first = next(iter(errors.values()))[0]
        raise InvalidInput(first, errors)


@dataclass(frozen=True)
class PreparedLog:
    """A new case checked and worked out (procedure version, first stage, deadlines) but not
    yet written. Preparing only reads and writing only writes, so on SQLite the write lock is
    held for the writes alone, not for the procedure, calendar and closure-day reads too."""

    by: User | None
    kind: str
    existing_person: Person | None
    person_fields: dict[str, Any]
    case_fields: dict[str, Any]
    stage_fields: dict[str, Any]
    event_summary: str
    event_after: dict[str, Any]
    restricted: bool


def case_log(
    *,
    by: User | None,
    kind: str,
    received_at: dt.datetime,
    channel: str,
    service: Service | None,
    summary: str,
    person: dict[str, Any] | Person,
    category: Category | None = None,
    description: str = "",
    outcome_sought: str = "",
    procedure: Procedure | str | None = None,
    representative: Representative | None = None,
    restricted: bool = False,
    procedure_reason: str | None = None,
) -> Case:
    """Record a new case of any kind from any channel and open its first stage.

    ``person`` is an existing Person or the details of a new one: name, email, phone and
    address, and optionally contact_preference and communication_needs. ``representative``
    is whoever acts for them, with the person's consent, and who letters and emails go to.
    """
    prepared = case_log_prepare(
        by=by,
        kind=kind,
        received_at=received_at,
        channel=channel,
        service=service,
        summary=summary,
        person=person,
        category=category,
        description=description,
        outcome_sought=outcome_sought,
        procedure=procedure,
        representative=representative,
        restricted=restricted,
        procedure_reason=procedure_reason,
    )
    return case_log_write(prepared)


def case_log_prepare(
    *,
    by: User | None,
    kind: str,
    received_at: dt.datetime,
    channel: str,
    service: Service | None,
    summary: str,
    person: dict[str, Any] | Person,
    category: Category | None = None,
    description: str = "",
    outcome_sought: str = "",
    procedure: Procedure | str | None = None,
    representative: Representative | None = None,
    restricted: bool = False,
    procedure_reason: str | None = None,
) -> PreparedLog:
    """Every check ``case_log`` makes and everything it reads, with the same arguments; a
    caller that writes more in the same transaction (the portal) prepares before it begins."""
    if by is not None and not can_log(by):
        raise NotPermitted("You do not have permission to log cases.")
    person_data = _person_data(person)
    _validate_log(
        kind=kind,
        channel=channel,
        received_at=received_at,
        service=service,
        category=category,
        summary=summary,
        person=person_data,
        representative=representative,
    )
    chosen = _resolve_procedure(kind, procedure, service, category)
    # Routed by construction when no procedure is named; a different choice gives its reason.
    choice = check_choice(
        routed=procedure_for(kind, service, category) if procedure else chosen,
        chosen=chosen,
        reason=procedure_reason,
    )
    version = current_version(chosen)
    definition = definition_of(version)
    if not definition.stages:
        raise InvalidInput.for_field(
            "procedure", f"{definition.name} has no stages yet: an administrator must add one."
        )
    received_on = local_date(received_at)
    calendar = working_calendar(definition.calendar, received_on)
    stage_fields = _stage_fields(definition.stages[0], 1, received_at, calendar)
    case_fields = {
        "kind": kind,
        "procedure_version": version,
        "channel": channel,
        "received_at": received_at,
        "received_on": received_on,
        "service": service,
        "category": category,
        "summary": summary.strip(),
        "description": description,
        "outcome_sought": outcome_sought,
        **representative_fields(representative),
        "restricted": restricted,
        "status": Status.OPEN,
        "current_handler": None,
        "next_due_on": deadlines.next_due_on(Case(status=Status.OPEN), CaseStage(**stage_fields)),
    }
    return PreparedLog(
        by=by,
        kind=kind,
        existing_person=person if isinstance(person, Person) else None,
        person_fields=_person_fields(person_data),
        case_fields=case_fields,
        stage_fields=stage_fields,
        event_summary=f"{Kind(kind).label} logged from {Channel(channel).label.lower()} "
        f"under {definition.name}{choice.summary}"
        + (f". {describe(representative)}" if representative else ""),
        event_after={
            "stage": stage_fields["key"],
            "procedure": definition.slug,
            "version": version.number,
            **choice.event_data,
            **({"representative": timeline_data(representative)} if representative else {}),
        },
        restricted=restricted,
    )


# No savepoint of its own: no caller catches a failure here and carries on in the same
# transaction, and on SQLite each extra statement is made while holding the write lock.
@transaction.atomic(savepoint=False)
def case_log_write(prepared: PreparedLog) -> Case:
    """Write a prepared case: its person, reference, case row, first stage and "logged" event."""
    person = prepared.existing_person or Person.objects.create(**prepared.person_fields)
    received_on = prepared.case_fields["received_on"]
    case = Case.objects.create(
        reference=next_reference(prepared.kind, received_on.year),
        person=person,
        **prepared.case_fields,
    )
    stage = CaseStage.objects.create(case=case, **prepared.stage_fields)
    # The case needs its stage's id: one UPDATE sets it and counts the "logged" event as the
    # case's first change, where a separate version bump would be a second UPDATE.
    Case.objects.filter(pk=case.pk).update(current_stage=stage, version=F("version") + 1)
    case.current_stage = stage
    case.version += 1
    append_event(
        case=case,
        actor=prepared.by,
        kind="logged",
        summary=prepared.event_summary,
        after=prepared.event_after,
    )
    if prepared.restricted and prepared.by is not None:
        CaseAccessGrant.objects.get_or_create(case=case, user=prepared.by)
    return case


def _person_data(person: dict[str, Any] | Person) -> dict[str, Any]:
    if not isinstance(person, Person):
        return person
    return {
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "address": person.address,
    }


def _person_fields(person_data: dict[str, Any]) -> dict[str, Any]:
    contact = ("name", "email", "phone", "address")
    fields = {key: str(person_data.get(key) or "").strip() for key in contact}
    fields["postcode_district"] = postcode_district(fields["address"])
    # Given only when the person said (the public form asks); otherwise the model's defaults.
    for key in ("contact_preference", "communication_needs"):
        if person_data.get(key):
            fields[key] = str(person_data[key]).strip()
    return fields
