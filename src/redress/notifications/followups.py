"""Reminders about what follows a case's deadlines, run periodically by the worker:

- a remedy or outstanding action, to its owner (for a service area, its head of service)
  before it falls due, and to the owner and the case's head of service when it is missed;
- a reasonable adjustment whose review date has come, to the case's handler, else the
  complaints team;
- an open case nobody has picked up whose deadline is near or missed, to the head of its
  service area and the complaints team;
- an Ombudsman request not yet answered, to the complaints team before it falls due and when
  it is missed.

Each message's idempotency key names what it is about, the date and the person, so each goes
out once however many workers run the job. Nobody hears about a case they cannot see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from redress.accounts.models import Role, User
from redress.calendars.services import working_calendar
from redress.cases.kinds import AdjustmentState, Status
from redress.cases.models import Case, OutstandingAction, ReasonableAdjustment, Remedy
from redress.core import clock
from redress.core.dates import long_date
from redress.notifications.models import OutboundMessage
from redress.notifications.reminders import may_see, reminder_days
from redress.notifications.services import message_queue
from redress.ombudsman.models import OmbudsmanRequest

BATCH = 500


@dataclass
class FollowUpResult:
    sent: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, count: int) -> None:
        self.sent[what] = self.sent.get(what, 0) + count

    def __str__(self) -> str:
        return ", ".join(f"{n} {what}" for what, n in sorted(self.sent.items())) or "none due"


def complaints_team() -> list[User]:
    return list(User.objects.filter(role=Role.COMPLAINTS_OFFICER, is_active=True).order_by("pk"))


def _send(case: Case, key: str, subject: str, headline: str, people: Iterable[User | None]) -> int:
    """Queue one email per person not yet sent this reminder; how many were queued.

    Each person once, with an email address, who can see the case: a reminder never tells
    anyone of a case (or its summary) the visibility rules hide from them. What was sent
    already is looked up first, so a reminder already out costs one query per run."""
    keys: dict[str, User] = {}
    for person in people:
        if person is not None and person.is_active and person.email:
            keys.setdefault(f"{key}-{person.pk}"[:100], person)
    done = set(
        OutboundMessage.objects.filter(idempotency_key__in=keys).values_list(
            "idempotency_key", flat=True
        )
    )
    sent = 0
    for idempotency_key, person in keys.items():
        if idempotency_key in done or not may_see(person, case):
            continue
        body = render_to_string(
            "notifications/email/follow_up.txt",
            {
                "person": person,
                "case": case,
                "headline": headline,
                "base_url": settings.REDRESS["PUBLIC_BASE_URL"].rstrip("/"),
            },
        )
        try:
            with transaction.atomic():
                message_queue(
                    case=case,
                    subject=f"{case.reference}: {subject}"[:300],
                    body_text=body,
                    recipient_email=person.email,
                    recipient_name=person.display_name,
                    template_key="follow_up_reminder",
                    idempotency_key=idempotency_key,
                )
        except IntegrityError:
            continue  # another worker sent it first
        sent += 1
    return sent


def _horizon(today: dt.date) -> dt.date:
    calendar = working_calendar(settings.REDRESS["DEFAULT_CALENDAR"], today)
    return calendar.add_working_days(today, reminder_days())


def _owned(today: dt.date, horizon: dt.date, result: FollowUpResult) -> None:
    related = ("case__service__head", "owner", "owner_service__head")
    remedies = Remedy.objects.filter(done_on=None, due_on__lte=horizon).select_related(*related)
    actions = OutstandingAction.objects.filter(done_on=None, due_on__lte=horizon).select_related(
        *related
    )
    for remedy in remedies.order_by("due_on", "pk").iterator(chunk_size=BATCH):
        _remind_owner(remedy, "remedy", remedy.get_type_display(), today, result)
    for action in actions.order_by("due_on", "pk").iterator(chunk_size=BATCH):
        _remind_owner(action, "action", action.description[:80], today, result)


def _remind_owner(
    item: Remedy | OutstandingAction, label: str, what: str, today: dt.date, result: FollowUpResult
) -> None:
    due = cast(dt.date, item.due_on)  # the query filters on it
    missed = due < today
    owner = item.owner or (item.owner_service.head if item.owner_service else None)
    people = [owner, item.case.service.head] if missed else [owner]
    verb = "was due" if missed else "is due"
    headline = f"The {label} '{what}' {verb} by {long_date(due)}" + (
        " and is not yet recorded as done." if missed else "."
    )
    subject = f"{label} {'missed' if missed else 'due'} {long_date(due)}"
    key = f"followup-{label}-{item.pk}-{'missed' if missed else 'soon'}-{due}"
    result.add(label, _send(item.case, key, subject, headline, people))


def _reviews(today: dt.date, result: FollowUpResult) -> None:
    due = (
        ReasonableAdjustment.objects.filter(state=AdjustmentState.AGREED, review_on__lte=today)
        .exclude(case=None)
        .select_related("case__current_handler", "case__person", "type")
        .order_by("review_on", "pk")
    )
    team = complaints_team()
    for adjustment in due.iterator(chunk_size=BATCH):
        case = adjustment.case
        assert case is not None  # excluded above
        people = [case.current_handler] if case.current_handler else team
        name = adjustment.type.name if adjustment.type else "adjustment"
        headline = (
            f"The reasonable adjustment '{name}' for {case.person.name} was to be reviewed by "
            f"{long_date(adjustment.review_on)}."  # type: ignore[arg-type]  # filtered on it
        )
        key = f"followup-review-{adjustment.pk}-{adjustment.review_on}"
        result.add("review", _send(case, key, "adjustment review due", headline, people))


def _unassigned(today: dt.date, horizon: dt.date, result: FollowUpResult) -> None:
    cases = (
        Case.objects.filter(status=Status.OPEN, current_handler=None, next_due_on__lte=horizon)
        .select_related("service__head")
        .order_by("next_due_on", "pk")
    )
    team = complaints_team()
    for case in cases.iterator(chunk_size=BATCH):
        due = case.next_due_on
        assert due is not None  # filtered on it
        missed = due < today
        headline = f"Nobody has picked up {case.reference} and its next deadline " + (
            f"was {long_date(due)}." if missed else f"is {long_date(due)}."
        )
        key = f"followup-unassigned-{case.pk}-{case.current_stage_id}-{due}-{int(missed)}"
        people = [case.service.head, *team]
        subject = f"not picked up, {'missed' if missed else 'due'} {long_date(due)}"
        result.add("unassigned", _send(case, key, subject, headline, people))


def _ombudsman(today: dt.date, horizon: dt.date, result: FollowUpResult) -> None:
    requests = (
        OmbudsmanRequest.objects.filter(answered_on=None, due_on__lte=horizon)
        .select_related("ombudsman_case__case")
        .order_by("due_on", "pk")
    )
    team = complaints_team()
    for request in requests.iterator(chunk_size=BATCH):
        case = request.ombudsman_case.case
        missed = request.due_on < today
        kind = request.get_kind_display()
        headline = (
            f"The Ombudsman's {kind.lower()} on {case.reference} "
            + (f"was due by {long_date(request.due_on)} and is not answered." if missed else "")
            + ("" if missed else f"is due by {long_date(request.due_on)}.")
        )
        key = f"followup-ombudsman-{request.pk}-{request.due_on}-{int(missed)}"
        subject = (
            f"Ombudsman {kind.lower()} {'missed' if missed else 'due'} {long_date(request.due_on)}"
        )
        result.add("ombudsman", _send(case, key, subject, headline, team))


def send_follow_up_reminders(*, today: dt.date | None = None) -> FollowUpResult:
    today = today or clock.today()
    horizon = _horizon(today)
    result = FollowUpResult()
    _owned(today, horizon, result)
    _reviews(today, result)
    _unassigned(today, horizon, result)
    _ombudsman(today, horizon, result)
    return result
