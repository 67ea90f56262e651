"""The satisfaction survey a closed case may answer once."""

from __future__ import annotations

from django.db import transaction

from redress.cases.kinds import Status
from redress.cases.models import Case
from redress.cases.services.timeline import record_event
from redress.core.errors import TransitionNotAllowed
from redress.portal.models import SurveyResponse


def survey_open_to(case: Case) -> bool:
    return case.status == Status.CLOSED and not SurveyResponse.objects.filter(case=case).exists()


@transaction.atomic
def survey_answer(
    *, case: Case, handling: int, outcome: int, easy_to_contact: bool, comments: str = ""
) -> SurveyResponse:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status != Status.CLOSED:
        raise TransitionNotAllowed("The survey opens once your case is closed.")
    if SurveyResponse.objects.filter(case=locked).exists():
        raise TransitionNotAllowed("You have already answered the survey for this case. Thank you.")
    response = SurveyResponse.objects.create(
        case=locked,
        handling=handling,
        outcome=outcome,
        easy_to_contact=easy_to_contact,
        comments=comments.strip(),
    )
    record_event(
        case=locked,
        actor=None,
        kind="survey_answered",
        summary="Satisfaction survey answered",
        after={"handling": handling, "outcome": outcome, "easy_to_contact": easy_to_contact},
    )
    return response
