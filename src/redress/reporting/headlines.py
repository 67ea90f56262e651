"""The dashboard's headline figures, each beside the same figure for the previous period,
and open cases by age: what a manager reads first. Definitions are in docs/reporting.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from redress.cases.kinds import Kind, Status
from redress.cases.models import Case
from redress.core.words import counted
from redress.reporting import assessment, measures
from redress.reporting import ombudsman as ombudsman_figures
from redress.reporting.content import pct
from redress.reporting.figures import Figures
from redress.reporting.links import Links
from redress.reporting.periods import Period

DEFAULT_ON_TIME_TARGET = 95.0


def on_time_target() -> float:
    """The share of stages the organisation aims to answer in time (REDRESS_ON_TIME_TARGET)."""
    return float(settings.REDRESS_REPORTING.get("ON_TIME_TARGET") or DEFAULT_ON_TIME_TARGET)


@dataclass(frozen=True)
class Part:
    """A piece of a headline's explanation, linked to the cases it counts when ``href``."""

    text: str
    href: str = ""


@dataclass
class Headline:
    id: str
    title: str
    value: str
    href: str = ""
    href_says: str = "list these cases"  # read out after the figure: what its link opens
    detail: list[Part] = field(default_factory=list)
    change: str = ""
    target: str = ""


def count_change(now: int, before: int, previous: Period) -> str:
    if now == before:
        return f"No change from {previous.label}"
    direction = "Up" if now > before else "Down"
    return f"{direction} {abs(now - before):,} from {before:,} in {previous.label}"


def share_change(now: float | None, before: float | None, previous: Period) -> str:
    if before is None:
        return f"No figure for {previous.label}"
    if now is None:
        return f"{pct(before)} in {previous.label}"
    points = round(now - before, 1)
    if points == 0:
        return f"No change from {pct(before)} in {previous.label}"
    direction = "Up" if points > 0 else "Down"
    return f"{direction} {abs(points):g} points from {pct(before)} in {previous.label}"


def _stage(figures: list[measures.StageFigures], key: str) -> measures.StageFigures | None:
    return next((f for f in figures if f.key == key), None)


def _share(stage: measures.StageFigures | None, name: str) -> float | None:
    return getattr(stage, name) if stage is not None else None


def received_headline(now: Figures, before: Figures, links: Links, previous: Period) -> Headline:
    received, earlier = now.received(), before.received()
    kind = dict(Kind.choices).get(now.kind, "")
    return Headline(
        "received",
        f"{kind} cases received" if kind else "Cases received",
        f"{received:,}",
        links.to(),
        change=count_change(received, earlier, previous),
    )


def on_time_headline(
    key: str, label: str, now: list[measures.StageFigures], before: list[measures.StageFigures],
    links: Links, previous: Period,
) -> Headline:  # fmt: skip
    stage, earlier = _stage(now, key), _stage(before, key)
    value = _share(stage, "responded_share")
    target = on_time_target()
    late = stage.respond_measurable - stage.responded_within_target if stage else 0
    measured = stage.respond_measurable if stage else 0
    verdict = "" if value is None else (": met" if value >= target else ": not met")
    reached = stage.opened if stage else 0
    # No list holds just the stages answered on time, so the share opens the cases it is
    # taken among: every case that reached the stage.
    return Headline(
        f"on-time-{key}",
        f"{label} answered on time",
        pct(value),
        links.to(at_stage=key) if reached else "",
        f"list the cases that reached {label.lower()}",
        detail=[
            Part(f"{late:,}", links.to(at_stage=key, late=True) if late else ""),
            Part(f" of {measured:,} due by now answered late or still waiting; "),
            Part(counted(reached, "case"), links.to(at_stage=key) if reached else ""),
            Part(f" reached {label.lower()} in all"),
        ],
        change=share_change(value, _share(earlier, "responded_share"), previous),
        target=f"Target {pct(target)}{verdict}",
    )


def escalation_headline(
    now: list[measures.StageFigures], before: list[measures.StageFigures], links: Links,
    previous: Period,
) -> Headline:  # fmt: skip
    stage, earlier = _stage(now, "stage1"), _stage(before, "stage1")
    escalated = stage.escalated if stage else 0
    answered = stage.responded if stage else 0
    return Headline(
        "escalation",
        "Escalated from stage 1 to stage 2",
        pct(_share(stage, "escalation_share")),
        links.to(at_stage="stage2") if escalated else "",
        "list the cases escalated to stage 2",
        detail=[
            Part(f"{escalated:,}", links.to(at_stage="stage2") if escalated else ""),
            Part(f" of {counted(answered, 'stage 1 answer')} taken on to stage 2"),
        ],
        change=share_change(
            _share(stage, "escalation_share"), _share(earlier, "escalation_share"), previous
        ),
    )


