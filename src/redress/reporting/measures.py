"""Every figure the reports show, each one SQL aggregation over a scoped set of cases.

Functions take a queryset of cases already scoped to the user (``scope.reportable_cases``) and,
where the measure is about cases received in a period, already filtered to it. None of them
loads cases into Python: each is one grouped query (or a fixed few) whatever the case count.
Definitions are in docs/reporting.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth

from redress.cases.kinds import Channel, Kind, NotAcceptedReason, Outcome, RemedyType, Status
from redress.cases.models import Case, CaseStage, Remedy
from redress.cases.timeliness import NOT_ENDED
from redress.core import clock
from redress.reporting.periods import Period, months_of

EARLY_STAGE_KEYS = ("early_resolution", "pre_complaint")
WELL_FOUNDED = (Outcome.UPHELD, Outcome.PARTLY_UPHELD)
# The outcomes every summary lists, even at zero, so consumers need not guess missing keys.
SUMMARY_OUTCOMES = (
    Outcome.UPHELD,
    Outcome.PARTLY_UPHELD,
    Outcome.NOT_UPHELD,
    Outcome.RESOLVED,
    Outcome.WITHDRAWN,
    Outcome.NOT_ACCEPTED,
)


def share(part: int, whole: int) -> float | None:
    """A percentage to one decimal place, or None when there is nothing to divide by."""
    return round(100.0 * part / whole, 1) if whole else None


# --- volumes --------------------------------------------------------------------------------


def count_by(cases: QuerySet[Case], field: str) -> dict[str, int]:
    rows = cases.order_by().values_list(field).annotate(n=Count("id"))
    return {("" if value is None else str(value)): n for value, n in rows}


def received_by_kind(cases: QuerySet[Case]) -> dict[str, int]:
    counted = count_by(cases, "kind")
    return {str(kind): counted.get(kind, 0) for kind in Kind.values}


def received_by_channel(cases: QuerySet[Case]) -> dict[str, int]:
    counted = count_by(cases, "channel")
    return {channel: counted.get(channel, 0) for channel in Channel.values if channel in counted}


def received_by_service(cases: QuerySet[Case]) -> list[tuple[str, str, int]]:
    """(slug, name, count) per service, busiest first."""
    rows = (
        cases.order_by()
        .values_list("service__slug", "service__name")
        .annotate(n=Count("id"))
        .order_by("-n", "service__name")
    )
    return [(slug, name, n) for slug, name, n in rows]


def received_by_category(cases: QuerySet[Case]) -> list[tuple[str, int]]:
    rows = cases.order_by().values_list("category__name").annotate(n=Count("id"))
    named = [(name or "No category", n) for name, n in rows]
    # Sorted here, not in SQL: databases disagree on where a missing name sorts.
    return sorted(named, key=lambda row: (-row[1], row[0]))


def received_by_month(cases: QuerySet[Case], period: Period) -> list[tuple[dt.date, int]]:
    """One row per month of the period, zero where nothing was received."""
    rows = (
        cases.order_by()
        .annotate(month=TruncMonth("received_on"))
        .values_list("month")
        .annotate(n=Count("id"))
    )
    counted = {_as_date(month): n for month, n in rows}
    months = []
    cursor = dt.date(period.start.year, period.start.month, 1)
    while cursor <= period.end:
        months.append((cursor, counted.get(cursor, 0)))
        cursor = (cursor + dt.timedelta(days=32)).replace(day=1)
    return months


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


@dataclass(frozen=True)
class Profile:
    """Received per kind, per channel, per month and latest outcomes, from one scan."""

    by_kind: dict[str, int]
    by_channel: dict[str, int]
    by_month: list[tuple[dt.date, int]]
    outcomes: dict[str, int]


def profile(cases: QuerySet[Case], period: Period) -> Profile:
    """The same figures as received_by_kind, _by_channel, _by_month and outcomes, but as
    filtered counts in a single aggregate, so the cases are read once instead of four times."""
    counts: dict[str, Count] = {}
    for kind in Kind.values:
        counts[f"kind:{kind}"] = Count("id", filter=Q(kind=kind))
    for channel in Channel.values:
        counts[f"channel:{channel}"] = Count("id", filter=Q(channel=channel))
    for outcome in SUMMARY_OUTCOMES:
        counts[f"outcome:{outcome}"] = Count("id", filter=Q(outcome=outcome))
    months = months_of(period)
    for i, month in enumerate(months):
        counts[f"month:{i}"] = Count(
            "id", filter=Q(received_on__gte=month.start, received_on__lte=month.end)
        )
    row = cases.order_by().aggregate(**counts)
    return Profile(
        by_kind={k: row[f"kind:{k}"] for k in Kind.values},
        by_channel={c: row[f"channel:{c}"] for c in Channel.values if row[f"channel:{c}"]},
        by_month=[(m.start.replace(day=1), row[f"month:{i}"]) for i, m in enumerate(months)],
        outcomes={str(o): row[f"outcome:{o}"] for o in SUMMARY_OUTCOMES},
    )


# --- stages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageFigures:
    key: str
    position: int
    opened: int
    acknowledge_measurable: int
    acknowledged: int
    acknowledged_within_target: int
    respond_measurable: int
    responded: int
    responded_within_target: int
    responded_within_extended_target: int
    extended: int
    escalated: int
    open: int
    overdue: int
    defined: int  # stages with the complaint's definition recorded

    @property
    def acknowledged_share(self) -> float | None:
        return share(self.acknowledged_within_target, self.acknowledge_measurable)

    @property
    def responded_share(self) -> float | None:
        return share(self.responded_within_target, self.respond_measurable)

    @property
    def responded_extended_share(self) -> float | None:
        return share(self.responded_within_extended_target, self.respond_measurable)

    @property
    def escalation_share(self) -> float | None:
        return share(self.escalated, self.responded)

    def as_dict(self) -> dict[str, int]:
        data = asdict(self)
        data.pop("key")
        data.pop("position")
        return data


def stages_of_cases(cases: QuerySet[Case]) -> QuerySet[CaseStage]:
    return CaseStage.objects.filter(case__in=cases.order_by().values("pk"))


# Answered by the due date, or by the date an agreed extension moved it to.
ANSWERED_IN_EXTENDED_TIME = Q(responded_on__lte=Coalesce(F("extended_to"), F("response_due")))


def settled_stage_counts() -> dict[str, Count]:
    """The stage counts that depend only on the stage's own dates, not on today's: the
    figures store keeps these (``reporting.rollup``) and the live measure counts them alike."""
    # Stages open in order and the case points at its latest, so a stage went on to the next
    # exactly when its number is below the current stage's: a join, not a subquery per row.
    went_on = Q(number__lt=F("case__current_stage__number"))
    return {
        "opened": Count("id"),
        "acknowledged": Count("id", filter=Q(acknowledged_on__isnull=False)),
        "acknowledged_within_target": Count(
            "id", filter=Q(acknowledged_on__lte=F("acknowledge_due"))
        ),
        "responded": Count("id", filter=Q(responded_on__isnull=False)),
        "responded_within_target": Count("id", filter=Q(responded_on__lte=F("response_due"))),
        "responded_within_extended_target": Count("id", filter=ANSWERED_IN_EXTENDED_TIME),
        "extended": Count("id", filter=Q(extended_to__isnull=False)),
        "escalated": Count("id", filter=went_on),
        "defined": Count("id", filter=~Q(definition_summary="")),
    }


def same_handler_count(cases: QuerySet[Case]) -> tuple[int, int]:
    """(second stages with a handler, of which handled by the first stage's handler)."""
    second_stages = stages_of_cases(cases).filter(number=2).order_by()
    figures = second_stages.aggregate(**second_stage_handler_counts())
    return figures["second_handled"], figures["second_same_handler"]


def second_stage_handler_counts() -> dict[str, Count]:
    """Second stages with a handler, and those handled by whoever handled the case's first
    stage: the Code asks that stage 2 be handled by someone else."""
    second = Q(number=2, handler__isnull=False)
    first_handler = CaseStage.objects.filter(case_id=OuterRef("case_id"), number=1)
    same = Q(handler_id=Subquery(first_handler.values("handler_id")[:1]))
    return {
        "second_handled": Count("id", filter=second),
        "second_same_handler": Count("id", filter=second & same),
    }


def stage_figures(cases: QuerySet[Case], today: dt.date) -> list[StageFigures]:
    """Per stage key, in procedure order, the stage counts of the given cases.

    A stage is *measurable* for a target once its target has been met or its due date has
    passed: an unanswered stage still in time counts neither for nor against.
    """
    not_ended = NOT_ENDED
    unanswered = Q(responded_on__isnull=True) & not_ended
    open_stage = unanswered & Q(case__status=Status.OPEN)
    rows = (
        stages_of_cases(cases)
        .order_by()
        .values("key")
        .annotate(
            position=Min("number"),
            acknowledge_measurable=Count(
                "id",
                filter=Q(acknowledge_due__isnull=False)
                & (Q(acknowledged_on__isnull=False) | (not_ended & Q(acknowledge_due__lt=today))),
            ),
            respond_measurable=Count(
                "id",
                filter=Q(response_due__isnull=False)
                & (Q(responded_on__isnull=False) | (unanswered & Q(response_due__lt=today))),
            ),
            open=Count("id", filter=open_stage),
            overdue=Count("id", filter=open_stage & Q(case__next_due_on__lt=today)),
            **settled_stage_counts(),
        )
    )
    figures = [StageFigures(**row) for row in rows]
    return sorted(figures, key=lambda f: (f.position, f.key))


def stage_figures_by_key(cases: QuerySet[Case], today: dt.date) -> dict[str, StageFigures]:
    return {f.key: f for f in stage_figures(cases, today)}


# --- outcomes, refusals, remedies ------------------------------------------------------------


def outcomes(cases: QuerySet[Case]) -> dict[str, int]:
    """Each case once, by its latest outcome; cases with no outcome yet are not counted."""
    counted = count_by(cases.exclude(outcome=""), "outcome")
    return {str(outcome): counted.get(outcome, 0) for outcome in SUMMARY_OUTCOMES}


def not_accepted_reasons(cases: QuerySet[Case]) -> dict[str, int]:
    counted = count_by(cases.filter(outcome=Outcome.NOT_ACCEPTED), "not_accepted_reason")
    return {reason: counted[reason] for reason in NotAcceptedReason.values if reason in counted}


@dataclass(frozen=True)
class RemedyFigures:
    type: str
    given: int
    completed: int
    amount: float
    overdue: int = 0  # not done, and due before today


def remedies(cases: QuerySet[Case], today: dt.date | None = None) -> list[RemedyFigures]:
    today = today or clock.today()
    rows = (
        # Each remedy's case probed (EXISTS): ``case IN (the period's cases)`` had SQLite list
        # a third of a million ids, 200–300 ms, however few remedies there were.
        Remedy.objects.filter(Exists(cases.filter(pk=OuterRef("case_id"))))
        .order_by()
        .values_list("type")
        .annotate(
            given=Count("id"),
            completed=Count("id", filter=Q(done_on__isnull=False)),
            amount=Sum("amount"),
            overdue=Count("id", filter=Q(done_on__isnull=True, due_on__lt=today)),
        )
    )
    by_type = {t: RemedyFigures(t, g, c, float(a or 0), o) for t, g, c, a, o in rows}
    return [by_type[t] for t in RemedyType.values if t in by_type]


# --- caseload, early resolution ---------------------------------------------------------------


@dataclass(frozen=True)
class Caseload:
    open: int
    awaiting_next_step: int
    overdue: int


def caseload(cases: QuerySet[Case], today: dt.date) -> Caseload:
    """Cases not yet closed, now: whatever their date of receipt."""
    # The WHERE lets the (status, next_due_on) index skip the closed cases, the great majority.
    not_closed = cases.filter(status__in=(Status.OPEN, Status.RESPONDED))
    figures = not_closed.order_by().aggregate(
        open=Count("id", filter=Q(status=Status.OPEN)),
        awaiting_next_step=Count("id", filter=Q(status=Status.RESPONDED)),
        overdue=Count("id", filter=Q(status=Status.OPEN, next_due_on__lt=today)),
    )
    return Caseload(**figures)


@dataclass(frozen=True)
class EarlyResolution:
    eligible: int
    resolved_early: int

    @property
    def rate(self) -> float | None:
        return share(self.resolved_early, self.eligible)


def early_resolution(cases: QuerySet[Case], today: dt.date) -> EarlyResolution:
    """Of cases whose procedure begins with an early stage, those answered there and not
    taken further."""
    return early_resolution_from(stage_figures(cases, today))


def early_resolution_from(figures: list[StageFigures]) -> EarlyResolution:
    """The same, from stage figures already computed: early stages always come first."""
    early = [f for f in figures if f.key in EARLY_STAGE_KEYS and f.position == 1]
    return EarlyResolution(
        eligible=sum(f.opened for f in early),
        resolved_early=sum(f.responded - f.escalated for f in early),
    )


# --- the summary the API returns -------------------------------------------------------------

SUMMARY_STAGE_FIELDS = (
    "opened",
    "acknowledged_within_target",
    "responded",
    "responded_within_target",
    "responded_within_extended_target",
    "escalated",
)


def summary(cases: QuerySet[Case], today: dt.date) -> dict[str, object]:
    """Received per kind, stage figures per key and latest outcomes of the given cases."""
    return summary_of(received_by_kind(cases), stage_figures(cases, today), outcomes(cases))


def summary_of(
    received: dict[str, int], stages: list[StageFigures], latest: dict[str, int]
) -> dict[str, object]:
    return {
        "received": received,
        "stages": {
            f.key: {**{name: getattr(f, name) for name in SUMMARY_STAGE_FIELDS}, **f.as_dict()}
            for f in stages
        },
        "outcomes": latest,
    }
