"""Erasure on request: find a person (among those the reader may see), see what erasing them
would change, and confirm with a reason."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from redress.cases.models import Attachment, Case, Correspondence, Person
from redress.cases.search import EMAIL_PATTERN, apply_text_search, search_words
from redress.cases.selectors import cases_visible_to
from redress.cases.visibility import people_visible_to
from redress.core.errors import RedressError
from redress.core.words import counted
from redress.notifications.models import OutboundMessage
from redress.privacy.anonymise import held_cases, person_anonymise
from redress.privacy.case_text import ANONYMISED_NAME
from redress.privacy.forms import PersonSearchForm, ReasonForm
from redress.privacy.models import ErasureLog
from redress.privacy.views.common import page_of, refuse_unless_allowed
from redress.staff.views.common import add_service_error


@login_required
def person_search(request: HttpRequest) -> HttpResponse:
    refused = refuse_unless_allowed(request)
    if refused:
        return refused
    form = PersonSearchForm(request.GET or None)
    page = None
    text = ""
    if form.is_valid() and form.cleaned_data["q"].strip():
        text = form.cleaned_data["q"].strip()
        page = page_of(_people_matching(request.user, text).order_by("name", "pk"), request)
    return render(request, "privacy/person_search.html", {"form": form, "page": page, "q": text})


def _people_matching(user: Any, text: str) -> QuerySet[Person]:
    """People the reader may see whose name has every word (or whose email is ``text``).
    The search index finds the cases naming them first, so this is an index lookup rather
    than a scan of every person; who may be seen is ``people_visible_to``'s."""
    cases = apply_text_search(Case.objects.all(), text)
    people = people_visible_to(user).filter(pk__in=cases.values("person_id"))
    people = people.exclude(name=ANONYMISED_NAME)
    if EMAIL_PATTERN.match(text):
        return people
    for word in search_words(text):
        people = people.filter(name__icontains=word)
    return people


def _visible_person(request: HttpRequest, pk: int) -> Person:
    person = people_visible_to(request.user).filter(pk=pk).first()
    if person is None:
        raise Http404("No person with that id that you can see")
    return person


def _what_changes(cases: QuerySet[Case]) -> list[str]:
    on_cases = Q(case__in=cases)
    return [
        f"Their name, email address, phone number, address and communication needs "
        f"on {counted(cases.count(), 'case')}",
        "The summary, description and outcome sought of each case, and any representative",
        counted(
            Correspondence.objects.filter(on_cases).count(), "note or letter", "notes and letters"
        )
        + " replaced, and every response draft emptied",
        f"{counted(Attachment.objects.filter(on_cases).count(), 'attachment')} deleted",
        f"{counted(OutboundMessage.objects.filter(on_cases).count(), 'message')} in the outbox "
        "emptied of recipient and text",
        "Their details taken out of each case's timeline; the events themselves stay",
    ]


@login_required
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    refused = refuse_unless_allowed(request)
    if refused:
        return refused
    person = _visible_person(request, pk)
    form = ReasonForm(
        request.POST or None,
        hint="For example, the request's date and reference. Do not write the person's name.",
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                log = person_anonymise(person, by=request.user, reason=form.cleaned_data["reason"])
            except RedressError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request, f"Personal data erased from {counted(log.cases, 'case')}."
                )
                return redirect("privacy:erasures")
        status = 400
    # What the reader may see of the person's cases; erasing is refused if that is not all.
    visible = cases_visible_to(request.user).filter(person=person)
    context = {
        "person": person,
        "form": form,
        "cases": list(visible.select_related("service").order_by("pk")),
        "changes": _what_changes(visible),
        "held": held_cases(visible),
    }
    return render(request, "privacy/person_erase.html", context, status=status)


@login_required
def erasure_log(request: HttpRequest) -> HttpResponse:
    refused = refuse_unless_allowed(request)
    if refused:
        return refused
    page = page_of(ErasureLog.objects.select_related("by").order_by("-at", "-id"), request)
    return render(request, "privacy/erasures.html", {"page": page})
