"""Who letters and emails about a case go to: the one rule every sender asks, and the rules
for recording someone who acts for the person.

A representative is written to only with the person's consent on record and a way to reach
them (an email or a postal address); without these, or when the case says so, correspondence
goes to the person. Each correspondent is written to by email when they have an address and
have not asked for letters, otherwise by post."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from redress.cases.kinds import ContactPreference, CorrespondenceTo
from redress.cases.models import Case
from redress.core import clock
from redress.core.dates import earliest_receipt_date, long_date

# The prefix of every field the rules name: the API's request paths (``representative.email``),
# which the staff forms map to their own field names.
PREFIX = "representative."


@dataclass(frozen=True)
class Correspondent:
    role: str  # "person" or "representative"
    name: str
    email: str
    address: str

    @property
    def by_email(self) -> bool:
        return bool(self.email)


@dataclass(frozen=True)
class Representative:
    """Someone who acts for the person, as logging a case and changing it later take them."""

    name: str
    relationship: str = ""
    consent_on: dt.date | None = None
    email: str = ""
    phone: str = ""
    address: str = ""
    correspondence_to: str = CorrespondenceTo.PERSON

    @classmethod
    def of(cls, case: Case) -> Representative | None:
        if not has_representative(case):
            return None
        return cls(
            name=case.representative_name,
            relationship=case.representative_relationship,
            consent_on=case.representative_consent_on,
            email=case.representative_email,
            phone=case.representative_phone,
            address=case.representative_address,
            correspondence_to=case.correspondence_to,
        )

    def tidied(self) -> Representative:
        """The same with text trimmed, as it is stored."""
        return replace(
            self,
            name=_trimmed(self.name),
            relationship=_trimmed(self.relationship),
            email=_trimmed(self.email),
            phone=_trimmed(self.phone),
            address=_trimmed(self.address),
        )


def _trimmed(value: Any) -> Any:
    # A caller in code may pass None or a number where text belongs: the rules then say so.
    return value.strip() if isinstance(value, str) else ("" if value is None else value)


def case_fields(representative: Representative | None) -> dict[str, Any]:
    """The case's columns for ``representative``; None empties them (nobody acts for them)."""
    rep = representative.tidied() if representative else None
    return {
        "representative_name": rep.name if rep else "",
        "representative_relationship": rep.relationship if rep else "",
        "representative_consent_on": rep.consent_on if rep else None,
        "representative_email": rep.email if rep else "",
        "representative_phone": rep.phone if rep else "",
        "representative_address": rep.address if rep else "",
        "correspondence_to": rep.correspondence_to if rep else CorrespondenceTo.PERSON,
    }


def timeline_data(representative: Representative | None) -> dict[str, Any] | None:
    """What the timeline keeps of a representative: every field, or None for nobody."""
    return asdict(representative.tidied()) if representative else None


def _too_long(value: Any, limit: int) -> bool:
    return not isinstance(value, str) or len(value) > limit


def _email_refusal(value: Any) -> str | None:
    if not value:
        return None
    if _too_long(value, 254):
        return "The representative's email address must be 254 characters or fewer."
    try:
        validate_email(value)
    except ValidationError:
        return (
            "Enter the representative's email address in the correct format, like name@example.com."
        )
    return None


def representative_errors(
    representative: Representative | None, *, today: dt.date | None = None
) -> dict[str, list[str]]:
    """Each field of ``representative`` that breaks a rule, with the rule in plain words;
    empty when all is well (and for None: nobody acts for the person)."""
    if representative is None:
        return {}
    rep = representative.tidied()
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(PREFIX + field, []).append(message)

    if not rep.name:
        add("name", "Enter the name of the person acting on their behalf.")
    elif _too_long(rep.name, 200):
        add("name", "The representative's name must be 200 characters or fewer.")
    if _too_long(rep.relationship, 120):
        add("relationship", "Their relationship to the person must be 120 characters or fewer.")
    if refusal := consent_refusal(rep.consent_on, today or clock.today()):
        add("consent_on", refusal)
    if refusal := _email_refusal(rep.email):
        add("email", refusal)
    if _too_long(rep.phone, 40):
        add("phone", "The representative's phone number must be 40 characters or fewer.")
    if _too_long(rep.address, 1000):
        add("address", "The representative's address must be 1,000 characters or fewer.")
    if rep.correspondence_to not in CorrespondenceTo.values:
        add(
            "correspondence_to",
            "Choose who letters and emails go to: the person, the representative, or both.",
        )
    elif rep.correspondence_to != CorrespondenceTo.PERSON and not (rep.email or rep.address):
        add(
            "email",
            "Enter the representative's email address or postal address: letters and emails "
            "are to go to them.",
        )
    return errors


def consent_refusal(consent_on: Any, today: dt.date) -> str | None:
    """None if the person can have consented on ``consent_on``; otherwise why not."""
    if consent_on is None:
        return "Enter the date the person consented to being represented."
    if not isinstance(consent_on, dt.date) or isinstance(consent_on, dt.datetime):
        return "Enter the date the person consented as a real date, like 27 3 2026."
    if consent_on > today:
        return "The date the person consented cannot be in the future."
    earliest = earliest_receipt_date()
    if consent_on < earliest:
        return f"The date the person consented cannot be before {long_date(earliest)}."
    return None


def describe(representative: Representative | None) -> str:
    """A sentence for the timeline: who acts for the person and who is written to."""
    if representative is None:
        return "Nobody acts for the person; letters and emails go to them."
    rep = representative.tidied()
    who = rep.name + (f" ({rep.relationship})" if rep.relationship else "")
    consent = f", with consent given on {long_date(rep.consent_on)}" if rep.consent_on else ""
    goes_to = CorrespondenceTo(rep.correspondence_to).label.lower()
    return f"Represented by {who}{consent}; letters and emails go to {goes_to}."


def has_representative(case: Case) -> bool:
    return bool(case.representative_name)


def writes_to_representative(case: Case) -> bool:
    return (
        has_representative(case)
        and case.representative_consent_on is not None
        and case.correspondence_to != CorrespondenceTo.PERSON
        # Recorded before the rule asked for one, a representative with no way to reach
        # them would get nothing: the person is written to instead.
        and bool(case.representative_email or case.representative_address)
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
    representative = _the_representative(case)
    if case.correspondence_to == CorrespondenceTo.REPRESENTATIVE:
        return [representative]
    person = _the_person(case)
    # The person may be reachable only through the representative (no email or address).
    return [person, representative] if person.email or person.address else [representative]


def reachable_through(representative: Representative | None) -> bool:
    """Whether letters and emails can reach the case through ``representative`` alone, so the
    person need not give contact details of their own."""
    return (
        representative is not None
        and representative.correspondence_to != CorrespondenceTo.PERSON
        and bool(_trimmed(representative.email) or _trimmed(representative.address))
    )
