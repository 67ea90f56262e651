"""The self-assessment against the Complaint Handling Code as a document of its own, which the
Ombudsman asks to be published each year and a committee reviews: the provisions the annual
report's section lists (``annual_sections.self_assessment_section``), with their compliance,
evidence and commentary, set out under the Code's own sections."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from redress.core.dates import long_date
from redress.reporting import assessment
from redress.reporting.annual_sections import self_assessment_section
from redress.reporting.content import Report, Section, Table, organisation_name
from redress.reporting.figures import Figures
from redress.reporting.periods import financial_year, fy_label
from redress.reporting.scope import received_in, reportable_cases

COMPLIANCE_ORDER = ("Yes", "Partly", "No")


def assessment_document(user: Any, year: int, today: dt.date) -> Report:
    period = financial_year(year)
    cases = received_in(reportable_cases(user), period)
    assessed = self_assessment_section(cases, year, Figures(user, period, today))
    (table,) = assessed.section.tables
    code = assessment.CODES[assessment.chosen_code()]
    return Report(
        title=f"Complaint Handling Code self-assessment {fy_label(year)}",
        subtitle=f"{organisation_name()}. {long_date(period.start)} to {long_date(period.end)}.",
        organisation=organisation_name(),
        sections=[_summary(assessed.section, table, code), *_by_code_section(table)],
        missing=assessed.missing,
    )


def _summary(section: Section, table: Table, code: str) -> Section:
    compliance = Counter(row[2] for row in table.rows)
    return Section(
        heading="Summary",
        paragraphs=section.paragraphs,
        tables=[
            Table(
                f"Compliance with {code}",
                ["Compliant", "Provisions"],
                [[answer, f"{compliance[answer]:,}"] for answer in COMPLIANCE_ORDER],
            )
        ],
    )


def _by_code_section(table: Table) -> list[Section]:
    """A section of the document for each of the Code's, its provisions in a table; the
    provision's number (each row's first cell) says which section it is in."""
    headings = {p.number: p.section for p in assessment.provisions(assessment.chosen_code())}
    sections: dict[str, Section] = {}
    for row in table.rows:
        heading = headings[row[0]]
        if heading not in sections:
            sections[heading] = Section(heading, tables=[Table(heading, table.header, [])])
        sections[heading].tables[0].rows.append(row)
    return list(sections.values())
