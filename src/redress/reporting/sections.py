"""The sections both reports share, built from the figures as aggregate content."""

from __future__ import annotations

import datetime as dt

from redress.cases.kinds import Channel, Kind, Outcome
from redress.cases.timeliness import stage_label
from redress.core.dates import long_date
from redress.core.words import counted, is_are, was_were
from redress.ombudsman.models import Decision
from redress.reporting import measures, statutory
from redress.reporting import ombudsman as ombudsman_figures
from redress.reporting.charts import Bar
from redress.reporting.content import Chart, Section, Table, pct
from redress.reporting.figures import Figures
from redress.reporting.surveys import Satisfaction

OMBUDSMAN_ROW = "Ombudsman (from the final stage)"


# --- sections shared by both reports ---------------------------------------------------------


def volumes_section(figures: Figures) -> Section:
    profile = figures.profile()
    by_kind = profile.by_kind
    labels = dict(Kind.choices)
    rows = [[str(labels[k]), str(n)] for k, n in by_kind.items()]
    channels = profile.by_channel
    channel_labels = dict(Channel.choices)
    total = sum(by_kind.values())
    return Section(
        heading="What we received",
        paragraphs=[f"{counted(total, 'case')} {was_were(total)} received in the period."],
        chart=Chart(
            "Cases received by kind",
            [Bar(r[0], int(r[1])) for r in rows],
            value_label="Cases received",
            category_label="Kind",
        ),
        tables=[
            Table("Cases received by kind", ["Kind", "Received"], rows),
            Table(
                "Cases received by channel",
                ["Channel", "Received"],
                [[str(channel_labels[c]), str(n)] for c, n in channels.items()],
            ),
        ],
    )


def services_section(figures: Figures) -> Section:
    by_service = figures.received_by_service(Kind.COMPLAINT)
    by_category = figures.received_by_category(Kind.COMPLAINT)[:15]
    return Section(
        heading="Complaints by service area and category",
        chart=Chart(
            "Complaints by service area",
            [Bar(name, n) for _, name, n in by_service],
            value_label="Complaints received",
            category_label="Service area",
        ),
        tables=[
            Table(
                "Complaints by service area",
                ["Service area", "Complaints"],
                [[name, str(n)] for _, name, n in by_service],
            ),
            Table(
                "Complaints by category (top 15)",
                ["Category", "Complaints"],
                [[name, str(n)] for name, n in by_category],
            ),
        ],
    )


def timeliness_table(figures: list[measures.StageFigures], caption: str) -> Table:
    return Table(
        caption,
        [
            "Stage",
            "Opened",
            "Acknowledged in time",
            "Answered in time",
            "Answered in time with extensions",
            "Extended",
        ],
        [
            [
                stage_label(f.key),
                str(f.opened),
                pct(f.acknowledged_share),
                pct(f.responded_share),
                pct(f.responded_extended_share),
                str(f.extended),
            ]
            for f in figures
        ],
    )


def timeliness_section(figures: list[measures.StageFigures]) -> Section:
    return Section(
        heading="Timeliness of complaint handling",
        paragraphs=[
            "Shares are of stages whose target has been met or has passed; a stage still "
            "within its time counts neither way."
        ],
        chart=Chart(
            "Complaint stages answered in time, with agreed extensions",
            [Bar(stage_label(f.key), f.responded_extended_share) for f in figures],
            unit="%",
            value_label="Answered in time, allowing agreed extensions (%)",
            category_label="Stage",
        ),
        tables=[timeliness_table(figures, "Complaint timeliness per stage")],
    )


def outcomes_section(figures: Figures) -> Section:
    counted = figures.outcomes(Kind.COMPLAINT)
    labels = dict(Outcome.choices)
    decided = sum(counted[o] for o in measures.WELL_FOUNDED) + counted[Outcome.NOT_UPHELD]
    upheld = sum(counted[o] for o in measures.WELL_FOUNDED)
    rows = [[str(labels[o]), str(n)] for o, n in counted.items() if o != Outcome.RESOLVED]
    return Section(
        heading="Outcomes of complaints",
        paragraphs=[
            "Each complaint is counted once, by its latest outcome. "
            f"Upheld or partly upheld: {pct(measures.share(upheld, decided))} of those decided."
        ],
        chart=Chart(
            "Complaints by latest outcome",
            [Bar(r[0], int(r[1])) for r in rows],
            value_label="Complaints",
            category_label="Latest outcome",
        ),
        tables=[Table("Complaints by latest outcome", ["Outcome", "Complaints"], rows)],
    )


def ombudsman_escalation_text(escalated: ombudsman_figures.Escalation) -> str:
    return (
        f"{counted(escalated.referred, 'complaint')} received in the period "
        f"{was_were(escalated.referred)} taken to the Ombudsman after our final response: "
        f"{pct(escalated.rate)} of {counted(escalated.final_answered, 'complaint')} answered "
        "at the final stage of their procedure."
    )


