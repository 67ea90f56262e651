"""The self-assessment against the Complaint Handling Code: each provision, what the data says
about it, and the officers' own words where the data cannot say."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery

from redress.cases.kinds import Kind, Outcome
from redress.cases.models import Case, CaseStage
from redress.core.words import counted, was_were
from redress.reporting.content import pct
from redress.reporting.measures import (
    remedies,
    share,
    stage_figures,
    stages_of_cases,
)
from redress.reporting.models import ReportNote

if TYPE_CHECKING:
    from redress.reporting.figures import Figures


@dataclass(frozen=True)
class Provision:
    key: str
    section: str
    title: str


PROVISIONS = (
    Provision("definition", "1", "Complaints are defined as the Code defines them"),
    Provision("exclusions", "4", "Complaints are accepted unless there is a valid reason"),
    Provision("accessibility", "3", "The process is easy to find and to use, with adjustments"),
    Provision("acknowledge", "5", "Stage 1 complaints are acknowledged within 5 working days"),
    Provision("stage1", "5", "Stage 1 answers within 10 working days of acknowledgement"),
    Provision("stage2", "6", "Stage 2 answers within 20 working days of acknowledgement"),
    Provision("independent", "6", "Stage 2 is handled by someone other than the stage 1 handler"),
    Provision("extensions", "5-6", "Extensions are explained and kept within the limits"),
    Provision("complaint_definition", "5", "Each stage records what the complaint is about"),
    Provision("remedies", "7", "Remedies are put right and followed to completion"),
    Provision("learning", "8-9", "Learning from complaints is reported and acted on"),
)

# Sections of the annual report that only officers can write.
NARRATIVE_SECTIONS = {
    "qualitative": "Qualitative analysis",
    "non_compliance": "Findings of non-compliance with the Code",
    "service_improvements": "Service improvements made from learning",
    "ombudsman_letter": "The Ombudsman's annual letter",
    "governing_body_response": "The governing body's response",
}


def _figure(part: int, whole: int, what: str) -> str:
    shown = share(part, whole)
    return f"{part} of {whole} {what} ({shown}%)" if shown is not None else f"No {what} yet."


def same_handler_count(complaints: QuerySet[Case]) -> tuple[int, int]:
    """(stage 2s with a handler, of which handled by the stage 1 handler)."""
    first_handler = CaseStage.objects.filter(case_id=OuterRef("case_id"), number=1).values(
        "handler_id"
    )[:1]
    figures = (
        stages_of_cases(complaints)
        .filter(number=2, handler__isnull=False)
        .annotate(first=Subquery(first_handler))
        .order_by()
        .aggregate(handled=Count("id"), same=Count("id", filter=Q(handler_id=F("first"))))
    )
    return figures["handled"], figures["same"]


def evidence(
    cases: QuerySet[Case], today: dt.date, stored: Figures | None = None
) -> dict[str, str]:
    """One sentence of evidence per provision that the data speaks to.

    ``stored`` are the same cases' figures from the figures store, when the caller has them:
    the counts then come from there and only the rest is read from ``cases``.
    """
    complaints = cases.filter(kind=Kind.COMPLAINT)
    if stored is None:
        figures = stage_figures(complaints, today)
        refused = complaints.filter(outcome=Outcome.NOT_ACCEPTED).count()
        received = complaints.count()
    else:
        figures = stored.stage_figures(Kind.COMPLAINT)
        refused = stored.outcomes(Kind.COMPLAINT)[Outcome.NOT_ACCEPTED]
        received = stored.received(Kind.COMPLAINT)
    stages = {f.key: f for f in figures}
    s1, s2 = stages.get("stage1"), stages.get("stage2")
    handled, same = same_handler_count(complaints)
    extended = sum(f.extended for f in stages.values())
    opened = sum(f.opened for f in stages.values())
    defined = sum(f.defined for f in stages.values())
    given = remedies(complaints)
    found: dict[str, str] = {
        "exclusions": f"{refused:,} of {counted(received, 'complaint')} "
        f"{was_were(refused)} not accepted.",
        "independent": (
            f"{same:,} of {counted(handled, 'stage 2 complaint')} with a handler "
            f"{was_were(same)} handled by the stage 1 handler; the system refuses such an "
            "assignment."
        ),
        "extensions": (
            f"{extended:,} of {counted(opened, 'complaint stage')} {was_were(extended)} "
            "extended; every extension has a recorded reason and the system refuses one beyond "
            "the procedure's limit."
        ),
        "complaint_definition": _figure(defined, opened, "complaint stages recorded a definition"),
        "remedies": (
            f"{counted(sum(r.given for r in given), 'remedy', 'remedies')} given, "
            f"{sum(r.completed for r in given)} recorded as completed, "
            f"{sum(r.overdue for r in given)} overdue."
        ),
    }
    if s1:
        found["acknowledge"] = _figure(
            s1.acknowledged_within_target, s1.acknowledge_measurable, "acknowledged in time"
        )
        found["stage1"] = (
            _figure(s1.responded_within_target, s1.respond_measurable, "answered in time")
            + f" With agreed extensions: {pct(s1.responded_extended_share)}."
        )
    if s2:
        found["stage2"] = (
            _figure(s2.responded_within_target, s2.respond_measurable, "answered in time")
            + f" With agreed extensions: {pct(s2.responded_extended_share)}."
        )
    return found


@dataclass(frozen=True)
class AssessedProvision:
    provision: Provision
    evidence: str
    compliance: str
    text: str


def self_assessment(
    cases: QuerySet[Case], year: int, today: dt.date, stored: Figures | None = None
) -> list[AssessedProvision]:
    found = evidence(cases, today, stored)
    notes = {n.key: n for n in ReportNote.objects.filter(year=year)}
    return [
        AssessedProvision(
            provision=p,
            evidence=found.get(p.key, "The data does not show this; see the officers' assessment."),
            compliance=notes[p.key].get_compliance_display() if p.key in notes else "",
            text=notes[p.key].text if p.key in notes else "",
        )
        for p in PROVISIONS
    ]


def narrative(year: int) -> dict[str, str]:
    notes = dict(
        ReportNote.objects.filter(year=year, key__in=NARRATIVE_SECTIONS).values_list("key", "text")
    )
    return {key: notes.get(key, "") for key in NARRATIVE_SECTIONS}
