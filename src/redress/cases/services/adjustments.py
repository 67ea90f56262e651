"""Reasonable adjustments: recorded, changed and ended by staff, each with a review date.

An adjustment belongs to the person, so it follows them to every case of theirs; it is
recorded on one case, whose timeline says so. What the public asks for on the online form is
free text, so it arrives as a *proposed* adjustment that staff confirm with a type and a
review date (``adjustment_change``) or end.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from redress.accounts.models import User
from redress.cases.kinds import AdjustmentState
from redress.cases.models import AdjustmentType, Case, ReasonableAdjustment
from redress.cases.permissions import Action, require
from redress.cases.services.timeline import record_event
from redress.core import clock
from redress.core.dates import long_date
from redress.core.errors import InvalidInput, TransitionNotAllowed


def _check_terms(
    type: AdjustmentType | None, agreed_on: dt.date | None, review_on: dt.date | None
) -> None:
    if type is None or not type.is_active:
        raise InvalidInput.for_field("type", "Choose the type of adjustment.")
    if agreed_on is None:
        raise InvalidInput.for_field("agreed_on", "Enter the date the adjustment was agreed.")
    if agreed_on > clock.today():
        raise InvalidInput.for_field("agreed_on", "The date agreed cannot be in the future.")
    if review_on is None:
        raise InvalidInput.for_field("review_on", "Enter the date to review the adjustment by.")
    if review_on <= agreed_on:
        raise InvalidInput.for_field(
            "review_on",
            f"The review date must be after {long_date(agreed_on)}, when it was agreed.",
        )


def _of_this_person(case: Case, adjustment: ReasonableAdjustment) -> ReasonableAdjustment:
    locked = ReasonableAdjustment.objects.select_for_update().get(pk=adjustment.pk)
    if locked.person_id != case.person_id:
        raise InvalidInput.for_field("adjustment", "That adjustment is not for this person.")
    if locked.state == AdjustmentState.ENDED:
        raise TransitionNotAllowed("This adjustment has ended. Record a new one instead.")
    return locked


def _label(adjustment: ReasonableAdjustment) -> str:
    name = adjustment.type.name if adjustment.type else "Adjustment asked for"
    detail = adjustment.description.strip()
    return f"{name}: {detail[:120]}" if detail else name


@transaction.atomic
def adjustment_record(
    *,
    case: Case,
    by: User | None,
    type: AdjustmentType | None,
    description: str = "",
    agreed_on: dt.date | None = None,
    review_on: dt.date | None = None,
) -> ReasonableAdjustment:
    """An adjustment agreed with the person, in place from ``agreed_on``."""
    require(by, Action.ADJUST, case)
    _check_terms(type, agreed_on, review_on)
    adjustment = ReasonableAdjustment.objects.create(
        person=case.person,
        case=case,
        type=type,
        state=AdjustmentState.AGREED,
        description=description.strip(),
        agreed_on=agreed_on,
        review_on=review_on,
    )
    record_event(
        case=case,
        actor=by,
        kind="adjustment",
        summary=f"Reasonable adjustment agreed: {_label(adjustment)}",
        adjustment=adjustment.pk,
        after={"review_on": review_on},
    )
    return adjustment


@transaction.atomic
def adjustment_propose(*, case: Case, text: str, by: User | None = None) -> ReasonableAdjustment:
    """What the person asked for, in their words, for staff to confirm or end."""
    require(by, Action.ADJUST, case)
    if not text.strip():
        raise InvalidInput.for_field("support", "Tell us what support or adjustments you need.")
    adjustment = ReasonableAdjustment.objects.create(
        person=case.person,
        case=case,
        state=AdjustmentState.PROPOSED,
        description=text.strip(),
    )
    record_event(
        case=case,
        actor=by,
        kind="adjustment_proposed",
        summary="Reasonable adjustment asked for: confirm it or record why not",
        adjustment=adjustment.pk,
    )
    return adjustment


@transaction.atomic
def adjustment_change(
    *,
    case: Case,
    adjustment: ReasonableAdjustment,
    by: User | None,
    type: AdjustmentType | None,
    description: str = "",
    agreed_on: dt.date | None = None,
    review_on: dt.date | None = None,
) -> ReasonableAdjustment:
    """Change an adjustment's terms; confirming a proposed one puts it in place."""
    require(by, Action.ADJUST, case)
    adjustment = _of_this_person(case, adjustment)
    _check_terms(type, agreed_on, review_on)
    confirming = adjustment.state == AdjustmentState.PROPOSED
    before = {"type": adjustment.type_id, "review_on": adjustment.review_on}
    adjustment.type = type
    adjustment.description = description.strip()
    adjustment.agreed_on = agreed_on
    adjustment.review_on = review_on
    adjustment.state = AdjustmentState.AGREED
    adjustment.save()
    verb = "confirmed" if confirming else "changed"
    record_event(
        case=case,
        actor=by,
        kind=f"adjustment_{verb}",
        summary=f"Reasonable adjustment {verb}: {_label(adjustment)}, "
        f"review by {long_date(review_on)}",  # type: ignore[arg-type]  # checked by _check_terms
        adjustment=adjustment.pk,
        before=before,
        after={"type": adjustment.type_id, "review_on": review_on},
    )
    return adjustment


@transaction.atomic
def adjustment_end(
    *,
    case: Case,
    adjustment: ReasonableAdjustment,
    by: User | None,
    on: dt.date | None,
    reason: str = "",
) -> ReasonableAdjustment:
    """End an adjustment (or turn down a proposed one) from ``on``."""
    require(by, Action.ADJUST, case)
    adjustment = _of_this_person(case, adjustment)
    if on is None:
        raise InvalidInput.for_field("on", "Enter the date the adjustment ends.")
    if on > clock.today():
        raise InvalidInput.for_field("on", "The end date cannot be in the future.")
    if adjustment.agreed_on and on < adjustment.agreed_on:
        raise InvalidInput.for_field(
            "on",
            f"The end date must be on or after {long_date(adjustment.agreed_on)}, "
            "when it was agreed.",
        )
    if not reason.strip():
        raise InvalidInput.for_field("reason", "Say why the adjustment is ending.")
    adjustment.state = AdjustmentState.ENDED
    adjustment.ended_on = on
    adjustment.save(update_fields=["state", "ended_on"])
    record_event(
        case=case,
        actor=by,
        kind="adjustment_ended",
        summary=f"Reasonable adjustment ended: {_label(adjustment)} ({reason.strip()[:100]})",
        adjustment=adjustment.pk,
    )
    return adjustment


def adjustments_of(case: Case) -> list[ReasonableAdjustment]:
    """The person's adjustments still in place or waiting to be confirmed, proposed first."""
    return sorted(
        case.person.adjustments.exclude(state=AdjustmentState.ENDED).select_related("type"),
        key=lambda a: (a.state != AdjustmentState.PROPOSED, a.review_on or dt.date.min, a.pk),
    )


def needs_large_print(case: Case) -> bool:
    """Whether letters on this case print in large type: an agreed adjustment says so."""
    return case.person.adjustments.filter(
        state=AdjustmentState.AGREED, type__large_print_letters=True
    ).exists()
