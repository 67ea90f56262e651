"""The life of one demo case, planned in advance with no database.

A plan is the list of steps staff took (acknowledge, assign, extend, respond, escalate, close,
...) with the moment of each, and the stage rows those steps leave behind. ``load_demo``
replays the steps through the service functions; the benchmark generator writes the predicted
rows straight into the tables. Both work from the same plan, and a test checks that the
services produce exactly the rows the plan predicts, so the bulk data is what the product
itself would have made.

Steps that would fall after ``now`` are not taken: a recent case is still open, and one whose
answer was going to be late is open and overdue today.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from redress.calendars.clock import LONDON, Duration, WorkingCalendar, due_date, local_date
from redress.cases.kinds import Kind, NotAcceptedReason, Outcome, Status
from redress.cases.services import deadlines
from redress.procedures.definitions import ProcedureDefinition, StageDefinition

CalendarFor = Callable[[str, dt.date], WorkingCalendar]
# (service name, handled_by, handlers of earlier stages) -> a handler key
HandlerFor = Callable[[str, str, tuple[Any, ...]], Any]


@dataclass
class StagePlan:
    """The row a stage will have once its planned steps are taken."""

    number: int
    key: str
    name: str
    handled_by: str
    opened_at: dt.datetime
    opened_on: dt.date
    acknowledge_due: dt.date | None
    response_due: dt.date | None
    acknowledged_on: dt.date | None = None
    extended_to: dt.date | None = None
    extension_reason: str = ""
    responded_on: dt.date | None = None
    outcome: str = ""
    handler: Any = None

    @property
    def effective_response_due(self) -> dt.date | None:
        return self.extended_to or self.response_due


@dataclass
class Step:
    at: dt.datetime
    action: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class CasePlan:
    kind: str
    received_at: dt.datetime
    stages: list[StagePlan] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    status: str = Status.OPEN
    outcome: str = ""
    not_accepted_reason: str = ""
    not_accepted_detail: str = ""
    closed_on: dt.date | None = None

    @property
    def current_stage(self) -> StagePlan:
        return self.stages[-1]

    @property
    def next_due_on(self) -> dt.date | None:
        return deadlines.next_due_on(self, self.current_stage)  # type: ignore[arg-type]


# How often things happen, per stage reached. Tuned to look like a council's year, not a law.
REFUSAL_RATE = 0.04
WITHDRAWAL_RATE = 0.03
EXTENSION_RATE = 0.08
LATE_ACKNOWLEDGEMENT_RATE = 0.08
LATE_RESPONSE_RATE = 0.15
STALLED_RATE = 0.01  # left untouched after acknowledgement: the overdue queue's old cases
ESCALATION_RATE = {1: 0.15, 2: 0.25}
COMPLAINT_OUTCOMES = ([Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.NOT_UPHELD], [25, 30, 45])
OTHER_OUTCOMES = (
    [Outcome.RESOLVED, Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.NOT_UPHELD],
    [70, 10, 10, 10],
)
REFUSAL_REASONS = (
    [
        NotAcceptedReason.OVER_12_MONTHS,
        NotAcceptedReason.LEGAL_PROCEEDINGS,
        NotAcceptedReason.ALREADY_CONSIDERED,
        NotAcceptedReason.OTHER_PROCEDURE,
        NotAcceptedReason.OTHER,
    ],
    [30, 15, 25, 20, 10],
)
EXTENSION_REASONS = (
    "Waiting for records from the contractor.",
    "The officer who dealt with the matter is on leave until next week.",
    "We need to visit the property before we can answer.",
    "The request covers several teams' records.",
)


class _Planner:
    def __init__(
        self,
        rng: random.Random,
        *,
        kind: str,
        service: str,
        definition: ProcedureDefinition,
        received_at: dt.datetime,
        now: dt.datetime,
        calendar_for: CalendarFor,
        handler_for: HandlerFor,
    ) -> None:
        self.rng = rng
        self.service = service
        self.definition = definition
        self.now = now
        self.calendar = calendar_for(definition.calendar, local_date(received_at))
        self.handler_for = handler_for
        self.plan = CasePlan(kind=kind, received_at=received_at)
        self.cursor = received_at

    # --- moments --------------------------------------------------------------------------

    def _moment(self, day: dt.date) -> dt.datetime | None:
        """A working-hours moment on ``day``, after the previous step; None if not yet come."""
        minutes = self.rng.randint(9 * 60, 16 * 60 + 30)
        at = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=LONDON)
        at = max(at, self.cursor + dt.timedelta(minutes=7))
        if at > self.now:
            return None
        self.cursor = at
        return at

    def _take(self, day: dt.date, action: str, **params: Any) -> dt.datetime | None:
        at = self._moment(day)
        if at is not None:
            self.plan.steps.append(Step(at=at, action=action, params=params))
        return at

    def _working_days_after(self, day: dt.date, low: int, high: int) -> dt.date:
        return self.calendar.add_working_days(day, self.rng.randint(low, high))

    # --- stages ---------------------------------------------------------------------------

    def _open(self, stage_def: StageDefinition, number: int, opened_at: dt.datetime) -> StagePlan:
        ack_due, response_due = deadlines.stage_opening_dates(stage_def, opened_at, self.calendar)
        stage = StagePlan(
            number=number,
            key=stage_def.key,
            name=stage_def.name,
            handled_by=stage_def.handled_by.value,
            opened_at=opened_at,
            opened_on=local_date(opened_at),
            acknowledge_due=ack_due,
            response_due=response_due,
        )
        self.plan.stages.append(stage)
        self.plan.status = Status.OPEN
        return stage

    def _close(self, action: str, day: dt.date, **params: Any) -> bool:
        at = self._take(day, action, **params)
        if at is None:
            return False
        self.plan.status = Status.CLOSED
        self.plan.closed_on = local_date(at)
        return True

    def run(self) -> CasePlan:
        stage_def = self.definition.stages[0]
        stage = self._open(stage_def, 1, self.plan.received_at)
        while True:
            next_stage = self._run_stage(stage_def, stage)
            if next_stage is None:
                return self.plan
            stage_def, stage = next_stage

    def _run_stage(
        self, stage_def: StageDefinition, stage: StagePlan
    ) -> tuple[StageDefinition, StagePlan] | None:
        rng = self.rng
        if stage.number == 1 and self.plan.kind == Kind.COMPLAINT and rng.random() < REFUSAL_RATE:
            reasons, weights = REFUSAL_REASONS
            reason = rng.choices(reasons, weights)[0]
            detail = "Passed to the standards team." if reason == NotAcceptedReason.OTHER else ""
            if self._close(
                "refuse",
                self._working_days_after(stage.opened_on, 1, 4),
                reason=reason,
                detail=detail,
            ):
                self.plan.outcome = stage.outcome = Outcome.NOT_ACCEPTED
                self.plan.not_accepted_reason, self.plan.not_accepted_detail = reason, detail
            return None
        if not self._acknowledge(stage_def, stage):
            return None
        if stage_def.respond_within is None:
            # Compliments and comments are acknowledged and closed; nobody is assigned.
            self._close("close", self._working_days_after(self._last_day(), 0, 3))
            return None
        handler = self.handler_for(
            self.service, stage.handled_by, tuple(s.handler for s in self.plan.stages[:-1])
        )
        if self._take(stage.acknowledged_on or stage.opened_on, "assign", handler=handler) is None:
            return None
        stage.handler = handler
        if rng.random() < STALLED_RATE:
            return None
        if rng.random() < WITHDRAWAL_RATE:
            if self._close("withdraw", self._working_days_after(self._last_day(), 1, 6)):
                stage.outcome = self.plan.outcome = Outcome.WITHDRAWN
            return None
        if not self._extend(stage_def, stage) or not self._respond(stage):
            return None
        return self._escalate_or_close(stage)

    def _last_day(self) -> dt.date:
        return local_date(self.cursor)

    def _acknowledge(self, stage_def: StageDefinition, stage: StagePlan) -> bool:
        if stage.acknowledge_due is None:
            return True
        late = self.rng.random() < LATE_ACKNOWLEDGEMENT_RATE
        target = stage.acknowledge_due
        if late:
            day = self._working_days_after(target, 1, 4)
        else:
            allowed = max(self.calendar.working_days_between(stage.opened_on, target), 0)
            day = self.calendar.add_working_days(stage.opened_on, self.rng.randint(0, allowed))
        if self._take(day, "acknowledge", on=day) is None:
            return False
        stage.acknowledged_on = day
        recalculated = deadlines.response_due_after_acknowledgement(stage_def, day, self.calendar)
        if recalculated is not None:
            stage.response_due = recalculated
        return True

    def _extend(self, stage_def: StageDefinition, stage: StagePlan) -> bool:
        limit = stage_def.max_extension
        if limit is None or self.rng.random() >= EXTENSION_RATE:
            return True
        by = Duration(self.rng.randint(max(1, limit.amount // 2), limit.amount), limit.unit)
        assert stage.response_due is not None
        reason = self.rng.choice(EXTENSION_REASONS)
        # Extensions are agreed a few days before the deadline passes.
        earlier = stage.response_due - dt.timedelta(days=self.rng.randint(1, 5))
        day = max(self._last_day(), earlier)
        if self._take(day, "extend", extend_by=by, reason=reason) is None:
            return False
        stage.extended_to = due_date(stage.response_due, by, self.calendar)
        stage.extension_reason = reason
        return True

    def _respond(self, stage: StagePlan) -> bool:
        due = stage.effective_response_due
        assert due is not None
        if self.rng.random() < LATE_RESPONSE_RATE:
            day = self._working_days_after(due, 1, 12)
        else:
            span = max(self.calendar.working_days_between(self._last_day(), due), 0)
            day = self.calendar.add_working_days(self._last_day(), self.rng.randint(0, span))
        day = max(day, stage.opened_on)
        outcomes, weights = (
            COMPLAINT_OUTCOMES if self.plan.kind == Kind.COMPLAINT else OTHER_OUTCOMES
        )
        outcome = self.rng.choices(outcomes, weights)[0]
        if self._take(day, "respond", on=day, outcome=outcome) is None:
            return False
        stage.responded_on, stage.outcome = day, outcome
        self.plan.status, self.plan.outcome = Status.RESPONDED, outcome
        return True

    def _escalate_or_close(self, stage: StagePlan) -> tuple[StageDefinition, StagePlan] | None:
        assert stage.responded_on is not None
        next_def = self.definition.stage_after(stage.key)
        rate = ESCALATION_RATE.get(stage.number, 0.0)
        if next_def is not None and self.rng.random() < rate:
            stage_def = self.definition.stage(stage.key)
            requested = stage.responded_on + dt.timedelta(days=self.rng.randint(1, 25))
            if stage_def.escalation_window is not None:
                last = due_date(stage.responded_on, stage_def.escalation_window, self.calendar)
                requested = min(requested, last)
            requested = max(requested, self._last_day())
            # The service opens the next stage at noon on the day of the request.
            opened_at = dt.datetime.combine(requested, dt.time(12, 0), tzinfo=LONDON)
            if opened_at <= self.cursor or opened_at > self.now:
                return None
            self.cursor = opened_at
            self.plan.steps.append(
                Step(at=opened_at, action="escalate", params={"requested_on": requested})
            )
            return next_def, self._open(next_def, stage.number + 1, opened_at)
        self._close("close", stage.responded_on + dt.timedelta(days=self.rng.randint(0, 9)))
        return None


def plan_case(
    rng: random.Random,
    *,
    kind: str,
    service: str,
    definition: ProcedureDefinition,
    received_at: dt.datetime,
    now: dt.datetime,
    calendar_for: CalendarFor,
    handler_for: HandlerFor,
) -> CasePlan:
    return _Planner(
        rng,
        kind=kind,
        service=service,
        definition=definition,
        received_at=received_at,
        now=now,
        calendar_for=calendar_for,
        handler_for=handler_for,
    ).run()
