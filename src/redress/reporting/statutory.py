"""Figures that statute, the regulator or the Ombudsmen ask for in set forms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from redress.cases.kinds import Kind
from redress.cases.models import Case, Service
from redress.reporting.measures import (
    ANSWERED_IN_EXTENDED_TIME,
    WELL_FOUNDED,
    StageFigures,
    share,
    stage_figures,
    stages_of_cases,
)
from redress.reporting.periods import Period

if TYPE_CHECKING:
    from redress.reporting.figures import Figures

ADULT_SOCIAL_CARE = "adult-social-care"
CHILDRENS_SOCIAL_CARE = "childrens-social-care"
TSM_STAGES = ("stage1", "stage2")  # CH01 and CH02 report the Code's two stages
ICO_GOOD = 95.0
ICO_ADEQUATE = 90.0


def ico_band(percentage: float | None) -> str:
    """The ICO's timeliness bands: 95% or more good, 90% to 95% adequate, under 90% poor."""
    if percentage is None:
        return "no requests due"
    if percentage >= ICO_GOOD:
        return "good"
    if percentage >= ICO_ADEQUATE:
        return "adequate"
    return "poor"


@dataclass(frozen=True)
class Timeliness:
    received: int
    due: int
    on_time: int
    on_time_extended: int

    @property
    def share(self) -> float | None:
        return share(self.on_time, self.due)

    @property
    def share_extended(self) -> float | None:
        return share(self.on_time_extended, self.due)

    @property
    def band(self) -> str:
        return ico_band(self.share_extended)


def timeliness_of_kind(cases: QuerySet[Case], kind: str, today: dt.date) -> Timeliness:
    """Answer timeliness of one kind (FOI, Member enquiries) over all its stages."""
    of_kind = cases.filter(kind=kind)
    return timeliness_from(of_kind.count(), stage_figures(of_kind, today))


def timeliness_from(received: int, figures: list[StageFigures]) -> Timeliness:
    return Timeliness(
        received=received,
        due=sum(f.respond_measurable for f in figures),
        on_time=sum(f.responded_within_target for f in figures),
        on_time_extended=sum(f.responded_within_extended_target for f in figures),
    )


@dataclass(frozen=True)
class AdultSocialCare:
    received: int
    well_founded: int


def adult_social_care(cases: QuerySet[Case]) -> AdultSocialCare:
    """The 2009 regulations' annual figures (LGSCO referrals: ``reporting.ombudsman``)."""
    figures = (
        cases.filter(procedure_version__procedure__slug=ADULT_SOCIAL_CARE)
        .order_by()
        .aggregate(
            received=Count("id"), well_founded=Count("id", filter=Q(outcome__in=WELL_FOUNDED))
        )
    )
    return AdultSocialCare(**figures)


def adult_social_care_from(figures: Figures) -> AdultSocialCare:
    """The same, from the figures store."""
    outcomes = figures.outcomes(procedure=ADULT_SOCIAL_CARE)
    return AdultSocialCare(
        received=figures.received(procedure=ADULT_SOCIAL_CARE),
        well_founded=sum(outcomes[o] for o in WELL_FOUNDED),
    )


def childrens_stages(cases: QuerySet[Case], today: dt.date) -> list[StageFigures]:
    return stage_figures(
        cases.filter(procedure_version__procedure__slug=CHILDRENS_SOCIAL_CARE), today
    )


@dataclass(frozen=True)
class TenantMeasures:
    """CH01 and CH02 count complaints about the landlord's housing alone: the complaints of the
    services marked as housing services (``Service.is_housing``)."""

    housing_marked: bool  # without a housing service the measures cannot be counted
    homes: int
    stage1_received: int
    stage2_received: int
    stage1_responded: int
    stage1_on_time: int
    stage2_responded: int
    stage2_on_time: int

    @property
    def ch01_stage1(self) -> float | None:
        return round(1000 * self.stage1_received / self.homes, 1) if self.homes else None

    @property
    def ch01_stage2(self) -> float | None:
        return round(1000 * self.stage2_received / self.homes, 1) if self.homes else None

    @property
    def ch02_stage1(self) -> float | None:
        return share(self.stage1_on_time, self.stage1_responded)

    @property
    def ch02_stage2(self) -> float | None:
        return share(self.stage2_on_time, self.stage2_responded)


def homes_count(on: dt.date) -> int:
    """The homes count held on ``on``: the latest an administrator entered on or before it
    (``HomesCount``), else the deployment's setting, else 0 (CH01 is then left out)."""
    from redress.reporting.models import HomesCount

    entered = HomesCount.objects.filter(on__lte=on).order_by("-on").values_list("count", flat=True)
    held = entered.first()
    if held is not None:
        return held
    return int(getattr(settings, "REDRESS_REPORTING", {}).get("HOMES", 0) or 0)


def housing_marked() -> bool:
    """Whether any service is marked as a housing service, so CH01 and CH02 can be counted."""
    return Service.objects.filter(is_housing=True).exists()


def tenant_measures(
    cases: QuerySet[Case], period: Period, homes: int | None = None
) -> TenantMeasures:
    """CH01 and CH02: housing complaint stages opened, and answered, within the period.

    Unlike most figures these count stages by the date they opened or were answered, not
    cases by the date they were received, as the Regulator of Social Housing defines them.
    Only complaints about the landlord's housing count: a council's parking or council tax
    complaints are no measure of it as a landlord.
    """
    opened_in = Q(opened_on__gte=period.start, opened_on__lte=period.end)
    answered_in = Q(responded_on__gte=period.start, responded_on__lte=period.end)
    # Only stages opened or answered in the period count: said in the WHERE as well as in each
    # count, so the database joins those stages alone to their cases, not every stage.
    housing_complaints = cases.filter(kind=Kind.COMPLAINT, service__is_housing=True)
    stages = stages_of_cases(housing_complaints).filter(opened_in | answered_in, key__in=TSM_STAGES)
    on_time = answered_in & ANSWERED_IN_EXTENDED_TIME
    figures = stages.order_by().aggregate(
        stage1_received=Count("id", filter=opened_in & Q(key="stage1")),
        stage2_received=Count("id", filter=opened_in & Q(key="stage2")),
        stage1_responded=Count("id", filter=answered_in & Q(key="stage1")),
        stage1_on_time=Count("id", filter=on_time & Q(key="stage1")),
        stage2_responded=Count("id", filter=answered_in & Q(key="stage2")),
        stage2_on_time=Count("id", filter=on_time & Q(key="stage2")),
    )
    return TenantMeasures(
        housing_marked=housing_marked(),
        homes=homes_count(period.end) if homes is None else homes,
        **figures,
    )
