"""Retention: which closed cases are due for anonymising, a report of them, and applying it.

A case is due when it closed more than its rule's years ago (the rule for its kind and
outcome, else its kind's rule for any outcome) and is not already anonymised. A due case under
a legal hold is listed as held and left alone. When every one of a person's cases is due (or
already anonymised) the person is anonymised in full; otherwise only the due cases are, and
the person's details stay for the cases still kept.

Designed for a million cases: preparing a report is a few set-based statements (one
INSERT … SELECT per rule, each a range scan of the (kind, closed_on) index, then one UPDATE for
the held cases and one for the people erased in full), so no case passes through Python.
Applying takes the people in batches and works person by person, each in its own short
transaction, so a run can stop and be applied again where it left off.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)

from redress.cases.kinds import Status
from redress.cases.models import Case, Person
from redress.cases.visibility import within_visible_cases
from redress.core import clock
from redress.core.errors import RedressError
from redress.privacy.anonymise import cases_anonymise, person_anonymise
from redress.privacy.models import (
    AnonymisedCase,
    ErasureSource,
    ItemScope,
    ItemState,
    LegalHold,
    RetentionItem,
    RetentionReport,
    RetentionRule,
    RetentionRun,
)

BATCH = 2000


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def due_for(rule: RetentionRule, today: dt.date) -> QuerySet[Case]:
    """The cases ``rule`` makes due today that are not yet anonymised, held or not."""
    cases = Case.objects.filter(
        kind=rule.kind, closed_on__lt=years_before(today, rule.years), status=Status.CLOSED
    )
    if rule.outcome:
        cases = cases.filter(outcome=rule.outcome)
    else:
        own_rules = RetentionRule.objects.filter(kind=rule.kind).exclude(outcome="")
        cases = cases.exclude(outcome__in=own_rules.values("outcome"))
    return cases.exclude(Exists(AnonymisedCase.objects.filter(case=OuterRef("pk"))))


def _held() -> Exists:
    return Exists(LegalHold.objects.filter(case=OuterRef("case_id"), lifted_at=None))


def report_prepare(*, by: Any, today: dt.date | None = None) -> RetentionReport:
    """List what a run would do now: one row per due case, held ones marked, and whether the
    case's person would be anonymised in full. A few statements whatever the number of
    cases: one INSERT … SELECT per rule and two UPDATEs, no case passing through Python."""
    today = today or clock.today()
    with transaction.atomic():
        report = RetentionReport.objects.create(created_by=by, as_of=today)
        for rule in RetentionRule.objects.all():
            _list_due(report, rule, today)
        RetentionItem.objects.filter(report=report).filter(_held()).update(state=ItemState.HELD)
        _mark_whole_people(report)
    return report


ITEM_COLUMNS = ("report", "case", "rule", "rule_label", "state", "scope")


def _list_due(report: RetentionReport, rule: RetentionRule, today: dt.date) -> int:
    """Write a row for each case ``rule`` makes due, in the database itself; how many."""
    rows = (
        due_for(rule, today)
        .annotate(
            item_report=Value(report.pk, output_field=BigIntegerField()),
            item_case=F("pk"),
            item_rule=Value(rule.pk, output_field=BigIntegerField()),
            item_label=Value(str(rule), output_field=CharField()),
            item_state=Value(ItemState.DUE.value, output_field=CharField()),
            item_scope=Value(ItemScope.CASE.value, output_field=CharField()),
        )
        # In this order, the order of ITEM_COLUMNS; by case, so the rows read in that order.
        .values_list(
            "item_report", "item_case", "item_rule", "item_label", "item_state", "item_scope"
        )
        .order_by("pk")
    )
    select, params = rows.query.sql_with_params()
    quote = connection.ops.quote_name
    meta = RetentionItem._meta
    column_of = {field.name: field.column for field in meta.concrete_fields}
    columns = ", ".join(quote(column_of[name]) for name in ITEM_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(meta.db_table)} ({columns}) {select}", params)
        return int(cursor.rowcount)


def _kept_cases(report: RetentionReport) -> QuerySet[Case]:
    """Cases neither anonymised nor due (and not held) in ``report``: their people stay."""
    due = RetentionItem.objects.filter(report=report, case=OuterRef("pk"), state=ItemState.DUE)
    done = AnonymisedCase.objects.filter(case=OuterRef("pk"))
    return Case.objects.exclude(Exists(due)).exclude(Exists(done))


def _mark_whole_people(report: RetentionReport) -> None:
    """One UPDATE: a due case whose person has no case kept is the person's whole erasure."""
    same_person_kept = _kept_cases(report).filter(person__cases=OuterRef("case_id"))
    due = RetentionItem.objects.filter(report=report, state=ItemState.DUE)
    due.exclude(Exists(same_person_kept)).update(scope=ItemScope.PERSON)


