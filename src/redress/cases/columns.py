"""The columns a case or a stage has in every export: the Find cases download and the report
exports share this one definition, so the same column has the same heading, order and
wording wherever it is downloaded.

Each column names the field ``values_list`` reads and, for a coded field, its choices: the
export writes the label ("FOI or EIR request"), never the code (``foi_request``). Reading
values rather than model instances keeps an export of a million rows to one query per chunk.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim

from redress.cases.kinds import Channel, Kind, NotAcceptedReason, Outcome, Status

CHUNK = 2000


@dataclass(frozen=True)
class Column:
    heading: str
    field: str
    choices: type[models.TextChoices] | None = None

    def label(self, value: object) -> object:
        if self.choices is None or value in (None, ""):
            return value
        return dict(self.choices.choices).get(str(value), value)


CASE_COLUMNS = (
    Column("Reference", "reference"),
    Column("Kind", "kind", Kind),
    Column("Status", "status", Status),
    Column("Current stage", "current_stage__name"),
    Column("Service area", "service__name"),
    Column("Category", "category__name"),
    Column("Channel", "channel", Channel),
    Column("Received", "received_on"),
    Column("Next deadline", "next_due_on"),
    Column("Latest outcome", "outcome", Outcome),
    Column("Reason not accepted", "not_accepted_reason", NotAcceptedReason),
    Column("Closed", "closed_on"),
)

# Only the staff download carries these: reports and their exports name nobody.
PERSONAL_COLUMNS = (
    Column("Person", "person__name"),
    Column("Summary", "summary"),
    Column("Handler", "handler_name"),
)

STAGE_COLUMNS = (
    Column("Reference", "case__reference"),
    Column("Kind", "case__kind", Kind),
    Column("Service area", "case__service__name"),
    Column("Received", "case__received_on"),
    Column("Stage number", "number"),
    Column("Stage", "name"),
    Column("Opened", "opened_on"),
    Column("Acknowledgement due", "acknowledge_due"),
    Column("Acknowledged", "acknowledged_on"),
    Column("Response due", "response_due"),
    Column("Extended to", "extended_to"),
    Column("Answered", "responded_on"),
    Column("Outcome", "outcome", Outcome),
    Column("Reopened", "reopened_on"),
)


def with_handler_name(cases: QuerySet[Any]) -> QuerySet[Any]:
    """Adds ``handler_name``: the handler's full name, or their user name when they have none
    (``User.display_name``), computed in SQL so the export never loads a user per row."""
    full = Trim(
        Concat(
            F("current_handler__first_name"),
            Value(" "),
            F("current_handler__last_name"),
            output_field=models.CharField(),
        )
    )
    name = Coalesce(
        NullIf(full, Value("")), F("current_handler__username"), output_field=models.CharField()
    )
    annotated: QuerySet[Any] = cases.annotate(handler_name=name)
    return annotated


def rows_of(rows: QuerySet[Any], columns: Iterable[Column]) -> Iterator[tuple[object, ...]]:
    """The headings, then each row with its codes turned into labels, CHUNK rows at a time."""
    columns = tuple(columns)
    yield tuple(c.heading for c in columns)
    values = rows.values_list(*(c.field for c in columns))
    for row in values.iterator(chunk_size=CHUNK):
        yield tuple(c.label(v) for c, v in zip(columns, row, strict=True))
