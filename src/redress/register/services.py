"""Changing the register: entries, their person records and reviews, and the group itself.

Each function is keyword-only and one transaction; it checks the caller is in the governance
group (``by=None`` is the system), then the input, naming each field and the rule broken,
and only then writes, recording the change in the register's own history. Nothing is written
to any case's timeline: the timeline is read by everyone who can see the case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from redress.accounts.governance import forget_membership
from redress.accounts.models import User
from redress.cases.models import Person
from redress.cases.visibility import people_visible_to
from redress.core import clock
from redress.core.dates import long_date
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.register import history
from redress.register.addresses import address_key
from redress.register.models import (
    EntryStatus,
    GovernanceMember,
    RegisterEntry,
    Restriction,
    RestrictionKind,
    Review,
    ReviewOutcome,
)
from redress.register.rules import (
    LINE_MAX,
    Problems,
    check_period,
    default_review_on,
    recorded_on,
    require_member,
)

# The restrictions that mean nothing without saying which channel, times, matter or what.
DETAIL_NEEDED: dict[str, str] = {
    RestrictionKind.ONE_CHANNEL: "which channel the person may use",
    RestrictionKind.CALL_TIMES: "the times the person may call",
    RestrictionKind.NO_NEW_COMPLAINTS: "which matter no new complaints are taken on",
    RestrictionKind.OTHER: "what the restriction is",
}
DETAIL_MAX = 500


@dataclass(frozen=True)
class NewEntry:
    """What an entry is made from, as every front end collects it."""

    name: str
    behaviour: str
    reasons: str
    decided_by: str
    restrictions: Sequence[tuple[str, str]]
    contact: User | None
    starts_on: dt.date | None
    review_on: dt.date | None = None
    email: str = ""
    address: str = ""
    visit_advice: str = ""
    people: Sequence[Person] = ()


def staff_contact(username: str) -> User | None:
    """An active member of staff with a role, by username: who may be a named contact."""
    return User.objects.filter(username=username, is_active=True).exclude(role="").first()


def _check_restrictions(problems: Problems, restrictions: Sequence[tuple[str, str]]) -> None:
    if not restrictions:
        problems.add("restrictions", "Choose at least one restriction.")
    for index, (kind, detail) in enumerate(restrictions):
        if kind not in RestrictionKind.values:
            choices = ", ".join(RestrictionKind.values)
            problems.add(f"restrictions.{index}.kind", f"The restriction must be one of {choices}.")
            continue
        label = RestrictionKind(kind).label
        if kind in DETAIL_NEEDED and not detail.strip():
            problems.add(f"restrictions.{index}.detail", f"{label}: say {DETAIL_NEEDED[kind]}.")
        elif len(detail) > DETAIL_MAX:
            problems.add(
                f"restrictions.{index}.detail",
                f"{label}: the detail must be {DETAIL_MAX} characters or fewer.",
            )


def _check_person(problems: Problems, by: Any, new: NewEntry) -> None:
    if new.email.strip():
        try:
            validate_email(new.email.strip())
        except ValidationError:
            problems.add("email", "Enter an email address like name@example.com.")
    if len(new.address) > DETAIL_MAX * 2:
        problems.add("address", f"The address must be {DETAIL_MAX * 2} characters or fewer.")
    if not (new.email.strip() or new.address.strip() or new.people):
        problems.add(
            "email",
            "Give the person's email address or postal address, or choose one of their "
            "records, so that staff dealing with them are warned.",
        )
    if by is not None and new.people:
        visible = set(
            people_visible_to(by)
            .filter(pk__in=[p.pk for p in new.people])
            .values_list("pk", flat=True)
        )
        if len(visible) < len({p.pk for p in new.people}):
            problems.add("people", "Choose only person records of cases you can see.")


def _clean(by: Any, new: NewEntry) -> NewEntry:
    problems = Problems()
    name = problems.text("name", new.name, "the person's name", limit=LINE_MAX)
    behaviour = problems.text("behaviour", new.behaviour, "the behaviour found")
    reasons = problems.text("reasons", new.reasons, "why the restrictions are needed")
    decided_by = problems.text("decided_by", new.decided_by, "who decided", limit=LINE_MAX)
    _check_person(problems, by, new)
    _check_restrictions(problems, new.restrictions)
    if new.contact is None or not new.contact.is_active or not new.contact.role:
        problems.add("contact", "Choose the named contact: an active member of staff.")
    if len(new.visit_advice) > DETAIL_MAX:
        problems.add("visit_advice", f"The advice must be {DETAIL_MAX} characters or fewer.")
    review_on = new.review_on
    if review_on is None and new.starts_on is not None:
        review_on = default_review_on(new.starts_on)
    check_period(problems, new.starts_on, review_on)
    problems.raise_if_any()
    return NewEntry(
        name=name,
        behaviour=behaviour,
        reasons=reasons,
        decided_by=decided_by,
        restrictions=[(k, d.strip()) for k, d in new.restrictions],
        contact=new.contact,
        starts_on=new.starts_on,
        review_on=review_on,
        email=new.email.strip().lower(),
        address=new.address.strip(),
        visit_advice=new.visit_advice.strip(),
        people=new.people,
    )


@transaction.atomic
def entry_create(*, by: Any, new: NewEntry) -> RegisterEntry:
    require_member(by)
    new = _clean(by, new)
    assert new.starts_on is not None and new.review_on is not None and new.contact is not None
    entry = RegisterEntry.objects.create(
        name=new.name,
        email=new.email,
        address=new.address,
        address_key=address_key(new.address),
        behaviour=new.behaviour,
        reasons=new.reasons,
        decided_by=new.decided_by,
        contact=new.contact,
        visit_advice=new.visit_advice,
        starts_on=new.starts_on,
        review_on=new.review_on,
        recorded_by=by,
        created_at=clock.now(),
    )
    Restriction.objects.bulk_create(
        [Restriction(entry=entry, kind=kind, detail=detail) for kind, detail in new.restrictions]
    )
    entry.people.set(new.people)
    history.record(
        entry=entry,
        actor=by,
        kind="created",
        summary=f"Added to the register: restrictions from {long_date(new.starts_on)}, "
        f"review by {long_date(new.review_on)}",
        restrictions=[kind for kind, _ in new.restrictions],
        contact=new.contact.username,
    )
    return entry


def locked_entry(entry: RegisterEntry) -> RegisterEntry:
    return RegisterEntry.objects.select_for_update().get(pk=entry.pk)


@transaction.atomic
def entry_link_people(*, entry: RegisterEntry, by: Any, people: Iterable[Person]) -> int:
    """Link more of the person's records (chosen from those the decider can see)."""
    require_member(by)
    entry = locked_entry(entry)
    chosen = list(people)
    if not chosen:
        raise InvalidInput.for_field("people", "Choose at least one person record to link.")
    if by is not None:
        visible = people_visible_to(by).filter(pk__in=[p.pk for p in chosen])
        if visible.count() < len({p.pk for p in chosen}):
            raise InvalidInput.for_field("people", "Choose only person records you can see.")
    new = [p for p in chosen if not entry.people.filter(pk=p.pk).exists()]
    entry.people.add(*new)
    if new:
        history.record(
            entry=entry,
            actor=by,
            kind="people_linked",
            summary=f"{len(new)} person record{'s' if len(new) != 1 else ''} linked",
            people=[p.pk for p in new],
        )
    return len(new)


