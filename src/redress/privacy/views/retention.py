"""Retention from the pages: the rules, the reports of what a run would do, the report's
cases (also as CSV) and applying it. A report lists only the cases the reader may see, and
says how many others it holds."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from redress.cases.visibility import within_visible_cases
from redress.core.dates import long_date
from redress.core.words import counted
from redress.privacy.forms import RetentionRuleForm
from redress.privacy.models import ItemState, RetentionItem, RetentionReport, RetentionRule
from redress.privacy.retention import report_apply, report_prepare
from redress.privacy.views.common import page_of, refuse_unless_allowed


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    refused = refuse_unless_allowed(request)
    if refused:
        return refused
    form = RetentionRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rule = form.save(commit=False)
        rule.updated_by = request.user
        rule.save()
        messages.success(request, f"Rule saved: {rule}.")
        return redirect("privacy:rules")
    return render(
        request,
        "privacy/rules.html",
        {"form": form, "rules": list(RetentionRule.objects.all())},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    refused = refuse_unless_allowed(request)
    if refused:
        return refused
    rule = get_object_or_404(RetentionRule, pk=pk)
    form = RetentionRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        rule = form.save(commit=False)
        rule.updated_by = request.user
        rule.save()
        messages.success(request, f"Rule saved: {rule}.")
        return redirect("privacy:rules")
    return render(
        request,
        "privacy/rule_edit.html",
        {"form": form, "rule": rule},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def rule_remove(request: HttpRequest, pk: int) -> HttpResponse:
    refused = refuse_unless_allowed(request)
    if refused:
        return refused
    rule = get_object_or_404(RetentionRule, pk=pk)
    rule.delete()
    messages.success(request, f"Rule removed: {rule.describe()}.")
    return redirect("privacy:rules")


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    refused = refuse_unless_allowed(request)
    if refused:
        return refused
    reports = RetentionReport.objects.select_related("created_by", "applied_by")
    return render(
        request,
        "privacy/reports.html",
        {"page": page_of(reports.order_by("-created_at", "-id"), request)},
    )


@login_required
@require_POST
def report_new(request: HttpRequest) -> HttpResponse:
    refused = refuse_unless_allowed(request)
    if refused:
        return refused
    if not RetentionRule.objects.exists():
        messages.error(request, "Add a retention rule first: with no rules no case is due.")
        return redirect("privacy:rules")
    report = report_prepare(by=request.user)
    return redirect("privacy:report", pk=report.pk)


def _visible_items(request: HttpRequest, report: RetentionReport) -> QuerySet[RetentionItem]:
    return within_visible_cases(report.items.all(), request.user)


def _counts(items: QuerySet[RetentionItem]) -> list[dict[str, object]]:
    rows = items.values("rule_label", "state").annotate(n=Count("pk")).order_by("rule_label")
    by_rule: dict[str, dict[str, int]] = {}
    for row in rows:
        by_rule.setdefault(row["rule_label"], {})[row["state"]] = row["n"]
    return [
        {"rule": rule, **{state: states.get(state, 0) for state in ItemState.values}}
        for rule, states in by_rule.items()
    ]


@login_required
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    refused = refuse_unless_allowed(request)
    if refused:
        return refused
    report = get_object_or_404(RetentionReport, pk=pk)
    items = _visible_items(request, report)
    state = request.GET.get("state", "")
    listed = items.filter(state=state) if state in ItemState.values else items
    listed = listed.select_related("case", "case__service").order_by("id")
    others = report.items.count() - items.count()
    context = {
        "report": report,
        "counts": _counts(items),
        "page": page_of(listed, request),
        "state": state,
        "states": ItemState.choices,
        "others": counted(others, "case") if others else "",
        "due": items.filter(state=ItemState.DUE).count(),
        "partly": not report.applied_at and items.filter(state=ItemState.DONE).exists(),
    }
    return render(request, "privacy/report.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_rows(items: QuerySet[RetentionItem]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(["Reference", "Kind", "Closed", "Rule", "What", "State"])
    rows = items.select_related("case").order_by("id")
    for item in rows.iterator(chunk_size=2000):
        yield writer.writerow(
            [
                item.case.reference,
                item.case.get_kind_display(),
                long_date(item.case.closed_on) if item.case.closed_on else "",
                item.rule_label,
                item.get_scope_display(),
                item.get_state_display(),
            ]
        )


@login_required
def report_csv(request: HttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    refused = refuse_unless_allowed(request)
    if refused:
        return refused
    report = get_object_or_404(RetentionReport, pk=pk)
    response = StreamingHttpResponse(
        _csv_rows(_visible_items(request, report)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="retention-report-{report.pk}.csv"'
    return response


# How long pressing "Anonymise the due cases" works before the page answers: a report of
# hundreds of thousands of cases is hours of work, which no request may take. What is left
# stays due, for the button again or the daily job.
PAGE_APPLY_SECONDS = 20.0


@login_required
@require_POST
def report_run(request: HttpRequest, pk: int) -> HttpResponse:
    refused = refuse_unless_allowed(request)
    if refused:
        return refused
    report = get_object_or_404(RetentionReport, pk=pk)
    # Applying again is harmless: only the cases still listed as due are taken.
    applied = report_apply(report, by=request.user, seconds=PAGE_APPLY_SECONDS)
    said = (
        f"{counted(applied.anonymised, 'case')} anonymised, "
        f"{counted(applied.skipped, 'case')} skipped."
    )
    if not applied.finished:
        said += (
            f" {counted(applied.left, 'case is', 'cases are')} still due: anonymise the due "
            "cases again to carry on."
        )
    messages.success(request, said)
    return redirect("privacy:report", pk=report.pk)
