"""The register's list, a new entry, an entry's page, its access log and linking more of the
person's records. Every page that shows an entry logs the read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from redress.cases.models import Case, Person
from redress.cases.selectors import case_detail, cases_visible_to
from redress.cases.visibility import people_visible_to
from redress.core import clock
from redress.core.errors import RedressError
from redress.register import services
from redress.register.forms import EntryForm, LinkPeopleForm, detail_field
from redress.register.models import EntryRead, EntryStatus, ReadVia
from redress.register.selectors import entries_for, people_of, read_entries, status_label
from redress.register.views.common import entry_or_404, form_page, members_only
from redress.staff.views.common import add_service_error

LIST_LIMIT = 200
SEARCH_LIMIT = 30


@login_required
@members_only
@require_GET
def entry_list(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    entries = entries_for(request.user)
    current = read_entries(
        request.user, entries.filter(status=EntryStatus.ACTIVE)[:LIST_LIMIT], ReadVia.LIST
    )
    ended = read_entries(
        request.user, entries.exclude(status=EntryStatus.ACTIVE)[:LIST_LIMIT], ReadVia.LIST
    )
    for entry in current + ended:
        entry.shown_status = status_label(entry, today)  # type: ignore[attr-defined]  # for the template
    return render(request, "register/list.html", {"current": current, "ended": ended})


def _person_from(request: HttpRequest) -> tuple[Person | None, dict[str, Any]]:
    """The person record the entry starts from, when opened from a case page (``?case=``)."""
    reference = request.GET.get("case", "")
    case = case_detail(request.user, reference) if reference else None
    if case is None:
        return None, {}
    person = case.person
    return person, {
        "name": person.name,
        "email": person.email,
        "address": person.address,
        "person": person.pk,
    }


def _chosen_person(request: HttpRequest, data: dict[str, Any]) -> list[Person]:
    pk = data.get("person")
    if not pk or not 0 < pk < 2**63:
        return []
    # Only someone the person recording may see; a stale or altered id is ignored.
    return list(people_visible_to(request.user).filter(pk=pk))


def _new_entry(request: HttpRequest, form: EntryForm) -> services.NewEntry:
    data = form.cleaned_data
    return services.NewEntry(
        name=data["name"],
        email=data["email"],
        address=data["address"],
        behaviour=data["behaviour"],
        reasons=data["reasons"],
        decided_by=data["decided_by"],
        restrictions=form.chosen_restrictions(),
        contact=services.staff_contact(data["contact"]),
        starts_on=data["starts_on"],
        review_on=data["review_on"],
        visit_advice=data["visit_advice"],
        people=_chosen_person(request, data),
    )


@login_required
@members_only
def entry_new(request: HttpRequest) -> HttpResponse:
    person, initial = _person_from(request)
    status = 200
    if request.method == "POST":
        form = EntryForm(request.POST)
        if form.is_valid():
            try:
                entry = services.entry_create(by=request.user, new=_new_entry(request, form))
            except RedressError as error:
                # The service numbers the restrictions it was given; the form names them.
                kinds = form.cleaned_data["restrictions"]
                aliases = {f"restrictions.{i}.detail": detail_field(k) for i, k in enumerate(kinds)}
                add_service_error(form, error, aliases)
            else:
                messages.success(
                    request, f"{entry.name} added to the register. Now send the notice."
                )
                return redirect("register:entry", pk=entry.pk)
        status = 400
    else:
        initial["decided_by"] = request.user.display_name  # type: ignore[union-attr]
        initial["starts_on"] = clock.today()
        form = EntryForm(initial=initial)
    context = {"form": form, "person": person}
    return render(request, "register/entry_new.html", context, status=status)


def _visible_cases(request: HttpRequest, people: list[Person]) -> dict[int, list[Case]]:
    cases: dict[int, list[Case]] = {p.pk: [] for p in people}
    for case in cases_visible_to(request.user).filter(person__in=people).order_by("-received_at"):
        cases[case.person_id].append(case)
    return cases


@login_required
@members_only
@require_GET
def entry_page(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_or_404(request, pk)
    people = people_of(request.user, entry)
    cases = _visible_cases(request, people)
    for person in people:
        person.shown_cases = cases[person.pk]  # type: ignore[attr-defined]  # for the template
    context = {
        "entry": entry,
        "status": status_label(entry),
        "in_force": entry.status == EntryStatus.ACTIVE,
        "people": people,
        "notices": list(entry.notices.select_related("message", "sent_by")),
        "appeals": list(entry.appeals.select_related("recorded_by", "decided_by")),
        "open_appeal": entry.appeals.filter(outcome="").exists(),
        "reviews": list(entry.reviews.select_related("by")),
        "briefings": list(entry.briefings.select_related("by")),
        "events": list(entry.events.select_related("actor")[:200]),
        "reads": entry.reads.count(),
    }
    return render(request, "register/entry.html", context)


@login_required
@members_only
@require_GET
def access_log(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_or_404(request, pk, ReadVia.ACCESS_LOG)
    reads = EntryRead.objects.filter(entry=entry).select_related("who")[:1000]
    return render(request, "register/access_log.html", {"entry": entry, "reads": reads})


def _search(request: HttpRequest) -> tuple[str, list[Person]]:
    query = request.GET.get("q", "").strip()[:200]
    if len(query) < 2:
        return query, []
    found = people_visible_to(request.user).filter(
        Q(name__icontains=query) | Q(email__iexact=query) | Q(address__icontains=query)
    )
    return query, list(found.order_by("name", "pk")[:SEARCH_LIMIT])


@login_required
@members_only
def link_people(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_or_404(request, pk)
    query, found = _search(request)
    posted = request.POST.getlist("people") if request.method == "POST" else []
    candidates = found or list(
        people_visible_to(request.user).filter(pk__in=[int(p) for p in posted if p.isdigit()][:50])
    )
    choices = [
        (str(p.pk), f"{p.name}, {p.email or 'no email'}, {p.address or 'no address'}")
        for p in candidates
    ]

    def perform(data: dict[str, Any]) -> str:
        people = people_visible_to(request.user).filter(pk__in=[int(p) for p in data["people"]])
        added = services.entry_link_people(entry=entry, by=request.user, people=people)
        return f"{added} person record{'s' if added != 1 else ''} linked to the entry."

    return form_page(
        request,
        form=lambda *a, **k: LinkPeopleForm(*a, choices=choices, **k),
        perform=perform,
        context={"entry": entry, "query": query, "searched": len(query) >= 2, "found": found},
        done_url=reverse("register:entry", args=[entry.pk]),
        template="register/link_people.html",
    )
