"""Erasure: ``person_anonymise`` removes a person's name, contact details and the free text
of their cases, and ``cases_anonymise`` does the same for cases alone (a retention run whose
person still has cases to keep). Each is one transaction, logged in ``ErasureLog`` with who
and why; the counts reports make (kinds, dates, stages, outcomes, services, categories) are
untouched. See docs/data-protection.md."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from redress.cases.kinds import ContactPreference
from redress.cases.models import Case, Person, ReasonableAdjustment
from redress.cases.permissions import can_manage_personal_data
from redress.cases.selectors import cases_visible_to
from redress.cases.services.timeline import record_event
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.notifications.models import CONFIDENTIAL_TEMPLATE_PREFIX, OutboundMessage
from redress.privacy.case_text import (
    ANONYMISED_NAME,
    REMOVED_TEXT,
    Removed,
    clear_case,
    clear_messages,
    representative_terms,
)
from redress.privacy.models import AnonymisedCase, ErasureLog, ErasureSource, LegalHold
from redress.privacy.scrub import pattern_of, scrub_text, terms_of

MAX_REASON = 2000


def person_terms(person: Person) -> tuple[list[str], list[str]]:
    """(names and addresses, email and phone) of the person."""
    return [person.name, person.address], [person.email, person.phone]


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput.for_field("reason", "Enter why the personal data is being erased.")
    if len(reason) > MAX_REASON:
        raise InvalidInput.for_field("reason", f"Reason must be {MAX_REASON} characters or fewer.")
    return reason


def held_cases(cases: QuerySet[Case]) -> list[str]:
    """References of ``cases`` under a legal hold now."""
    held = LegalHold.objects.filter(case__in=cases, lifted_at=None)
    return sorted(held.values_list("case__reference", flat=True))


def _require_allowed(person: Person, by: Any) -> None:
    if by is None:
        return  # the system itself: a retention run
    if not can_manage_personal_data(by):
        raise NotPermitted("Only administrators can erase a person's data.")
    visible = cases_visible_to(by)
    if not visible.filter(person=person).exists():
        raise NotPermitted("You cannot erase this person.")
    # Each of the person's cases probed (NOT EXISTS): ``NOT IN (every visible case)`` had
    # SQLite list every case the administrator may see.
    hidden = Case.objects.filter(person=person).exclude(Exists(visible.filter(pk=OuterRef("pk"))))
    if hidden.exists():
        raise NotPermitted(
            "This person has cases you do not have access to: someone with access to every "
            "one of their cases must erase them."
        )


def _pattern(person: Person, cases: Sequence[Case]) -> re.Pattern[str] | None:
    worded, whole = person_terms(person)
    for case in cases:
        rep = representative_terms(case)
        worded += [rep[0], rep[3]]
        whole += [rep[1], rep[2]]
    return pattern_of(terms_of(worded, whole))


def _anonymise_cases(
    cases: Sequence[Case], pattern: re.Pattern[str] | None, log: ErasureLog, by: Any
) -> Removed:
    removed = Removed()
    sentence = (
        "Personal details removed: erasure on request"
        if log.source == ErasureSource.REQUEST
        else "Personal details removed under the retention rules"
    )
    for case in cases:
        clear_case(case, pattern, removed)
        record_event(case=case, actor=by, kind="anonymised", summary=sentence, erasure=log.pk)
        AnonymisedCase.objects.update_or_create(case=case, defaults={"log": log})
    return removed


def _finish_log(log: ErasureLog, removed: Removed) -> ErasureLog:
    log.cases, log.attachments, log.messages = removed.cases, removed.attachments, removed.messages
    log.save(update_fields=["cases", "attachments", "messages"])
    return log


def person_anonymise(
    person: Person, *, by: Any, reason: str, source: str = ErasureSource.REQUEST
) -> ErasureLog:
    """Erase ``person``: their details, every case's free text, representatives, attachments,
    outbox text and the details in timeline sentences. Refused, with nothing changed, without
    a reason, for anyone but an administrator who can see every one of the person's cases,
    or while any of their cases is under a legal hold."""
    reason = _clean_reason(reason)
    _require_allowed(person, by)
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        cases = list(Case.objects.select_for_update().filter(person=person).order_by("pk"))
        held = held_cases(Case.objects.filter(person=person))
        if held:
            raise TransitionNotAllowed(
                f"{', '.join(held)} {'is' if len(held) == 1 else 'are'} under a legal hold: "
                "lift the hold before erasing this person."
            )
        pattern = _pattern(person, cases)
        log = ErasureLog.objects.create(
            by=by, source=source, reason=scrub_text(reason, pattern), person_id=person.pk
        )
        removed = _anonymise_cases(cases, pattern, log, by)
        _anonymise_person(person, pattern, removed)
        return _finish_log(log, removed)


def _anonymise_person(person: Person, pattern: re.Pattern[str] | None, removed: Removed) -> None:
    # Messages not tied to a case (a portal confirmation, say) found by the address; the
    # register's confidential notices are the register's records, under its own rules.
    if person.email:
        loose = OutboundMessage.objects.filter(case=None, recipient_email__iexact=person.email)
        loose = loose.exclude(template_key__startswith=CONFIDENTIAL_TEMPLATE_PREFIX)
        removed.messages += clear_messages(loose)
    ReasonableAdjustment.objects.filter(person=person).update(description=REMOVED_TEXT)
    # One UPDATE of name and email: the search index's trigger rewrites every case's entry.
    Person.objects.filter(pk=person.pk).update(
        name=ANONYMISED_NAME,
        email="",
        phone="",
        address="",
        communication_needs="",
        contact_preference=ContactPreference.EMAIL,
    )


def cases_anonymise(cases: Sequence[Case], *, reason: str) -> ErasureLog:
    """Anonymise these cases of one person, keeping the person (who has other cases still
    kept): the retention run's step for cases alone. The system's own act (no user)."""
    reason = _clean_reason(reason)
    with transaction.atomic():
        ids = [case.pk for case in cases]
        locked = list(Case.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        if held_cases(Case.objects.filter(pk__in=ids)):
            raise TransitionNotAllowed("A case is under a legal hold.")
        person_ids = {case.person_id for case in locked}
        people = list(Person.objects.filter(pk__in=person_ids))
        worded: list[str] = []
        whole: list[str] = []
        for person in people:
            names, contacts = person_terms(person)
            worded += names
            whole += contacts
        for case in locked:
            rep = representative_terms(case)
            worded += [rep[0], rep[3]]
            whole += [rep[1], rep[2]]
        pattern = pattern_of(terms_of(worded, whole))
        log = ErasureLog.objects.create(by=None, source=ErasureSource.RETENTION, reason=reason)
        return _finish_log(log, _anonymise_cases(locked, pattern, log, None))
