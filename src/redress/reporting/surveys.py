"""Satisfaction survey results, from the answers people give on the public portal after their
case closes. TSM TP09 is the share satisfied with complaint handling."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from redress.cases.models import Case
from redress.reporting.measures import share

SATISFIED_AT_LEAST = 4  # "fairly satisfied" or "very satisfied" on the portal's 1-5 scale


@dataclass(frozen=True)
class Satisfaction:
    responses: int
    satisfied: int
    satisfied_with_outcome: int
    easy_to_contact: int

    @property
    def share(self) -> float | None:
        return share(self.satisfied, self.responses)

    @property
    def outcome_share(self) -> float | None:
        return share(self.satisfied_with_outcome, self.responses)

    @property
    def contact_share(self) -> float | None:
        return share(self.easy_to_contact, self.responses)


def satisfaction(cases: QuerySet[Case]) -> Satisfaction | None:
    """Answers about the given cases, or None when there are none."""
    try:
        responses = apps.get_model("portal", "SurveyResponse")
    except LookupError:
        return None
    figures = (
        # EXISTS probes each answer's case by its key; "case IN (the cases)" would first list
        # every case of the period, hundreds of thousands, however few the answers.
        responses.objects.filter(Exists(cases.order_by().filter(pk=OuterRef("case_id"))))
        .order_by()
        .aggregate(
            responses=Count("id"),
            satisfied=Count("id", filter=Q(handling__gte=SATISFIED_AT_LEAST)),
            satisfied_with_outcome=Count("id", filter=Q(outcome__gte=SATISFIED_AT_LEAST)),
            easy_to_contact=Count("id", filter=Q(easy_to_contact=True)),
        )
    )
    if not figures["responses"]:
        return None
    return Satisfaction(**figures)
