"""Cases and procedures as the plain data the response schemas describe."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from redress.api.records import records_data
from redress.cases.availability import transition_refusals
from redress.cases.models import Case, CaseStage
from redress.cases.representatives import Representative, timeline_data
from redress.cases.services import deadlines
from redress.core import clock
from redress.elsewhere.models import RoutedElsewhere
from redress.procedures.definitions import ProcedureDefinition, duration_to_json
from redress.procedures.models import ProcedureVersion
from redress.procedures.services import definition_of
from redress.register.warnings import contact_restrictions_data


def case_prefetched() -> tuple[Prefetch[Any], ...]:
    """Besides ``cases.selectors.with_detail_relations``: where a complaint was routed, and
    by whom, in one query whether or not it was."""
    routing = RoutedElsewhere.objects.select_related("routed_by")
    return (Prefetch("routed_elsewhere", queryset=routing),)


# What a listed case is made from, read as values: a page of 100 builds no model instances,
# which is most of what a list would otherwise cost beyond its query.
SUMMARY_COLUMNS = (
    "id",
    "reference",
    "kind",
    "status",
    "service__slug",
    "current_stage__key",
    "summary",
    "received_at",
    "next_due_on",
)


def _overdue(next_due_on: dt.date | None, today: dt.date) -> bool:
    return next_due_on is not None and next_due_on < today


def procedure_data(version: ProcedureVersion) -> dict[str, Any]:
    definition: ProcedureDefinition = definition_of(version)
    return {
        "slug": definition.slug,
        "name": definition.name,
        "version": version.number,
        "calendar": definition.calendar,
        "stages": [
            {
                "key": stage.key,
                "name": stage.name,
                "acknowledge_within": duration_to_json(stage.acknowledge_within),
                "respond_within": duration_to_json(stage.respond_within),
                "max_extension": duration_to_json(stage.max_extension),
                "respond_from": stage.respond_from.value,
                "handled_by": stage.handled_by.value,
            }
            for stage in definition.stages
        ],
    }


def case_summary_data(row: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """A listed case from its ``SUMMARY_COLUMNS``."""
    return {
        "reference": row["reference"],
        "kind": row["kind"],
        "status": row["status"],
        "service": row["service__slug"],
        "current_stage": row["current_stage__key"],
        "summary": row["summary"],
        "received_at": timezone.localtime(row["received_at"]),
        "next_due_on": row["next_due_on"],
        "overdue": _overdue(row["next_due_on"], today),
    }


def _stage_data(stage: CaseStage, definition: ProcedureDefinition) -> dict[str, Any]:
    provisional = deadlines.response_due_is_provisional(stage, definition.stage(stage.key))
    return {
        "response_due_provisional": provisional,
        "key": stage.key,
        "name": stage.name,
        "opened_on": stage.opened_on,
        "acknowledge_due": stage.acknowledge_due,
        "acknowledged_on": stage.acknowledged_on,
        "response_due": stage.response_due,
        "extended_to": stage.extended_to,
        "responded_on": stage.responded_on,
        "outcome": stage.outcome or None,
        "handler": stage.handler.username if stage.handler else None,
    }


def routed_elsewhere_data(case: Case) -> dict[str, Any] | None:
    """Where the complaint was passed on to, or None if it never was."""
    routing: RoutedElsewhere | None = getattr(case, "routed_elsewhere", None)
    if routing is None:
        return None
    return {
        "destination": routing.destination,
        "destination_name": routing.get_destination_display(),
        "to_name": routing.to_name,
        "to_email": routing.to_email,
        "routed_on": routing.routed_on,
        "reason": routing.reason,
        "routed_by": routing.routed_by.username if routing.routed_by else None,
        "recorded_at": timezone.localtime(routing.recorded_at),
    }


def actions_data(user: Any, case: Case) -> dict[str, Any]:
    """What ``user`` may do to the case now, and the reason for each thing they may not."""
    reasons = transition_refusals(user, case)
    return {
        "available_actions": [t.value for t, reason in reasons.items() if reason is None],
        "unavailable_actions": {t.value: reason for t, reason in reasons.items() if reason},
    }


def case_data(case: Case, stages: list[CaseStage], *, user: Any = None) -> dict[str, Any]:
    """The case detail; with ``user``, also the actions they may take now and why not others."""
    version = case.procedure_version
    stage = case.current_stage
    actions = actions_data(user, case) if user is not None else {}
    return {
        **actions,
        "reference": case.reference,
        "kind": case.kind,
        "status": case.status,
        "procedure": {
            "slug": version.procedure.slug,
            "name": version.procedure.name,
            "version": version.number,
        },
        "current_stage": stage.key if stage else None,
        "stages": [_stage_data(s, definition_of(version)) for s in stages],
        "outcome": case.outcome or None,
        "not_accepted_reason": case.not_accepted_reason or None,
        "service": {"slug": case.service.slug, "name": case.service.name},
        "category": (
            {"id": case.category.pk, "name": case.category.name} if case.category else None
        ),
        "channel": case.channel,
        "received_at": timezone.localtime(case.received_at),
        "next_due_on": case.next_due_on,
        "overdue": _overdue(case.next_due_on, clock.today()),
        "closed_on": case.closed_on,
        "handler": stage.handler.username if stage and stage.handler else None,
        "summary": case.summary,
        "description": case.description,
        "outcome_sought": case.outcome_sought,
        "person": {
            "id": case.person_id,
            "name": case.person.name,
            "email": case.person.email,
            "phone": case.person.phone,
            "address": case.person.address,
        },
        # Every field the request takes, as the timeline keeps them; null when nobody acts.
        "representative": timeline_data(Representative.of(case)),
        "routed_elsewhere": routed_elsewhere_data(case),
        "version": case.version,
        **records_data(case),
        "contact_restrictions": contact_restrictions_data(case),
    }
