"""Reasonable adjustments from the case page: record one, change or confirm one, end one."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from redress.cases import services
from redress.cases.kinds import AdjustmentState
from redress.cases.models import Case, ReasonableAdjustment
from redress.cases.permissions import Action
from redress.core import clock
from redress.staff.forms.records import AdjustmentEndForm, AdjustmentForm
from redress.staff.views.common import SignedInRequest, visible_case
from redress.staff.views.records import Page, form_page


def _adjustment(case: Case, pk: int) -> ReasonableAdjustment:
    adjustment = case.person.adjustments.exclude(state=AdjustmentState.ENDED).filter(pk=pk).first()
    if adjustment is None:
        raise Http404("No adjustment in place with that number for this person")
    return adjustment


@login_required
def adjustment_add(request: SignedInRequest, reference: str) -> HttpResponse:
    case = visible_case(request, reference)

    def perform(data: dict[str, Any]) -> str:
        services.adjustment_record(
            case=case,
            by=request.user,
            type=data["type"],
            description=data["description"],
            agreed_on=data["agreed_on"],
            review_on=data["review_on"],
        )
        return "Reasonable adjustment recorded"

    return form_page(
        request,
        case,
        page=Page(
            "Record a reasonable adjustment",
            "Record adjustment",
            intro="It applies to every case of this person's until it ends.",
        ),
        action=Action.ADJUST,
        form_class=AdjustmentForm,
        perform=perform,
        initial={"agreed_on": clock.today()},
    )


@login_required
def adjustment_change(request: SignedInRequest, reference: str, pk: int) -> HttpResponse:
    case = visible_case(request, reference)
    adjustment = _adjustment(case, pk)
    proposed = adjustment.state == AdjustmentState.PROPOSED

    def perform(data: dict[str, Any]) -> str:
        services.adjustment_change(
            case=case,
            adjustment=adjustment,
            by=request.user,
            type=data["type"],
            description=data["description"],
            agreed_on=data["agreed_on"],
            review_on=data["review_on"],
        )
        return "Reasonable adjustment confirmed" if proposed else "Reasonable adjustment changed"

    return form_page(
        request,
        case,
        page=Page(
            "Confirm a reasonable adjustment" if proposed else "Change a reasonable adjustment",
            "Confirm adjustment" if proposed else "Save changes",
            intro=f"The person asked for: {adjustment.description}" if proposed else "",
        ),
        action=Action.ADJUST,
        form_class=AdjustmentForm,
        perform=perform,
        initial={
            "type": adjustment.type_id,
            "description": adjustment.description,
            "agreed_on": adjustment.agreed_on or clock.today(),
            "review_on": adjustment.review_on,
        },
    )


@login_required
def adjustment_end(request: SignedInRequest, reference: str, pk: int) -> HttpResponse:
    case = visible_case(request, reference)
    adjustment = _adjustment(case, pk)

    def perform(data: dict[str, Any]) -> str:
        services.adjustment_end(
            case=case, adjustment=adjustment, by=request.user, on=data["on"], reason=data["reason"]
        )
        return "Reasonable adjustment ended"

    return form_page(
        request,
        case,
        page=Page("End a reasonable adjustment", "End adjustment", warning=False),
        action=Action.ADJUST,
        form_class=AdjustmentEndForm,
        perform=perform,
        initial={"on": clock.today()},
    )
