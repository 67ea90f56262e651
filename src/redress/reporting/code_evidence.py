"""What the data shows for each provision of the Complaint Handling Code that it can speak
to: one sentence per evidence key named in ``data/code_provisions.json``. Every figure is an
aggregate over the year's cases; none loads cases into Python."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from redress.cases.adjustment_models import ReasonableAdjustment
from redress.cases.kinds import Channel, Kind, NotAcceptedReason, Outcome
from redress.cases.models import Case, OutstandingAction
from redress.core.words import counted, was_were
from redress.learning.models import LearningAction
from redress.reporting.content import pct
from redress.reporting.measures import (
    EARLY_STAGE_KEYS,
    RemedyFigures,
    StageFigures,
    remedies,
    same_handler_count,
    share,
    stage_figures,
)

if TYPE_CHECKING:
    from redress.reporting.figures import Figures

# Said on the self-assessment pages, where the team writes the commentary; a document leaves
# the evidence blank instead (``in_a_document``), as its commentary column explains.
NO_DATA = "The data does not show this; see the commentary."


def in_a_document(sentence: str) -> str:
    """The evidence as a committee document prints it: blank where the data cannot show it,
    for a clerk sends the document as it is and the note above is for the team."""
    return "" if sentence == NO_DATA else sentence


def _figure(part: int, whole: int, what: str, none: str) -> str:
    """A share, "2 of 5 acknowledged in time (40.0%).", or ``none`` when nothing was counted."""
    shown = share(part, whole)
    return f"{part:,} of {whole:,} {what} ({shown}%)." if shown is not None else none


def _reached(label: str) -> str:
    return f"No complaint received in the year reached {label}."


def _of(cases: QuerySet[Case]) -> Exists:
    return Exists(cases.order_by().filter(pk=OuterRef("case_id")))


def _timeliness(stage: StageFigures | None, name: str) -> dict[str, str]:
    label = name.replace("stage", "stage ")  # "stage1" is "stage 1"
    keys = (f"{name}_acknowledged", f"{name}_answered", f"{name}_extended")
    if stage is None:
        return dict.fromkeys(keys, _reached(label))
    answered = _figure(
        stage.responded_within_target,
        stage.respond_measurable,
        "answered in time",
        f"No {label} complaint was due to be answered.",
    )
    if stage.respond_measurable:
        answered += f" With agreed extensions: {pct(stage.responded_extended_share)}."
    return {
        keys[0]: _figure(
            stage.acknowledged_within_target,
            stage.acknowledge_measurable,
            "acknowledged in time",
            f"No {label} complaint was due to be acknowledged.",
        ),
        keys[1]: answered,
        keys[2]: f"{stage.extended:,} of {counted(stage.opened, 'stage')} "
        f"{was_were(stage.extended)} extended; each extension has a recorded reason and the "
        "system refuses one beyond the procedure's limit.",
    }


def _counts(complaints: QuerySet[Case], stored: Figures | None) -> tuple[int, dict[str, int]]:
    if stored is None:
        received = complaints.count()
        refused = dict(
            complaints.filter(outcome=Outcome.NOT_ACCEPTED)
            .order_by()
            .values_list("not_accepted_reason")
            .annotate(n=Count("id"))
        )
        return received, refused
    return stored.received(Kind.COMPLAINT), stored.not_accepted_reasons(Kind.COMPLAINT)


def _channels(complaints: QuerySet[Case], stored: Figures | None) -> str:
    labels = dict(Channel.choices)
    if stored is None:
        rows = complaints.order_by().values_list("channel").annotate(n=Count("id"))
        # Busiest first; ties in the order the channels are listed, as the store gives them.
        listed = {c: i for i, c in enumerate(Channel.values)}
        used = sorted(rows, key=lambda row: (-row[1], listed.get(row[0], len(listed))))
    else:
        used = list(stored.received_by_channel(Kind.COMPLAINT).items())
    named = [f"{labels.get(c, c)} {n:,}" for c, n in used]
    return "Complaints came in by: " + ", ".join(named) + "." if named else _NONE_RECEIVED


_NONE_RECEIVED = "No complaints were received."


def _case_records(complaints: QuerySet[Case], today: dt.date) -> dict[str, str]:
    adjustments = ReasonableAdjustment.objects.filter(_of(complaints)).aggregate(
        recorded=Count("id"),
        review_due=Count("id", filter=Q(ended_on__isnull=True, review_on__lt=today)),
    )
    actions = OutstandingAction.objects.filter(_of(complaints)).aggregate(
        given=Count("id"),
        done=Count("id", filter=Q(done_on__isnull=False)),
        overdue=Count("id", filter=Q(done_on__isnull=True, due_on__lt=today)),
    )
    return {
        "adjustments": f"{counted(adjustments['recorded'], 'reasonable adjustment')} recorded on "
        f"complaints; {adjustments['review_due']:,} past their review date.",
        "actions": f"{counted(actions['given'], 'outstanding action')} recorded in responses, "
        f"{actions['done']:,} done, {actions['overdue']:,} overdue.",
        "records": "Every complaint is held with its correspondence, documents, stage dates and "
        "outcome in one record, with a timeline of each change.",
    }


def _representatives(complaints: QuerySet[Case], received: int) -> str:
    made = complaints.exclude(representative_name="").order_by().count()
    return (
        f"{made:,} of {counted(received, 'complaint')} {was_were(made)} made or pursued "
        "through a representative, each under the same procedure."
    )


def _learning(complaints: QuerySet[Case]) -> str:
    """Learning raised from the year's complaints, and how much of it from complaints that
    were not upheld: the Code asks for learning beyond the individual complaint."""
    raised = LearningAction.objects.filter(_of(complaints)).aggregate(
        raised=Count("id"),
        not_upheld=Count("id", filter=Q(case__outcome=Outcome.NOT_UPHELD)),
    )
    return (
        f"{counted(raised['raised'], 'learning action')} raised from these complaints, "
        f"{raised['not_upheld']:,} from complaints not upheld."
    )


def _remedies_completed(given: list[RemedyFigures]) -> str:
    count = sum(r.given for r in given)
    if not count:
        return "No remedies were given."
    completed = _figure(sum(r.completed for r in given), count, "remedies completed", "")
    return f"{completed} {sum(r.overdue for r in given):,} overdue."


def evidence(
    cases: QuerySet[Case], today: dt.date, stored: Figures | None = None
) -> dict[str, str]:
    """One sentence per evidence key the data speaks to. ``stored`` are the same cases'
    figures from the figures store, when the caller has them: counts then come from there."""
    complaints = cases.filter(kind=Kind.COMPLAINT)
    figures = stored.stage_figures(Kind.COMPLAINT) if stored else stage_figures(complaints, today)
    stages = {f.key: f for f in figures}
    received, refused = _counts(complaints, stored)
    not_accepted = sum(refused.values())
    reasons = dict(NotAcceptedReason.choices)
    handled, same = stored.same_handler() if stored else same_handler_count(complaints)
    given = remedies(complaints, today)
    early = [f for f in figures if f.key in EARLY_STAGE_KEYS]
    stage1 = stages.get("stage1")
    found = {
        "not_accepted": f"{not_accepted:,} of {counted(received, 'complaint')} "
        f"{was_were(not_accepted)} not accepted.",
        "not_accepted_reasons": "; ".join(
            f"{reasons.get(r, r or 'No reason')}: {n:,}" for r, n in refused.items()
        )
        or "No complaints were refused.",
        "channels": _channels(complaints, stored),
        "early_stages": (
            f"{counted(sum(f.opened for f in early), 'complaint')} began at an early "
            "resolution stage a local procedure still has."
            if early
            else "No complaint procedure has a stage before stage 1."
        ),
        "definitions": _figure(
            sum(f.defined for f in figures),
            sum(f.opened for f in figures),
            "complaint stages recorded the complaint's definition",
            "No complaint stages were opened.",
        ),
        "stage2_independent": f"{same:,} of {counted(handled, 'stage 2 complaint')} with a "
        f"handler {was_were(same)} handled by the stage 1 handler; the system refuses such "
        "an assignment.",
        "escalation": _figure(
            stage1.escalated,
            stage1.responded,
            "stage 1 answers went on to stage 2",
            "No stage 1 answers were given.",
        )
        if stage1
        else _reached("stage 1"),
        "remedies": f"{counted(sum(r.given for r in given), 'remedy', 'remedies')} given.",
        "remedies_completed": _remedies_completed(given),
        **_timeliness(stage1, "stage1"),
        **_timeliness(stages.get("stage2"), "stage2"),
        **_case_records(complaints, today),
        "representatives": _representatives(complaints, received),
        "learning": _learning(complaints),
    }
    return found
