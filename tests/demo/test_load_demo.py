import datetime as dt
import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from redress.accounts.models import User
from redress.calendars.clock import LONDON
from redress.cases.kinds import Kind, Status
from redress.cases.models import (
    Case,
    CaseStage,
    Person,
    ReferenceCounter,
    Service,
    TimelineEvent,
)
from redress.demo.loader import DemoCouncil, load_demo
from redress.demo.models import DemoLoad
from redress.demo.organisation import DEMO_PASSWORD, STAFF
from redress.learning.models import LearningAction, LearningStatus
from redress.register.models import GovernanceMember, RegisterEntry
from tests.factories import make_case

pytestmark = pytest.mark.django_db

# A fixed "now" in the past so the data cannot depend on when the test runs.
NOW = dt.datetime(2026, 6, 15, 17, 0, tzinfo=LONDON)
CASES = 40


def snapshot() -> list[tuple]:
    return [
        (
            c.reference,
            c.kind,
            c.status,
            c.outcome,
            c.summary,
            c.person.name,
            c.next_due_on,
            c.closed_on,
            tuple(
                (
                    s.key,
                    s.opened_on,
                    s.acknowledged_on,
                    s.response_due,
                    s.extended_to,
                    s.responded_on,
                )
                for s in c.stages.order_by("number")
            ),
            c.events.count(),
        )
        for c in Case.objects.select_related("person").order_by("reference")
    ]


def counts() -> dict[str, int]:
    return {
        "cases": Case.objects.count(),
        "stages": CaseStage.objects.count(),
        "events": TimelineEvent.objects.count(),
        "people": Person.objects.count(),
        "users": User.objects.count(),
    }


def test_second_load_adds_nothing():
    first = load_demo(cases=CASES, now=NOW)
    before = counts()
    second = load_demo(cases=CASES, now=NOW)
    assert first.loaded and not second.loaded
    assert before["cases"] == CASES
    assert counts() == before


def test_same_seed_gives_the_same_cases():
    load_demo(cases=CASES, now=NOW)
    first = snapshot()
    Case.objects.all().delete()
    Person.objects.all().delete()
    ReferenceCounter.objects.all().delete()
    DemoLoad.objects.all().delete()
    load_demo(cases=CASES, now=NOW)
    assert snapshot() == first


def test_covers_every_kind_and_several_statuses():
    load_demo(cases=120, now=NOW)
    assert set(Case.objects.values_list("kind", flat=True)) == set(Kind.values)
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {Status.OPEN, Status.CLOSED} <= statuses
    assert CaseStage.objects.filter(number=2).exists(), "some complaints reach stage 2"
    overdue = Case.objects.filter(status=Status.OPEN, next_due_on__lt=NOW.date())
    assert overdue.exists()


def test_service_areas_have_directorates_and_cases_have_learning():
    load_demo(cases=120, now=NOW)
    assert not Service.objects.filter(directorate=None).exists()
    statuses = set(LearningAction.objects.values_list("status", flat=True))
    assert {LearningStatus.DONE, LearningStatus.PROPOSED} <= statuses
    done = LearningAction.objects.filter(status=LearningStatus.DONE).first()
    assert done is not None and done.completed_on <= NOW.date()
    assert done.case.events.filter(kind="learning_status").exists()


def test_staff_can_sign_in_with_the_demo_password():
    load_demo(cases=5, now=NOW)
    for member in STAFF:
        user = User.objects.get(username=member.username)
        assert user.check_password(DEMO_PASSWORD)
        assert user.role == member.role
    assert User.objects.get(username="admin").is_superuser
    # The register's governance group has one member, and the administrator is not in it.
    members = GovernanceMember.objects.values_list("user__username", flat=True)
    assert list(members) == ["governance"]
    # And an example on the register, about one of the demo's people, told by email.
    entry = RegisterEntry.objects.get()
    assert entry.people.get().email == entry.email
    assert entry.notices.count() == 1


def test_services_produce_the_rows_the_plan_predicts():
    """The bench generator writes planned rows directly; this keeps it honest."""
    council = DemoCouncil(random.Random(7), seed=7, now=NOW)
    for case, plan in council.load(40):
        case.refresh_from_db()
        assert case.status == plan.status
        assert case.outcome == plan.outcome
        assert case.next_due_on == plan.next_due_on
        assert case.closed_on == plan.closed_on
        stages = list(case.stages.order_by("number"))
        assert len(stages) == len(plan.stages)
        for stage, planned in zip(stages, plan.stages, strict=True):
            assert (
                stage.opened_on,
                stage.acknowledge_due,
                stage.acknowledged_on,
                stage.response_due,
                stage.extended_to,
                stage.responded_on,
                stage.outcome,
                stage.handler,
            ) == (
                planned.opened_on,
                planned.acknowledge_due,
                planned.acknowledged_on,
                planned.response_due,
                planned.extended_to,
                planned.responded_on,
                planned.outcome,
                planned.handler,
            )


def test_timeline_carries_the_dates_things_happened():
    load_demo(cases=30, now=NOW)
    for case in Case.objects.all():
        logged = case.events.get(kind="logged")
        assert logged.at == case.received_at
        assert case.events.order_by("-at").first().at <= NOW


def test_refuses_a_database_with_real_cases():
    make_case()
    with pytest.raises(CommandError, match="not demo data"):
        call_command("load_demo", "--cases", "3")


def test_rejects_a_silly_number_of_cases():
    with pytest.raises(CommandError, match="--cases"):
        call_command("load_demo", "--cases", "0")


def test_demo_credentials_prints_where_and_who(monkeypatch):
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("PORT", "8123")
    out = StringIO()
    call_command("demo_credentials", stdout=out)
    text = out.getvalue()
    assert "http://0.0.0.0:8123/casework/" in text
    assert DEMO_PASSWORD in text
    for username in (
        "officer",
        "responder",
        "investigator",
        "manager",
        "admin",
        "governance",
        "member",
    ):
        assert f"  {username} " in text
    assert "governance group" in text
    assert "Morwenna Pryce, Elected Member" in text
