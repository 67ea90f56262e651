"""Subject access pages: find the person, see what is held, withhold items, download the
export and read the log of exports made. Complaints officers and administrators only; a
person whose every case the officer may not see is "not found"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from redress.cases.models import Case, Person
from redress.cases.permissions import can_disclose
from redress.core.errors import RedressError
from redress.disclosure import services
from redress.disclosure.forms import ExemptionForm, FindPersonForm
from redress.disclosure.items import withholdable_items
from redress.disclosure.models import Exemption, SubjectAccessExport
from redress.disclosure.register_part import INCLUDED, NOT_INCLUDED
from redress.disclosure.subjects import (
    acted_as_representative,
    find_people,
    person_for,
    subject_cases,
    subject_records,
)
from redress.register.selectors import is_member
from redress.staff.views.common import add_service_error

EXPORTS_SHOWN = 50


def _discloser(request: HttpRequest) -> None:
    if not can_disclose(request.user):
        raise Http404("Page not found")


def _person(request: HttpRequest, pk: int) -> Person:
    _discloser(request)
    person = person_for(request.user, pk)
    if person is None:
        raise Http404("No person with that id that you can see")
    return person


@login_required
def find(request: HttpRequest) -> HttpResponse:
    _discloser(request)
    form = FindPersonForm(request.GET or None)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    people = find_people(request.user, text)
    return render(
        request, "disclosure/find.html", {"form": form, "people": people, "searched": text}
    )


def _cases(request: HttpRequest, person: Person) -> tuple[list[Person], list[Case]]:
    people = subject_records(request.user, person)
    return people, list(subject_cases(request.user, people))


@login_required
def person_page(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    people, cases = _cases(request, person)
    exemptions = Exemption.objects.filter(case__in=[c.pk for c in cases]).select_related(
        "case", "recorded_by"
    )
    exports = SubjectAccessExport.objects.filter(person__in=[p.pk for p in people])
    context = {
        "person": person,
        "people": people,
        "cases": [c for c in cases if not acted_as_representative(c, people)],
        "represented": [c for c in cases if acted_as_representative(c, people)],
        "exemptions": list(exemptions),
        "exports": list(exports.select_related("made_by")[:EXPORTS_SHOWN]),
        "register_note": INCLUDED if is_member(request.user) else NOT_INCLUDED,
    }
    return render(request, "disclosure/person.html", context)


@login_required
@require_POST
def export(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    content, name = services.export_make(person=person, by=request.user, via="page")
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _choices(cases: list[Case]) -> list[tuple[str, str]]:
    return [
        (f"{case.pk}/{item.key}", f"{case.reference}: {item.label}")
        for case in cases
        for item in withholdable_items(case)
    ]


@login_required
def exemption_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    _people, cases = _cases(request, person)
    choices = _choices(cases)
    status = 200
    if request.method == "POST":
        form = ExemptionForm(request.POST, choices=choices)
        if form.is_valid():
            case_id, _, item = form.cleaned_data["item"].partition("/")
            case = next(c for c in cases if str(c.pk) == case_id)
            try:
                with transaction.atomic():
                    services.exemption_add(
                        case=case, by=request.user, item=item, reason=form.cleaned_data["reason"]
                    )
            except RedressError as error:
                add_service_error(form, error)
            else:
                messages.success(request, "Exemption recorded: it is left out of exports.")
                return redirect("disclosure:person", pk=person.pk)
        status = 400
    else:
        form = ExemptionForm(choices=choices)
    context: dict[str, Any] = {"person": person, "form": form}
    return render(request, "disclosure/exemption.html", context, status=status)


@login_required
@require_POST
def exemption_remove(request: HttpRequest, pk: int, exemption: int) -> HttpResponse:
    person = _person(request, pk)
    _people, cases = _cases(request, person)
    row = None
    if 0 < exemption < 2**63:
        row = Exemption.objects.filter(pk=exemption, case__in=[c.pk for c in cases]).first()
    if row is None:
        raise Http404("No such exemption")
    services.exemption_remove(exemption=row, by=request.user)
    messages.success(request, "Exemption removed: the item is included in exports again.")
    return redirect("disclosure:person", pk=person.pk)
