"""Rows are stamped from the product's clock, so a pinned clock stamps them too."""

import datetime as dt

import pytest

from redress.cases.models import Person
from redress.core import clock
from redress.core.stamps import StampedAt

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2024, 5, 6, 9, 30, tzinfo=dt.UTC)


def test_a_new_row_is_stamped_with_the_pinned_time():
    with clock.pinned(MOMENT):
        person = Person.objects.create(name="Siân Evans")
    person.refresh_from_db()
    assert person.created_at == MOMENT


def test_a_creation_stamp_does_not_move_when_the_row_is_saved_again():
    with clock.pinned(MOMENT):
        person = Person.objects.create(name="Siân Evans")
    person.name = "Someone else"
    person.save()
    person.refresh_from_db()
    assert person.created_at == MOMENT


def test_migrations_see_a_plain_datetime_field():
    name, path, _args, kwargs = StampedAt(auto_now_add=True).deconstruct()
    assert path == "django.db.models.DateTimeField" and kwargs == {"auto_now_add": True}
