"""Annual report sections for the regulators: the Tenant Satisfaction Measures on complaints
(CH01, CH02, TP09) and the comparison with neighbouring councils' Ombudsman figures."""

from __future__ import annotations

from decimal import Decimal

from redress.core.dates import long_date
from redress.core.words import counted
from redress.reporting.benchmarks import Comparison
from redress.reporting.charts import Bar
from redress.reporting.content import Chart, Section, Table, pct
from redress.reporting.figures import Figures
from redress.reporting.models import BenchmarkFigure
from redress.reporting.periods import fy_label
from redress.reporting.statutory import TenantMeasures
from redress.reporting.surveys import Satisfaction

TSM_HEADING = "Tenant Satisfaction Measures"
BENCHMARK_HEADING = "How we compare with neighbouring councils"
TSM_HEADER = ["Measure", "Stage 1", "Stage 2"]


def _per_thousand(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def tsm_section(figures: Figures, survey: Satisfaction | None) -> tuple[Section, list[str]]:
    """CH01 and CH02 count housing complaint stages by the date they opened or were answered;
    ``survey`` is the answers about the cases received in the period, which give TP09.

    With the section, what the report page should say before the report is sent: a measure
    that cannot be given is left out of the document, and why is said on the page only, since
    a clerk sends the document as it is."""
    tsm = figures.tenant_measures()
    rows = [*_complaint_rows(tsm), *_tp09_rows(survey)]
    section = Section(
        heading=TSM_HEADING,
        paragraphs=[*_complaint_paragraphs(tsm, figures), _tp09_paragraph(survey)],
        tables=[Table("Tenant Satisfaction Measures on complaints", TSM_HEADER, rows)]
        if rows
        else [],
    )
    return section, _tsm_missing(tsm, figures)


def _complaint_paragraphs(tsm: TenantMeasures, figures: Figures) -> list[str]:
    # The homes count is a fact worth giving even where CH01 cannot be.
    homes = [f"Homes on {long_date(figures.period.end)}: {tsm.homes:,}."] if tsm.homes else []
    if not tsm.housing_marked:
        return homes
    return [
        "CH01 and CH02 count complaints about our housing services, by the date each "
        "complaint stage opened or was answered, as the Regulator of Social Housing defines "
        "them.",
        *homes,
    ]


def _complaint_rows(tsm: TenantMeasures) -> list[list[str]]:
    """CH01 and CH02, or nothing where no service is a housing one: a table of zeros would
    say the landlord had no complaints. CH01 needs the number of homes as well."""
    if not tsm.housing_marked:
        return []
    ch01 = [
        [
            "CH01 complaints received per 1,000 homes",
            _per_thousand(tsm.ch01_stage1),
            _per_thousand(tsm.ch01_stage2),
        ]
    ]
    return [
        *(ch01 if tsm.homes else []),
        ["Complaints received", f"{tsm.stage1_received:,}", f"{tsm.stage2_received:,}"],
        ["CH02 answered within the Code's timescales", pct(tsm.ch02_stage1), pct(tsm.ch02_stage2)],
    ]


def _tp09_rows(survey: Satisfaction | None) -> list[list[str]]:
    if survey is None:
        return []
    return [["TP09 satisfied with complaint handling", pct(survey.share), "–"]]


def _tp09_paragraph(survey: Satisfaction | None) -> str:
    if survey is None:
        return "No survey answers were received about cases received in the period."
    return (
        f"TP09 is from {counted(survey.responses, 'survey answer')} about cases received in "
        "the period: the share fairly or very satisfied with how their complaint was handled."
    )


def _tsm_missing(tsm: TenantMeasures, figures: Figures) -> list[str]:
    if not tsm.housing_marked:
        return [
            f"{TSM_HEADING}: no service area is marked as a housing service, so CH01 and CH02 "
            "are left out (an administrator ticks them in Settings, Housing service areas)"
        ]
    if not tsm.homes:
        return [
            f"{TSM_HEADING}: no number of homes is entered for "
            f"{long_date(figures.period.end)}, so CH01 is left out (Reports, Number of homes)"
        ]
    return []


def _rate(value: Decimal | None) -> str:
    return "–" if value is None else f"{float(value):g}%"


def _row(figure: BenchmarkFigure, ours: bool) -> list[str]:
    return [
        figure.organisation + (" (us)" if ours else ""),
        str(figure.complaints_decided),
        str(figure.detailed_investigations),
        str(figure.upheld),
        _rate(figure.upheld_rate),
        _rate(figure.compliance_rate),
        _rate(figure.satisfactory_remedy_rate),
    ]


def benchmark_section(compared: Comparison) -> tuple[Section | None, list[str]]:
    """The comparison, or no section at all before the year's figures are imported; with
    what the report page should say about what is left out."""
    label = fy_label(compared.year)
    if not compared.imported:
        return None, [
            f"{BENCHMARK_HEADING}: the Ombudsman's annual review figures for {label} are not "
            "imported, so the section is left out (Reports, Ombudsman benchmarking)"
        ]
    figures = ([compared.ours] if compared.ours else []) + compared.neighbours
    rows = [_row(f, f is compared.ours) for f in figures]
    chart = Chart(
        f"Ombudsman upheld rate, {label}",
        [
            Bar(r[0], float(f.upheld_rate) if f.upheld_rate is not None else None)
            for r, f in zip(rows, figures, strict=True)
        ],
        unit="%",
        value_label="Upheld, of detailed investigations (%)",
        category_label="Council",
    )
    section = Section(
        BENCHMARK_HEADING,
        [_benchmark_source(compared, label)],
        chart=chart,
        tables=[
            Table(
                f"Ombudsman figures, {label}",
                [
                    "Council",
                    "Complaints decided",
                    "Detailed investigations",
                    "Upheld",
                    "Upheld rate",
                    "Compliance with recommendations",
                    "Satisfactory remedy by the council",
                ],
                rows,
            )
        ],
    )
    return section, _benchmark_missing(compared, label)


def _benchmark_source(compared: Comparison, label: str) -> str:
    source = f"From the Local Government and Social Care Ombudsman's annual review of {label}."
    together = compared.neighbour_upheld_rate
    if together is None:  # no neighbour's figures, or none investigated: nothing to say
        return source
    return f"{source} Our neighbours' upheld rate taken together: {_rate(together)}."


def _benchmark_missing(compared: Comparison, label: str) -> list[str]:
    missing = []
    if compared.ours is None:
        missing.append(
            f"{BENCHMARK_HEADING}: our own figures are not among those imported for {label}, "
            "so only the neighbours are shown (check that our name in Organisation settings "
            "is the Ombudsman's)"
        )
    if not compared.neighbours:
        missing.append(
            f"{BENCHMARK_HEADING}: no neighbouring council's figures are imported for {label}, "
            "so only ours are shown (Reports, Ombudsman benchmarking)"
        )
    return missing
