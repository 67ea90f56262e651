"""The self-assessment pages: every provision of the chosen Code with what the data shows,
one page to assess a provision (compliance and commentary), one for the report's free-text
sections, and the Housing Ombudsman's annual-submission layout as a spreadsheet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from redress.reporting import assessment
from redress.reporting.assessment_document import assessment_document
from redress.reporting.exports import xlsx_file
from redress.reporting.figures import Figures
from redress.reporting.models import Compliance, ReportNote
from redress.reporting.periods import financial_year, fy_label
from redress.reporting.scope import can_edit_narrative, received_in, reportable_cases
from redress.reporting.statutory_reports import STATUTORY_NARRATIVE
from redress.reporting.views import (
    XLSX_TYPE,
    _render_report,
    _today,
    reports_access,
    writing_link,
)

MAX_NOTE_LENGTH = 10_000
NARRATIVE = {**assessment.NARRATIVE_SECTIONS, **STATUTORY_NARRATIVE}
# The columns of the Housing Ombudsman's self-assessment form (Appendix A of its Code), in its
# order; the requirement is our summary, as the Code's text is the Ombudsman's to publish.
SUBMISSION_HEADER = (
    "Code provision",
    "Code requirement (our summary)",
    "Comply: Yes/No",
    "Evidence",
    "Commentary / explanation",
)
COMPLY = {"Yes": "Yes", "Partly": "No", "No": "No"}


def _checked_year(request: HttpRequest, year: int) -> None:
    if not can_edit_narrative(request.user):
        raise PermissionDenied("Only the complaints team writes the self-assessment.")
    if not 2000 <= year <= _today().year:
        raise Http404("There is no report for that year.")


def _assessed(request: HttpRequest, year: int) -> list[assessment.AssessedProvision]:
    period, today = financial_year(year), _today()
    cases = received_in(reportable_cases(request.user), period)
    return assessment.self_assessment(cases, year, today, Figures(request.user, period, today))


# The reports whose written sections are kept here, by their URL names: saving the sections
# returns to the report the writer came from (a name from this list, never a URL they give).
WRITTEN_FOR = ("reporting:annual", "reporting:childrens", "reporting:adults")


def _written_for(request: HttpRequest) -> str:
    chosen = request.POST.get("report") or request.GET.get("report")
    return chosen if chosen in WRITTEN_FOR else WRITTEN_FOR[0]


@require_http_methods(["GET", "POST"])
@reports_access
def assessment_edit(request: HttpRequest, year: int) -> HttpResponse:
    """The provisions, each linked to its own form, and the free-text sections' form."""
    _checked_year(request, year)
    notes = dict(ReportNote.objects.filter(year=year, key__in=NARRATIVE).values_list("key", "text"))
    fields = [
        {"key": k, "label": label, "text": notes.get(k, ""), "error": ""}
        for k, label in NARRATIVE.items()
    ]
    errors: dict[str, str] = {}
    if request.method == "POST":
        for f in fields:
            f["text"] = request.POST.get(f"{f['key']}-text", "").strip()
            if len(f["text"]) > MAX_NOTE_LENGTH:
                f["error"] = errors[f"{f['key']}-text"] = (
                    f"{f['label']}: write {MAX_NOTE_LENGTH:,} characters or fewer."
                )
        if not errors:
            _save(year, [(f["key"], "", f["text"]) for f in fields], request.user)
            return redirect(f"{reverse(_written_for(request))}?year={year}")
    assessed = _assessed(request, year)
    context = {
        "year": year,
        "written_for": _written_for(request),
        "label": fy_label(year),
        "code": assessment.CODES[assessment.chosen_code()],
        "assessed": assessed,
        "unassessed": sum(1 for a in assessed if not a.compliance),
        "fields": fields,
        "errors": errors,
    }
    return render(request, "reporting/assessment.html", context, status=400 if errors else 200)


@require_GET
@reports_access
def assessment_document_view(request: HttpRequest, year: int) -> HttpResponse:
    """The self-assessment as a document of its own, with its Word and PDF downloads, for
    everyone who reads reports (each on the cases they may report on, as the annual report)."""
    if not 2000 <= year <= _today().year:
        raise Http404("There is no report for that year.")
    report = assessment_document(request.user, year, _today())
    context = {
        "download_query": "",
        **writing_link(request, year, "reporting:annual", "Assess the provisions"),
    }
    filename = f"self-assessment-{fy_label(year).replace('/', '-')}"
    return _render_report(request, report, filename, context)


@require_http_methods(["GET", "POST"])
@reports_access
def provision_edit(request: HttpRequest, year: int, number: str) -> HttpResponse:
    _checked_year(request, year)
    provision = next(
        (p for p in assessment.provisions(assessment.chosen_code()) if p.number == number), None
    )
    if provision is None:
        raise Http404("The Code has no such provision.")
    note = ReportNote.objects.filter(year=year, key=provision.key).first()
    values = {"compliance": note.compliance if note else "", "text": note.text if note else ""}
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = {
            "compliance": request.POST.get("compliance", ""),
            "text": request.POST.get("text", "").strip(),
        }
        if values["compliance"] not in Compliance.values:
            errors["compliance"] = "Compliant: choose yes, partly or no."
        if len(values["text"]) > MAX_NOTE_LENGTH:
            errors["text"] = f"Commentary: write {MAX_NOTE_LENGTH:,} characters or fewer."
        if not errors:
            _save(year, [(provision.key, values["compliance"], values["text"])], request.user)
            return redirect(f"/reports/annual/{year}/assessment/#p-{provision.number}")
    found = next(a for a in _assessed(request, year) if a.provision.number == number)
    context = {
        "year": year,
        "label": fy_label(year),
        "provision": provision,
        "evidence": found.evidence,
        "values": values,
        "errors": errors,
        "compliance_choices": Compliance.choices,
    }
    return render(request, "reporting/provision.html", context, status=400 if errors else 200)


@transaction.atomic
def _save(year: int, notes: list[tuple[str, str, str]], user: Any) -> None:
    for key, compliance, text in notes:
        ReportNote.objects.update_or_create(
            year=year,
            key=key,
            defaults={"text": text, "compliance": compliance, "updated_by": user},
        )


def submission_rows(assessed: list[assessment.AssessedProvision]) -> Iterator[tuple[str, ...]]:
    """The Housing Ombudsman's annual-submission layout: a heading row for each section, as
    the form has, then yes or no per provision with the evidence and commentary. "Partly" is
    not an answer the form takes, so it is "No", with the commentary saying it is partly met."""
    yield SUBMISSION_HEADER
    section = ""
    for a in assessed:
        if a.provision.section_number != section:
            section = a.provision.section_number
            yield (a.provision.section_heading, "", "", "", "")
        commentary = ("Partly met. " if a.compliance == "Partly" else "") + a.text
        yield (
            a.provision.number,
            a.provision.summary,
            COMPLY.get(a.compliance, ""),  # unanswered: the page counts these before download
            a.evidence,
            commentary,
        )


@require_GET
@reports_access
def submission(request: HttpRequest, year: int) -> FileResponse:
    _checked_year(request, year)
    rows = submission_rows(_assessed(request, year))
    return FileResponse(
        xlsx_file(rows, "Self-assessment"),
        as_attachment=True,
        filename=f"code-self-assessment-{fy_label(year).replace('/', '-')}.xlsx",
        content_type=XLSX_TYPE,
    )
