"""Drafting a response, its quality review, and sending it once approved."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from redress.cases.models import Case
from redress.cases.permissions import OFFICE_ROLES, Action, can, role_of
from redress.core import clock
from redress.core.errors import RedressError
from redress.staff import drafts as draft_service
from redress.staff import letters
from redress.staff.forms.drafts import DraftForm, ReviewForm, SendDraftForm
from redress.staff.models import DraftState, ResponseDraft
from redress.staff.views.common import add_service_error, expected_version, forbidden, visible_case


def _open_draft(case: Case) -> ResponseDraft | None:
    return (
        ResponseDraft.objects.filter(case=case, stage=case.current_stage)
        .exclude(state=DraftState.SENT)
        .order_by("-created_at", "-id")
        .first()
    )


@login_required
def draft_edit(request: HttpRequest, reference: str) -> HttpResponse:
    """Write or change the draft response to the open stage, then save or send for review."""
    case = visible_case(request, reference)
    if not can(request.user, Action.RESPOND, case):
        return forbidden(
            request, f"You do not have permission to draft the response to {case.reference}."
        )
    draft = _open_draft(case)
    if draft is not None and draft.state not in draft_service.EDITABLE:
        return redirect("staff:draft", reference=case.reference, pk=draft.pk)
    if request.method == "POST":
        form = DraftForm(request.POST, instance=draft, case=case)
        if form.is_valid():
            fields = {
                name: form.cleaned_data.get(name, "")
                for name in ("outcome", *ResponseDraft.SECTIONS)
            }
            saved = _save_then_submit(request, form, case, draft, fields)
            if saved is not None:
                done = "sent for review" if "submit" in request.POST else "saved"
                messages.success(request, f"Draft response {done}.")
                return redirect("staff:draft", reference=case.reference, pk=saved.pk)
            draft = form.instance if form.instance.pk else draft
        status = 400
    else:
        initial = {}
        if draft is None and case.current_stage is not None:
            initial = {
                "definition": case.current_stage.definition_summary,
                "escalation": letters.next_step_text(case, case.current_stage),
            }
        form = DraftForm(instance=draft, initial=initial, case=case)
        status = 200
    return render(
        request,
        "staff/drafts/edit.html",
        {"case": case, "form": form, "draft": draft},
        status=status,
    )


def _save_then_submit(
    request: HttpRequest,
    form: DraftForm,
    case: Case,
    draft: ResponseDraft | None,
    fields: dict[str, str],
) -> ResponseDraft | None:
    """Save the draft, then send it for review if asked; None, with the form's errors, if not.

    The save stands even when sending for review is refused, so nothing typed is lost."""
    try:
        saved = draft_service.draft_save(case=case, by=request.user, fields=fields, draft=draft)
    except RedressError as error:
        add_service_error(form, error)
        return None
    form.instance = saved
    if "submit" not in request.POST:
        return saved
    try:
        draft_service.draft_submit(draft=saved, by=request.user)
    except RedressError as error:
        add_service_error(form, error)
        return None
    return saved


def _draft_context(request: HttpRequest, case: Case, draft: ResponseDraft) -> dict[str, Any]:
    subject, body = draft_service.letter_text(draft)
    user = request.user
    missing = draft_service.missing_content(draft)
    # The detail page lists what is missing separately: it blocks, the rest only warns.
    warnings = [w for w in draft_service.check(draft) if w not in missing]
    may_review = (
        draft.state == DraftState.SUBMITTED
        and role_of(user) in OFFICE_ROLES
        and draft.author_id != user.pk
    )
    may_send = draft.state == DraftState.APPROVED and can(user, Action.RESPOND, case)
    return {
        "case": case,
        "draft": draft,
        "subject": subject,
        "body": body,
        "missing": missing,
        "warnings": warnings,
        "reviews": list(draft.reviews.select_related("reviewer")),
        "may_edit": draft.state in draft_service.EDITABLE and can(user, Action.RESPOND, case),
        "may_submit": draft.state in draft_service.EDITABLE
        and can(user, Action.RESPOND, case)
        and not missing,
        "may_review": may_review,
        "may_send": may_send,
        "review_form": ReviewForm(),
        "send_form": SendDraftForm(
            initial={"on": clock.today(), "expected_version": case.version},
            case=case,
            user=user,
        ),
    }


def _draft_of(case: Case, pk: int) -> ResponseDraft:
    draft = get_object_or_404(
        ResponseDraft.objects.select_related("stage", "author"), case=case, pk=pk
    )
    draft.case = case
    return draft


@login_required
def draft_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = visible_case(request, reference)
    draft = _draft_of(case, pk)
    return render(request, "staff/drafts/detail.html", _draft_context(request, case, draft))


@login_required
@require_POST
def draft_submit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = visible_case(request, reference)
    draft = _draft_of(case, pk)
    try:
        draft_service.draft_submit(draft=draft, by=request.user)
    except RedressError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Draft response sent for review.")
    return redirect("staff:draft", reference=case.reference, pk=draft.pk)


@login_required
@require_POST
def draft_review(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = visible_case(request, reference)
    draft = _draft_of(case, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                draft_service.draft_approve(
                    draft=draft, by=request.user, comments=form.cleaned_data["comments"]
                )
                done = "Draft approved. It can now be sent."
            else:
                draft_service.draft_return(
                    draft=draft, by=request.user, comments=form.cleaned_data["comments"]
                )
                done = "Draft returned to its author with your comments."
        except RedressError as error:
            add_service_error(form, error)
        else:
            messages.success(request, done)
            return redirect("staff:draft", reference=case.reference, pk=draft.pk)
    context = _draft_context(request, case, draft)
    context["review_form"] = form
    return render(request, "staff/drafts/detail.html", context, status=400)


@login_required
@require_POST
def draft_send(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = visible_case(request, reference)
    draft = _draft_of(case, pk)
    form = SendDraftForm(request.POST, case=case, user=request.user)
    if form.is_valid():
        try:
            with transaction.atomic():
                draft_service.draft_send(
                    draft=draft,
                    by=request.user,
                    on=form.cleaned_data["on"],
                    expected_version=expected_version(form),
                )
        except RedressError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"{case.reference}: response sent and recorded.")
            return redirect("staff:case", reference=case.reference)
    context = _draft_context(request, case, draft)
    context["send_form"] = form
    return render(request, "staff/drafts/detail.html", context, status=400)
