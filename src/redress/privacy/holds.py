"""Legal holds: while a case is held (for a claim, an Ombudsman investigation, an inquiry),
neither a retention run nor an erasure touches it. Placed and lifted by administrators, with a
reason, on the case's timeline."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from redress.cases.models import Case
from redress.cases.permissions import can_manage_personal_data
from redress.cases.selectors import cases_visible_to
from redress.cases.services.timeline import record_event
from redress.core import clock
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.privacy.models import LegalHold

MAX_REASON = 2000


def active_hold(case: Case) -> LegalHold | None:
    return LegalHold.objects.filter(case=case, lifted_at=None).select_related("placed_by").first()


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput.for_field("reason", "Enter the reason for the legal hold.")
    if len(reason) > MAX_REASON:
        raise InvalidInput.for_field("reason", f"Reason must be {MAX_REASON} characters or fewer.")
    return reason


def _require(by: Any, case: Case) -> None:
    if not can_manage_personal_data(by) or not cases_visible_to(by).filter(pk=case.pk).exists():
        raise NotPermitted("Only administrators can place or lift a legal hold.")


def legal_hold_place(*, case: Case, by: Any, reason: str) -> LegalHold:
    reason = _reason(reason)
    _require(by, case)
    try:
        with transaction.atomic():
            Case.objects.select_for_update().filter(pk=case.pk).first()
            hold = LegalHold.objects.create(case=case, reason=reason, placed_by=by)
            record_event(
                case=case,
                actor=by,
                kind="legal_hold_placed",
                summary=f"Legal hold placed: {reason[:200]}",
                after={"legal_hold": True},
            )
    except IntegrityError:
        raise TransitionNotAllowed("This case is already under a legal hold.") from None
    return hold


def legal_hold_lift(*, case: Case, by: Any, reason: str) -> LegalHold:
    reason = _reason(reason)
    _require(by, case)
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).first()
        hold = LegalHold.objects.select_for_update().filter(case=case, lifted_at=None).first()
        if hold is None:
            raise TransitionNotAllowed("This case is not under a legal hold.")
        hold.lifted_at, hold.lifted_by, hold.lift_reason = clock.now(), by, reason
        hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        record_event(
            case=case,
            actor=by,
            kind="legal_hold_lifted",
            summary=f"Legal hold lifted: {reason[:200]}",
            before={"legal_hold": True},
            after={"legal_hold": False},
        )
    return hold
