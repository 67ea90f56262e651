"""What the dashboard shows: blocks of figures, each a chart and the table behind it, with
links to the cases counted where the user may see them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

from redress.cases.kinds import Channel, Kind, Outcome
from redress.cases.models import Case, Service
from redress.reporting import measures
from redress.reporting import ombudsman as ombudsman_figures
from redress.reporting.charts import Bar, svg_bar_chart
from redress.reporting.content import pct
from redress.reporting.figures import Figures
from redress.reporting.periods import Period
from redress.reporting.reports import OMBUDSMAN_ROW, ombudsman_escalation_text, stage_label
from redress.reporting.surveys import satisfaction

CASE_LIST = "/casework/cases/"


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
    svg: SafeString | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Links:
    """Builds case-list links carrying the dashboard's filters; empty when links are not shown."""

    period: Period
    service: Service | None
    kind: str
    enabled: bool

    def to(self, with_period: bool = True, **params: str) -> str:
        if not self.enabled:
            return ""
        query: dict[str, str] = {}
        if self.kind:
            query["kind"] = self.kind
        if self.service is not None:
            query["service"] = self.service.slug
        if with_period:
            query["received_from"] = self.period.start.isoformat()
            query["received_to"] = self.period.end.isoformat()
        query.update({k: v for k, v in params.items() if v})
        return f"{CASE_LIST}?{urlencode(query)}"


def _count(n: int, href: str = "") -> Cell:
    return Cell(str(n), href, numeric=True)


def _chart(block_id: str, title: str, bars: list[Bar], unit: str = "") -> SafeString:
    # svg_bar_chart escapes every piece of text it places.
    return mark_safe(svg_bar_chart(title, bars, f"chart-{block_id}", unit))  # noqa: S308


def kind_block(profile: measures.Profile, links: Links) -> Block:
    labels = dict(Kind.choices)
    counted = profile.by_kind
    shown = {k: n for k, n in counted.items() if n or k == links.kind}
    return Block(
        "kind",
        "Received by kind",
        ["Kind", "Received"],
        [
            [Cell(str(labels[k])), _count(n, links.to(kind=k) if n else "")]
            for k, n in shown.items()
        ],
        _chart("kind", "Received by kind", [Bar(str(labels[k]), n) for k, n in shown.items()]),
    )


def channel_block(profile: measures.Profile) -> Block:
    labels = dict(Channel.choices)
    counted = profile.by_channel
    return Block(
        "channel",
        "Received by channel",
        ["Channel", "Received"],
        [[Cell(str(labels[c])), _count(n)] for c, n in counted.items()],
        _chart(
            "channel", "Received by channel", [Bar(str(labels[c]), n) for c, n in counted.items()]
        ),
    )


def service_block(rows: list[tuple[str, str, int]], links: Links) -> Block:
    return Block(
        "service",
        "Received by service area",
        ["Service area", "Received"],
        [[Cell(name), _count(n, links.to(service=slug))] for slug, name, n in rows],
        _chart("service", "Received by service area", [Bar(name, n) for _, name, n in rows]),
    )


def category_block(rows: list[tuple[str, int]]) -> Block:
    rows = rows[:20]
    return Block(
        "category",
        "Received by category (top 20)",
        ["Category", "Received"],
        [[Cell(name), _count(n)] for name, n in rows],
    )


def month_block(profile: measures.Profile) -> Block:
    rows = profile.by_month
    return Block(
        "month",
        "Received per month",
        ["Month", "Received"],
        [[Cell(f"{m:%B %Y}"), _count(n)] for m, n in rows],
        _chart("month", "Received per month", [Bar(f"{m:%b %Y}", n) for m, n in rows]),
    )


def timeliness_block(figures: list[measures.StageFigures], links: Links) -> Block:
    return Block(
        "timeliness",
        "Timeliness per stage",
        [
            "Stage",
            "Opened",
            "Acknowledged in time",
            "Answered in time",
            "Answered in time with extensions",
            "Open",
            "Overdue",
        ],
        [
            [
                Cell(stage_label(f.key)),
                _count(f.opened, links.to(stage=f.key)),
                Cell(pct(f.acknowledged_share), numeric=True),
                Cell(pct(f.responded_share), numeric=True),
                Cell(pct(f.responded_extended_share), numeric=True),
                _count(f.open, links.to(stage=f.key, status="open")),
                _count(f.overdue, links.to(stage=f.key, overdue="1")),
            ]
            for f in figures
        ],
        _chart(
            "timeliness",
            "Answered in time with extensions, per stage",
            [Bar(stage_label(f.key), f.responded_extended_share or 0) for f in figures],
            "%",
        ),
        ["Shares are of stages whose target has been met or has passed."],
    )


def outcome_block(profile: measures.Profile) -> Block:
    labels = dict(Outcome.choices)
    counted = profile.outcomes
    return Block(
        "outcome",
        "Latest outcome",
        ["Outcome", "Cases"],
        [[Cell(str(labels[o])), _count(n)] for o, n in counted.items()],
        _chart("outcome", "Latest outcome", [Bar(str(labels[o]), n) for o, n in counted.items()]),
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
            f"Early resolution: {early.resolved_early} of {early.eligible} cases under a procedure "
            f"with an early stage were resolved at it ({pct(early.rate)}).",
        ],
    )


def caseload_block(load: measures.Caseload, links: Links, today: dt.date) -> Block:
    return Block(
        "caseload",
        f"Open caseload on {today.day} {today:%B %Y}",
        ["Status", "Cases"],
        [
            [Cell("Open"), _count(load.open, links.to(False, status="open"))],
            [
                Cell("Answered, awaiting the next step"),
                _count(load.awaiting_next_step, links.to(False, status="responded")),
            ],
            [Cell("Overdue"), _count(load.overdue, links.to(False, overdue="1"))],
        ],
        notes=["Whatever the date received."],
    )


def satisfaction_note(cases: QuerySet[Case]) -> str:
    result = satisfaction(cases)
    if result is None:
        return "No survey responses yet."
    return (
        f"{result.responses} survey responses. Satisfied with how the case was handled: "
        f"{pct(result.share)}; with the outcome: {pct(result.outcome_share)}; found it easy "
        f"to contact us: {pct(result.contact_share)}."
    )


def _escalation(figures: Figures) -> ombudsman_figures.Escalation:
    return ombudsman_figures.escalation(ombudsman_figures.counted_cases(figures), figures)


def blocks(figures: Figures, links: Links) -> list[Block]:
    profile = figures.profile()
    stages = figures.stage_figures()
    return [
        kind_block(profile, links),
        month_block(profile),
        service_block(figures.received_by_service(), links),
        channel_block(profile),
        category_block(figures.received_by_category()),
        timeliness_block(stages, links),
        outcome_block(profile),
        escalation_block(stages, _escalation(figures)),
        caseload_block(figures.caseload(), links, figures.today),
    ]
