"""The statutory annual reports, each a document of its own: children's social care
(representations and complaints under the Children Act 1989 procedure, at each stage, with
timescales, outcomes and learning) and adult social care (the 2009 regulations' figures:
received, well-founded, referred to the LGSCO, subjects and improvements made)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from redress.cases.kinds import Outcome, RemedyType
from redress.cases.models import Case
from redress.cases.timeliness import stage_label
from redress.core.dates import long_date
from redress.core.words import counted, was_were
from redress.learning.models import LearningAction, LearningStatus
from redress.ombudsman.models import Body
from redress.reporting import measures, statutory
from redress.reporting import ombudsman as ombudsman_figures
from redress.reporting.charts import Bar
from redress.reporting.content import Chart, Report, Section, Table, organisation_name, pct
from redress.reporting.figures import Figures
from redress.reporting.models import ReportNote
from redress.reporting.periods import financial_year, fy_label
from redress.reporting.scope import received_in, reportable_cases
from redress.reporting.sections import timeliness_table

# What only officers can write for each report, kept as ReportNote rows for the year.
STATUTORY_NARRATIVE = {
    "childrens_learning": "Children's social care: learning from representations and complaints",
    "adults_improvements": "Adult social care: improvements made from complaints",
}
REPORTS = {
    "childrens": "Children's social care representations and complaints annual report",
    "adults": "Adult social care complaints annual report",
}


_BOTH = "representations and complaints"


def _note(year: int, key: str) -> list[str]:
    text = ReportNote.objects.filter(year=year, key=key).values_list("text", flat=True).first()
    blocks = (text or "").replace("\r\n", "\n").split("\n\n")
    return [b.strip() for b in blocks if b.strip()]


def _outcomes_table(outcomes: dict[str, int], caption: str) -> Table:
    labels = dict(Outcome.choices)
    return Table(
        caption,
        ["Outcome", "Cases"],
        [[str(labels[o]), str(n)] for o, n in outcomes.items() if o != Outcome.RESOLVED],
    )


def improvements_made(cases: QuerySet[Case], year: int, key: str) -> list[str]:
    """Service improvements from the year's complaints, as paragraphs to publish: the changes
    made through learning actions raised from these cases (the changes themselves, as
    "You said, we did" publishes them), the changes to policy or practice recorded as
    remedies (counts only), and what officers wrote."""
    changes = [r for r in measures.remedies(cases) if r.type == RemedyType.POLICY_CHANGE]
    learning = LearningAction.objects.filter(case__in=cases.values("pk"))
    done_learning = learning.filter(status=LearningStatus.DONE).order_by("completed_on", "pk")
    raised, completed = learning.count(), done_learning.count()
    given = sum(r.given for r in changes)
    done = sum(r.completed for r in changes)
    found = [
        f"{counted(given, 'change')} to policy, procedure or practice "
        f"{was_were(given)} agreed as remedies; {done:,} {'is' if done == 1 else 'are'} "
        "complete.",
        f"{counted(raised, 'learning action')} {was_were(raised)} raised from these "
        f"complaints; {completed:,} {'is' if completed == 1 else 'are'} done.",
    ]
    found += [
        f"Changed: {change}" for change in done_learning.values_list("change", flat=True)[:20]
    ]
    return found + _note(year, key)


def _report(kind: str, year: int, sections: list[Section], missing: list[str]) -> Report:
    period = financial_year(year)
    return Report(
        title=f"{REPORTS[kind]} {fy_label(year)}",
        subtitle=f"{organisation_name()}. {long_date(period.start)} to {long_date(period.end)}.",
        organisation=organisation_name(),
        sections=sections,
        missing=missing,
    )


def childrens_report(user: Any, year: int) -> Report:
    from redress.core import clock

    period = financial_year(year)
    figures = Figures(user, period, clock.today())
    procedure = statutory.CHILDRENS_SOCIAL_CARE
    stages = figures.stage_figures(procedure=procedure)
    cases = received_in(reportable_cases(user), period).filter(
        procedure_version__procedure__slug=procedure
    )
    learning = improvements_made(cases, year, "childrens_learning")
    received = figures.received(procedure=procedure)
    return _report(
        "childrens",
        year,
        [
            Section(
                "Representations and complaints received",
                [
                    f"{counted(received, 'representation or complaint', _BOTH)} "
                    f"{was_were(received)} received under the Children Act 1989 procedure.",
                    "Stage 1 is local resolution, stage 2 an investigation with an independent "
                    "person, stage 3 a review panel.",
                ],
                chart=Chart(
                    "Cases at each stage",
                    [Bar(stage_label(f.key), f.opened) for f in stages],
                    value_label="Cases",
                    category_label="Stage",
                ),
                tables=[timeliness_table(stages, "Each stage and its timescales")],
            ),
            Section(
                "Outcomes",
                tables=[_outcomes_table(figures.outcomes(procedure=procedure), "Latest outcomes")],
            ),
            Section("Learning and improvements", learning),
        ],
        [] if _note(year, "childrens_learning") else [_missing("childrens_learning")],
    )


def _missing(key: str) -> str:
    return f"{STATUTORY_NARRATIVE[key]}: not yet written; the figures are shown without it"


def adults_report(user: Any, year: int) -> Report:
    from redress.core import clock

    period = financial_year(year)
    figures = Figures(user, period, clock.today())
    procedure = statutory.ADULT_SOCIAL_CARE
    adults = statutory.adult_social_care_from(figures)
    cases = received_in(reportable_cases(user), period).filter(
        procedure_version__procedure__slug=procedure
    )
    referred = ombudsman_figures.referred(cases, body=Body.LGSCO)
    subjects = measures.received_by_category(cases)
    stages = figures.stage_figures(procedure=procedure)
    improvements = improvements_made(cases, year, "adults_improvements")
    return _report(
        "adults",
        year,
        [
            Section(
                "The year's figures",
                [
                    "The Local Authority Social Services and National Health Service "
                    "Complaints (England) Regulations 2009 ask for these figures each year.",
                    f"Acknowledged within 3 working days: "
                    f"{pct(stages[0].acknowledged_share) if stages else '–'}.",
                ],
                tables=[
                    Table(
                        "Complaints about adult social care",
                        ["Measure", "Complaints"],
                        [
                            ["Received", str(adults.received)],
                            ["Well-founded (upheld or partly upheld)", str(adults.well_founded)],
                            [
                                "Referred to the Local Government and Social Care Ombudsman",
                                str(referred),
                            ],
                        ],
                    )
                ],
            ),
            Section(
                "Subjects of complaints",
                chart=Chart(
                    "Complaints by subject",
                    [Bar(name, n) for name, n in subjects[:15]],
                    value_label="Complaints",
                    category_label="Subject",
                ),
                tables=[
                    Table(
                        "Complaints by subject",
                        ["Subject", "Complaints"],
                        [[name, str(n)] for name, n in subjects],
                    )
                ],
            ),
            Section(
                "Outcomes",
                tables=[_outcomes_table(figures.outcomes(procedure=procedure), "Latest outcomes")],
            ),
            Section("Improvements made", improvements),
        ],
        [] if _note(year, "adults_improvements") else [_missing("adults_improvements")],
    )
