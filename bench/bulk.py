"""Turns case plans into table rows and writes them in bulk (COPY on PostgreSQL, executemany
in large transactions on SQLite)."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache
from typing import Any, cast

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, models, transaction
from django.utils import timezone

from redress.accounts.models import Role, User
from redress.calendars.clock import LONDON, WorkingCalendar
from redress.calendars.services import working_calendar
from redress.cases.kinds import REFERENCE_PREFIX, Kind
from redress.cases.models import (
    Case,
    CaseStage,
    Category,
    Person,
    ReferenceCounter,
    Service,
    TimelineEvent,
)
from redress.cases.search import rebuild_search_index
from redress.demo.content import PeoplePool, case_content
from redress.demo.organisation import DEMO_PASSWORD, ensure_organisation
from redress.demo.plans import CasePlan, plan_case
from redress.procedures.definitions import ProcedureDefinition
from redress.procedures.models import Procedure
from redress.procedures.services import current_version, definition_of, load_presets

BATCH = 20_000
EXTRA_RESPONDERS_PER_SERVICE = 5
EXTRA_INVESTIGATORS = 10


@lru_cache(maxsize=64)
def _calendar(code: str, year: int) -> WorkingCalendar:
    return working_calendar(code, dt.date(year, 7, 1))


def calendar_for(code: str, around: dt.date) -> WorkingCalendar:
    return _calendar(code, around.year)


class Table:
    """Rows for one model, in its column order, with the model's defaults filled in."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = model._meta.concrete_fields
        self.columns = [f.column for f in self.fields]
        self.defaults = {f.attname: f.get_default() for f in self.fields}
        self.json_fields = {f.attname for f in self.fields if isinstance(f, models.JSONField)}
        self.rows: list[list[Any]] = []

    def add(self, **values: Any) -> None:
        row = []
        for f in self.fields:
            value = values[f.attname] if f.attname in values else self.defaults[f.attname]
            if f.attname in self.json_fields:
                value = json.dumps(value)
            row.append(value)
        self.rows.append(row)


def _sqlite_value(value: Any) -> Any:
    # Django stores aware datetimes in SQLite as naive UTC text.
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return str(value)
    return value


@transaction.atomic
def write_tables(tables: Iterable[Table]) -> None:
    """One transaction per batch: cases and stages point at each other, and the foreign keys
    are checked at commit."""
    connection.ensure_connection()
    raw = connection.connection
    if connection.vendor == "postgresql":
        with raw.cursor() as cursor:
            for table in tables:
                columns = ", ".join(table.columns)
                with cursor.copy(f"COPY {table.model._meta.db_table} ({columns}) FROM STDIN") as cp:
                    for row in table.rows:
                        cp.write_row(row)
        return
    cursor = raw.cursor()
    for table in tables:
        marks = ", ".join("?" for _ in table.columns)
        sql = (
            f"INSERT INTO {table.model._meta.db_table} ({', '.join(table.columns)}) "
            f"VALUES ({marks})"
        )
        cursor.executemany(sql, ([_sqlite_value(v) for v in row] for row in table.rows))


BULK_TABLES = ("cases_person", "cases_case", "cases_casestage", "cases_timelineevent")


