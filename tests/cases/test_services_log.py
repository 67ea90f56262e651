"""Logging a case: what is read before the write transaction, and what it writes."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redress.calendars.clock import LONDON
from redress.calendars.models import ClosureDay
from redress.cases.models import Case, Person, ReferenceCounter, TimelineEvent
from redress.cases.services import case_log, case_log_prepare, case_log_write
from redress.cases.services.references import next_reference
from redress.core.errors import InvalidInput
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

RECEIVED = dt.datetime(2025, 3, 3, 10, 0, tzinfo=LONDON)  # a Monday


def _fields(**overrides):
    fields = {
        "by": None,
        "kind": "complaint",
        "received_at": RECEIVED,
        "channel": "web",
        "service": ServiceFactory(),
        "summary": "Bin not collected",
        "person": {"name": " Alex Example ", "email": "alex@example.com"},
    }
    return fields | overrides


def test_a_logged_case_is_open_at_its_first_stage_with_one_event():
    case = case_log(**_fields())
    stored = Case.objects.select_related("current_stage").get(pk=case.pk)
    assert stored.status == case.status == "open"
    assert stored.current_stage == case.current_stage and stored.current_stage.number == 1
    # Stage 1 of the Code: acknowledged within 5 working days, then answered within 10 of that.
    assert stored.current_stage.acknowledge_due == dt.date(2025, 3, 10)
    assert stored.current_stage.response_due == dt.date(2025, 3, 24)
    assert stored.next_due_on == case.next_due_on == dt.date(2025, 3, 10)
    assert stored.version == case.version == 2, "created at 1, changed once by being logged"
    assert [e.kind for e in TimelineEvent.objects.filter(case=case)] == ["logged"]
    assert stored.person.name == "Alex Example"


def test_preparing_reads_and_writes_nothing():
    fields = _fields()
    with CaptureQueriesContext(connection) as reads:
        prepared = case_log_prepare(**fields)
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in reads.captured_queries)
    assert not Case.objects.exists() and not Person.objects.exists()
    case = case_log_write(prepared)
    assert Case.objects.get() == case


def test_writing_a_prepared_case_takes_six_statements():
    prepared = case_log_prepare(**_fields())
    with CaptureQueriesContext(connection) as writes:
        case_log_write(prepared)
    # person, reference, case, stage, the case's stage and version, the event: no reads, no
    # savepoints (on SQLite each statement is made holding the database's write lock).
    statements = [q["sql"].split()[0].upper() for q in writes.captured_queries]
    assert statements == ["INSERT", "INSERT", "INSERT", "INSERT", "UPDATE", "INSERT"]


def test_contact_preference_and_needs_are_kept_when_given():
    person = {
        "name": "Sam",
        "address": "1 High Street",
        "contact_preference": "letter",
        "communication_needs": "Large print",
    }
    case = case_log(**_fields(person=person))
    stored = Person.objects.get(pk=case.person_id)
    assert (stored.contact_preference, stored.communication_needs) == ("letter", "Large print")


def test_unknown_contact_preference_is_refused_by_name():
    person = {"name": "Sam", "email": "sam@example.com", "contact_preference": "pigeon"}
    with pytest.raises(InvalidInput) as refused:
        case_log(**_fields(person=person))
    assert "person.contact_preference" in refused.value.field_errors
    assert not Person.objects.exists()


@pytest.mark.parametrize("returning", [True, False], ids=["returning", "update then read"])
def test_references_count_up_from_one_each_year(monkeypatch, returning):
    # Both ways of bumping the counter: databases without RETURNING take the second.
    if not returning and connection.vendor != "sqlite":
        pytest.skip("only SQLite before 3.35 lacks RETURNING; Django relies on it here")
    monkeypatch.setattr(connection.features, "can_return_columns_from_insert", returning)
    issued = [next_reference("complaint", 2031) for _ in range(3)]
    assert issued == ["CMP-2031-000001", "CMP-2031-000002", "CMP-2031-000003"]
    assert next_reference("complaint", 2032) == "CMP-2032-000001"
    assert ReferenceCounter.objects.get(key="CMP-2031").value == 3


def test_a_closure_day_added_later_moves_the_next_cases_dates():
    # Calendars are kept between calls; one built before the closure day must not be reused.
    before = case_log(**_fields())
    ClosureDay.objects.create(calendar="england-and-wales", date=dt.date(2025, 3, 5), name="Move")
    after = case_log(**_fields())
    assert before.current_stage.acknowledge_due == dt.date(2025, 3, 10)
    assert after.current_stage.acknowledge_due == dt.date(2025, 3, 11)
