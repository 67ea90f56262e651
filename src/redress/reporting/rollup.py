"""The figures store: counts of cases and stages per day and per month received, service,
kind and procedure, so that a dashboard sums a few thousand rows instead of scanning a year of
cases.

Database triggers note every changed (day received, service) slice in ``ChangedSlice``
(migration 0004). ``refresh`` claims the oldest notes by deleting them, recounts their slices
from the cases with grouped ``INSERT ... SELECT`` statements, then the month rows above them,
all in one transaction: a note is claimed only once the change it notes has committed, and a
change committed while a refresh runs leaves a note for the next one. Readers call it first,
and the worker calls it every minute so there is seldom much for a reader to do.

Restricted cases are not stored: each reader counts the ones they may see live
(``reporting.figures``). What depends on today's date (late but not yet answered, open,
overdue) is stored as what is waiting by the date it falls due, and compared with today when
read.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from django.db import connection, models, transaction
from django.db.models import CharField, Count, F, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import Cast, Coalesce, TruncMonth

from redress.cases.kinds import Status
from redress.cases.models import AWAITING_STAGE, Case, CaseStage
from redress.cases.timeliness import NOT_ENDED
from redress.reporting.measures import (
    ANSWERED_IN_EXTENDED_TIME,
    second_stage_handler_counts,
    settled_stage_counts,
)
from redress.reporting.models import (
    CaseCount,
    ChangedSlice,
    Grain,
    StageCount,
    StageEventCount,
    Waiting,
    WaitingCount,
)

NOTES_PER_REFRESH = 100_000
REFRESH_LOCK = 7_331_001  # any constant no other advisory lock in the database uses
# Days recounted together: a year of an import's history in one set of grouped queries, and
# one IN list well within SQLite's limit on parameters.
DAYS_PER_REBUILD = 366
STAGE_COUNTS = (
    "opened",
    "acknowledged_with_target",
    "acknowledged",
    "acknowledged_within_target",
    "responded_with_target",
    "responded",
    "responded_within_target",
    "responded_within_extended_target",
    "extended",
    "escalated",
    "defined",
    "second_handled",
    "second_same_handler",
)

Slice = tuple[dt.date, int]
STORE = (CaseCount, StageCount, StageEventCount, WaitingCount)


def refresh() -> int:
    """Bring the store up to date with every committed change; returns the slices rebuilt."""
    if not ChangedSlice.objects.exists():
        return 0  # the usual case for a reader: no need to take the write lock
    rebuilt = 0
    while True:
        with transaction.atomic():
            _take_lock()
            slices = _claim_notes()
            if not slices:
                return rebuilt
            rebuild(slices)
            rebuilt += len(slices)


def collapse_notes() -> int:
    """Keep one change note per slice, for a bulk write that left several for each (an
    import notes each case's slice on the case, on its stage and on pointing it at its
    stage): ``refresh`` then rebuilds each slice once rather than once per claim of notes.
    Returns the notes removed. A slice keeps its earliest note, so none is forgotten."""
    table = ChangedSlice._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE id NOT IN "  # noqa: S608 - no user input in this SQL
            f"(SELECT MIN(id) FROM {table} GROUP BY received_on, service_id)"
        )
        return int(cursor.rowcount)


def _claim_notes() -> set[Slice]:
    """Delete the oldest notes and return their slices. A note is claimed only once its
    transaction has committed, so the recount that follows sees the change it notes."""
    table = ChangedSlice._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE id IN "  # noqa: S608 - no user input in this SQL
            f"(SELECT id FROM {table} ORDER BY id LIMIT %s) RETURNING received_on, service_id",
            [NOTES_PER_REFRESH],
        )
        rows = cursor.fetchall()
    # SQLite returns dates as text.
    return {(_as_date(day), service) for day, service in rows}


def _as_date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _take_lock() -> None:
    """One refresh at a time, or two could each write a slice the other deleted: PostgreSQL
    takes an advisory lock until the transaction ends; SQLite's write transactions (begun
    IMMEDIATE, see settings) already exclude each other."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REFRESH_LOCK])


def rebuild(slices: set[Slice]) -> None:
    """Recount exactly the given slices, then their months. Each service's noted days are
    recounted together, up to a year of them at a time: one grouped query over many slices
    costs far less than a query per slice. (Recounting every service noted in a chunk for
    all of the chunk's days recounted about ten times the slices after changes scattered
    over many days.)"""
    days_by_service: dict[int, list[dt.date]] = defaultdict(list)
    for day, service in slices:
        days_by_service[service].append(day)
    for service, days in days_by_service.items():
        for chunk in _chunks(sorted(days), DAYS_PER_REBUILD):
            _rebuild_days(chunk, {service})
    months: dict[dt.date, set[int]] = defaultdict(set)
    for day, service in slices:
        months[day.replace(day=1)].add(service)
    for month, services in months.items():
        _rebuild_month(month, services)


