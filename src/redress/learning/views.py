"""The learning pages: raise a learning action from a case, the list of learning, and one
action's page where its owner, head of service or the complaints team move it on and change
its details."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from redress.accounts.models import User
from redress.cases.models import Case, Service
from redress.cases.permissions import Action, role_of
from redress.core import clock
from redress.learning import services
from redress.learning.forms import (
    ChangeForm,
    ListFilterForm,
    RaiseForm,
    UpdateForm,
    change_initial,
)
from redress.learning.models import LearningAction, LearningStatus
from redress.learning.selectors import learning_filtered, learning_visible_to, may_update
from redress.staff.queries import MAX_PAGE, PAGE_SIZE
from redress.staff.views.common import SignedInRequest, forbidden, submit, visible_case
from redress.staff.views.records import Page, form_page


def _named(model: type[User] | type[Service], field: str, value: str) -> Any:
    return model.objects.filter(**{field: value}).first() if value else None


@login_required
def raise_learning(request: SignedInRequest, reference: str) -> HttpResponse:
    case = visible_case(request, reference)

    def perform(data: dict[str, Any]) -> str:
        services.learning_raise(
            case=case,
            by=request.user,
            lesson=data["lesson"],
            change=data["change"],
            service=_named(Service, "slug", data["service"]),
            owner=_named(User, "username", data["owner"]),
            due_on=data["due_on"],
            expected_version=data.get("expected_version"),
        )
        return "Learning action raised"

    return form_page(
        request,
        case,
        page=Page(
            "Raise a learning action",
            "Raise learning action",
            "Record what this case taught us and what will change, whether or not the "
            "complaint was upheld.",
        ),
        action=Action.NOTE,
        form_class=RaiseForm,
        perform=perform,
        initial=_raise_defaults(case),
    )


def _raise_defaults(case: Case) -> dict[str, str]:
    head = case.service.head
    return {"service": case.service.slug, "owner": head.username if head else ""}


def _page_number(request: SignedInRequest) -> int:
    raw = request.GET.get("page", "1")
    return max(1, min(int(raw), MAX_PAGE)) if raw.isdigit() else 1


@login_required
def learning_list(request: SignedInRequest) -> HttpResponse:
    if not role_of(request.user):
        raise Http404("No learning you can see")
    form = ListFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    today = clock.today()
    rows = learning_filtered(
        request.user,
        today,
        service=chosen.get("service", ""),
        directorate=chosen.get("directorate", ""),
        status=chosen.get("status", ""),
        only_overdue=chosen.get("overdue") == "yes",
    ).select_related("case", "service__directorate", "owner")
    number = _page_number(request)
    start = (number - 1) * PAGE_SIZE
    found = list(rows[start : start + PAGE_SIZE + 1])
    return render(
        request,
        "learning/list.html",
        {
            "form": form,
            "rows": found[:PAGE_SIZE],
            "number": number,
            "has_next": len(found) > PAGE_SIZE and number < MAX_PAGE,
            "today": today,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _visible_action(request: SignedInRequest, pk: int) -> LearningAction:
    action = (
        learning_visible_to(request.user)
        .select_related("case", "service__directorate", "service__head", "owner", "raised_by")
        .filter(pk=pk)
        .first()
    )
    if action is None:
        raise Http404("No learning action that you can see")
    return action


@login_required
def learning_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    """The action, and for those who may update it while it is open (``may_update``) two
    forms: its status, and its details. A POST names the form it comes from in ``part``."""
    action = _visible_action(request, pk)
    allowed = may_update(request.user, action) and action.is_open
    part = request.POST.get("part", "status") if request.method == "POST" else ""
    status_form = UpdateForm(
        request.POST if part == "status" else None, initial={"status": _next_status(action)}
    )
    change_form = ChangeForm(
        request.POST if part == "details" else None,
        action=action,
        initial=change_initial(action),
    )
    if request.method == "POST":
        if not allowed:
            return forbidden(request, "You cannot update this learning action.")
        done = (
            _change(request, action, change_form)
            if part == "details"
            else _move(request, action, status_form)
        )
        if done is not None:
            messages.success(request, done)
            return redirect("learning:detail", pk=action.pk)
    submitted = change_form if part == "details" else status_form
    return render(
        request,
        "learning/detail.html",
        {
            "action": action,
            "form": status_form if allowed else None,
            "change_form": change_form if allowed else None,
            "submitted": submitted,
            "today": clock.today(),
        },
        status=400 if submitted.is_bound and submitted.errors else 200,
    )


def _move(request: SignedInRequest, action: LearningAction, form: UpdateForm) -> str | None:
    def perform(data: dict[str, Any]) -> str:
        services.learning_update(
            action=action,
            by=request.user,
            status=data["status"],
            reason=data["reason"],
            evidence=data["evidence"],
            on=data["on"],
        )
        return "Learning action updated."

    return submit(form, perform)


def _change(request: SignedInRequest, action: LearningAction, form: ChangeForm) -> str | None:
    def perform(data: dict[str, Any]) -> str:
        services.learning_change(
            action=action,
            by=request.user,
            lesson=data["lesson"],
            change=data["change"],
            service=_named(Service, "slug", data["service"]),
            owner=_named(User, "username", data["owner"]),
            due_on=data["due_on"],
            expected_version=data["expected_version"],
        )
        return "Learning action changed."

    return submit(form, perform)


# The status a learning action usually moves to next, chosen already on its page.
NEXT_STATUS = {
    LearningStatus.PROPOSED: LearningStatus.AGREED,
    LearningStatus.AGREED: LearningStatus.IN_PROGRESS,
    LearningStatus.IN_PROGRESS: LearningStatus.DONE,
}


def _next_status(action: LearningAction) -> str:
    return NEXT_STATUS.get(LearningStatus(action.status), "")