def escalation_section(
    figures: list[measures.StageFigures], escalated: ombudsman_figures.Escalation
) -> Section:
    early = measures.early_resolution_from(figures)
    return Section(
        heading="Escalation and early resolution",
        paragraphs=[
            ombudsman_escalation_text(escalated),
            f"Early resolution: {early.resolved_early:,} of "
            f"{counted(early.eligible, 'complaint')} under a procedure with an early stage "
            f"{was_were(early.resolved_early)} resolved at it ({pct(early.rate)}).",
        ],
        tables=[
            Table(
                "Escalation from each stage",
                ["Stage", "Answered", "Went on to the next stage", "Escalation rate"],
                [
                    [
                        stage_label(f.key),
                        str(f.responded),
                        str(f.escalated),
                        pct(f.escalation_share),
                    ]
                    for f in figures
                ]
                + [
                    [
                        OMBUDSMAN_ROW,
                        str(escalated.final_answered),
                        str(escalated.referred),
                        pct(escalated.rate),
                    ]
                ],
            )
        ],
    )


def ombudsman_section(decided: ombudsman_figures.Decisions) -> Section:
    labels = dict(Decision.choices)
    return Section(
        heading="Ombudsman caseload and decisions",
        paragraphs=[
            f"The Ombudsman told us of {counted(decided.notified, 'complaint')} in the year and "
            f"decided {decided.decided:,}; {decided.undecided_now:,} "
            f"{is_are(decided.undecided_now)} waiting for its decision now. "
            "Decisions are counted by the date decided, whenever the complaint was received.",
        ],
        tables=[
            Table(
                "The Ombudsman's annual letter figures",
                ["Measure", "Figure"],
                [
                    [
                        "Local Government and Social Care Ombudsman decisions",
                        str(decided.lgsco_decided),
                    ],
                    ["Investigated in detail", str(decided.lgsco_investigated)],
                    ["Upheld", str(decided.lgsco_upheld)],
                    ["Upheld rate (of detailed investigations)", pct(decided.upheld_rate)],
                    [
                        "Upheld where we had already provided a satisfactory remedy",
                        pct(decided.remedied_share),
                    ],
                    ["Housing Ombudsman findings", str(decided.housing_findings)],
                    [
                        "Maladministration rate (severe maladministration, maladministration "
                        "and service failure, of all findings)",
                        pct(decided.maladministration_rate),
                    ],
                    ["Recommendations due", str(decided.recommendations_due)],
                    ["Recommendations complied with on time", pct(decided.compliance)],
                ],
            ),
            Table(
                "Ombudsman decisions in the year",
                ["Decision", "Complaints"],
                [[str(labels[d]), str(n)] for d, n in decided.by_decision.items()],
            ),
        ],
    )


def caseload_section(load: measures.Caseload, today: dt.date) -> Section:
    return Section(
        heading="Open caseload",
        paragraphs=[f"On {long_date(today)}, whatever the date received."],
        tables=[
            Table(
                "Cases not yet closed",
                ["Status", "Cases"],
                [
                    ["Open", str(load.open)],
                    ["Answered, awaiting the next step", str(load.awaiting_next_step)],
                    ["Overdue", str(load.overdue)],
                ],
            )
        ],
    )


def other_kinds_section(figures: Figures) -> Section:
    rows = []
    for kind, label in (
        (Kind.MEMBER_ENQUIRY, "Member enquiries"),
        (Kind.FOI_REQUEST, "FOI and EIR requests"),
    ):
        t = statutory.timeliness_from(figures.received(kind), figures.stage_figures(kind))
        band = t.band if kind == Kind.FOI_REQUEST else "–"
        rows.append([label, str(t.received), str(t.due), pct(t.share), pct(t.share_extended), band])
    return Section(
        heading="Member enquiries and FOI requests",
        paragraphs=[
            "ICO bands for FOI timeliness: 95% or more good, 90% to 95% adequate, under 90% poor."
        ],
        tables=[
            Table(
                "Timeliness of Member enquiries and FOI requests",
                ["Kind", "Received", "Due", "In time", "In time with extensions", "ICO band"],
                rows,
            )
        ],
    )


def satisfaction_section(result: Satisfaction | None) -> Section:
    """From ``surveys.satisfaction`` of the cases received in the period."""
    heading = "Satisfaction with complaint handling"
    if result is None:
        return Section(
            heading, ["No survey answers were received about cases received in the period."]
        )
    return Section(
        heading,
        [
            f"{counted(result.responses, 'person', 'people')} answered the survey after their "
            "case closed (cases received in the period)."
        ],
        tables=[
            Table(
                "Survey answers",
                ["Question", "Satisfied or yes"],
                [
                    ["Satisfied with how the case was handled", pct(result.share)],
                    ["Satisfied with the outcome", pct(result.outcome_share)],
                    ["Found it easy to contact us", pct(result.contact_share)],
                ],
            )
        ],
    )
