"""The public form: the start page, one page per question, check your answers and send."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.sessions.backends.base import SessionBase, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.exceptions import SessionInterrupted
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from redress.cases.models import Case, Service
from redress.cases.representatives import correspondents_of
from redress.core.errors import InvalidInput
from redress.portal import flow
from redress.portal.forms import SubmitForm
from redress.portal.models import PendingUpload
from redress.portal.services.feedback import (
    default_complaint_procedure,
    feedback_prepare,
    feedback_write,
)
from redress.portal.summary import summary_rows
from redress.portal.views.common import GET_POST, limited
from redress.portal.views.uploads import attachments

DONE_KEY = "portal_done"


def start(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/start.html",
        {
            "procedure": default_complaint_procedure(),
            "first_url": reverse("portal:question", args=[flow.STEPS[0].slug]),
        },
    )


# --- question pages -------------------------------------------------------------------------


def _form_for(step: flow.Step, answers: dict[str, Any], data: Any = None) -> Any:
    kwargs: dict[str, Any] = {}
    if step.key == "what_happened":
        kwargs["kind"] = answers.get("kind", {}).get("kind", "complaint")
    initial = dict(answers.get(step.key, {}))
    if step.key == "what_happened" and initial.get("happened_on"):
        day = dt.date.fromisoformat(initial["happened_on"])
        initial["happened_on"] = [str(day.day), str(day.month), str(day.year)]
    assert step.form is not None
    return (
        step.form(data, initial=initial, **kwargs)
        if data is not None
        else step.form(initial=initial, **kwargs)
    )


def back_url(step: flow.Step, answers: dict[str, Any], changing: bool) -> str:
    if changing:
        return reverse("portal:check")
    before = flow.step_before(step, answers)
    if before is None:
        return reverse("portal:start")
    return reverse("portal:question", args=[before.slug])


def after(step: flow.Step, answers: dict[str, Any], changing: bool) -> HttpResponse:
    """Where to go once ``step`` is answered."""
    missing = flow.first_missing(answers)
    if changing:
        if missing is None:
            return redirect("portal:check")
        return redirect(reverse("portal:question", args=[missing.slug]) + "?change=1")
    following = flow.step_after(step, answers)
    if following is None:
        return redirect("portal:check")
    return redirect("portal:question", following.slug)


def _redirect_to_missing(answers: dict[str, Any]) -> HttpResponse:
    missing = flow.first_missing(answers)
    if missing is None:
        return redirect("portal:check")
    return redirect("portal:question", missing.slug)


@GET_POST
def question(request: HttpRequest, slug: str) -> HttpResponse:
    step = flow.BY_SLUG.get(slug)
    if step is None:
        raise Http404("No such question")
    answers = flow.answers_of(request.session)
    if not flow.may_visit(step, answers):
        return _redirect_to_missing(answers)
    changing = request.GET.get("change") == "1"
    if step.form is None:
        return attachments(
            request,
            step,
            back=back_url(step, answers, changing),
            done=lambda: after(step, flow.answers_of(request.session), changing),
        )
    if request.method == "POST":
        form = _form_for(step, answers, request.POST)
        if form.is_valid():
            flow.save_answer(request.session, step.key, flow.to_session(form.cleaned_data))
            return after(step, flow.answers_of(request.session), changing)
    else:
        form = _form_for(step, answers)
    context = {
        "form": form,
        "step": step,
        "answers": answers,
        "kind": answers.get("kind", {}).get("kind", ""),
        "back_url": back_url(step, answers, changing),
        "services_count": Service.objects.filter(is_active=True).count(),
    }
    return render(request, f"portal/questions/{step.key}.html", context)


# --- check answers and send -----------------------------------------------------------------


@GET_POST
def check(request: HttpRequest) -> HttpResponse:
    answers = flow.answers_of(request.session)
    if flow.first_missing(answers) is not None:
        return _redirect_to_missing(answers)
    owner = flow.state(request.session)["owner"]
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        form = SubmitForm(request.POST)
        if not form.is_valid() or form.cleaned_data.get("website"):
            # The honeypot: a field people never see. Nothing is created.
            errors.append("Your form could not be sent. Check your answers and try again")
            status = 400
        else:
            errors, status = _send(request, answers, owner)
            if not errors:
                return redirect("portal:confirmation")
    context = {
        "rows": summary_rows(answers),
        "uploads": PendingUpload.objects.filter(owner=owner).order_by("id"),
        "errors": errors,
        "kind": answers["kind"]["kind"],
    }
    return render(request, "portal/check.html", context, status=status)


def _send(request: HttpRequest, answers: dict[str, Any], owner: str) -> tuple[list[str], int]:
    """Log the case: no errors, or the errors to show and the status.

    Everything that only reads comes first. Then one transaction counts the attempt against
    the rate limit, writes the case with its emails and forgets the answers, so on SQLite the
    write lock is taken once per submission and held only while writing.
    """
    refused: InvalidInput | None = None
    try:
        prepared = feedback_prepare(answers=answers, owner=owner)
    except InvalidInput as exc:
        refused = exc
    with transaction.atomic():
        # Every attempt counts, valid or not, and the limit is checked before the answers.
        if message := limited(request, "submit"):
            return [f"{message}. Your answers have been kept"], 429
        try:
            if refused is not None:
                raise refused
            case = feedback_write(prepared)
        except InvalidInput as exc:
            return _messages_of(exc), 400
        _remember_sent(request, case)
    return [], 302


def _messages_of(error: InvalidInput) -> list[str]:
    return [m for msgs in error.field_errors.values() for m in msgs] or [error.message]


def _remember_sent(request: HttpRequest, case: Case) -> None:
    flow.forget(request.session)
    written_to = correspondents_of(case)
    # Whoever filled in the form: the representative when they acted for someone.
    writer = "representative" if case.representative_name else "person"
    request.session[DONE_KEY] = {
        "reference": case.reference,
        "kind": case.kind,
        "emails": [c.email for c in written_to if c.email],
        "by_post": [("you" if c.role == writer else c.name) for c in written_to if not c.email],
    }
    _save_with_the_case(request.session)


def _save_with_the_case(session: SessionBase) -> None:
    """Save the session in the case's transaction, so the answers are forgotten exactly when
    the case exists: a "Send" repeated after a failed session save cannot log it twice. The
    middleware then has nothing left to write (on SQLite, a second write transaction)."""
    if not isinstance(session, DatabaseSessionStore) or session.session_key is None:
        return  # the middleware saves it after the view, as on every other page
    try:
        session.save()
    except UpdateError as exc:
        # As the middleware would: the session was deleted meanwhile (signed out elsewhere).
        raise SessionInterrupted("The session was deleted before the request completed.") from exc
    session.modified = False


def confirmation(request: HttpRequest) -> HttpResponse:
    done = request.session.get(DONE_KEY)
    if not done:
        return redirect("portal:start")
    return render(request, "portal/confirmation.html", {"done": done})
