"""Remedies and outstanding actions from the case page: add one with an owner and a due
date, and mark it done with the date and the evidence.

``form_page`` is the GET-or-POST loop the records pages share (adjustments and access use it
too): permission first, then the form's shape, then the service function's rules, each
failure shown on the field it names with what was typed kept."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from redress.cases import services
from redress.cases.models import Case
from redress.cases.permissions import Action, can
from redress.cases.services.remedies import owner_named
from redress.core import clock
from redress.staff.forms.common import CaseActionForm
from redress.staff.forms.records import DoneForm, OutstandingActionForm, RemedyForm
from redress.staff.views.common import (
    SignedInRequest,
    forbidden,
    submit,
    visible_case,
)


@dataclass(frozen=True)
class Page:
    """What the shared action template shows: the same fields as an ActionSpec."""

    title: str
    button: str
    intro: str = ""
    warning: bool = False


def form_page(
    request: SignedInRequest,
    case: Case,
    *,
    page: Page,
    action: Action,
    form_class: type[CaseActionForm],
    perform: Callable[[dict[str, Any]], str],
    initial: dict[str, Any] | None = None,
    form_kwargs: dict[str, Any] | None = None,
    template: str = "staff/action.html",
    aliases: dict[str, str] | None = None,
) -> HttpResponse:
    if not can(request.user, action, case):
        return forbidden(
            request, f"You do not have permission to {page.title.lower()} on {case.reference}."
        )
    kwargs: dict[str, Any] = {"case": case, "user": request.user, **(form_kwargs or {})}
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, **kwargs)
        done = submit(form, perform, aliases)
        if done is not None:
            messages.success(request, f"{case.reference}: {done}.")
            return redirect("staff:case", reference=case.reference)
        status = 400
    else:
        form = form_class(initial={"expected_version": case.version, **(initial or {})}, **kwargs)
    return render(
        request,
        template,
        {"case": case, "form": form, "spec": page, "multipart": False},
        status=status,
    )


def _default_owner(case: Case) -> str:
    return case.current_handler.username if case.current_handler else case.service.slug


@login_required
def remedy_add(request: SignedInRequest, reference: str) -> HttpResponse:
    case = visible_case(request, reference)

    def perform(data: dict[str, Any]) -> str:
        services.remedy_add(
            case=case,
            by=request.user,
            type=data["type"],
            description=data["description"],
            amount=data.get("amount"),
            due_on=data["due_on"],
            owner=owner_named(data["owner"]),
        )
        return "Remedy added"

    return form_page(
        request,
        case,
        page=Page("Add a remedy", "Add remedy"),
        action=Action.REMEDY,
        form_class=RemedyForm,
        perform=perform,
        initial={"owner": _default_owner(case)},
    )


@login_required
def action_add(request: SignedInRequest, reference: str) -> HttpResponse:
    case = visible_case(request, reference)

    def perform(data: dict[str, Any]) -> str:
        services.action_add(
            case=case,
            by=request.user,
            description=data["description"],
            due_on=data["due_on"],
            owner=owner_named(data["owner"]),
        )
        return "Outstanding action added"

    return form_page(
        request,
        case,
        page=Page("Add an outstanding action", "Add action"),
        action=Action.REMEDY,
        form_class=OutstandingActionForm,
        perform=perform,
        initial={"owner": _default_owner(case)},
    )


@login_required
def remedy_done(request: SignedInRequest, reference: str, pk: int) -> HttpResponse:
    case = visible_case(request, reference)
    remedy = case.remedies.filter(pk=pk, done_on=None).first()
    if remedy is None:
        raise Http404("No remedy still to do with that number on this case")

    def perform(data: dict[str, Any]) -> str:
        services.remedy_complete(remedy=remedy, by=request.user, on=data["on"], note=data["note"])
        return f"Remedy marked as done: {remedy.get_type_display()}"

    return form_page(
        request,
        case,
        page=Page(
            "Mark a remedy as done",
            "Mark as done",
            intro=f"{remedy.get_type_display()}: {remedy.description}",
        ),
        action=Action.REMEDY,
        form_class=DoneForm,
        perform=perform,
        initial={"on": clock.today()},
    )


@login_required
def action_done(request: SignedInRequest, reference: str, pk: int) -> HttpResponse:
    case = visible_case(request, reference)
    action = case.actions.filter(pk=pk, done_on=None).first()
    if action is None:
        raise Http404("No action still to do with that number on this case")

    def perform(data: dict[str, Any]) -> str:
        services.action_complete(action=action, by=request.user, on=data["on"], note=data["note"])
        return "Action marked as done"

    return form_page(
        request,
        case,
        page=Page("Mark an action as done", "Mark as done", intro=action.description),
        action=Action.REMEDY,
        form_class=DoneForm,
        perform=perform,
        initial={"on": clock.today()},
    )
