"""Retention: which closed cases are due for anonymising, a report of them, and applying it.

A case is due when it closed more than its rule's years ago (the rule for its kind and
outcome, else its kind's rule for any outcome) and is not already anonymised. A due case under
a legal hold is listed as held and left alone. When every one of a person's cases is due (or
already anonymised) the person is anonymised in full; otherwise only the due cases are, and
the person's details stay for the cases still kept.

Designed for a million cases: each rule is one range scan of the (kind, closed_on) index,
the report's rows are written in batches, and applying works person by person, each in its
own short transaction, so a run can stop and be applied again where it left off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import groupby
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

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
    case's person would be anonymised in full."""
    today = today or clock.today()
    with transaction.atomic():
        report = RetentionReport.objects.create(created_by=by, as_of=today)
        for rule in RetentionRule.objects.all():
            ids = due_for(rule, today).values_list("pk", flat=True).order_by("pk")
            for batch in _batches(ids.iterator(chunk_size=BATCH)):
                RetentionItem.objects.bulk_create(
                    RetentionItem(report=report, case_id=pk, rule=rule, rule_label=str(rule))
                    for pk in batch
                )
        items = RetentionItem.objects.filter(report=report)
        items.filter(_held()).update(state=ItemState.HELD)
        _mark_whole_people(report)
    return report


def _batches(values: Iterator[Any]) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _kept_cases(report: RetentionReport) -> QuerySet[Case]:
    """Cases neither anonymised nor due (and not held) in ``report``: their people stay."""
    due = RetentionItem.objects.filter(report=report, case=OuterRef("pk"), state=ItemState.DUE)
    done = AnonymisedCase.objects.filter(case=OuterRef("pk"))
    return Case.objects.exclude(Exists(due)).exclude(Exists(done))


def _mark_whole_people(report: RetentionReport) -> None:
    due = RetentionItem.objects.filter(report=report, state=ItemState.DUE)
    people = due.values_list("case__person_id", flat=True).distinct().order_by("case__person_id")
    for batch in _batches(people.iterator(chunk_size=BATCH)):
        kept = set(
            _kept_cases(report).filter(person_id__in=batch).values_list("person_id", flat=True)
        )
        whole = [pk for pk in batch if pk not in kept]
        due.filter(case__person_id__in=whole).update(scope=ItemScope.PERSON)


def report_apply(report: RetentionReport, *, by: Any) -> dict[str, int]:
    """Anonymise what ``report`` lists as due, person by person; a case held, reopened or
    changed since the report is skipped. Returns how many cases were anonymised and skipped.

    A member of staff applies only the cases they may see (a restricted case is for its named
    people only); the daily job, ``by=None``, applies them all."""
    done = skipped = 0
    due = RetentionItem.objects.filter(report=report, state=ItemState.DUE)
    if by is not None:
        due = within_visible_cases(due, by)
    due = due.select_related("case", "rule").order_by("case__person_id", "case_id")
    for _person_id, group in groupby(due.iterator(chunk_size=BATCH), lambda i: i.case.person_id):
        items = list(group)
        ok = _apply_person(report, items)
        done += ok
        skipped += len(items) - ok
    RetentionReport.objects.filter(pk=report.pk).update(applied_at=clock.now(), applied_by=by)
    return {"anonymised": done, "skipped": skipped}


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


def retention_daily() -> str:
    """The worker's daily job: prepare a report and apply it; the report stays as the record
    of what was done."""
    report = report_prepare(by=None)
    if not report.items.exists():
        report.delete()  # nothing due: no empty report a day
        return "nothing due"
    result = report_apply(report, by=None)
    return f"report {report.pk}: {result['anonymised']} anonymised, {result['skipped']} skipped"