@contextmanager
def _bulk_mode() -> Iterator[None]:
    """Load rows that are consistent by construction without per-row checks, then restore.

    PostgreSQL: replica mode skips foreign key checks and triggers; the search index is
    rebuilt in one statement afterwards. SQLite: foreign keys off, a large page cache, and the
    secondary indexes and search triggers dropped during the load and rebuilt once at the end,
    which is far faster than maintaining them row by row.
    """
    postgres = connection.vendor == "postgresql"
    saved: list[str] = []
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute("SET session_replication_role = replica")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            cursor.execute("PRAGMA cache_size = -1000000")
            marks = ", ".join("%s" for _ in BULK_TABLES)
            cursor.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
                f"AND sql IS NOT NULL AND tbl_name IN ({marks})",
                BULK_TABLES,
            )
            for kind, name, sql in cursor.fetchall():
                saved.append(sql)
                cursor.execute(f'DROP {kind.upper()} "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if postgres:
                cursor.execute("SET session_replication_role = DEFAULT")
            else:
                for sql in saved:
                    cursor.execute(sql)
                cursor.execute("PRAGMA foreign_keys = ON")
        rebuild_search_index()


class Generator:
    def __init__(self, *, seed: int, years: float) -> None:
        self.rng = random.Random(seed)
        self.people = PeoplePool(seed)
        self.years = years
        self.now = timezone.now()

    # --- the organisation and procedures ----------------------------------------------------

    def prepare(self) -> None:
        call_command("migrate", verbosity=0)
        load_presets()
        services, staff = ensure_organisation()
        if Case.objects.exists():
            raise SystemExit("This database already has cases: give an empty one.")
        self.service_ids = {name: s.pk for name, s in services.items()}
        self.category_ids = {
            # Every category ensure_organisation makes belongs to a service.
            (cast(Service, c.service).name, c.name): c.pk
            for c in Category.objects.select_related("service")
        }
        self._add_bench_staff(services)
        responders: dict[str, list[int]] = defaultdict(list)
        for user in User.objects.filter(role=Role.SERVICE_RESPONDER).prefetch_related("services"):
            for service in user.services.all():
                responders[service.name].append(user.pk)
        self.responders = responders
        self.investigators = list(
            User.objects.filter(role=Role.INVESTIGATOR).values_list("pk", flat=True)
        )
        self.officer_id = staff["officer"].pk
        self.versions: dict[str, tuple[int, ProcedureDefinition]] = {}
        for procedure in Procedure.objects.all():
            version = current_version(procedure)
            self.versions[procedure.slug] = (version.pk, definition_of(version))

    def _add_bench_staff(self, services: dict[str, Any]) -> None:
        password = make_password(DEMO_PASSWORD)
        for service in services.values():
            for n in range(1, EXTRA_RESPONDERS_PER_SERVICE + 1):
                user, created = User.objects.get_or_create(
                    username=f"bench.{service.slug}.{n}",
                    defaults={"role": Role.SERVICE_RESPONDER, "password": password},
                )
                if created:
                    user.services.set([service])
        for n in range(1, EXTRA_INVESTIGATORS + 1):
            User.objects.get_or_create(
                username=f"bench.investigator.{n}",
                defaults={"role": Role.INVESTIGATOR, "password": password},
            )

    def handler_for(self, service: str, handled_by: str, earlier: tuple[Any, ...]) -> int:
        pool = self.investigators if handled_by == "independent" else self.responders[service]
        choices = [pk for pk in pool if pk not in earlier] or [self.officer_id]
        return self.rng.choice(choices)

    # --- cases --------------------------------------------------------------------------------

    def _receipt_moments(self, count: int) -> list[dt.datetime]:
        span = dt.timedelta(days=365 * self.years).total_seconds()
        start = self.now - dt.timedelta(seconds=span)
        offsets = sorted(self.rng.random() * span for _ in range(count))
        return [start + dt.timedelta(seconds=s) for s in offsets]

    def write(self, count: int, progress: Callable[[int], None]) -> int:
        moments = self._receipt_moments(count)
        counters: dict[str, int] = defaultdict(int)
        ids = {
            name: (model.objects.aggregate(top=models.Max("id"))["top"] or 0) + 1
            for name, model in (
                ("person", Person),
                ("case", Case),
                ("stage", CaseStage),
                ("event", TimelineEvent),
            )
        }
        with _bulk_mode():
            for start in range(0, count, BATCH):
                tables: dict[type[models.Model], Table] = {
                    m: Table(m) for m in (Person, Case, CaseStage, TimelineEvent)
                }
                for received_at in moments[start : start + BATCH]:
                    self._add_case(tables, ids, counters, received_at.astimezone(LONDON))
                write_tables(tables.values())
                progress(min(start + BATCH, count))
        self._finish(counters)
        return count

    def _add_case(
        self,
        tables: dict[type[models.Model], Table],
        ids: dict[str, int],
        counters: dict[str, int],
        received_at: dt.datetime,
    ) -> None:
        rng = self.rng
        serial = ids["case"]
        content = case_content(rng, self.people, serial)
        version_id, definition = self.versions[content.procedure]
        plan = plan_case(
            rng,
            kind=content.kind,
            service=content.service,
            definition=definition,
            received_at=received_at,
            now=self.now,
            calendar_for=calendar_for,
            handler_for=self.handler_for,
        )
        person_id, case_id = ids["person"], ids["case"]
        ids["person"] += 1
        ids["case"] += 1
        tables[Person].add(id=person_id, created_at=received_at, **content.person)
        key = f"{REFERENCE_PREFIX[Kind(content.kind)]}-{received_at.year}"
        counters[key] += 1
        stage_ids = []
        for stage in plan.stages:
            stage_ids.append(ids["stage"])
            tables[CaseStage].add(
                id=ids["stage"],
                case_id=case_id,
                number=stage.number,
                key=stage.key,
                name=stage.name,
                handled_by=stage.handled_by,
                opened_at=stage.opened_at,
                opened_on=stage.opened_on,
                acknowledge_due=stage.acknowledge_due,
                acknowledged_on=stage.acknowledged_on,
                response_due=stage.response_due,
                extended_to=stage.extended_to,
                extension_reason=stage.extension_reason,
                responded_on=stage.responded_on,
                outcome=stage.outcome,
                handler_id=stage.handler,
            )
            ids["stage"] += 1
        events = self._events(tables[TimelineEvent], plan, definition, case_id, ids)
        last_at = plan.steps[-1].at if plan.steps else received_at
        tables[Case].add(
            id=case_id,
            reference=f"{key}-{counters[key]:06d}",
            kind=content.kind,
            status=plan.status,
            procedure_version_id=version_id,
            channel=content.channel,
            received_at=received_at,
            received_on=received_at.date(),
            person_id=person_id,
            service_id=self.service_ids[content.service],
            category_id=self.category_ids[(content.service, content.category)],
            summary=content.summary,
            description=content.description,
            outcome_sought=content.outcome_sought,
            outcome=plan.outcome,
            not_accepted_reason=plan.not_accepted_reason,
            not_accepted_detail=plan.not_accepted_detail,
            current_stage_id=stage_ids[-1],
            current_handler_id=plan.current_stage.handler,
            next_due_on=plan.next_due_on,
            closed_on=plan.closed_on,
            version=1 + events,
            created_at=received_at,
            updated_at=last_at,
        )

    def _events(
        self,
        table: Table,
        plan: CasePlan,
        definition: ProcedureDefinition,
        case_id: int,
        ids: dict[str, int],
    ) -> int:
        events = [("logged", plan.received_at, f"Logged under {definition.name}")]
        stage_number = 1
        for step in plan.steps:
            if step.action == "escalate":
                stage_number += 1
            name = plan.stages[stage_number - 1].name
            events.append((step.action, step.at, EVENT_SUMMARY[step.action].format(stage=name)))
        for kind, at, summary in events:
            table.add(
                id=ids["event"],
                case_id=case_id,
                at=at,
                actor_id=self.officer_id,
                kind=kind,
                summary=summary,
            )
            ids["event"] += 1
        return len(events)

    def _finish(self, counters: dict[str, int]) -> None:
        for key, value in counters.items():
            ReferenceCounter.objects.update_or_create(key=key, defaults={"value": value})
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in (Person, Case, CaseStage, TimelineEvent):
                    table = model._meta.db_table
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT MAX(id) FROM {table}))"
                    )
                cursor.execute("ANALYZE")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")


EVENT_SUMMARY = {
    "acknowledge": "{stage} acknowledged",
    "assign": "{stage} assigned",
    "extend": "{stage} extended",
    "respond": "{stage} answered",
    "escalate": "Escalated to {stage} at the person's request",
    "withdraw": "Withdrawn by the person",
    "refuse": "Not accepted",
    "close": "Case closed",
}
