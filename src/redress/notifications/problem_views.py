"""Pages for delivery problems: one per message, offering "send again" and "mark as
delivered". Reached from the Delivery problems section on My work."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from redress.core.errors import InvalidInput, RedressError
from redress.notifications.delivery import message_id_for
from redress.notifications.models import OutboundMessage
from redress.notifications.problems import (
    NOTE_MAX,
    message_mark_delivered,
    message_send_again,
    problem_for,
)


class MarkDeliveredForm(forms.Form):
    note = forms.CharField(
        label="How do you know it arrived?",
        help_text="For example: the mail server's log shows it was accepted, or the person "
        "told us on the phone that they have it.",
        widget=forms.Textarea,
        max_length=NOTE_MAX,
        error_messages={
            "required": "Enter how you know the message arrived",
            "max_length": f"How you know the message arrived must be {NOTE_MAX} characters or "
            "fewer",
        },
    )


def _problem(request: HttpRequest, pk: int) -> OutboundMessage:
    """The message if it is a problem this person may settle; otherwise 404, so nothing about
    a case they cannot see is revealed."""
    message = problem_for(request.user, pk)
    if message is None:
        raise Http404("No delivery problem with that number that you can settle")
    return message


def _page(
    request: HttpRequest, message: OutboundMessage, form: MarkDeliveredForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "notifications/problem.html",
        {"message": message, "message_id": message_id_for(message), "form": form},
        status=status,
    )


@never_cache
@login_required
def problem(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _problem(request, pk), MarkDeliveredForm())


def _gone(request: HttpRequest, error: RedressError) -> HttpResponse:
    messages.warning(request, error.message)
    return redirect("staff:my_work")


@never_cache
@login_required
@require_POST
def send_again(request: HttpRequest, pk: int) -> HttpResponse:
    message = _problem(request, pk)
    try:
        message_send_again(message=message, by=request.user)
    except RedressError as error:
        return _gone(request, error)
    messages.success(request, f"“{message.subject}” will be sent again in the next minute.")
    return redirect("staff:my_work")


@never_cache
@login_required
@require_POST
def mark_delivered(request: HttpRequest, pk: int) -> HttpResponse:
    message = _problem(request, pk)
    form = MarkDeliveredForm(request.POST)
    if not form.is_valid():
        return _page(request, message, form, status=400)
    try:
        message_mark_delivered(message=message, by=request.user, note=form.cleaned_data["note"])
    except InvalidInput as error:
        form.add_error("note", error.message)
        return _page(request, message, form, status=400)
    except RedressError as error:
        return _gone(request, error)
    messages.success(request, f"“{message.subject}” is recorded as delivered.")
    return redirect("staff:my_work")
