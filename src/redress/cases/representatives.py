"""Who letters and emails about a case go to: the one rule every sender asks.

A representative is written to only with the person's consent on record; without it, or when
the case says so, correspondence goes to the person. Each correspondent is written to by email
when they have an address and have not asked for letters, otherwise by post."""

from __future__ import annotations

from dataclasses import dataclass

from redress.cases.kinds import ContactPreference, CorrespondenceTo
from redress.cases.models import Case


@dataclass(frozen=True)
class Correspondent:
    role: str  # "person" or "representative"
    name: str
    email: str
    address: str

    @property
    def by_email(self) -> bool:
        return bool(self.email)


def has_representative(case: Case) -> bool:
    return bool(case.representative_name)


def writes_to_representative(case: Case) -> bool:
    return (
        has_representative(case)
        and case.representative_consent_on is not None
        and case.correspondence_to != CorrespondenceTo.PERSON
    )


def _the_person(case: Case) -> Correspondent:
    person = case.person
    prefers_post = person.contact_preference == ContactPreference.LETTER and person.address
    return Correspondent(
        role="person",
        name=person.name,
        email="" if prefers_post else person.email,
        address=person.address,
    )


def _the_representative(case: Case) -> Correspondent:
    return Correspondent(
        role="representative",
        name=case.representative_name,
        email=case.representative_email,
        address=case.representative_address,
    )


def correspondents_of(case: Case) -> list[Correspondent]:
    """Everyone a message about ``case`` goes to, in the order to write to them."""
    if not writes_to_representative(case):
        return [_the_person(case)]
    if case.correspondence_to == CorrespondenceTo.REPRESENTATIVE:
        return [_the_representative(case)]
    return [_the_person(case), _the_representative(case)]
