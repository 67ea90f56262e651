"""Give a generated database the work that hangs off its cases, so My work is timed full.

    python -m bench.work_items --database-url postgres://postgres@127.0.0.1:5432/x

``bench.generate`` writes cases, stages and timelines only: My work's follow-ups, drafts,
learning and delivery problems would be timed empty. This adds, in about the proportions a
council's records hold: remedies and outstanding actions (mostly done, some overdue), learning
actions (some open), drafts waiting for review and drafts returned to the complaints officer,
and messages that failed or may not have arrived. Every case is chosen by its id, so the
same database gets the same rows. It refuses a database that already has remedies.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bench.environment import django_for

# One case in each so many: remedies on 3% of closed cases, actions on 2%, learning on 1%.
REMEDY_EVERY = 33
ACTION_EVERY = 50
LEARNING_EVERY = 100
# Of remedies and actions: half of those from the last three months are still to do (some
# overdue by now), and one in a hundred older ones was forgotten and is overdue.
RECENT_DAYS = 90
STILL_TO_DO_RECENT = 0.5
FORGOTTEN = 0.01
DRAFTS_TO_REVIEW = 300
DRAFTS_RETURNED = 20
DELIVERY_PROBLEMS = 60
BATCH = 5_000


@dataclass(frozen=True)
class Sampled:
    id: int
    service_id: int
    received_on: dt.date
    current_stage_id: int | None
    handler_id: int | None


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="defaults to DATABASE_URL")
    parser.add_argument("--seed", type=int, default=20261203)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    django_for(args.database_url)
    from redress.cases.models import Remedy

    if Remedy.objects.exists():
        raise SystemExit("This database already has remedies: its work items are there.")
    started = time.monotonic()
    counts = add_work_items(random.Random(args.seed))
    refresh_statistics()
    written = ", ".join(f"{count:,} {what}" for what, count in counts.items())
    print(f"{written} written in {time.monotonic() - started:.0f} s")


def refresh_statistics() -> None:
    """Let the planner see the new rows. Without this, a database whose automatic analysis is
    off (or has not run yet) plans My work's learning list for the empty table it last
    measured: a nested loop over every open action (16 ms) instead of a walk of the due-date
    index that stops at ten (under 1 ms)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def add_work_items(rng: random.Random) -> dict[str, int]:
    from redress.cases.kinds import Status

    return {
        "remedies": _remedies(rng, _every(REMEDY_EVERY, status=Status.CLOSED)),
        "actions": _actions(rng, _every(ACTION_EVERY, status=Status.CLOSED)),
        "learning actions": _learning(rng, _every(LEARNING_EVERY)),
        "drafts": _drafts(rng),
        "delivery problems": _problems(rng),
    }


def _every(step: int, **filters: Any) -> Iterator[Sampled]:
    """One case in ``step``, by id, read in id order a batch at a time."""
    from django.db.models.functions import Mod

    from redress.cases.models import Case

    rows = (
        Case.objects.filter(**filters)
        .alias(slot=Mod("id", step))
        .filter(slot=0)
        .order_by("id")
        .values_list("id", "service_id", "received_on", "current_stage_id", "current_handler_id")
    )
    for row in rows.iterator(chunk_size=BATCH):
        yield Sampled(*row)


def _today() -> dt.date:
    from redress.core import clock

    return clock.today()


def _due_and_done(rng: random.Random, case: Sampled) -> tuple[dt.date, dt.date | None]:
    due = case.received_on + dt.timedelta(days=rng.randint(20, 60))
    recent = case.received_on >= _today() - dt.timedelta(days=RECENT_DAYS)
    if rng.random() < (STILL_TO_DO_RECENT if recent else FORGOTTEN):
        return due, None
    return due, min(due - dt.timedelta(days=rng.randint(0, 10)), _today())


def _remedies(rng: random.Random, cases: Iterator[Sampled]) -> int:
    from redress.cases.kinds import RemedyType
    from redress.cases.models import Remedy

    types = list(RemedyType.values)

    def build(case: Sampled) -> Remedy:
        due, done = _due_and_done(rng, case)
        kind = rng.choice(types)
        return Remedy(
            case_id=case.id,
            stage_id=case.current_stage_id,
            type=kind,
            description="Pay for the missed appointments" if kind == "financial" else kind,
            amount=rng.choice((50, 100, 150, 250)) if kind == "financial" else None,
            owner_id=case.handler_id,
            owner_service_id=case.service_id,
            due_on=due,
            done_on=done,
            done_note="Confirmed with the resident." if done else "",
        )

    return _written(Remedy, (build(case) for case in cases))