def require_in_force(entry: RegisterEntry, doing: str) -> None:
    if entry.status != EntryStatus.ACTIVE:
        raise TransitionNotAllowed(
            f"The restrictions were {entry.get_status_display().lower()} on "
            f"{long_date(entry.ended_on or entry.review_on)}, so you cannot {doing}. "
            "Add a new entry if restrictions are needed again."
        )


def end_entry(entry: RegisterEntry, *, on: dt.date, status: str) -> None:
    entry.status = status
    entry.ended_on = on
    entry.save(update_fields=["status", "ended_on"])


@transaction.atomic
def entry_review(
    *,
    entry: RegisterEntry,
    by: Any,
    reviewed_on: dt.date | None,
    outcome: str,
    notes: str,
    next_review_on: dt.date | None = None,
) -> Review:
    """Record a review: keep the restrictions until a later review, or lift them."""
    require_member(by)
    entry = locked_entry(entry)
    require_in_force(entry, "review them")
    problems = Problems()
    problems.past_date("reviewed_on", reviewed_on, "of the review", not_before=recorded_on(entry))
    notes = problems.text("notes", notes, "what the review found")
    if outcome not in ReviewOutcome.values:
        problems.add("outcome", "Choose whether to keep or lift the restrictions.")
    elif outcome == ReviewOutcome.CONTINUE:
        check_period(
            problems,
            reviewed_on,
            next_review_on,
            review_field="next_review_on",
            start_what="of the review",
            check_start=False,
        )
    problems.raise_if_any()
    assert reviewed_on is not None
    review = Review.objects.create(
        entry=entry,
        reviewed_on=reviewed_on,
        outcome=outcome,
        notes=notes,
        next_review_on=next_review_on if outcome == ReviewOutcome.CONTINUE else None,
        by=by,
    )
    if outcome == ReviewOutcome.CONTINUE:
        assert next_review_on is not None
        before = entry.review_on
        entry.review_on = next_review_on
        entry.save(update_fields=["review_on"])
        summary = f"Reviewed: restrictions kept, next review by {long_date(next_review_on)}"
        history.record(
            entry=entry,
            actor=by,
            kind="reviewed",
            summary=summary,
            before=before,
            after=next_review_on,
        )
    else:
        end_entry(entry, on=reviewed_on, status=EntryStatus.LIFTED)
        summary = f"Reviewed: restrictions lifted on {long_date(reviewed_on)}"
        history.record(entry=entry, actor=by, kind="lifted", summary=summary)
    return review


# --- the group ----------------------------------------------------------------------------


@transaction.atomic
def member_add(*, by: Any, user: User | None) -> GovernanceMember:
    require_member(by)
    if user is None or not user.is_active:
        raise InvalidInput.for_field("user", "Choose an active member of staff.")
    if GovernanceMember.objects.filter(user=user).exists():
        raise InvalidInput.for_field("user", f"{user.display_name} is already in the group.")
    member = GovernanceMember.objects.create(user=user, added_by=by, added_at=clock.now())
    forget_membership(user)
    history.record(
        entry=None,
        actor=by,
        kind="member_added",
        summary=f"{user.display_name} ({user.username}) joined the governance group",
    )
    return member


@transaction.atomic
def member_remove(*, by: Any, member: GovernanceMember) -> None:
    require_member(by)
    if by is not None and member.user_id == by.pk:
        raise NotPermitted("You cannot remove yourself: ask another member of the group.")
    if GovernanceMember.objects.count() <= 1:
        raise TransitionNotAllowed("The group must keep at least one member.")
    user = member.user
    member.delete()
    forget_membership(user)
    history.record(
        entry=None,
        actor=by,
        kind="member_removed",
        summary=f"{user.display_name} ({user.username}) left the governance group",
    )
