"""The New email queue: email no case claimed, for the complaints team to make a case of, add
to a case, or dismiss with a reason."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from redress.calendars.clock import LONDON
from redress.cases.selectors import case_detail
from redress.core.errors import RedressError
from redress.core.words import counted
from redress.inbound import selectors, services
from redress.inbound.forms import AddToCaseForm, DismissForm
from redress.inbound.models import InboundEmail, Mailbox, State
from redress.inbound.parsing import parse_or_placeholder
from redress.procedures.routing import routes_for_choosing
from redress.staff.forms.log import LogCaseForm
from redress.staff.views.common import SignedInRequest, add_service_error, forbidden
from redress.staff.views.log import log_posted_form

PAGE_SIZE = 25
MAX_PAGE = 400
NOT_ALLOWED = "You do not have permission to deal with new email."


def _mailbox(request: SignedInRequest) -> str:
    wanted = request.GET.get("mailbox", "")
    return wanted if wanted in Mailbox.values else Mailbox.COMPLAINTS


def _page_number(request: SignedInRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), MAX_PAGE))
    except ValueError:
        return 1


@login_required
def email_queue(request: SignedInRequest) -> HttpResponse:
    if not selectors.may_use_queue(request.user):
        return forbidden(request, NOT_ALLOWED)
    mailbox = _mailbox(request)
    done = request.GET.get("shown") == "done"
    rows = (selectors.recently_dealt_with if done else selectors.queue)(request.user, mailbox)
    number = _page_number(request)
    start = (number - 1) * PAGE_SIZE
    page = list(rows[start : start + PAGE_SIZE + 1])
    waiting = selectors.queue(request.user, mailbox).order_by().values("pk")[:1001].count()
    context = {
        "emails": page[:PAGE_SIZE],
        "number": number,
        "has_next": len(page) > PAGE_SIZE and number < MAX_PAGE,
        "mailbox": mailbox,
        "mailboxes": Mailbox.choices,
        "done": done,
        "waiting": counted(waiting, "email") if waiting <= 1000 else "over 1,000 emails",
    }
    return render(request, "inbound/queue.html", context)


def _visible_email(request: SignedInRequest, pk: int) -> InboundEmail:
    return get_object_or_404(selectors.emails_visible_to(request.user), pk=pk)


def _detail(
    request: SignedInRequest, email: InboundEmail, status: int = 200, **forms: Any
) -> HttpResponse:
    parsed = parse_or_placeholder(email.raw.open("rb").read())
    attachments = [part.name for part in parsed.attachments]
    context = {
        "email": email,
        "attachments": attachments,
        "is_new": email.state == State.NEW,
        "add_form": forms.get("add_form") or AddToCaseForm(),
        "dismiss_form": forms.get("dismiss_form") or DismissForm(),
        "form": forms.get("add_form") or forms.get("dismiss_form"),
    }
    return render(request, "inbound/email.html", context, status=status)


@login_required
def email_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    if not selectors.may_use_queue(request.user):
        return forbidden(request, NOT_ALLOWED)
    return _detail(request, _visible_email(request, pk))


@login_required
@require_POST
def email_add(request: SignedInRequest, pk: int) -> HttpResponse:
    if not selectors.may_use_queue(request.user):
        return forbidden(request, NOT_ALLOWED)
    email = _visible_email(request, pk)
    form = AddToCaseForm(request.POST)
    if form.is_valid():
        case = case_detail(request.user, form.cleaned_data["reference"].strip().upper())
        if case is None:
            form.add_error("reference", "There is no case with that reference that you can see")
        else:
            try:
                services.email_add_to_case(email=email, by=request.user, case=case)
            except RedressError as error:
                add_service_error(form, error)
            else:
                messages.success(request, f"Email added to {case.reference}.")
                return redirect("staff:case", reference=case.reference)
    return _detail(request, email, 400, add_form=form)


@login_required
@require_POST
def email_dismiss(request: SignedInRequest, pk: int) -> HttpResponse:
    if not selectors.may_use_queue(request.user):
        return forbidden(request, NOT_ALLOWED)
    email = _visible_email(request, pk)
    form = DismissForm(request.POST)
    if form.is_valid():
        try:
            services.email_dismiss(email=email, by=request.user, reason=form.cleaned_data["reason"])
        except RedressError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"Email from {email.sender} dismissed.")
            return redirect(f"/casework/new-email/?mailbox={email.mailbox}")
    return _detail(request, email, 400, dismiss_form=form)


def _prefilled(email: InboundEmail) -> dict[str, Any]:
    sent = email.sent_at.astimezone(LONDON)
    return {
        "kind": "complaint",
        "channel": "email",
        "received_on": sent.date(),
        "received_time": sent.strftime("%H:%M"),  # as the field reads it back
        "person_name": email.from_name or email.from_email.partition("@")[0],
        "person_email": email.from_email,
        "summary": email.subject[:200],
        "description": email.body,
        "accepted": "yes",
    }


@login_required
def email_make_case(request: SignedInRequest, pk: int) -> HttpResponse:
    if not selectors.may_use_queue(request.user):
        return forbidden(request, NOT_ALLOWED)
    email = _visible_email(request, pk)
    if email.state != State.NEW:
        raise Http404("This email has already been dealt with")
    duplicates: list[Any] = []
    if request.method == "POST":
        form = LogCaseForm(request.POST)
        case, duplicates = log_posted_form(
            request,
            form,
            then=lambda case: services.email_made_case(email=email, by=request.user, case=case),
        )
        if case is not None:
            return redirect("staff:case", reference=case.reference)
        status = 400
    else:
        form, status = LogCaseForm(initial=_prefilled(email)), 200
    context = {"form": form, "duplicates": duplicates, "routes": routes_for_choosing()}
    context["email"] = email
    return render(request, "inbound/make_case.html", context, status=status)