def report_sample(report: RetentionReport, per_rule: int) -> dict[str, list[str]]:
    """The references of the first ``per_rule`` due cases of each rule in ``report``: a
    bounded look at what it lists, one short query per rule."""
    due = RetentionItem.objects.filter(report=report, state=ItemState.DUE)
    labels = due.order_by("rule_label").values_list("rule_label", flat=True).distinct()
    return {
        label: list(
            due.filter(rule_label=label)
            .order_by("id")
            .values_list("case__reference", flat=True)[:per_rule]
        )
        for label in labels
    }


@dataclass(frozen=True)
class Applied:
    """What one application of a report did, and how many of its cases are still due (those
    left when it stopped at its time limit; none once it has worked through the report)."""

    anonymised: int
    skipped: int
    left: int = 0

    @property
    def finished(self) -> bool:
        return self.left == 0


def report_apply(
    report: RetentionReport,
    *,
    by: Any,
    progress: Callable[[], None] | None = None,
    seconds: float | None = None,
) -> Applied:
    """Anonymise what ``report`` lists as due, person by person; a case held, reopened or
    changed since the report is skipped.

    A member of staff applies only the cases they may see (a restricted case is for its named
    people only); the daily job, ``by=None``, applies them all. The people are taken in
    batches of ``BATCH``, and ``progress`` is called after each (the daily job renews its
    claim on the run there). Given ``seconds``, it stops after the first person it finishes
    once that time has passed, leaving the rest due for the next application: each person's
    own transaction has committed, so stopping there loses nothing and repeats nothing."""
    done = skipped = 0
    until = None if seconds is None else time.monotonic() + seconds
    due = RetentionItem.objects.filter(report=report, state=ItemState.DUE)
    if by is not None:
        due = within_visible_cases(due, by)
    for people in _people_in_batches(due):
        items = (
            due.filter(case__person_id__in=people)
            .select_related("case", "rule")
            .order_by("case__person_id", "case_id")
        )
        for _person_id, group in groupby(items, lambda i: i.case.person_id):
            person_items = list(group)
            ok = _apply_person(report, person_items)
            done += ok
            skipped += len(person_items) - ok
            if until is not None and time.monotonic() >= until:
                if progress is not None:
                    progress()
                left = due.count()
                if left:
                    return Applied(done, skipped, left)
        if progress is not None:
            progress()
    RetentionReport.objects.filter(pk=report.pk).update(applied_at=clock.now(), applied_by=by)
    return Applied(done, skipped)


def _people_in_batches(due: QuerySet[RetentionItem]) -> Iterator[list[int]]:
    """The people of the ``due`` rows, ``BATCH`` at a time in order of their id: each batch
    a fresh short query, so no cursor stays open while their cases are anonymised."""
    last = 0
    while True:
        people = list(
            due.filter(case__person_id__gt=last)
            .order_by("case__person_id")
            .values_list("case__person_id", flat=True)
            .distinct()[:BATCH]
        )
        if not people:
            return
        yield people
        last = people[-1]


def _still_due(item: RetentionItem, today: dt.date) -> bool:
    rule = item.rule
    return rule is not None and due_for(rule, today).filter(pk=item.case_id).exists()


def _apply_person(report: RetentionReport, items: list[RetentionItem]) -> int:
    today = clock.today()
    held = set(
        LegalHold.objects.filter(case__in=[i.case_id for i in items], lifted_at=None).values_list(
            "case_id", flat=True
        )
    )
    ready = [i for i in items if i.case_id not in held and _still_due(i, today)]
    _mark(items, held, ready)
    if not ready:
        return 0
    person = Person.objects.get(pk=items[0].case.person_id)
    whole = len(ready) == len(items) and not _kept_cases(report).filter(person=person).exists()
    reason = "Retention: " + "; ".join(sorted({i.rule_label for i in ready}))
    try:
        if whole:
            person_anonymise(person, by=None, reason=reason, source=ErasureSource.RETENTION)
        else:
            cases_anonymise([i.case for i in ready], reason=reason)
    except RedressError:
        # A hold placed this very moment: leave the person for the next run.
        RetentionItem.objects.filter(pk__in=[i.pk for i in ready]).update(state=ItemState.HELD)
        return 0
    RetentionItem.objects.filter(pk__in=[i.pk for i in ready]).update(state=ItemState.DONE)
    return len(ready)


