"""``imports.inserting``: rows written with executemany read back as the models wrote them,
ids reserved are new and unique, and a row that does not fit is refused by name."""

import datetime as dt

import pytest
from django.db import connection, transaction

from redress.calendars.clock import LONDON
from redress.cases.models import Case, Person, TimelineEvent
from redress.core import clock
from redress.imports.inserting import insert_rows, journals_in_memory, reserve_ids
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_values_and_defaults_read_back_as_saving_the_model_gives_them(housing):
    case = make_case(service=housing)
    [person_id] = reserve_ids(Person, 1)
    insert_rows(Person, [{"id": person_id, "name": "Pat", "address": "1 High St, SE15 4QT"}])
    at = dt.datetime(2021, 4, 6, 12, 30, tzinfo=LONDON)
    [event_id] = reserve_ids(TimelineEvent, 1)
    data = {"row": 2, "after": {"closed_on": "2021-04-21", "stage": None}}
    insert_rows(
        TimelineEvent,
        [
            {
                "id": event_id,
                "case_id": case.pk,
                "at": at,
                "kind": "imported",
                "summary": "S",
                "data": data,
            }
        ],
    )
    person = Person.objects.get(pk=person_id)
    # Defaults: the field's own, and "now" for a row stamped on creation.
    assert person.email == "" and person.contact_preference == Person().contact_preference
    assert abs(person.created_at - clock.now()) < dt.timedelta(minutes=1)
    event = TimelineEvent.objects.get(pk=event_id)
    assert event.at == at and event.data == data and event.actor_id is None


def test_a_date_reads_back_as_the_same_date(housing):
    case = make_case(service=housing)
    Case.objects.filter(pk=case.pk).delete()
    [case_id] = reserve_ids(Case, 1)
    fields = {
        f.attname: getattr(case, f.attname)
        for f in Case._meta.concrete_fields
        if f.attname not in {"id", "current_stage_id", "created_at", "updated_at"}
    }
    received = dt.datetime(2021, 7, 1, 12, 30, tzinfo=LONDON)  # summer time: UTC+1
    fields |= {"received_at": received, "received_on": dt.date(2021, 7, 1)}
    fields |= {"closed_on": dt.date(2021, 4, 1), "reference": "CMP-2021-999999"}
    insert_rows(Case, [{"id": case_id, **fields}])
    saved = Case.objects.get(pk=case_id)
    assert saved.received_at == received
    assert (saved.received_on, saved.closed_on) == (dt.date(2021, 7, 1), dt.date(2021, 4, 1))


def test_reserved_ids_follow_every_id_used_even_deleted_ones(housing):
    people = [Person.objects.create(name=f"P{n}") for n in range(3)]
    highest = people[-1].pk
    people[-1].delete()
    with transaction.atomic():
        ids = reserve_ids(Person, 4)
        assert len(set(ids)) == 4 and min(ids) > highest  # the deleted one's id is not reused
        insert_rows(Person, [{"id": pk, "name": "New"} for pk in ids])
        later = reserve_ids(Person, 2)
    assert min(later) > max(ids)
    # The database's own ids carry on after those inserted.
    assert Person.objects.create(name="Logged").pk > max(ids)


def test_a_row_without_an_id_gets_one_from_the_database(housing):
    insert_rows(Person, [{"name": "A"}, {"name": "B"}])
    assert sorted(Person.objects.values_list("name", flat=True)) == ["A", "B"]


def test_a_row_that_does_not_fit_is_refused_by_name(housing):
    with pytest.raises(ValueError, match="Person has no field 'nickname'"):
        insert_rows(Person, [{"name": "A", "nickname": "Al"}])
    with pytest.raises(ValueError, match="Person row 2 has no 'email', which row 1 has"):
        insert_rows(Person, [{"name": "A", "email": "a@example.com"}, {"name": "B"}])
    with pytest.raises(ValueError, match="Person row 2 has 'phone', which row 1 has not"):
        insert_rows(Person, [{"name": "A"}, {"name": "B", "phone": "1"}])
    assert not Person.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock")
def test_sqlite_reserves_ids_only_inside_a_transaction():
    with pytest.raises(RuntimeError, match="inside an IMMEDIATE transaction"):
        reserve_ids(Person, 1)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="a setting of SQLite's")
def test_journals_are_kept_in_memory_while_it_lasts_and_the_setting_put_back():
    def temp_store() -> int:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA temp_store")
            return int(cursor.fetchone()[0])

    before = temp_store()
    with journals_in_memory():
        assert temp_store() == 2  # MEMORY
    assert temp_store() == before
