"""What the dashboard shows below its headline figures (``headlines``): blocks of figures,
each a chart and the table behind it, with links to the cases counted where Find cases can
list exactly those cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

from redress.cases.kinds import Channel, Kind, Outcome, Status
from redress.cases.models import Case, Service
from redress.cases.timeliness import stage_label
from redress.core.dates import long_date
from redress.core.words import counted
from redress.reporting import measures
from redress.reporting import ombudsman as ombudsman_figures
from redress.reporting.charts import Bar, svg_bar_chart
from redress.reporting.content import pct
from redress.reporting.directorates import by_directorate
from redress.reporting.figures import Figures
from redress.reporting.headlines import AgeBand
from redress.reporting.links import Links
from redress.reporting.periods import month
from redress.reporting.sections import OMBUDSMAN_ROW, ombudsman_escalation_text
from redress.reporting.surveys import satisfaction


@dataclass
class Cell:
    text: str
    href: str = ""
    numeric: bool = False


@dataclass
class Block:
    id: str
    title: str
    header: list[str]
    rows: list[list[Cell]]
    charts: list[tuple[str, SafeString]] = field(default_factory=list)  # (title, SVG)
    notes: list[str] = field(default_factory=list)


def _count(n: int, href: str = "") -> Cell:
    # A zero links nowhere: an empty list tells nobody anything.
    return Cell(f"{n:,}", href if n else "", numeric=True)


def _chart(chart_id: str, title: str, bars: list[Bar], unit: str = "") -> tuple[str, SafeString]:
    # svg_bar_chart escapes every piece of text it places.
    return title, mark_safe(svg_bar_chart(title, bars, f"chart-{chart_id}", unit))  # noqa: S308


def kind_block(profile: measures.Profile, links: Links) -> Block:
    labels = dict(Kind.choices)
    shown = {k: n for k, n in profile.by_kind.items() if n or k == links.kind}
    return Block(
        "kind",
        "Received by kind",
        ["Kind", "Received"],
        [[Cell(str(labels[k])), _count(n, links.to(kind=k))] for k, n in shown.items()],
        [_chart("kind", "Received by kind", [Bar(str(labels[k]), n) for k, n in shown.items()])],
    )


def channel_block(profile: measures.Profile, links: Links) -> Block:
    labels = dict(Channel.choices)
    rows = profile.by_channel
    return Block(
        "channel",
        "Received by channel",
        ["Channel", "Received"],
        [[Cell(str(labels[c])), _count(n, links.to(channel=c))] for c, n in rows.items()],
        [
            _chart(
                "channel", "Received by channel", [Bar(str(labels[c]), n) for c, n in rows.items()]
            )
        ],
    )


def service_block(rows: list[tuple[str, str, int]], links: Links) -> Block:
    services = {s.slug: s for s in Service.objects.filter(slug__in=[slug for slug, _, _ in rows])}
    return Block(
        "service",
        "Received by service area",
        ["Service area", "Received"],
        [[Cell(name), _count(n, links.to(service=services.get(slug)))] for slug, name, n in rows],
        [_chart("service", "Received by service area", [Bar(name, n) for _, name, n in rows])],
    )


def directorate_block(rows: list[tuple[str, str, int]]) -> Block:
    # Not linked: Find cases filters by service area, not directorate.
    return Block(
        "directorate",
        "Received by directorate",
        ["Directorate", "Received"],
        [[Cell(name), _count(n)] for _, name, n in rows],
        [_chart("directorate", "Received by directorate", [Bar(name, n) for _, name, n in rows])],
    )


def category_block(rows: list[tuple[str, int]]) -> Block:
    # Not linked: the figures join categories of the same name across service areas.
    rows = rows[:20]
    return Block(
        "category",
        "Received by category (top 20)",
        ["Category", "Received"],
        [[Cell(name), _count(n)] for name, n in rows],
    )


def month_block(profile: measures.Profile, links: Links) -> Block:
    rows = []
    for first, n in profile.by_month:
        whole = month(first.year, first.month)
        start, end = max(whole.start, links.period.start), min(whole.end, links.period.end)
        href = links.to(received_from=start, received_to=end)
        rows.append([Cell(f"{first:%B %Y}"), _count(n, href)])
    return Block(
        "month",
        "Received per month",
        ["Month", "Received"],
        rows,
        [
            _chart(
                "month", "Received per month", [Bar(f"{m:%b %Y}", n) for m, n in profile.by_month]
            )
        ],
    )


def timeliness_block(figures: list[measures.StageFigures], links: Links) -> Block:
    acknowledged = [f for f in figures if f.acknowledge_measurable]
    answered = [f for f in figures if f.respond_measurable or f.responded]
    return Block(
        "timeliness",
        "Timeliness per stage",
        [
            "Stage",
            "Opened",
            "Acknowledged in time",
            "Answered in time",
            "Answered late or overdue",
            "In time with extensions",
            "Extended",
        ],
        [
            [
                Cell(stage_label(f.key)),
                _count(f.opened, links.to(at_stage=f.key)),
                Cell(pct(f.acknowledged_share), numeric=True),
                Cell(pct(f.responded_share), numeric=True),
                _count(
                    f.respond_measurable - f.responded_within_target,
                    links.to(at_stage=f.key, late=True),
                ),
                Cell(pct(f.responded_extended_share), numeric=True),
                _count(f.extended),
            ]
            for f in figures
        ],
        [
            _chart(
                "acknowledged",
                "Acknowledged in time, per stage",
                [Bar(stage_label(f.key), f.acknowledged_share) for f in acknowledged],
                "%",
            ),
            _chart(
                "answered",
                "Answered in time (before extensions), per stage",
                [Bar(stage_label(f.key), f.responded_share) for f in answered],
                "%",
            ),
        ],
        [
            "Shares are of stages whose target has been met or has passed; a stage still in "
            "time counts neither way. A stage with only an acknowledgement target (a "
            "compliment, say) has no answer to time."
        ],
    )


def outcome_block(profile: measures.Profile) -> Block:
    # Not linked: Find cases does not filter by outcome.
    labels = dict(Outcome.choices)
    rows = profile.outcomes
    return Block(
        "outcome",
        "Latest outcome",
        ["Outcome", "Cases"],
        [[Cell(str(labels[o])), _count(n)] for o, n in rows.items()],
        [_chart("outcome", "Latest outcome", [Bar(str(labels[o]), n) for o, n in rows.items()])],
        ["Each case is counted once, by its latest outcome."],
    )


def escalation_block(
    figures: list[measures.StageFigures], escalated: ombudsman_figures.Escalation
) -> Block:
    early = measures.early_resolution_from(figures)
    return Block(
        "escalation",
        "Escalation",
        ["Stage", "Answered", "Went to the next stage", "Rate"],
        [
            [
                Cell(stage_label(f.key)),
                _count(f.responded),
                _count(f.escalated),
                Cell(pct(f.escalation_share), numeric=True),
            ]
            for f in figures
        ]
        + [
            [
                Cell(OMBUDSMAN_ROW),
                _count(escalated.final_answered),
                _count(escalated.referred),
                Cell(pct(escalated.rate), numeric=True),
            ]
        ],
        notes=[
            ombudsman_escalation_text(escalated),
            f"Early resolution: {early.resolved_early:,} of "
            f"{counted(early.eligible, 'case')} under a procedure with an early stage were "
            f"resolved at it ({pct(early.rate)}).",
        ],
    )


def caseload_block(load: measures.Caseload, links: Links, today: dt.date) -> Block:
    return Block(
        "caseload",
        f"Open caseload on {long_date(today)}",
        ["Status", "Cases"],
        [
            [Cell("Open"), _count(load.open, links.to(False, status=Status.OPEN))],
            [
                Cell("Answered, awaiting the next step"),
                _count(load.awaiting_next_step, links.to(False, status=Status.RESPONDED)),
            ],
            [
                Cell("Overdue"),
                _count(load.overdue, links.to(False, status=Status.OPEN, overdue=True)),
            ],
        ],
        notes=["Whatever the date received."],
    )


def age_block(bands: list[AgeBand], today: dt.date) -> Block:
    return Block(
        "age",
        f"Open cases by age on {long_date(today)}",
        ["Time since received", "Open cases"],
        [[Cell(b.label), _count(b.cases, b.href)] for b in bands],
        [
            _chart(
                "age", "Open cases by time since received", [Bar(b.label, b.cases) for b in bands]
            )
        ],
        ["Open cases whatever the date received, by calendar days since they were received."],
    )


def satisfaction_note(cases: QuerySet[Case]) -> str:
    result = satisfaction(cases)
    if result is None:
        return "No survey responses yet."
    return (
        f"{counted(result.responses, 'survey response')}. Satisfied with how the case was "
        f"handled: {pct(result.share)}; with the outcome: {pct(result.outcome_share)}; found "
        f"it easy to contact us: {pct(result.contact_share)}."
    )


def _escalation(figures: Figures) -> ombudsman_figures.Escalation:
    return ombudsman_figures.escalation(ombudsman_figures.counted_cases(figures), figures)


def blocks(figures: Figures, links: Links, bands: list[AgeBand]) -> list[Block]:
    profile = figures.profile()
    stages = figures.stage_figures()
    by_service = figures.received_by_service()
    return [
        timeliness_block(stages, links),
        caseload_block(figures.caseload(), links, figures.today),
        age_block(bands, figures.today),
        kind_block(profile, links),
        month_block(profile, links),
        service_block(by_service, links),
        directorate_block(by_directorate(by_service)),
        channel_block(profile, links),
        category_block(figures.received_by_category()),
        outcome_block(profile),
        escalation_block(stages, _escalation(figures)),
    ]