def _mark(items: list[RetentionItem], held: set[int], ready: list[RetentionItem]) -> None:
    ready_ids = {i.pk for i in ready}
    RetentionItem.objects.filter(pk__in=[i.pk for i in items if i.case_id in held]).update(
        state=ItemState.HELD
    )
    stale = [i.pk for i in items if i.case_id not in held and i.pk not in ready_ids]
    RetentionItem.objects.filter(pk__in=stale).update(state=ItemState.SKIPPED)


# How long a claim on a day's run lasts without being renewed: far longer than one run of the
# job takes (``RUN_SECONDS``, plus the person it is finishing), so only a worker that stopped
# loses it, and the next try carries its run on within this time.
RUN_LEASE = dt.timedelta(minutes=10)

# How long one run of the job anonymises before it hands the worker back for the rest of its
# round (email to deliver, the other jobs). The first run at a million cases has hundreds of
# thousands due, hours of work; it is spread over the job's runs a minute apart this way,
# each carrying on where the last stopped, with the same report.
RUN_SECONDS = 20.0


def retention_daily(today: dt.date | None = None) -> str:
    """The worker's job, run every minute: once a day, prepare a report and apply it, at most
    ``RUN_SECONDS`` of it each run; the report stays as the record of what was done. The day
    is kept in ``RetentionRun``, not in the worker's memory, so a restart does not run it
    again, and a run stopped part way (by its time limit, a failure or a worker that stopped)
    is carried on with the same report by the next try; an earlier day still unfinished is
    carried on before a new day is begun."""
    today = today or clock.today()
    run = _run_to_carry_on(today)
    if run.finished_at is not None:
        return f"already run today: {run.outcome}"
    if not _claim(run):
        return "under way in another worker"
    try:
        outcome, finished = _run(run, today)
    finally:
        RetentionRun.objects.filter(pk=run.pk).update(leased_until=None)
    ended = {"finished_at": clock.now()} if finished else {}
    RetentionRun.objects.filter(pk=run.pk).update(outcome=outcome[:200], **ended)
    return outcome


def _run_to_carry_on(today: dt.date) -> RetentionRun:
    """The oldest day's run still unfinished, else today's (made now if need be)."""
    earlier = RetentionRun.objects.filter(day__lt=today, finished_at=None).order_by("day")
    run = earlier.first()
    if run is None:
        run, _ = RetentionRun.objects.get_or_create(day=today)
    return run


def _claim(run: RetentionRun) -> bool:
    """Take the day's run unless another worker holds it; one UPDATE, so only one wins."""
    now = clock.now()
    free = Q(leased_until=None) | Q(leased_until__lt=now)
    unfinished = RetentionRun.objects.filter(pk=run.pk, finished_at=None)
    return unfinished.filter(free).update(leased_until=now + RUN_LEASE) == 1


def _renew(run: RetentionRun) -> None:
    RetentionRun.objects.filter(pk=run.pk).update(leased_until=clock.now() + RUN_LEASE)


def _run(run: RetentionRun, today: dt.date) -> tuple[str, bool]:
    """Carry the run on for at most ``RUN_SECONDS``: what it says, and whether it is done."""
    run.refresh_from_db(fields=["report"])
    report = run.report
    if report is None:
        with transaction.atomic():
            report = report_prepare(by=None, today=today)
            if not report.items.exists():
                report.delete()  # nothing due: no empty report a day
                return "nothing due", True
            RetentionRun.objects.filter(pk=run.pk).update(report=report)
    applied = report_apply(report, by=None, progress=lambda: _renew(run), seconds=RUN_SECONDS)
    if not applied.finished:
        return (
            f"report {report.pk}: {applied.anonymised} anonymised, {applied.skipped} skipped "
            f"in this run; {applied.left} still due, carried on next run"
        ), False
    totals = dict(report.items.values_list("state").annotate(n=Count("pk")).order_by())
    done = totals.get(ItemState.DONE, 0)
    skipped = totals.get(ItemState.HELD, 0) + totals.get(ItemState.SKIPPED, 0)
    return f"report {report.pk}: {done} anonymised, {skipped} skipped", True