def _rebuild_days(days: list[dt.date], services: set[int]) -> None:
    """Every day in ``days`` × every service in ``services``, recounted whole: the rows
    deleted and the rows written cover the same ground."""
    where = {"grain": Grain.DAY, "starts_on__in": days, "service_id__in": services}
    for model in STORE:
        model.objects.filter(**where).delete()
    cases = Case.objects.filter(
        received_on__in=days, service_id__in=services, restricted=False
    ).order_by()
    _write_case_counts(cases)
    _write_stage_counts(cases)
    _write_stage_event_counts(cases)
    _write_waiting_counts(cases)


def _insert_selected(
    model: type[models.Model],
    rows: QuerySet[Any, Any],
    constants: dict[str, Any],
    renamed: dict[str, str] | None = None,
) -> None:
    """Write what a grouped query selects into ``model``'s table with one
    ``INSERT ... SELECT``: the counts go from the cases to the store inside the database,
    never through Python. Each selected column names the field it fills, or is renamed to it
    by ``renamed`` (a query cannot name a column after a field of the model it counts);
    ``constants`` fill the other fields."""
    renamed = renamed or {}
    fields = {field.attname: field for field in model._meta.concrete_fields}
    selected = [*rows.query.values_select, *rows.query.annotation_select]
    sql, params = rows.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = [fields[name].column for name in (*constants, *(renamed.get(s, s) for s in selected))]
    values = ["%s"] * len(constants) + [f"selected.{quote(name)}" for name in selected]
    prepared = [
        fields[name].get_db_prep_save(value, connection) for name, value in constants.items()
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "  # noqa: S608 - names from the models
            f"SELECT {', '.join(values)} FROM ({sql}) selected",
            [*prepared, *params],
        )


# Each case is counted once per facet, by this value; "not accepted" only when it was not.
CASE_FACETS: dict[str, Any] = {
    "status": F("status"),
    "channel": F("channel"),
    "category": Coalesce(Cast("category_id", CharField()), Value("")),
    "outcome": F("outcome"),
    "not_accepted": F("not_accepted_reason"),
}


def _write_case_counts(cases: QuerySet[Case]) -> None:
    """One grouped query per facet."""
    for facet, value in CASE_FACETS.items():
        counted = cases.exclude(not_accepted_reason="") if facet == "not_accepted" else cases
        grouped = counted.values(
            "service_id",
            "kind",
            starts_on=F("received_on"),
            procedure_id=F("procedure_version__procedure_id"),
            value=value,
        ).annotate(total=Count("id"))
        _insert_selected(
            CaseCount, grouped, {"grain": Grain.DAY, "facet": facet}, {"total": "cases"}
        )


def stage_count_columns() -> dict[str, Count]:
    """The settled stage counts, how many stages had a target and met it one way or the
    other (the rest of "measurable" is whatever is still waiting past its date), and the
    second stages handled by the first stage's handler."""
    return {
        **settled_stage_counts(),
        **second_stage_handler_counts(),
        "acknowledged_with_target": Count(
            "id", filter=Q(acknowledge_due__isnull=False, acknowledged_on__isnull=False)
        ),
        "responded_with_target": Count(
            "id", filter=Q(response_due__isnull=False, responded_on__isnull=False)
        ),
    }


# The case a stage belongs to, by the names the store gives its fields.
STAGE_CASE = {
    "starts_on": F("case__received_on"),
    "service_id": F("case__service_id"),
    "kind": F("case__kind"),
    "procedure_id": F("case__procedure_version__procedure_id"),
}


def _write_stage_counts(cases: QuerySet[Case]) -> None:
    rows = (
        CaseStage.objects.filter(case__in=cases.values("pk"))
        .order_by()
        .values("key", **STAGE_CASE)
        .annotate(position=Min("number"), **stage_count_columns())
    )
    _insert_selected(StageCount, rows, {"grain": Grain.DAY}, {"position": "number"})


def _write_stage_event_counts(cases: QuerySet[Case]) -> None:
    """Stages by the months they opened and were answered, in one pass over them."""
    rows = (
        CaseStage.objects.filter(case__in=cases.values("pk"))
        .order_by()
        .values(
            "key",
            **STAGE_CASE,
            opened_in=TruncMonth("opened_on"),
            answered_in=TruncMonth("responded_on"),
        )
        .annotate(total=Count("id"), punctual=Count("id", filter=ANSWERED_IN_EXTENDED_TIME))
    )
    _insert_selected(
        StageEventCount,
        rows,
        {"grain": Grain.DAY},
        {"total": "stages", "punctual": "answered_on_time"},
    )


