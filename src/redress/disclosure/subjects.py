"""Finding the person a subject access request is about, through the one visibility rule.

A person may have several person records (each case logged from the public form makes one),
so the subject is the record asked for together with every other record with the same email
address, case-insensitively, that the officer may see.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Lower

from redress.cases.models import Case, Person
from redress.cases.search import EMAIL_PATTERN, apply_text_search, search_words
from redress.cases.selectors import cases_visible_to
from redress.cases.visibility import people_visible_to

MAX_RESULTS = 50


def person_for(user: Any, pk: int) -> Person | None:
    """The person if the user may see them (through one of their cases), else None."""
    if not 0 < pk < 2**63:
        return None
    return people_visible_to(user).filter(pk=pk).first()


def subject_records(user: Any, person: Person) -> list[Person]:
    """The person's records the user may see: this one and those sharing its email."""
    if not person.email.strip():
        return [person]
    email = person.email.strip().lower()
    people = people_visible_to(user).alias(email_lower=Lower("email"))
    found: list[Person] = list(people.filter(email_lower=email).order_by("pk"))
    return found if any(p.pk == person.pk for p in found) else [person, *found]


def subject_cases(user: Any, people: list[Person]) -> QuerySet[Case]:
    return (
        cases_visible_to(user)
        .filter(person_id__in=[p.pk for p in people])
        .select_related("service", "category", "person", "current_stage")
        .order_by("received_at", "id")
    )


def find_people(user: Any, text: str) -> list[Person]:
    """People the user may see whose name or email matches ``text``, with their count of
    visible cases. An email address is looked up whole in its index; a name through the
    search index of cases (which holds the person's name), then narrowed to the name."""
    text = (text or "").strip()
    if not text:
        return []
    people: QuerySet[Person]
    if EMAIL_PATTERN.match(text):
        by_email = people_visible_to(user).alias(email_lower=Lower("email"))
        people = by_email.filter(email_lower=text.lower())
    else:
        words = search_words(text)
        if not words:
            return []
        matching = apply_text_search(cases_visible_to(user), text).values("person_id")
        people = Person.objects.filter(pk__in=matching)
        for word in words:
            people = people.filter(name__icontains=word)
    visible_count = (
        cases_visible_to(user)
        .filter(person_id=OuterRef("pk"))
        .order_by()
        .values("person_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    people = people.annotate(case_count=Subquery(visible_count)).order_by("name", "pk")
    return list(people[:MAX_RESULTS])
