"""The figures store gives the same answers as the measures counted live over the cases, for
every kind of reader, period, service and kind, and keeps up with every way cases change."""

from __future__ import annotations

import datetime as dt
import importlib
import random

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from redress.accounts.models import Role
from redress.calendars.clock import Duration, Unit
from redress.cases.models import AWAITING_STAGE, Case, CaseAccessGrant, CaseStage
from redress.cases.services import (
    case_acknowledge,
    case_escalate,
    case_extend,
    case_refuse,
    case_respond,
    case_withdraw,
)
from redress.core.errors import TransitionNotAllowed
from redress.reporting import measures, rollup, statutory
from redress.reporting.figures import Figures
from redress.reporting.models import CaseCount, ChangedSlice, StageCount
from redress.reporting.periods import Period, custom, financial_year, month, quarter
from redress.reporting.scope import received_in, reportable_cases
from redress.reporting.statutory import ADULT_SOCIAL_CARE, CHILDRENS_SOCIAL_CARE
from tests.factories import CategoryFactory, ServiceFactory, UserFactory, make_case
from tests.reporting.conftest import at, d

pytestmark = pytest.mark.django_db

TRIGGERS = importlib.import_module(
    "redress.reporting.migrations.0004_change_triggers"
).TRIGGER_NAMES

PERIODS = [
    financial_year(2025),
    financial_year(2026),
    quarter(2026, 1),
    quarter(2026, 2),
    month(2026, 4),
    custom(d("2026-03-31"), d("2026-04-01")),  # two ragged days either side of a year
    custom(d("2026-03-15"), d("2026-07-10")),  # ragged ends around whole months
    custom(d("2026-04-01"), d("2026-09-30")),
]


def live(user, period: Period, today: dt.date, service=None, kind: str = ""):
    cases = received_in(reportable_cases(user, service), period)
    return cases.filter(kind=kind) if kind else cases


def assert_same(user, period: Period, today: dt.date, service=None, kind: str = "") -> None:
    stored = Figures(user, period, today, service, kind)
    cases = live(user, period, today, service, kind)
    where = f"{period.label}, {service}, {kind or 'all kinds'}"
    assert stored.profile() == measures.profile(cases, period), where
    assert stored.stage_figures() == measures.stage_figures(cases, today), where
    assert stored.received_by_service() == measures.received_by_service(cases), where
    assert stored.received_by_category() == measures.received_by_category(cases), where
    channels = stored.received_by_channel()
    assert channels == measures.received_by_channel(cases), where
    assert list(channels.values()) == sorted(channels.values(), reverse=True), where
    complaints = cases.filter(kind="complaint")
    assert stored.received_by_channel("complaint") == measures.received_by_channel(complaints)
    assert stored.outcomes() == measures.outcomes(cases), where
    assert stored.not_accepted_reasons() == measures.not_accepted_reasons(cases), where
    assert stored.summary() == measures.summary(cases, today), where
    scoped = reportable_cases(user, service)
    scoped = scoped.filter(kind=kind) if kind else scoped
    assert stored.caseload() == measures.caseload(scoped, today), where
    assert stored.same_handler() == measures.same_handler_count(complaints), where
    assert stored.tenant_measures() == statutory.tenant_measures(scoped, period), where
    for procedure in (ADULT_SOCIAL_CARE, CHILDRENS_SOCIAL_CARE, "early-resolution"):
        of_procedure = cases.filter(procedure_version__procedure__slug=procedure)
        assert stored.received(procedure=procedure) == of_procedure.count(), where
        assert stored.stage_figures(procedure=procedure) == measures.stage_figures(
            of_procedure, today
        ), where


def test_the_hand_made_dataset(dataset, officer, parks_manager, today):
    for period in PERIODS:
        assert_same(officer, period, today)
        assert_same(parks_manager, period, today)
        assert_same(officer, period, today, service=dataset.housing)
        assert_same(officer, period, today, kind="complaint")
    # The figures are not trivially empty: the hand-counted ones are in there.
    figures = Figures(officer, financial_year(2026), today).stage_figures()
    stage1 = next(f for f in figures if f.key == "stage1")
    assert (stage1.opened, stage1.acknowledged_within_target) == (6, 2)
    tsm = Figures(officer, financial_year(2026), today).tenant_measures()
    assert tsm.stage1_received and tsm.stage2_responded


