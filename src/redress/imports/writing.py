"""Writing checked rows as cases, a batch at a time, with bulk inserts.

Each case gets what logging it through the services would give it: a person record (with
the postcode district of the address), a Redress reference from the same counters, its
procedure's current version, one stage (the one the row records) with deadlines worked out
on the procedure's calendar from the date received, ``next_due_on`` (so queues and reminders
see open cases, and closed ones raise none) and one timeline event. The rows are inserted
with ``executemany`` (``imports.inserting``), their ids reserved first so that each case is
written already pointing at its person and its stage. The search index and the report
figures' change notes are kept by the database's triggers on these inserts, as for any
other write.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import lru_cache
from typing import Any

from redress.calendars.clock import LONDON, WorkingCalendar
from redress.calendars.services import working_calendar
from redress.cases.areas import postcode_district
from redress.cases.kinds import NotAcceptedReason, Outcome, Status
from redress.cases.models import Case, CaseStage, Person, TimelineEvent
from redress.cases.services import deadlines
from redress.cases.services.references import reserve_references
from redress.imports.inserting import insert_rows, reserve_ids
from redress.imports.rows import CaseRow

EVENT_KIND = "imported"
EVENT_SUMMARY = "Imported from legacy system"
# Midday on the day received: the export gives the day, not the time (as a stage opened on
# an earlier day is recorded by the services).
RECEIVED_AT = dt.time(12, 0)


@lru_cache(maxsize=64)
def _calendar(code: str, year: int) -> WorkingCalendar:
    return working_calendar(code, dt.date(year, 7, 1))


def stage_fields(row: CaseRow, opened_at: dt.datetime) -> dict[str, Any]:
    """The stage's fields: its deadlines under the procedure, and what the row records."""
    calendar = _calendar(row.applies.definition.calendar, row.received_on.year)
    acknowledge_due, response_due = deadlines.stage_opening_dates(row.stage, opened_at, calendar)
    if row.acknowledged_on:
        after = deadlines.response_due_after_acknowledgement(
            row.stage, row.acknowledged_on, calendar
        )
        response_due = after or response_due
    return {
        "number": row.stage_number,
        "key": row.stage.key,
        "name": row.stage.name,
        "handled_by": row.stage.handled_by.value,
        "opened_at": opened_at,
        "opened_on": row.received_on,
        "acknowledge_due": acknowledge_due,
        "acknowledged_on": row.acknowledged_on,
        "response_due": response_due,
        "responded_on": row.responded_on,
        "outcome": row.outcome,
    }


def case_fields(row: CaseRow, received_at: dt.datetime) -> dict[str, Any]:
    refused = row.outcome == Outcome.NOT_ACCEPTED
    return {
        "legacy_reference": row.legacy_reference,
        "kind": row.kind,
        "status": row.status,
        "procedure_version_id": row.applies.version.pk,
        "channel": row.channel,
        "received_at": received_at,
        "received_on": row.received_on,
        "service_id": row.service.pk,
        "category_id": row.category.pk if row.category else None,
        "summary": row.summary,
        "description": row.description,
        "outcome_sought": row.outcome_sought,
        "outcome": row.outcome,
        "not_accepted_reason": NotAcceptedReason.OTHER if refused else "",
        "not_accepted_detail": "Recorded as not accepted in the legacy system." if refused else "",
        "closed_on": row.closed_on,
        # Logged, then imported: the same first change a logged case has.
        "version": 2,
    }


def _event_data(row: CaseRow, source: str) -> dict[str, Any]:
    recorded = {
        "stage": row.stage.key,
        "acknowledged_on": row.acknowledged_on,
        "responded_on": row.responded_on,
        "outcome": row.outcome,
        "closed_on": row.closed_on,
    }
    return {
        "source": source,
        "row": row.row,
        "legacy_reference": row.legacy_reference,
        "after": {
            "procedure": row.applies.definition.slug,
            "version": row.applies.version.number,
            **{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in recorded.items()},
        },
    }


class BatchWriter:
    """Writes batches of checked rows; the caller holds the transaction around them all."""

    def __init__(self, *, by: Any, source: str) -> None:
        self.by_id = getattr(by, "pk", None)
        self.source = source

    def _references(self, rows: list[CaseRow]) -> list[str]:
        """A reference for each row, in order: one counter bump per kind and year."""
        wanted: dict[tuple[str, int], list[int]] = defaultdict(list)
        for index, row in enumerate(rows):
            wanted[(row.kind, row.received_on.year)].append(index)
        references = [""] * len(rows)
        for (kind, year), indexes in wanted.items():
            for index, reference in zip(
                indexes, reserve_references(kind, year, len(indexes)), strict=True
            ):
                references[index] = reference
        return references

    def write(self, rows: list[CaseRow]) -> None:
        count = len(rows)
        people, cases, stages, events = [], [], [], []
        for row, reference, person_id, case_id, stage_id, event_id in zip(
            rows,
            self._references(rows),
            reserve_ids(Person, count),
            reserve_ids(Case, count),
            reserve_ids(CaseStage, count),
            reserve_ids(TimelineEvent, count),
            strict=True,
        ):
            received_at = dt.datetime.combine(row.received_on, RECEIVED_AT, tzinfo=LONDON)
            stage = stage_fields(row, received_at)
            people.append(
                {"id": person_id, **row.person, "postcode_district": _district(row.person)}
            )
            cases.append(
                {
                    "id": case_id,
                    "reference": reference,
                    "person_id": person_id,
                    "current_stage_id": stage_id,
                    "next_due_on": _next_due_on(row, stage),
                    **case_fields(row, received_at),
                }
            )
            stages.append({"id": stage_id, "case_id": case_id, **stage})
            events.append(
                {
                    "id": event_id,
                    "case_id": case_id,
                    "actor_id": self.by_id,
                    "kind": EVENT_KIND,
                    "summary": f"{EVENT_SUMMARY} ({row.legacy_reference})",
                    "data": _event_data(row, self.source),
                }
            )
        # People before cases, and cases before stages: the search index's and the report
        # figures' triggers read them. A case's stage is checked, like every foreign key, at
        # commit.
        for model, table_rows in (
            (Person, people),
            (Case, cases),
            (CaseStage, stages),
            (TimelineEvent, events),
        ):
            insert_rows(model, table_rows)


def _district(person: dict[str, str]) -> str:
    return postcode_district(person.get("address", ""))


def _next_due_on(row: CaseRow, stage: dict[str, Any]) -> dt.date | None:
    """As the services work it out; only an open case has anything due."""
    if row.status != Status.OPEN:
        return None
    return deadlines.next_due_on(Case(status=row.status), CaseStage(**stage))
