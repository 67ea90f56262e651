"""Pages where administrators enter what the reports need and the data cannot know: the
number of homes (for CH01), and the Ombudsman's annual review figures with the neighbour
group the annual report compares us with."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from redress.accounts.models import Role
from redress.cases.permissions import role_of
from redress.core.dates import long_date
from redress.core.words import counted
from redress.reporting import benchmarks
from redress.reporting.forms import BenchmarkUploadForm, HomesCountForm, NeighboursForm
from redress.reporting.models import BenchmarkFigure, BenchmarkNeighbour, HomesCount
from redress.reporting.periods import fy_label

SHOWN_COUNTS = 40  # a few a year: the latest ten years and more


def administrators_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if role_of(request.user) != Role.ADMINISTRATOR:
            raise PermissionDenied("Only administrators enter these figures.")
        return view(request, *args, **kwargs)

    return checked


@require_http_methods(["GET", "POST"])
@administrators_only
def homes(request: HttpRequest) -> HttpResponse:
    form = HomesCountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        on, count = form.cleaned_data["on"], form.cleaned_data["count"]
        HomesCount.objects.update_or_create(
            on=on, defaults={"count": count, "updated_by": request.user}
        )
        messages.success(request, f"Saved: {counted(count, 'home')} from {long_date(on)}.")
        return redirect("reporting:homes")
    rows = [(long_date(h.on), h.count) for h in HomesCount.objects.all()[:SHOWN_COUNTS]]
    return render(
        request,
        "reporting/homes.html",
        {"form": form, "rows": rows},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@administrators_only
def benchmarking(request: HttpRequest) -> HttpResponse:
    upload = BenchmarkUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and upload.is_valid():
        year = upload.cleaned_data["year"]
        try:
            rows = benchmarks.read_csv(upload.cleaned_data["file"].read())
        except benchmarks.BenchmarkFileError as error:
            problems = error.problems
        else:
            imported = benchmarks.import_year(year, rows, request.user)
            messages.success(
                request,
                f"Imported the figures of {counted(imported, 'organisation')} for "
                f"{fy_label(year)}. Nothing else was changed.",
            )
            return redirect("reporting:benchmarking")
    return render(
        request,
        "reporting/benchmarking.html",
        {**_benchmark_context(), "form": upload, "problems": problems},
        status=400 if request.method == "POST" else 200,
    )


def _organisations() -> list[str]:
    names = BenchmarkFigure.objects.order_by("organisation").values_list("organisation", flat=True)
    return list(names.distinct())


def _benchmark_context() -> dict[str, Any]:
    years = list(
        BenchmarkFigure.objects.order_by("-year").values_list("year", flat=True).distinct()[:10]
    )
    not_found = benchmarks.ours_not_found(years)
    return {
        "years": [(fy_label(y), BenchmarkFigure.objects.filter(year=y).count()) for y in years],
        "ours": benchmarks.our_name(),
        "not_found": not_found,
        "not_found_years": [fy_label(y) for y in not_found.years] if not_found else [],
        "neighbours": list(BenchmarkNeighbour.objects.values_list("organisation", flat=True)),
    }


MAX_FILTER = 100  # longer than any organisation's name worth typing


def _name_filter(request: HttpRequest) -> str:
    return " ".join(request.GET.get("filter", "").split())[:MAX_FILTER]


def _chosen_first(organisations: list[str], chosen: list[str]) -> list[str]:
    """The chosen neighbours (of those imported) first, then the rest alphabetically, so the
    ticked boxes are not lost among some 400 a year."""
    picked = set(chosen)
    return sorted(n for n in organisations if n in picked) + [
        n for n in organisations if n not in picked
    ]


def _shown(listed: list[str], chosen: list[str], name_filter: str) -> list[str]:
    """The names a filter leaves listed: every chosen neighbour, whatever the filter, so
    saving from a filtered list never drops one, and the others whose name contains it."""
    wanted, picked = name_filter.casefold(), set(chosen)
    return [n for n in listed if n in picked or wanted in n.casefold()]


def _show_only(form: NeighboursForm, names: list[str]) -> None:
    # Only the list shown is narrowed: the form has already checked any answer against
    # every imported name, so ticks posted from a filtered list are read the same.
    field = form.fields["neighbours"]
    assert isinstance(field, forms.MultipleChoiceField)
    field.choices = [(name, name) for name in names]


def _listing_summary(imported: int, chosen: int, others: int, name_filter: str) -> str:
    listed = f"{counted(chosen, 'chosen neighbour')}, listed first"
    if not name_filter:
        return f"{counted(imported, 'organisation')} in the imported figures: {listed}."
    return (
        f"Showing the {counted(chosen, 'chosen neighbour')} and "
        f"{counted(others, 'other organisation')} whose name contains “{name_filter}”, of "
        f"{counted(imported, 'organisation')} in the imported figures."
    )


@require_http_methods(["GET", "POST"])
@administrators_only
def neighbours(request: HttpRequest) -> HttpResponse:
    chosen = list(BenchmarkNeighbour.objects.values_list("organisation", flat=True))
    organisations = _chosen_first(_organisations(), chosen)
    form = NeighboursForm(
        request.POST or None, initial={"neighbours": chosen}, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            BenchmarkNeighbour.objects.all().delete()
            BenchmarkNeighbour.objects.bulk_create(
                BenchmarkNeighbour(organisation=name) for name in form.cleaned_data["neighbours"]
            )
        messages.success(
            request, f"Saved: {counted(len(form.cleaned_data['neighbours']), 'neighbour')}."
        )
        return redirect("reporting:benchmarking")
    name_filter = _name_filter(request)
    shown = _shown(organisations, chosen, name_filter)
    _show_only(form, shown)
    listed_chosen = len(set(chosen) & set(organisations))
    others = len(shown) - listed_chosen
    return render(
        request,
        "reporting/neighbours.html",
        {
            "form": form,
            "ours": benchmarks.our_name(),
            "filter": name_filter,
            "others": others,
            "summary": _listing_summary(len(organisations), listed_chosen, others, name_filter),
        },
        status=400 if request.method == "POST" else 200,
    )