def _random_handlers(seed: int, handlers) -> None:
    """Handlers put on stages as a data fix would, so some second stages have their first
    stage's handler: the services refuse that, and the Code's evidence counts it."""
    rng = random.Random(seed)
    for stage in CaseStage.objects.order_by("id").values_list("pk", flat=True):
        if rng.random() < 0.7:
            CaseStage.objects.filter(pk=stage).update(handler=rng.choice(handlers))


def _random_cases(seed: int, services, categories, handlers) -> None:
    """Cases with random dates, services, kinds and histories, through the services."""
    rng = random.Random(seed)
    for n in range(40):
        received = d("2026-02-20") + dt.timedelta(days=rng.randrange(0, 260))
        kind = rng.choice(["complaint"] * 5 + ["compliment", "foi_request", "member_enquiry"])
        procedure = None
        if kind == "complaint":
            procedure = rng.choice(
                [None, None, "early-resolution", ADULT_SOCIAL_CARE, CHILDRENS_SOCIAL_CARE]
            )
        service = rng.choice(services)
        case = make_case(
            kind=kind,
            service=service,
            received_at=at(received.isoformat()),
            procedure=procedure,
            category=rng.choice([c for c in categories if c.service_id == service.pk] + [None]),
            channel=rng.choice(["email", "phone", "web", "letter"]),
        )
        _random_history(rng, case, received, handlers)
        if rng.random() < 0.15:
            Case.objects.filter(pk=case.pk).update(restricted=True)
            if rng.random() < 0.5:
                CaseAccessGrant.objects.create(case=case, user=handlers[n % len(handlers)])


def _random_history(rng: random.Random, case: Case, received: dt.date, handlers) -> None:
    """Up to three stages, each acknowledged, perhaps extended, withdrawn, left waiting,
    answered and escalated; a step the procedure does not allow ends the history there."""
    day = received
    roll = rng.random()
    if roll < 0.1:
        case_refuse(case=case, by=None, reason="over_12_months")
        return
    if roll < 0.2:
        return  # never acknowledged

    def step(days: int) -> dt.date:
        nonlocal day
        day += dt.timedelta(days=days)
        if day > timezone.localdate():
            raise TransitionNotAllowed("not yet")  # the services refuse future dates
        return day

    try:
        for _ in range(3):
            case = case_acknowledge(case=case, by=None, on=step(rng.randrange(1, 12)))
            if case.current_stage.response_due is None:
                return
            if rng.random() < 0.2:
                case = case_extend(
                    case=case,
                    by=None,
                    reason="Waiting for a report",
                    extend_by=Duration(rng.randrange(1, 5), Unit.WORKING_DAYS),
                )
            if rng.random() < 0.1:
                case_withdraw(case=case, by=None, reason="Sorted out")
                return
            if rng.random() < 0.25:
                return  # still waiting for an answer
            outcome = rng.choice(["upheld", "not_upheld"])
            case = case_respond(case=case, by=None, on=step(rng.randrange(1, 30)), outcome=outcome)
            if rng.random() < 0.5:
                return
            case = case_escalate(case=case, by=None, requested_on=step(rng.randrange(1, 10)))
    except TransitionNotAllowed:
        return


@pytest.mark.parametrize("seed", [1, 2])
def test_random_cases_and_readers(seed, today):
    services = [ServiceFactory(), ServiceFactory(), ServiceFactory()]
    # Two services with a category of the same name: reports show one row for the name.
    categories = [
        CategoryFactory(service=services[0], name="Repairs"),
        CategoryFactory(service=services[1], name="Repairs"),
        CategoryFactory(service=services[1], name="Staff conduct"),
    ]
    handlers = [UserFactory(role=Role.INVESTIGATOR), UserFactory(role=Role.INVESTIGATOR)]
    _random_cases(seed, services, categories, handlers)
    _random_handlers(seed, handlers)
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    manager = UserFactory(role=Role.MANAGER, services=services[:2])
    granted = CaseAccessGrant.objects.values_list("user", flat=True).first()
    readers = [officer, manager]
    if granted:
        granted_manager = UserFactory(role=Role.MANAGER, services=services)
        CaseAccessGrant.objects.create(
            case=Case.objects.filter(restricted=True).first(), user=granted_manager
        )
        readers.append(granted_manager)
    for period in PERIODS:
        for reader in readers:
            assert_same(reader, period, today)
        assert_same(officer, period, today, service=services[1], kind="complaint")
    assert Case.objects.filter(restricted=True).exists()
    handled, same = Figures(officer, financial_year(2026), today).same_handler()
    assert 0 < same < handled
    # On the very day a waiting stage falls due it is not yet late; the day after it is.
    make_case(service=services[0], received_at=at("2026-10-01"))
    waiting_answer = make_case(service=services[1], received_at=at("2026-10-02"))
    case_acknowledge(case=waiting_answer, by=None, on=d("2026-10-05"))
    waiting = CaseStage.objects.filter(AWAITING_STAGE, case__restricted=False)
    for done, due in (("acknowledged_on", "acknowledge_due"), ("responded_on", "response_due")):
        late = waiting.filter(**{f"{done}__isnull": True, f"{due}__isnull": False})
        day = late.values_list(due, flat=True).first()
        for moment in (day, day + dt.timedelta(days=1)):
            assert_same(officer, financial_year(2025), moment)
            assert_same(officer, financial_year(2026), moment)


