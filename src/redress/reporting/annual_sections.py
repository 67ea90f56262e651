"""The sections only the annual report has."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet

from redress.cases.kinds import Kind, NotAcceptedReason, RemedyType
from redress.cases.models import Case
from redress.core.words import counted
from redress.elsewhere.models import SHORT_LABELS, Destination, RoutedElsewhere
from redress.ombudsman.models import Body
from redress.reporting import assessment, code_evidence, measures, statutory
from redress.reporting import ombudsman as ombudsman_figures
from redress.reporting.charts import Bar
from redress.reporting.content import Chart, Section, Table
from redress.reporting.figures import Figures
from redress.reporting.periods import quarters_of
from redress.reporting.sections import timeliness_table


@dataclass(frozen=True)
class Assessed:
    section: Section
    missing: list[str]  # what the report page should say is not yet done


def self_assessment_section(cases: QuerySet[Case], year: int, figures: Figures) -> Assessed:
    assessed = assessment.self_assessment(cases, year, figures.today, figures)
    rows = [
        [
            a.provision.number,
            a.provision.summary,
            a.compliance,  # blank until assessed: the page names those still to assess
            code_evidence.in_a_document(a.evidence),
            a.text,
        ]
        for a in assessed
    ]
    unassessed = sum(1 for a in assessed if not a.compliance)
    left_blank = (
        "has no compliance assessment yet, so its “Compliant” cell is left blank"
        if unassessed == 1
        else "have no compliance assessment yet, so their “Compliant” cells are left blank"
    )
    missing = (
        [f"Self-assessment: {unassessed:,} of {counted(len(assessed), 'provision')} {left_blank}"]
        if unassessed
        else []
    )
    complied = sum(1 for a in assessed if a.compliance == "Yes")
    section = Section(
        heading="Self-assessment against the Complaint Handling Code",
        paragraphs=[
            f"Assessed against {assessment.CODES[assessment.chosen_code()]}: compliant with "
            f"{complied:,} of {counted(len(assessed), 'provision')}. The summaries of the "
            "provisions are ours; the Code itself is published by the Ombudsman."
        ],
        tables=[
            Table(
                "Self-assessment",
                ["Provision", "What it asks", "Compliant", "What the data shows", "Commentary"],
                rows,
            )
        ],
    )
    return Assessed(section, missing)


def quarters_section(user: Any, year: int, today: dt.date) -> Section:
    rows = []
    for q in quarters_of(year):
        by_kind = Figures(user, q, today).received_by_kind()
        rows.append(
            [
                q.label,
                str(by_kind[Kind.COMPLAINT]),
                str(by_kind[Kind.COMPLIMENT]),
                str(sum(by_kind.values())),
            ]
        )
    return Section(
        heading="Quarter by quarter",
        chart=Chart(
            "Complaints received per quarter",
            [Bar(r[0], int(r[1])) for r in rows],
            value_label="Complaints received",
            category_label="Quarter",
        ),
        tables=[
            Table(
                "Cases received per quarter",
                ["Quarter", "Complaints", "Compliments", "All cases"],
                rows,
            )
        ],
    )


def refused_section(figures: Figures) -> Section:
    labels = dict(NotAcceptedReason.choices)
    counted = figures.not_accepted_reasons(Kind.COMPLAINT)
    return Section(
        heading="Types of complaint not accepted",
        paragraphs=[] if counted else ["No complaints were refused."],
        tables=[
            Table(
                "Complaints not accepted, by reason",
                ["Reason", "Complaints"],
                [[str(labels[r]), str(n)] for r, n in counted.items()],
            )
        ]
        if counted
        else [],
    )


def routed_by_destination(cases: QuerySet[Case]) -> dict[str, int]:
    """Complaints among ``cases`` closed as handled under another procedure, per destination.

    Read from the routings' side, which are few: each probes its case by key. A routed case
    that was reopened no longer has the reason, so it is not counted."""
    in_scope = cases.order_by().filter(
        pk=OuterRef("case_id"),
        kind=Kind.COMPLAINT,
        not_accepted_reason=NotAcceptedReason.OTHER_PROCEDURE,
    )
    rows = (
        RoutedElsewhere.objects.filter(Exists(in_scope))
        .order_by()
        .values_list("destination")
        .annotate(n=Count("id"))
    )
    found = dict(rows)
    return {d: found[d] for d in Destination.values if found.get(d)}


def handled_elsewhere_section(cases: QuerySet[Case], figures: Figures) -> Section:
    total = figures.not_accepted_reasons(Kind.COMPLAINT).get(NotAcceptedReason.OTHER_PROCEDURE, 0)
    routed = routed_by_destination(cases)
    rows = [[SHORT_LABELS[Destination(d)], str(n)] for d, n in routed.items()]
    unrecorded = total - sum(routed.values())
    if unrecorded > 0:
        rows.append(["Not accepted for this reason, with no routing recorded", str(unrecorded)])
    heading = "Complaints handled under another procedure"
    if not total:
        return Section(heading, ["No complaints were handled under another procedure."])
    return Section(
        heading=heading,
        paragraphs=[
            f"{counted(total, 'complaint')} belonged to another procedure and went there "
            "instead: complaints about an elected Member to the Monitoring Officer under the "
            "standards regime, about an individual senior officer to Human Resources, and "
            "others to another organisation or statutory procedure."
        ],
        tables=[
            Table("Complaints handled under another procedure", ["Went to", "Complaints"], rows)
        ],
    )


def remedies_section(cases: QuerySet[Case]) -> Section:
    labels = dict(RemedyType.choices)
    given = measures.remedies(cases)
    return Section(
        heading="Remedies",
        paragraphs=[] if given else ["No remedies were recorded."],
        tables=[
            Table(
                "Remedies by type",
                ["Remedy", "Given", "Completed", "Overdue", "Amount (£)"],
                [
                    [
                        str(labels[r.type]),
                        str(r.given),
                        str(r.completed),
                        str(r.overdue),
                        f"{r.amount:.2f}",
                    ]
                    for r in given
                ],
            )
        ]
        if given
        else [],
    )


def statutory_section(figures: Figures, cases: QuerySet[Case]) -> Section:
    """A summary; each procedure's own annual report is a document of its own
    (``statutory_reports``)."""
    adults = statutory.adult_social_care_from(figures)
    adults_referred = ombudsman_figures.referred(
        cases,
        body=Body.LGSCO,
        case__procedure_version__procedure__slug=statutory.ADULT_SOCIAL_CARE,
    )
    children = figures.stage_figures(procedure=statutory.CHILDRENS_SOCIAL_CARE)
    return Section(
        heading="Social care complaints",
        paragraphs=[
            f"Adult social care: {counted(adults.received, 'complaint')} received, "
            f"{adults.well_founded:,} well-founded (upheld or partly upheld); "
            f"{adults_referred:,} taken to the Local Government and Social Care Ombudsman.",
            "The children's and adults' statutory annual reports give the full figures.",
        ],
        tables=[timeliness_table(children, "Children's social care: timeliness per stage")],
    )
