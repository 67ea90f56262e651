"""Loads the demo council and about two years of its casework through the service functions.

Every case is logged, acknowledged, assigned, extended, answered, escalated and closed by
the same functions staff use, under a clock set to the moment of each step, so every stored
date, deadline and timeline event is the one the product would have recorded.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, cast

from django.db import transaction
from django.test.utils import override_settings

from redress.accounts.models import Role, User
from redress.calendars.clock import LONDON, Duration, WorkingCalendar
from redress.calendars.services import working_calendar
from redress.cases import services
from redress.cases.kinds import CorrespondenceKind, CorrespondenceTo, Kind, Outcome, RemedyType
from redress.cases.models import Case, Category, Service
from redress.cases.representatives import Representative
from redress.core import clock
from redress.demo.clock import SimulatedClock, simulated_clock
from redress.demo.content import CaseContent, PeoplePool, case_content
from redress.demo.learning import load_learning_examples
from redress.demo.models import DemoLoad
from redress.demo.organisation import ADULT_SERVICE, CHILDRENS_SERVICE, ensure_organisation
from redress.demo.plans import CasePlan, Step, plan_case
from redress.demo.register import load_register_example
from redress.demo.spike import spike_content, spike_receipts, spike_size
from redress.procedures.definitions import HandledBy
from redress.procedures.models import Procedure
from redress.procedures.services import current_version, definition_of, load_presets

DEFAULT_CASES = 2000
DEFAULT_SEED = 2026
YEARS = 2


class DemoNotLoaded(Exception):
    """The database is not one the demo may fill."""


@dataclass(frozen=True)
class LoadResult:
    loaded: bool
    cases: int


@lru_cache(maxsize=32)
def _calendar(code: str, year: int) -> WorkingCalendar:
    return working_calendar(code, dt.date(year, 7, 1))


def calendar_for(code: str, around: dt.date) -> WorkingCalendar:
    return _calendar(code, around.year)


def load_demo(
    *, cases: int = DEFAULT_CASES, seed: int = DEFAULT_SEED, now: dt.datetime | None = None
) -> LoadResult:
    """Load the demo once; a second call finds the marker and loads nothing."""
    load_presets()
    existing = DemoLoad.objects.first()
    if existing is not None:
        return LoadResult(loaded=False, cases=existing.cases)
    if Case.objects.exists():
        raise DemoNotLoaded(
            "This database already has cases that are not demo data; "
            "the demo only fills a database with no cases."
        )
    _calendar.cache_clear()
    now = now or clock.now()
    # With DEBUG on, Django logs every query and, on SQLite, runs an extra query per query to
    # quote its parameters for the log: half the demo's time, and no use to anyone here.
    with override_settings(DEBUG=False), transaction.atomic():
        council = DemoCouncil(random.Random(seed), seed=seed, now=now)
        council.load(cases)
        load_register_example(council.staff, now)
        load_learning_examples(council.staff, now)
        DemoLoad.objects.create(seed=seed, cases=cases, loaded_at=now)
    return LoadResult(loaded=True, cases=cases)


class DemoCouncil:
    def __init__(self, rng: random.Random, *, seed: int, now: dt.datetime) -> None:
        self.rng = rng
        self.now = now
        self.people = PeoplePool(seed)
        self.services, self.staff = ensure_organisation()
        self.categories = {
            (cast(Service, c.service).name, c.name): c
            for c in Category.objects.select_related("service").filter(service__isnull=False)
        }
        self.procedures = {p.slug: p for p in Procedure.objects.all()}
        self.definitions = {
            slug: definition_of(current_version(p)) for slug, p in self.procedures.items()
        }
        self.responders: dict[str, list[User]] = {}
        for user in self.staff.values():
            if user.role == Role.SERVICE_RESPONDER:
                for service in user.services.all():
                    self.responders.setdefault(service.name, []).append(user)
        self.investigators = [u for u in self.staff.values() if u.role == Role.INVESTIGATOR]
        self.officers = [u for u in self.staff.values() if u.role == Role.COMPLAINTS_OFFICER]

    def handler_for(self, service: str, handled_by: str, earlier: tuple[Any, ...]) -> User:
        independent = handled_by == HandledBy.INDEPENDENT
        pool = self.investigators if independent else self.responders[service]
        return self.rng.choice([u for u in pool if u not in earlier] or self.officers)

    def _receipts(self, count: int) -> list[dt.datetime]:
        span = dt.timedelta(days=365 * YEARS).total_seconds()
        start = self.now - dt.timedelta(seconds=span)
        moments = sorted(
            start + dt.timedelta(seconds=self.rng.random() * span) for _ in range(count)
        )
        return [m.astimezone(LONDON) for m in moments]

    def load(self, count: int) -> list[tuple[Case, CasePlan]]:
        """Log and work ``count`` cases; returns each case with the plan it followed. A few of
        them, with enough cases, are last week's rise in missed collections (``spike``)."""
        rise = spike_size(count)
        with simulated_clock(self.now) as replay_clock:
            loaded = [
                self._load_case(replay_clock, serial, received_at)
                for serial, received_at in enumerate(self._receipts(count - rise), start=1)
            ]
            for serial, received_at in enumerate(
                spike_receipts(self.rng, self.now, rise), start=count - rise + 1
            ):
                loaded.append(self._load_case(replay_clock, serial, received_at, spike=True))
        return loaded

    def _load_case(
        self,
        replay_clock: SimulatedClock,
        serial: int,
        received_at: dt.datetime,
        *,
        spike: bool = False,
    ) -> tuple[Case, CasePlan]:
        rng = self.rng
        content = case_content(rng, self.people, serial)
        if spike:
            content = spike_content(rng, content)
        plan = plan_case(
            rng,
            kind=content.kind,
            service=content.service,
            definition=self.definitions[content.procedure],
            received_at=received_at,
            now=self.now,
            calendar_for=calendar_for,
            handler_for=self.handler_for,
        )
        officer = rng.choice(self.officers)
        replay_clock.set(received_at)
        case = services.case_log(by=officer, **self._log_fields(content, received_at))
        for step in plan.steps:
            replay_clock.set(step.at)
            case = self._take(case, step, officer)
        return case, plan

    def _log_fields(self, content: CaseContent, received_at: dt.datetime) -> dict[str, Any]:
        service: Service = self.services[content.service]
        fields: dict[str, Any] = {
            "kind": content.kind,
            "received_at": received_at,
            "channel": content.channel,
            "service": service,
            "category": self.categories[(content.service, content.category)],
            "summary": content.summary,
            "description": content.description,
            "outcome_sought": content.outcome_sought,
            "person": content.person,
            "procedure": self.procedures[content.procedure],
        }
        statutory = content.service in (ADULT_SERVICE, CHILDRENS_SERVICE)
        if statutory and content.kind == Kind.COMPLAINT and self.rng.random() < 0.25:
            # Complaints about a child's or adult's care are often made by a relative or
            # advocate, with the person's consent on record; some are restricted to the team.
            # Both are written to, so the demo shows a representative's copy of each letter.
            who = self.people.person(self.rng, 0)
            fields["representative"] = Representative(
                name=who["name"],
                relationship=self.rng.choice(
                    ["Daughter", "Son", "Advocate", "Parent", "Grandparent"]
                ),
                consent_on=received_at.date(),
                email=who["email"],
                phone=who["phone"],
                address=who["address"],
                correspondence_to=CorrespondenceTo.BOTH,
            )
            fields["restricted"] = content.service == CHILDRENS_SERVICE
        return fields

    def _take(self, case: Case, step: Step, officer: User) -> Case:
        params = step.params
        stage = case.current_stage
        handler = cast(User, stage.handler) if stage is not None and stage.handler_id else officer
        action = step.action
        if action == "acknowledge":
            return services.case_acknowledge(
                case=case,
                by=officer,
                on=params["on"],
                definition_summary=f"{case.summary}. {case.outcome_sought}".strip(),
            )
        if action == "assign":
            return services.case_assign(case=case, by=officer, handler=params["handler"])
        if action == "extend":
            by: Duration = params["extend_by"]
            return services.case_extend(
                case=case, by=handler, reason=params["reason"], extend_by=by
            )
        if action == "respond":
            case = services.case_respond(
                case=case, by=handler, on=params["on"], outcome=params["outcome"]
            )
            self._record_response(case, handler, step, params["outcome"])
            return case
        if action == "escalate":
            return services.case_escalate(
                case=case, by=officer, requested_on=params["requested_on"]
            )
        if action == "withdraw":
            return services.case_withdraw(
                case=case, by=officer, reason="The person told us the matter is resolved."
            )
        if action == "refuse":
            return services.case_refuse(
                case=case, by=officer, reason=params["reason"], detail=params["detail"]
            )
        if action == "close":
            # Replayed history closes cases whose remedies are still being given, as staff do.
            return services.case_close(case=case, by=officer, confirm=True)
        raise ValueError(f"unknown demo step {action!r}")

    def _record_response(self, case: Case, handler: User, step: Step, outcome: str) -> None:
        """The letter that went out, and for upheld complaints the remedy promised."""
        services.correspondence_add(
            case=case,
            by=handler,
            kind=CorrespondenceKind.EMAIL,
            direction="out",
            subject=f"Our response to your {case.get_kind_display().lower()} {case.reference}",
            body="Thank you for contacting us. We have looked into what you told us and set out "
            "our decision, our reasons and what happens next below.",
            happened_at=step.at,
        )
        if case.kind == Kind.COMPLAINT and outcome in (Outcome.UPHELD, Outcome.PARTLY_UPHELD):
            financial = self.rng.random() < 0.15
            services.remedy_add(
                case=case,
                by=handler,
                type=RemedyType.FINANCIAL if financial else RemedyType.APOLOGY,
                description="A payment for the time and trouble caused."
                if financial
                else "A written apology from the head of service.",
                amount=Decimal(self.rng.choice([50, 100, 150, 250])) if financial else None,
                due_on=step.at.date() + dt.timedelta(days=14),
                owner=handler,
            )
