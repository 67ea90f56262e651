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
from redress.reporting.surveys import Satisfaction


def _per_thousand(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def tsm_section(figures: Figures, survey: Satisfaction | None) -> Section:
    """CH01 and CH02 count stages by the date they opened or were answered; ``survey`` is the
    answers about the cases received in the period, which give TP09."""
    period = figures.period
    tsm = figures.tenant_measures()
    tp09 = survey.share if survey else None
    homes = (
        f"Homes on {long_date(period.end)}: {tsm.homes:,}."
        if tsm.homes
        else "CH01 is not shown: no number of homes has been entered for the period "
        "(Reports, Number of homes)."
    )
    answered = (
        f"TP09 is from {counted(survey.responses, 'survey answer')} about cases received in "
        "the period: the share fairly or very satisfied with how their complaint was handled."
        if survey
        else "TP09 is not shown: nobody answered the survey about cases received in the period."
    )
    return Section(
        heading="Tenant Satisfaction Measures",
        paragraphs=[
            "CH01 and CH02 count complaint stages by the date they opened or were answered, "
            "as the Regulator of Social Housing defines them.",
            homes,
            answered,
        ],
        tables=[
            Table(
                "Tenant Satisfaction Measures on complaints",
                ["Measure", "Stage 1", "Stage 2"],
                [
                    [
                        "CH01 complaints received per 1,000 homes",
                        _per_thousand(tsm.ch01_stage1),
                        _per_thousand(tsm.ch01_stage2),
                    ],
                    ["Complaints received", str(tsm.stage1_received), str(tsm.stage2_received)],
                    [
                        "CH02 answered within the Code's timescales",
                        pct(tsm.ch02_stage1),
                        pct(tsm.ch02_stage2),
                    ],
                    ["TP09 satisfied with complaint handling", pct(tp09), "–"],
                ],
            )
        ],
    )


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


def benchmark_section(compared: Comparison) -> Section:
    heading = "How we compare with neighbouring councils"
    label = fy_label(compared.year)
    if not compared.imported:
        return Section(
            heading,
            [f"The Ombudsman's annual review figures for {label} have not been imported."],
        )
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
    together = compared.neighbour_upheld_rate
    paragraphs = [
        f"From the Local Government and Social Care Ombudsman's annual review of {label}. "
        f"Our neighbours' upheld rate taken together: {_rate(together)}."
    ]
    if compared.ours is None:
        paragraphs.append("Our own figures are not among those imported for the year.")
    return Section(
        heading,
        paragraphs,
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
