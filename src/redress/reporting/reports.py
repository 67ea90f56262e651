"""The quarterly performance report and the annual complaints performance and service
improvement report, built from the measures as aggregate content."""

from __future__ import annotations

import datetime as dt
from typing import Any

from redress.cases.kinds import Kind
from redress.core.dates import long_date
from redress.reporting import assessment, benchmarks
from redress.reporting import ombudsman as ombudsman_figures
from redress.reporting.annual_sections import (
    handled_elsewhere_section,
    quarters_section,
    refused_section,
    remedies_section,
    self_assessment_section,
    statutory_section,
)
from redress.reporting.content import Report, Section, organisation_name
from redress.reporting.directorates import directorates_section
from redress.reporting.figures import Figures
from redress.reporting.learning import learning_section, you_said_section
from redress.reporting.periods import (
    Period,
    financial_year,
    financial_year_of,
    fy_label,
    quarters_of,
)
from redress.reporting.regulatory_sections import benchmark_section, tsm_section
from redress.reporting.scope import received_in, reportable_cases
from redress.reporting.sections import (
    caseload_section,
    escalation_section,
    ombudsman_section,
    other_kinds_section,
    outcomes_section,
    satisfaction_section,
    services_section,
    timeliness_section,
    volumes_section,
)
from redress.reporting.surveys import satisfaction

# --- the two reports --------------------------------------------------------------------------


def quarterly_report(user: Any, period: Period, today: dt.date) -> Report:
    scoped = reportable_cases(user)
    cases = received_in(scoped, period)
    figures = Figures(user, period, today)
    stages = figures.stage_figures(Kind.COMPLAINT)
    year = financial_year_of(period.start)
    number = quarters_of(year).index(period) + 1
    you_said, drafted = you_said_section(user, period, year, number)
    return Report(
        title=f"Quarterly complaints performance report: {period.label}",
        subtitle=f"{organisation_name()}. Cases received {long_date(period.start)} to "
        f"{long_date(period.end)}.",
        organisation=organisation_name(),
        sections=[
            volumes_section(figures),
            services_section(figures),
            directorates_section(figures),
            timeliness_section(stages),
            outcomes_section(figures),
            escalation_section(stages, ombudsman_figures.escalation(cases, figures)),
            other_kinds_section(figures),
            caseload_section(figures.caseload(), today),
            satisfaction_section(satisfaction(cases)),
            learning_section(user, period),
            you_said,
        ],
        missing=drafted,
    )


def annual_report(user: Any, year: int, today: dt.date) -> Report:
    period = financial_year(year)
    scoped = reportable_cases(user)
    cases = received_in(scoped, period)
    figures = Figures(user, period, today)
    stages = figures.stage_figures(Kind.COMPLAINT)
    written, unwritten = narrative_sections(year)
    assessed = self_assessment_section(cases, year, figures)
    you_said, drafted = you_said_section(user, period, year, None)
    survey = satisfaction(cases)  # for TP09 and for the survey's own section
    tsm, tsm_missing = tsm_section(figures, survey)
    compared, comparison_missing = benchmark_section(benchmarks.comparison(year))
    return Report(
        title=f"Annual complaints performance and service improvement report {fy_label(year)}",
        subtitle=f"{organisation_name()}. {long_date(period.start)} to {long_date(period.end)}.",
        organisation=organisation_name(),
        sections=[
            assessed.section,
            volumes_section(figures),
            quarters_section(user, year, today),
            services_section(figures),
            directorates_section(figures),
            timeliness_section(stages),
            outcomes_section(figures),
            refused_section(figures),
            handled_elsewhere_section(cases, figures),
            remedies_section(cases),
            escalation_section(stages, ombudsman_figures.escalation(cases, figures)),
            ombudsman_section(ombudsman_figures.decisions(scoped, period, today)),
            other_kinds_section(figures),
            statutory_section(figures, cases),
            tsm,
            *([compared] if compared else []),
            satisfaction_section(survey),
            learning_section(user, period),
            you_said,
            *written,
        ],
        missing=[*assessed.missing, *tsm_missing, *comparison_missing, *drafted, *unwritten],
    )


def narrative_sections(year: int) -> tuple[list[Section], list[str]]:
    """The free-text sections written for the year, a paragraph per blank-line-separated block,
    and the headings of those not yet written: those are left out of the report, never
    printed as placeholders, and named on the report page instead."""
    notes = assessment.narrative(year)
    written, unwritten = [], []
    for key, heading in assessment.NARRATIVE_SECTIONS.items():
        text = (notes[key] or "").strip()
        if not text:
            unwritten.append(f"{heading}: not yet written, so left out")
            continue
        paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        written.append(Section(heading, paragraphs))
    return written, unwritten
