"""Public pages: no account needed. Views check, call a service, and render; nothing else."""

from __future__ import annotations

import datetime as dt
import logging
import time
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.exceptions import SessionInterrupted
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from redress.cases.models import Case, Correspondence, Service
from redress.cases.selectors import stages_of
from redress.core.clients import client_address
from redress.core.errors import InvalidInput, TransitionNotAllowed
from redress.portal import flow, services
from redress.portal.forms import LookupForm, SubmitForm, SurveyForm, UploadForm
from redress.portal.models import PendingUpload, Satisfaction
from redress.portal.ratelimit import hit, limit_for

log = logging.getLogger(__name__)
ACCESS_KEY = "portal_access"
DONE_KEY = "portal_done"
GET_POST = require_http_methods(["GET", "POST"])


def _minutes(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def _limited(request: HttpRequest, scope: str) -> str | None:
    """None when within the limit, else the message to show."""
    verdict = hit(limit_for(scope), client_address(request))
    if verdict.allowed:
        return None
    return (
        "You have tried this too many times. Wait "
        f"{_minutes(verdict.retry_after_seconds)} and try again"
    )


# --- start ----------------------------------------------------------------------------------


def start(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/start.html",
        {
            "procedure": services.default_complaint_procedure(),
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


def _back_url(step: flow.Step, answers: dict[str, Any], changing: bool) -> str:
    if changing:
        return reverse("portal:check")
    before = flow.step_before(step, answers)
    if before is None:
        return reverse("portal:start")
    return reverse("portal:question", args=[before.slug])


def _after(step: flow.Step, answers: dict[str, Any], changing: bool) -> HttpResponse:
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
        return _attachments(request, step, answers, changing)
    if request.method == "POST":
        form = _form_for(step, answers, request.POST)
        if form.is_valid():
            flow.save_answer(request.session, step.key, flow.to_session(form.cleaned_data))
            return _after(step, flow.answers_of(request.session), changing)
    else:
        form = _form_for(step, answers)
    context = {
        "form": form,
        "step": step,
        "answers": answers,
        "kind": answers.get("kind", {}).get("kind", ""),
        "back_url": _back_url(step, answers, changing),
        "services_count": Service.objects.filter(is_active=True).count(),
    }
    return render(request, f"portal/questions/{step.key}.html", context)


def _attachments(
    request: HttpRequest, step: flow.Step, answers: dict[str, Any], changing: bool
) -> HttpResponse:
    owner = flow.state(request.session)["owner"]
    form = UploadForm()
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        remove = request.POST.get("remove", "")
        if remove:
            services.upload_remove(owner=owner, token=remove)
            return redirect(request.get_full_path())
        if form.is_valid() and form.cleaned_data.get("file"):
            message = _limited(request, "upload")
            if message:
                form.add_error("file", message)
                status = 429
            else:
                try:
                    services.upload_keep(owner=owner, upload=form.cleaned_data["file"])
                except InvalidInput as exc:
                    form.add_error("file", exc.message)
        if form.is_valid() and not form.errors:
            if request.POST.get("action") == "continue":
                flow.save_answer(request.session, step.key, {"done": True})
                return _after(step, flow.answers_of(request.session), changing)
            return redirect(request.get_full_path())
    context = {
        "form": form,
        "step": step,
        "uploads": PendingUpload.objects.filter(owner=owner).order_by("id"),
        "max_uploads": settings.PORTAL_MAX_UPLOADS,
        "max_mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024),
        "back_url": _back_url(step, answers, changing),
    }
    return render(request, "portal/questions/attachments.html", context, status=status)


# --- check answers and send -----------------------------------------------------------------


def _summary_rows(answers: dict[str, Any]) -> list[dict[str, Any]]:
    from redress.portal.summary import summary_rows

    return summary_rows(answers)


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
        "rows": _summary_rows(answers),
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
        prepared = services.feedback_prepare(answers=answers, owner=owner)
    except InvalidInput as exc:
        refused = exc
    with transaction.atomic():
        # Every attempt counts, valid or not, and the limit is checked before the answers.
        if message := _limited(request, "submit"):
            return [f"{message}. Your answers have been kept"], 429
        try:
            if refused is not None:
                raise refused
            case = services.feedback_write(prepared)
        except InvalidInput as exc:
            return _messages_of(exc), 400
        _remember_sent(request, case)
    return [], 302


def _messages_of(error: InvalidInput) -> list[str]:
    return [m for msgs in error.field_errors.values() for m in msgs] or [error.message]


def _remember_sent(request: HttpRequest, case: Case) -> None:
    flow.forget(request.session)
    request.session[DONE_KEY] = {
        "reference": case.reference,
        "kind": case.kind,
        "email": case.person.email,
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


# --- following progress ---------------------------------------------------------------------


@GET_POST
def progress_lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm()
    status = 200
    if request.method == "POST":
        form = LookupForm(request.POST)
        if form.is_valid():
            if form.cleaned_data.get("website"):
                form.add_error(None, "Your request could not be sent. Try again")
                status = 400
            elif message := _limited(request, "lookup"):
                form.add_error(None, message)
                status = 429
            else:
                services.progress_link_request(
                    reference=form.cleaned_data["reference"], email=form.cleaned_data["email"]
                )
                return redirect("portal:progress_sent")
        else:
            status = 400
    return render(request, "portal/progress_lookup.html", {"form": form}, status=status)


def progress_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/progress_sent.html", {"minutes": settings.PORTAL_LINK_MINUTES})


@GET_POST
def progress_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only the POST spends the link, so mail scanners that fetch links
    cannot use it up."""
    if request.method == "POST":
        case = services.progress_link_use(token=token)
        if case is not None:
            _grant(request, case)
            return redirect("portal:progress", case.reference)
    elif services.progress_link_is_live(token=token):
        return render(request, "portal/progress_link.html", {})
    return render(request, "portal/progress_link_dead.html", {}, status=410)


def _grant(request: HttpRequest, case: Case) -> None:
    access = dict(request.session.get(ACCESS_KEY, {}))
    now = time.time()
    access = {ref: until for ref, until in access.items() if until > now}
    access[case.reference] = now + settings.PORTAL_ACCESS_MINUTES * 60
    request.session.cycle_key()  # a fresh session id once it grants access to a case
    request.session[ACCESS_KEY] = access


def _case_for(request: HttpRequest, reference: str) -> Case:
    until = request.session.get(ACCESS_KEY, {}).get(reference)
    if not until or until < time.time():
        raise Http404("No such case, or the link has expired")
    case = (
        Case.objects.select_related("person", "service", "current_stage", "procedure_version")
        .filter(reference=reference)
        .first()
    )
    if case is None:
        raise Http404("No such case")
    return case


def progress(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for(request, reference)
    responses = Correspondence.objects.filter(case=case, direction="out").order_by(
        "-happened_at", "-id"
    )[:20]
    return render(
        request,
        "portal/progress.html",
        {
            "case": case,
            "stages": stages_of(case),
            "responses": responses,
            "next_stage": services.next_stage_open_to(case),
            "survey_open": services.survey_open_to(case),
            "is_final": case.status == "closed" or services.next_stage_open_to(case) is None,
        },
    )


@GET_POST
def next_stage(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for(request, reference)
    offer = services.next_stage_open_to(case)
    error = ""
    if request.method == "POST" and offer is not None:
        try:
            services.next_stage_request(case=case)
        except (TransitionNotAllowed, InvalidInput) as exc:
            error = exc.message
        else:
            return redirect(reverse("portal:progress", args=[case.reference]) + "?asked=1")
    if offer is None:
        error = error or "You cannot ask for the next stage of this case now."
    return render(
        request,
        "portal/next_stage.html",
        {"case": case, "offer": offer, "error": error},
        status=400 if error else 200,
    )


@GET_POST
def survey(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for(request, reference)
    if not services.survey_open_to(case):
        return render(request, "portal/survey_closed.html", {"case": case}, status=400)
    form = SurveyForm()
    status = 200
    if request.method == "POST":
        form = SurveyForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.survey_answer(
                    case=case,
                    handling=data["handling"],
                    outcome=data["outcome"],
                    easy_to_contact=data["easy_to_contact"] == "yes",
                    comments=data["comments"],
                )
            except TransitionNotAllowed as exc:
                form.add_error(None, exc.message)
            else:
                return render(request, "portal/survey_thanks.html", {"case": case})
        status = 400
    return render(
        request,
        "portal/survey.html",
        {"case": case, "form": form, "choices": Satisfaction.choices},
        status=status,
    )
