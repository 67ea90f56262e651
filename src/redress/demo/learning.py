"""Learning actions in the demo, so My work, the learning list and the reports' learning and
"You said, we did" sections have something in them: raised from answered complaints (upheld
or not) through the learning services, under the clock of the day they were raised."""

from __future__ import annotations

import datetime as dt

from redress.accounts.models import User
from redress.cases.kinds import Kind, Outcome
from redress.cases.models import Case
from redress.cases.selectors import cases_visible_to
from redress.demo.clock import simulated_clock
from redress.learning.models import LearningStatus
from redress.learning.services import learning_raise, learning_update

# (lesson, change): what answered complaints commonly teach a service area.
LESSONS = (
    (
        "Residents were not told when a repair appointment moved.",
        "The scheduling team texts the resident whenever an appointment changes.",
    ),
    (
        "Crews did not know which streets were closed for roadworks.",
        "Crews get the road closure list at the morning briefing.",
    ),
    (
        "Our letters used terms people did not understand.",
        "Standard letters rewritten in plain English and tested with residents.",
    ),
    (
        "Calls asking for a callback were not logged, so nobody called back.",
        "Callback requests are logged in the case system with a due time.",
    ),
    (
        "Online form errors lost what people had typed.",
        "The form keeps what was typed and names the field to correct.",
    ),
    (
        "People waited weeks without hearing how their complaint was going.",
        "Handlers send an update every ten working days on open complaints.",
    ),
)
# The last few: done, in progress, agreed, proposed, done, not taken forward.
STATUSES = (
    LearningStatus.DONE,
    LearningStatus.IN_PROGRESS,
    LearningStatus.AGREED,
    LearningStatus.PROPOSED,
    LearningStatus.DONE,
    LearningStatus.NOT_TAKEN_FORWARD,
)


def _answered_complaints() -> list[Case]:
    found = (
        Case.objects.filter(kind=Kind.COMPLAINT, restricted=False, service__head__isnull=False)
        .exclude(outcome="")
        .filter(outcome__in=[Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.NOT_UPHELD])
        .select_related("service__head")
        .order_by("-received_on", "-pk")
    )
    return [c for c in found[:40] if cases_visible_to(c.service.head).filter(pk=c.pk).exists()]


def load_learning_examples(staff: dict[str, User], now: dt.datetime) -> None:
    officer = staff.get("officer")
    if officer is None:
        return
    examples = zip(_answered_complaints(), LESSONS, STATUSES, strict=False)
    for n, (case, (lesson, change), status) in enumerate(examples):
        raised = now - dt.timedelta(days=60 - 8 * n)
        head = case.service.head
        assert head is not None  # filtered on
        with simulated_clock(raised) as replay:
            action = learning_raise(
                case=case,
                by=officer,
                lesson=lesson,
                change=change,
                service=case.service,
                owner=head,
                due_on=raised.date() + dt.timedelta(days=42 if n != 3 else 50),
            )
            if status == LearningStatus.PROPOSED:
                continue
            replay.set(raised + dt.timedelta(days=3))
            _move(action, head, status, (raised + dt.timedelta(days=3)).date())


def _move(action, head: User, status: str, on: dt.date) -> None:  # type: ignore[no-untyped-def]
    if status == LearningStatus.NOT_TAKEN_FORWARD:
        learning_update(
            action=action,
            by=head,
            status=status,
            reason="The new contact system does this already from next month.",
        )
        return
    action = learning_update(action=action, by=head, status=LearningStatus.AGREED)
    if status == LearningStatus.IN_PROGRESS:
        learning_update(action=action, by=head, status=status)
    elif status == LearningStatus.DONE:
        learning_update(
            action=action,
            by=head,
            status=status,
            on=on,
            evidence="Checked on a sample of cases a month later: in place.",
        )