def test_every_change_is_noted_by_the_database(dataset, officer, today):
    rollup.refresh()
    assert not ChangedSlice.objects.exists()
    case = dataset.cases["F"]
    # A change made without the services, as the admin or a data fix would make it.
    Case.objects.filter(pk=case.pk).update(service=dataset.housing, received_on=d("2026-08-04"))
    noted = set(ChangedSlice.objects.values_list("received_on", "service_id"))
    assert noted == {(d("2026-08-03"), dataset.parks.pk), (d("2026-08-04"), dataset.housing.pk)}
    assert_same(officer, financial_year(2026), today)
    assert not ChangedSlice.objects.exists()
    Case.objects.filter(pk=case.pk).delete()
    assert_same(officer, financial_year(2026), today)


def test_a_change_noted_during_a_refresh_is_kept_for_the_next(dataset, monkeypatch):
    rollup.refresh()
    b = dataset.cases["B"]
    Case.objects.filter(pk=b.pk).update(summary="Changed")
    rebuilt = []
    real_rebuild = rollup.rebuild

    def rebuild_while_another_change_lands(slices):
        rebuilt.append(slices)
        if len(rebuilt) == 1:
            ChangedSlice.objects.create(received_on=d("2026-06-30"), service_id=dataset.parks.pk)
        real_rebuild(slices)

    monkeypatch.setattr(rollup, "rebuild", rebuild_while_another_change_lands)
    rollup.refresh()
    assert rebuilt == [{(b.received_on, b.service_id)}, {(d("2026-06-30"), dataset.parks.pk)}]
    assert not ChangedSlice.objects.exists()


def test_rebuilding_everything_gives_the_same_store(dataset):
    rollup.refresh()
    before = _store()
    assert before
    rollup.rebuild_everything()
    assert _store() == before


def _store():
    cases = sorted(
        CaseCount.objects.values_list(
            "grain", "starts_on", "service_id", "kind", "procedure_id", "facet", "value", "cases"
        )
    )
    stages = sorted(
        tuple(row.values())
        for row in StageCount.objects.values(*[f.attname for f in StageCount._meta.fields][1:])
    )
    return cases, stages


def test_the_triggers_exist_after_every_migration():
    """SQLite drops a table's triggers when a migration rebuilds it: a later migration on the
    cases tables that forgets to make them again fails here."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        present = {row[0] for row in cursor.fetchall()}
    assert set(TRIGGERS[connection.vendor]) <= present


def test_the_workers_periodic_job_brings_the_store_up_to_date(dataset):
    from redress.worker.jobs import PERIODIC_JOBS, run_due_jobs

    assert ChangedSlice.objects.exists()  # the dataset's cases were noted, not yet counted
    report_figures = [job for job in PERIODIC_JOBS if job[0] == "report figures"]
    results = dict(run_due_jobs({}, report_figures))
    assert results["report figures"].endswith("slices recounted")
    assert not ChangedSlice.objects.exists()
    days = CaseCount.objects.filter(grain="day", facet="channel")
    assert days.aggregate(n=Sum("cases"))["n"] == len(dataset.cases)


def test_a_figure_asked_for_again_is_read_once_and_each_caller_gets_its_own(
    dataset, officer, today
):
    from django.test.utils import CaptureQueriesContext

    year = financial_year(2026)
    expected = Figures(officer, year, today).not_accepted_reasons("complaint")
    figures = Figures(officer, year, today)
    with CaptureQueriesContext(connection) as first:
        reasons = figures.not_accepted_reasons("complaint")
    assert len(first) > 0 and reasons == expected != {}
    reasons.clear()  # a caller's change stays its own
    with CaptureQueriesContext(connection) as again:
        assert figures.not_accepted_reasons("complaint") == expected
    assert len(again) == 0