def overdue_headline(load: measures.Caseload, links: Links) -> Headline:
    return Headline(
        "overdue",
        "Overdue now",
        f"{load.overdue:,}",
        links.to(False, status=Status.OPEN, overdue=True),
        detail=[
            Part(f"Of {counted(load.open, 'open case')}", links.to(False, status=Status.OPEN)),
            Part(", whatever the date received"),
        ],
        change="Counted today: no count is kept for earlier days to compare with",
    )


def answers_to_housing_ombudsman() -> bool:
    """Whether the headline is the Housing Ombudsman's: when the Code chosen in Organisation
    settings is its Code. The same rule the self-assessment reads (``chosen_code``), so an
    administrator changes both in one place, not the deployment's REDRESS_OMBUDSMAN."""
    return assessment.chosen_code() == "housing"


def ombudsman_headline(
    scoped: QuerySet[Case], period: Period, previous: Period, today: dt.date
) -> Headline:
    """Unlinked: Find cases has no filter for the Ombudsman's decisions, and the Ombudsman's
    only list (``ombudsman:queue``) takes no filters and holds the requests still to answer,
    not the decisions, and only the complaints team may open it. A link to either would open
    a list that does not hold what the figure counts."""
    now = ombudsman_figures.decisions(scoped, period, today)
    before = ombudsman_figures.decisions(scoped, previous, today)
    if answers_to_housing_ombudsman():
        return Headline(
            "ombudsman",
            "Housing Ombudsman maladministration rate",
            pct(now.maladministration_rate),
            detail=[Part(f"Of {counted(now.housing_findings, 'finding')} made in the period")]
            if now.housing_findings
            else [Part("No findings made in the period")],
            change=share_change(
                now.maladministration_rate, before.maladministration_rate, previous
            ),
        )
    return Headline(
        "ombudsman",
        "Ombudsman upheld rate",
        pct(now.upheld_rate),
        detail=[Part(_investigations(now.lgsco_investigated))],
        change=share_change(now.upheld_rate, before.upheld_rate, previous),
    )


def _investigations(n: int) -> str:
    body = "the Local Government and Social Care Ombudsman"
    if not n:
        return f"No detailed investigations decided by {body} in the period"
    return f"Of {counted(n, 'detailed investigation')} decided by {body} in the period"


@dataclass(frozen=True)
class HeadlineInputs:
    now: Figures
    before: Figures
    scoped: QuerySet[Case]  # every case the reader's figures count, whenever received
    links: Links


def headlines(given: HeadlineInputs) -> list[Headline]:
    now, before, links = given.now, given.before, given.links
    previous = before.period
    stages, earlier = now.stage_figures(), before.stage_figures()
    return [
        received_headline(now, before, links, previous),
        on_time_headline("stage1", "Stage 1", stages, earlier, links, previous),
        on_time_headline("stage2", "Stage 2", stages, earlier, links, previous),
        overdue_headline(now.caseload(), links),
        escalation_headline(stages, earlier, links, previous),
        ombudsman_headline(given.scoped, now.period, previous, now.today),
    ]


# --- open cases by age ------------------------------------------------------------------------

AGE_BANDS = (  # (label, youngest in days, oldest in days or None)
    ("Up to 2 weeks", 0, 13),
    ("2 to 4 weeks", 14, 27),
    ("4 to 8 weeks", 28, 55),
    ("8 to 12 weeks", 56, 83),
    ("12 weeks to 6 months", 84, 181),
    ("Over 6 months", 182, None),
)


@dataclass(frozen=True)
class AgeBand:
    label: str
    cases: int
    href: str


def open_by_age(scoped: QuerySet[Case], today: dt.date, links: Links) -> list[AgeBand]:
    """Open cases by days since received, whatever the period: one aggregate over the open
    cases, which the (status, …) indexes find without reading the closed ones."""
    counts = {}
    ranges = {}
    for i, (_, youngest, oldest) in enumerate(AGE_BANDS):
        latest = today - dt.timedelta(days=youngest)
        earliest = today - dt.timedelta(days=oldest) if oldest is not None else None
        where = Q(received_on__lte=latest)
        if earliest is not None:
            where &= Q(received_on__gte=earliest)
        counts[f"band{i}"] = Count("pk", filter=where)
        ranges[i] = (earliest, latest)
    row = scoped.filter(status=Status.OPEN).order_by().aggregate(**counts)
    return [
        AgeBand(
            label,
            row[f"band{i}"],
            links.to(
                False, status=Status.OPEN, received_from=ranges[i][0], received_to=ranges[i][1]
            ),
        )
        for i, (label, _, _) in enumerate(AGE_BANDS)
    ]
