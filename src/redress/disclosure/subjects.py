"""Finding the person a subject access request is about, through the one visibility rule.

A person may have several person records (each case logged from the public form makes one),
so the subject is the record asked for together with every other record with the same email
address, case-insensitively, that the officer may see. Their cases are those of these records
and those on which they acted for someone else: the case's representative has one of their
email addresses, or their name together with one of their phone numbers or addresses.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Lower, Replace, Trim

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
    """The cases the user may see that are about ``people`` or on which they acted as the
    representative (``acted_as_representative`` tells which)."""
    own = Q(person_id__in=[p.pk for p in people])
    acted = acted_for_others(people)
    return (
        cases_visible_to(user)
        .alias(**_REPRESENTATIVE_KEYS)
        .filter(own | acted)
        .select_related("service", "category", "person", "current_stage")
        .order_by("received_at", "id")
    )


def _spaceless(field: str) -> Replace:
    return Replace(Lower(Trim(field)), Value(" "), Value(""))


# The representative's details as they are compared: trimmed, any case, phones without spaces.
_REPRESENTATIVE_KEYS = {
    "rep_email": Lower(Trim("representative_email")),
    "rep_name": Lower(Trim("representative_name")),
    "rep_phone": _spaceless("representative_phone"),
    "rep_address": Lower(Trim("representative_address")),
}


def acted_for_others(people: list[Person]) -> Q:
    """Cases (aliased with ``_REPRESENTATIVE_KEYS``) whose representative is one of
    ``people``: the same email address, or the same name with the same phone number or
    address. A name alone is not enough: two people can share one. Each way of matching says
    the case has a representative, so each is a lookup of an index of
    disclosure/migrations/0002 (on the cases that have one) rather than a read of every case."""
    represented = ~Q(representative_name="")
    found = Q(pk__in=[])
    emails = {p.email.strip().lower() for p in people if p.email.strip()}
    if emails:
        found |= represented & Q(rep_email__in=sorted(emails))
    for person in people:
        name = person.name.strip().lower()
        phone = person.phone.strip().lower().replace(" ", "")
        address = person.address.strip().lower()
        if name and phone:
            found |= represented & Q(rep_name=name, rep_phone=phone)
        if name and address:
            found |= represented & Q(rep_name=name, rep_address=address)
    return found


def acted_as_representative(case: Case, people: list[Person]) -> bool:
    """Whether ``case`` (from ``subject_cases``) is there because ``people`` acted for its
    person, rather than being about them."""
    return case.person_id not in {p.pk for p in people}


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
