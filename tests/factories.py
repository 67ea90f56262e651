"""Test data builders. Cases are made through the service layer, as the product makes them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from redress.accounts.models import Role, User
from redress.calendars.clock import LONDON
from redress.cases.models import Case, Category, Service
from redress.cases.services import case_log


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    service = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@council.example")
    role = Role.COMPLAINTS_OFFICER
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery-staple")

    @factory.post_generation
    def services(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.services.set(extracted)
        if create:
            self.save()


def make_case(
    *,
    kind: str = "complaint",
    service: Service | None = None,
    received_at: dt.datetime | None = None,
    procedure: str | None = None,
    by: User | None = None,
    **overrides: Any,
) -> Case:
    fields: dict[str, Any] = {
        "channel": "email",
        "summary": "Bin not collected for three weeks",
        "description": "The bin on Acacia Avenue has been missed three weeks running.",
        "outcome_sought": "Collect the bin and explain why it was missed.",
        "person": {"name": "Alex Example", "email": "alex@example.com"},
    }
    fields.update(overrides)
    return case_log(
        by=by,
        kind=kind,
        service=service or ServiceFactory(),
        received_at=received_at or dt.datetime(2025, 3, 3, 10, 0, tzinfo=LONDON),
        procedure=procedure,
        **fields,
    )
