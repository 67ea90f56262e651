"""What the governance group does to an entry: send the notice (and post a printed one),
record and decide appeals, record reviews and ward Member briefings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from redress.core import clock
from redress.core.errors import RedressError
from redress.notifications.models import OutboundMessage
from redress.register import appeals, notices, services, variations
from redress.register.forms import (
    AppealForm,
    BriefingForm,
    DecideAppealForm,
    NoticeForm,
    ReviewForm,
    VaryForm,
    detail_field,
)
from redress.register.models import Notice, RegisterEntry
from redress.register.views.common import entry_or_404, form_page, members_only

LETTER = OutboundMessage.Channel.LETTER


def _back(entry: RegisterEntry) -> str:
    return reverse("register:entry", args=[entry.pk])


def _channels(entry: RegisterEntry) -> list[tuple[str, str]]:
    channels = []
    if entry.email:
        channels.append((OutboundMessage.Channel.EMAIL.value, f"By email to {entry.email}"))
    if entry.address:
        one_line = ", ".join(line.strip() for line in entry.address.splitlines() if line.strip())
        channels.append((LETTER.value, f"By post to {one_line}"))
    return channels


@login_required
@members_only
def notice_send(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_or_404(request, pk)
    subject, body = notices.notice_text(entry)

    def perform(data: dict[str, Any]) -> str:
        notice = notices.notice_send(entry=entry, by=request.user, channel=data["channel"])
        if notice.message.channel == LETTER:
            return "Notice ready to print: print it from the entry and post it."
        return "Notice emailed."

    return form_page(
        request,
        form=lambda *a, **k: NoticeForm(*a, channels=_channels(entry), **k),
        perform=perform,
        context={
            "entry": entry,
            "subject": subject,
            "body": body,
            "no_channel": not _channels(entry),
        },
        done_url=_back(entry),
        template="register/notice.html",
    )


def _notice(entry: RegisterEntry, notice: int) -> Notice:
    if not 0 < notice < 2**63:
        raise Http404("No such notice")
    return get_object_or_404(Notice.objects.select_related("message"), entry=entry, pk=notice)


@login_required
@members_only
@require_GET
def notice_print(request: HttpRequest, pk: int, notice: int) -> HttpResponse:
    entry = entry_or_404(request, pk)
    found = _notice(entry, notice)
    if found.message.channel != LETTER:
        raise Http404("That notice was emailed")
    letter = found.message
    return render(
        request,
        "register/notice_print.html",
        {
            "entry": entry,
            "letter": letter,
            "address_lines": letter.recipient_address.splitlines(),
            "organisation_name": settings.REDRESS["ORGANISATION_NAME"],
        },
    )


@login_required
@members_only
@require_POST
def notice_posted(request: HttpRequest, pk: int, notice: int) -> HttpResponse:
    entry = entry_or_404(request, pk)
    found = _notice(entry, notice)
    try:
        notices.notice_mark_posted(notice=found, by=request.user)
    except RedressError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Notice recorded as printed and posted.")
    return redirect("register:entry", pk=entry.pk)


@login_required
@members_only
def appeal_new(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_or_404(request, pk)

    def perform(data: dict[str, Any]) -> str:
        appeals.appeal_record(
            entry=entry, by=request.user, received_on=data["received_on"], grounds=data["grounds"]
        )
        return "Appeal recorded. Decide it when the appeal has been considered."

    return form_page(
        request,
        form=AppealForm,
        perform=perform,
        context={"entry": entry, "title": "Record an appeal", "button": "Record appeal"},
        done_url=_back(entry),
        initial={"received_on": clock.today()},
    )


@login_required
@members_only
def appeal_decide(request: HttpRequest, pk: int, appeal: int) -> HttpResponse:
    entry = entry_or_404(request, pk)
    if not 0 < appeal < 2**63:
        raise Http404("No such appeal")
    found = get_object_or_404(entry.appeals, pk=appeal)

    def perform(data: dict[str, Any]) -> str:
        decided = appeals.appeal_decide(
            appeal=found,
            by=request.user,
            outcome=data["outcome"],
            decided_on=data["decided_on"],
            reasons=data["reasons"],
        )
        return f"Appeal decided: {decided.get_outcome_display().lower()}."

    return form_page(
        request,
        form=DecideAppealForm,
        perform=perform,
        context={
            "entry": entry,
            "appeal": found,
            "title": "Decide the appeal",
            "button": "Record decision",
            "warning": "The decision cannot be changed once recorded.",
        },
        done_url=_back(entry),
        initial={"decided_on": clock.today()},
    )


@login_required
@members_only
def review(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_or_404(request, pk)

    def perform(data: dict[str, Any]) -> str:
        done = services.entry_review(
            entry=entry,
            by=request.user,
            reviewed_on=data["reviewed_on"],
            outcome=data["outcome"],
            notes=data["notes"],
            next_review_on=data["next_review_on"],
        )
        return f"Review recorded: {done.get_outcome_display().lower()}."

    return form_page(
        request,
        form=ReviewForm,
        perform=perform,
        context={"entry": entry, "title": "Review the restrictions", "button": "Record review"},
        done_url=_back(entry),
        initial={"reviewed_on": clock.today()},
    )


@login_required
@members_only
def vary(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_or_404(request, pk)
    current = list(entry.restrictions.all())
    initial: dict[str, Any] = {
        "restrictions": [r.kind for r in current],
        "contact": entry.contact.username,
        "review_on": entry.review_on,
        **{detail_field(r.kind): r.detail for r in current},
    }
    holder: dict[str, VaryForm] = {}

    def make_form(*args: Any, **kwargs: Any) -> VaryForm:
        holder["form"] = VaryForm(*args, **kwargs)
        return holder["form"]

    def perform(data: dict[str, Any]) -> str:
        variations.entry_vary(
            entry=entry,
            by=request.user,
            restrictions=holder["form"].chosen_restrictions(),
            contact=services.staff_contact(data["contact"]),
            review_on=data["review_on"],
            reason=data["reason"],
        )
        return "Restrictions varied. Send the person a new notice if they need telling."

    return form_page(
        request,
        form=make_form,
        perform=perform,
        context={
            "entry": entry,
            "title": "Vary the restrictions",
            "button": "Save the changes",
            "intro": "Change the restrictions, the named contact or the review date. The "
            "change and its reason are kept in the entry's history.",
        },
        done_url=_back(entry),
        initial=initial,
        # The service numbers the restrictions it was given; the form names them.
        aliases={
            f"restrictions.{i}.detail": detail_field(kind)
            for i, kind in enumerate(request.POST.getlist("restrictions"))
        },
    )


@login_required
@members_only
def briefing_new(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_or_404(request, pk)

    def perform(data: dict[str, Any]) -> str:
        appeals.briefing_record(
            entry=entry,
            by=request.user,
            member=data["member"],
            briefed_on=data["briefed_on"],
            shared=data["shared"],
        )
        return "Briefing recorded."

    return form_page(
        request,
        form=BriefingForm,
        perform=perform,
        context={
            "entry": entry,
            "title": "Record a ward Member briefing",
            "button": "Record briefing",
            "intro": "Members are briefed in confidence: record which Member, when, and "
            "exactly what they were told.",
        },
        done_url=_back(entry),
        initial={"briefed_on": clock.today()},
    )