def _actions(rng: random.Random, cases: Iterator[Sampled]) -> int:
    from redress.cases.models import OutstandingAction

    def build(case: Sampled) -> OutstandingAction:
        due, done = _due_and_done(rng, case)
        return OutstandingAction(
            case_id=case.id,
            description="Inspect the repair and write to the resident",
            owner_id=case.handler_id,
            owner_service_id=case.service_id,
            due_on=due,
            done_on=done,
            done_note="Inspected; letter sent." if done else "",
        )

    return _written(OutstandingAction, (build(case) for case in cases))


def _learning(rng: random.Random, cases: Iterator[Sampled]) -> int:
    from redress.accounts.models import User
    from redress.learning.models import LearningAction, LearningStatus

    officer = User.objects.get(username="officer")
    statuses = list(LearningStatus.values)

    def build(case: Sampled) -> LearningAction:
        status = rng.choice(statuses)
        due = case.received_on + dt.timedelta(days=rng.randint(30, 120))
        return LearningAction(
            case_id=case.id,
            service_id=case.service_id,
            owner_id=case.handler_id or officer.pk,
            lesson="Appointments were missed without the resident being told.",
            change="Text residents the day before each appointment.",
            due_on=due,
            status=status,
            completed_on=min(due, _today()) if status == LearningStatus.DONE else None,
            raised_on=case.received_on,
            raised_by_id=officer.pk,
        )

    return _written(LearningAction, (build(case) for case in cases))


def _open_cases(count: int) -> list[Sampled]:
    """The latest open cases: drafts and undelivered letters are about recent work."""
    from redress.cases.kinds import Status
    from redress.cases.models import Case

    rows = (
        Case.objects.filter(status=Status.OPEN, current_stage__isnull=False)
        .order_by("-id")
        .values_list("id", "service_id", "received_on", "current_stage_id", "current_handler_id")
    )
    return [Sampled(*row) for row in rows[:count]]


def _drafts(rng: random.Random) -> int:
    from redress.accounts.models import User
    from redress.staff.models import DraftState, ResponseDraft

    officer = User.objects.get(username="officer")
    cases = _open_cases(DRAFTS_TO_REVIEW + DRAFTS_RETURNED)

    def build(case: Sampled, state: str, author: int | None) -> ResponseDraft:
        assert case.current_stage_id is not None  # chosen for having one
        return ResponseDraft(
            case_id=case.id,
            stage_id=case.current_stage_id,
            author_id=author,
            state=state,
            outcome=rng.choice(("upheld", "partly_upheld", "not_upheld")),
            definition="The resident says the repair was not done.",
            decision="We have upheld the complaint.",
            reasons="The appointment was missed twice.",
        )

    drafts = [
        build(case, DraftState.SUBMITTED, case.handler_id)
        for case in cases[:DRAFTS_TO_REVIEW]
        if case.handler_id != officer.pk
    ]
    drafts += [build(case, DraftState.RETURNED, officer.pk) for case in cases[DRAFTS_TO_REVIEW:]]
    return _written(ResponseDraft, iter(drafts))


def _problems(rng: random.Random) -> int:
    from redress.notifications.models import OutboundMessage

    State = OutboundMessage.State
    messages = (
        OutboundMessage(
            case_id=case.id,
            template_key="acknowledgement",
            recipient_name="A resident",
            recipient_email=f"resident{case.id}@example.org",
            subject=f"We have received your complaint (case {case.id})",
            body_text="Thank you for contacting us.",
            idempotency_key=f"bench-problem-{case.id}",
            state=rng.choice((State.FAILED, State.UNCERTAIN)),
            attempts=3,
            last_error="550 mailbox unavailable",
        )
        for case in _open_cases(DELIVERY_PROBLEMS)
    )
    return _written(OutboundMessage, messages)


def _written(model: Any, rows: Iterator[Any]) -> int:
    written = 0
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            model.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    model.objects.bulk_create(batch)
    return written + len(batch)


if __name__ == "__main__":
    main()
