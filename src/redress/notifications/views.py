"""The post room: letters for people with no email address, listed and printed by officers.

Only the letters of cases the officer may see: a restricted case's letters are printed by
someone granted access to it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from redress.cases.models import Case
from redress.cases.permissions import can_log
from redress.cases.services.adjustments import needs_large_print
from redress.cases.services.timeline import record_event
from redress.cases.visibility import messages_visible_to
from redress.core import clock
from redress.notifications.models import OutboundMessage

PAGE_SIZE = 50
LETTER = OutboundMessage.Channel.LETTER
POST_ROOM = OutboundMessage.State.POST_ROOM


def _officer_only(request: HttpRequest) -> None:
    if not can_log(request.user):
        raise PermissionDenied("Only complaints officers and administrators use the post room.")


@login_required
def post_room(request: HttpRequest) -> HttpResponse:
    _officer_only(request)
    after = request.GET.get("after", "")
    letters = messages_visible_to(request.user).filter(channel=LETTER, state=POST_ROOM)
    letters = letters.order_by("id")
    if after.isdigit():
        letters = letters.filter(pk__gt=int(after))
    page = list(letters.select_related("case")[: PAGE_SIZE + 1])
    more = len(page) > PAGE_SIZE
    page = page[:PAGE_SIZE]
    return render(
        request,
        "notifications/post_room.html",
        {"letters": page, "next_after": page[-1].pk if more else None},
    )


def _letter(request: HttpRequest, pk: int) -> OutboundMessage:
    """The letter if its case is one the person may see; otherwise 404, like a letter that
    does not exist, so sequential ids reveal nothing about restricted cases."""
    return get_object_or_404(messages_visible_to(request.user), pk=pk, channel=LETTER)


@login_required
def letter_print(request: HttpRequest, pk: int) -> HttpResponse:
    _officer_only(request)
    letter = _letter(request, pk)
    return render(
        request,
        "notifications/letter_print.html",
        {
            "letter": letter,
            "address_lines": letter.recipient_address.splitlines(),
            "large_print": letter.case is not None and needs_large_print(letter.case),
        },
    )


@login_required
@require_POST
def letter_printed(request: HttpRequest, pk: int) -> HttpResponse:
    _officer_only(request)
    with transaction.atomic():
        letter = _letter(request, pk)
        changed = OutboundMessage.objects.filter(pk=pk, state=POST_ROOM).update(
            state=OutboundMessage.State.PRINTED, printed_at=clock.now()
        )
        if changed and letter.case_id:
            record_event(
                changes_case=False,
                case=Case(pk=letter.case_id),
                actor=request.user,
                kind="letter_printed",
                summary=f"Letter printed for post: {letter.subject}",
                message=letter.pk,
            )
    return redirect("notifications:post_room")