def _write_waiting_counts(cases: QuerySet[Case]) -> None:
    """What is waiting, by due date: few rows, since most cases are long finished."""
    stages = CaseStage.objects.filter(case__in=cases.values("pk")).order_by()
    waiting = {
        Waiting.ACKNOWLEDGEMENT: (
            stages.filter(AWAITING_STAGE, acknowledged_on__isnull=True),
            "acknowledge_due",
        ),
        Waiting.RESPONSE: (
            stages.filter(AWAITING_STAGE, responded_on__isnull=True),
            "response_due",
        ),
        Waiting.OPEN_STAGE: (
            stages.filter(NOT_ENDED, responded_on__isnull=True, case__status=Status.OPEN),
            "case__next_due_on",
        ),
    }
    counted = {"position": "number", "total": "count"}
    for kind_of_wait, (waiting_stages, due) in waiting.items():
        grouped = waiting_stages.values("key", **STAGE_CASE, due_on=F(due)).annotate(
            position=Min("number"), total=Count("id")
        )
        _insert_selected(
            WaitingCount, grouped, {"grain": Grain.DAY, "waiting": kind_of_wait}, counted
        )
    open_cases = (
        cases.filter(status=Status.OPEN)
        .values(
            "kind",
            "service_id",
            starts_on=F("received_on"),
            procedure_id=F("procedure_version__procedure_id"),
            due_on=F("next_due_on"),
        )
        .annotate(total=Count("id"))
    )
    _insert_selected(
        WaitingCount,
        open_cases,
        {"grain": Grain.DAY, "waiting": Waiting.OPEN_CASE, "key": "", "number": 0},
        {"total": "count"},
    )


def _rebuild_month(month: dt.date, services: set[int]) -> None:
    """A month's rows are the sums of its day rows."""
    following = (month + dt.timedelta(days=32)).replace(day=1)
    days = {"grain": Grain.DAY, "starts_on__gte": month, "starts_on__lt": following}
    where = {"service_id__in": services}
    for model in STORE:
        model.objects.filter(grain=Grain.MONTH, starts_on=month, **where).delete()
    constants = {"grain": Grain.MONTH, "starts_on": month}
    case_rows = (
        CaseCount.objects.filter(**days, **where)
        .order_by()
        .values("service_id", "kind", "procedure_id", "facet", "value")
        .annotate(total=Sum("cases"))
    )
    _insert_selected(CaseCount, case_rows, constants, {"total": "cases"})
    # Aliases must differ from the model's field names, hence the prefix.
    stage_rows = (
        StageCount.objects.filter(**days, **where)
        .order_by()
        .values("service_id", "kind", "procedure_id", "key")
        .annotate(sum_number=Min("number"), **{f"sum_{n}": Sum(n) for n in STAGE_COUNTS})
    )
    _insert_selected(StageCount, stage_rows, constants, _unprefixed(["number", *STAGE_COUNTS]))
    event_rows = (
        StageEventCount.objects.filter(**days, **where)
        .order_by()
        .values("service_id", "kind", "procedure_id", "key", "opened_in", "answered_in")
        .annotate(sum_stages=Sum("stages"), sum_answered_on_time=Sum("answered_on_time"))
    )
    event_counts = _unprefixed(["stages", "answered_on_time"])
    _insert_selected(StageEventCount, event_rows, constants, event_counts)
    waiting_rows = (
        WaitingCount.objects.filter(**days, **where)
        .order_by()
        .values("service_id", "kind", "procedure_id", "waiting", "key", "due_on")
        .annotate(sum_number=Min("number"), sum_count=Sum("count"))
    )
    _insert_selected(WaitingCount, waiting_rows, constants, _unprefixed(["number", "count"]))


def _unprefixed(names: list[str]) -> dict[str, str]:
    return {f"sum_{name}": name for name in names}


def rebuild_everything() -> int:
    """Empty the store and mark every slice holding cases as changed, then refresh: for
    recovery, or after loading cases with the triggers off."""
    with transaction.atomic():
        for model in (*STORE, ChangedSlice):
            model.objects.all().delete()
        slices = Case.objects.order_by().values_list("received_on", "service_id").distinct()
        ChangedSlice.objects.bulk_create(
            (ChangedSlice(received_on=day, service_id=service) for day, service in slices),
            batch_size=5_000,
        )
    return refresh()


def _chunks(items: Iterable[object], size: int) -> Iterator[list]:  # type: ignore[type-arg]
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
