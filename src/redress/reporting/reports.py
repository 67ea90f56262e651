"""The quarterly performance report and the annual complaints performance and service
improvement report, built from the measures as aggregate content."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from redress.cases.kinds import Kind
from redress.reporting import assessment
from redress.reporting import ombudsman as ombudsman_figures
from redress.reporting.annual_sections import (
    quarters_section,
    refused_section,
    remedies_section,
    self_assessment_section,
    statutory_section,
)
from redress.reporting.content import Report, Section
from redress.reporting.figures import Figures
from redress.reporting.periods import Period, financial_year, fy_label
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


def _organisation() -> str:
    return str(settings.REDRESS.get("ORGANISATION_NAME", ""))


# --- the two reports --------------------------------------------------------------------------


def quarterly_report(user: Any, period: Period, today: dt.date) -> Report:
    scoped = reportable_cases(user)
    cases = received_in(scoped, period)
    figures = Figures(user, period, today)
    stages = figures.stage_figures(Kind.COMPLAINT)
    return Report(
        title=f"Quarterly complaints performance report: {period.label}",
        subtitle=f"{_organisation()}. Cases received {period.start:%d %B %Y} to "
        f"{period.end:%d %B %Y}.",
        sections=[
            volumes_section(figures),
            services_section(figures),
            timeliness_section(stages),
            outcomes_section(figures),
            escalation_section(stages, ombudsman_figures.escalation(cases, figures)),
            other_kinds_section(figures),
            caseload_section(figures.caseload(), today),
            satisfaction_section(cases),
        ],
    )


def annual_report(user: Any, year: int, today: dt.date) -> Report:
    period = financial_year(year)
    scoped = reportable_cases(user)
    cases = received_in(scoped, period)
    figures = Figures(user, period, today)
    notes = assessment.narrative(year)
    stages = figures.stage_figures(Kind.COMPLAINT)
    return Report(
        title=f"Annual complaints performance and service improvement report {fy_label(year)}",
        subtitle=f"{_organisation()}. 1 April {year} to 31 March {year + 1}.",
        sections=[
            self_assessment_section(cases, year, figures),
            volumes_section(figures),
            quarters_section(user, year, today),
            services_section(figures),
            timeliness_section(stages),
            outcomes_section(figures),
            refused_section(figures),
            remedies_section(cases),
            escalation_section(stages, ombudsman_figures.escalation(cases, figures)),
            ombudsman_section(ombudsman_figures.decisions(scoped, period, today)),
            other_kinds_section(figures),
            statutory_section(scoped, figures, cases),
            satisfaction_section(cases),
            *[
                Section(heading, [notes[key] or "Not yet written."])
                for key, heading in assessment.NARRATIVE_SECTIONS.items()
            ],
        ],
    )
