"""Ombudsman figures: how many complaints went on to the Ombudsman, and what it decided.

Every figure is one SQL aggregate that starts from the small Ombudsman tables and probes each
row's case with a correlated EXISTS against the reader's cases. Listing a period's cases
instead (``case_id IN (…)``) would name hundreds of thousands of ids at scale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum

from redress.cases.kinds import Kind
from redress.cases.models import Case
from redress.ombudsman.models import (
    HOUSING_MALADMINISTRATION,
    LGSCO_INVESTIGATED,
    Body,
    Decision,
    OmbudsmanCase,
    OmbudsmanRecommendation,
)
from redress.procedures.models import ProcedureVersion
from redress.procedures.services import definition_of
from redress.reporting.figures import Figures, in_period
from redress.reporting.measures import share
from redress.reporting.models import StageCount
from redress.reporting.periods import Period
from redress.reporting.scope import received_in

# --- which cases ----------------------------------------------------------------------------


def counted_cases(figures: Figures) -> QuerySet[Case]:
    """The cases a ``Figures`` counts, as a queryset: the unrestricted cases of its services
    and kind received in its period, and the reader's visible restricted ones. The same
    cases as ``received_in(reportable_cases(user, service), period)``, for a caller that has
    the figures but not the reader (the dashboard's blocks)."""
    unrestricted = received_in(Case.objects.filter(restricted=False), figures.period)
    if figures.service_ids is not None:
        unrestricted = unrestricted.filter(service_id__in=figures.service_ids)
    if figures.kind:
        unrestricted = unrestricted.filter(kind=figures.kind)
    return unrestricted | figures.restricted


def _of(cases: QuerySet[Case], case_field: str = "case_id") -> Exists:
    """Whether the row's case is one of ``cases``: a probe by primary key per row."""
    return Exists(cases.order_by().filter(pk=OuterRef(case_field)))


# --- escalation to the Ombudsman ------------------------------------------------------------


@dataclass(frozen=True)
class Escalation:
    final_answered: int  # complaints answered at their procedure's final stage
    referred: int  # complaints taken to the Ombudsman

    @property
    def rate(self) -> float | None:
        return share(self.referred, self.final_answered)


def final_stage_keys() -> dict[int, str]:
    """The last stage's key of each procedure as it stands now (its latest version)."""
    latest: dict[int, ProcedureVersion] = {}
    for version in ProcedureVersion.objects.defer("definition").order_by("procedure", "-number"):
        latest.setdefault(version.procedure_id, version)
    finals = {}
    for procedure_id, version in latest.items():
        stages = definition_of(version).stages
        if stages:
            finals[procedure_id] = stages[-1].key
    return finals


def _final_stage(finals: dict[int, str], procedure: str, key: str) -> Q:
    return reduce(or_, (Q(**{procedure: p, key: k}) for p, k in finals.items()), Q(pk__in=[]))


def final_stage_answered(figures: Figures) -> int:
    """Complaints answered at their procedure's final stage, from the figures store (the same
    rows ``Figures`` reads) plus the reader's restricted cases counted live."""
    if figures.kind and figures.kind != Kind.COMPLAINT:
        return 0
    finals = final_stage_keys()
    stored = StageCount.objects.filter(
        in_period(figures.period),
        _final_stage(finals, "procedure_id", "key"),
        kind=Kind.COMPLAINT,
    )
    if figures.service_ids is not None:
        stored = stored.filter(service_id__in=figures.service_ids)
    live = figures.restricted.filter(
        _final_stage(finals, "procedure_version__procedure_id", "current_stage__key"),
        kind=Kind.COMPLAINT,
        current_stage__responded_on__isnull=False,
    )
    return (stored.aggregate(n=Sum("responded"))["n"] or 0) + live.count()


def referred(cases: QuerySet[Case], **where: object) -> int:
    """How many of ``cases`` were taken to the Ombudsman; ``where`` narrows the Ombudsman
    cases (``body=``, ``case__procedure_version__procedure__slug=``)."""
    return OmbudsmanCase.objects.filter(_of(cases), **where).count()


def escalation(cases: QuerySet[Case], figures: Figures) -> Escalation:
    """Of the complaints received in the period, those taken to the Ombudsman, against those
    answered at their final stage. ``cases`` are the figures' cases (``counted_cases``)."""
    return Escalation(final_answered=final_stage_answered(figures), referred=referred(cases))


# --- the Ombudsman's decisions --------------------------------------------------------------


@dataclass(frozen=True)
class Decisions:
    """Ombudsman cases of the reader's cases: told of and decided in the period, and the
    figures the Ombudsman's annual letter publishes for the decisions."""

    notified: int
    decided: int
    undecided_now: int
    lgsco_decided: int
    lgsco_investigated: int
    lgsco_upheld: int
    lgsco_remedied: int  # upheld, where we had already provided a satisfactory remedy
    housing_findings: int
    housing_maladministration: int
    recommendations_due: int
    recommendations_on_time: int
    by_decision: dict[str, int]

    @property
    def upheld_rate(self) -> float | None:
        return share(self.lgsco_upheld, self.lgsco_investigated)

    @property
    def remedied_share(self) -> float | None:
        return share(self.lgsco_remedied, self.lgsco_upheld)

    @property
    def maladministration_rate(self) -> float | None:
        return share(self.housing_maladministration, self.housing_findings)

    @property
    def compliance(self) -> float | None:
        return share(self.recommendations_on_time, self.recommendations_due)


def _between(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def decisions(scoped: QuerySet[Case], period: Period, today: dt.date) -> Decisions:
    """``scoped`` is every case the reader's reports count, whenever received: the Ombudsman
    decides long after a complaint arrives, so decisions are by the date decided."""
    mine = OmbudsmanCase.objects.filter(_of(scoped))
    decided = _between("decided_on", period)
    lgsco = decided & Q(body=Body.LGSCO)
    upheld = lgsco & Q(decision=Decision.UPHELD)
    housing = decided & Q(body=Body.HOUSING)
    counted = mine.aggregate(
        notified=Count("pk", filter=_between("notified_on", period)),
        decided=Count("pk", filter=decided),
        undecided_now=Count("pk", filter=Q(decided_on__isnull=True)),
        lgsco_decided=Count("pk", filter=lgsco),
        lgsco_investigated=Count("pk", filter=lgsco & Q(decision__in=LGSCO_INVESTIGATED)),
        lgsco_upheld=Count("pk", filter=upheld),
        lgsco_remedied=Count("pk", filter=upheld & Q(remedy_already_provided=True)),
        housing_findings=Count("pk", filter=housing),
        housing_maladministration=Count(
            "pk", filter=housing & Q(decision__in=HOUSING_MALADMINISTRATION)
        ),
    )
    by_decision = dict(
        mine.filter(decided).values_list("decision").annotate(n=Count("pk")).order_by("decision")
    )
    return Decisions(**counted, **_recommendations(scoped, period, today), by_decision=by_decision)


def _recommendations(scoped: QuerySet[Case], period: Period, today: dt.date) -> dict[str, int]:
    """Recommendations of the decisions made in the period that are due (done, or past their
    date undone), and of those the ones done on or before their date."""
    rows = OmbudsmanRecommendation.objects.filter(
        _between("ombudsman_case__decided_on", period),
        _of(scoped, "ombudsman_case__case_id"),
    )
    return rows.aggregate(
        recommendations_due=Count("pk", filter=Q(completed_on__isnull=False) | Q(due_on__lt=today)),
        recommendations_on_time=Count("pk", filter=Q(completed_on__lte=F("due_on"))),
    )
