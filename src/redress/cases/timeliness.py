"""When a stage counts as answered late, and what a stage key is called: one definition for
the reports (``reporting.measures``) and the Find cases filter that their figures link to, so
a figure and the list behind it always count the same stages."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q

from redress.cases.kinds import Outcome

# A stage withdrawn or not accepted before its answer has no target left to meet.
NOT_ENDED = ~Q(outcome__in=(Outcome.WITHDRAWN, Outcome.NOT_ACCEPTED))

KNOWN_STAGE_LABELS = {"stage1": "Stage 1", "stage2": "Stage 2", "stage3": "Stage 3"}


def stage_label(key: str) -> str:
    """ "Stage 1" for ``stage1``, "Early resolution" for ``early_resolution``."""
    return KNOWN_STAGE_LABELS.get(key, key.replace("_", " ").capitalize())


def answered_late(today: dt.date) -> Q:
    """Stages (``CaseStage`` rows) that missed their response target before any extension:
    answered after it, or still unanswered (and not withdrawn or refused) with it past.

    These are exactly the stages that are *measurable* but not *answered in time* in
    docs/reporting.md, so "answered in time" is 100% less these as a share."""
    answered_after = Q(responded_on__isnull=False, responded_on__gt=F("response_due"))
    still_waiting = Q(responded_on__isnull=True, response_due__lt=today) & NOT_ENDED
    return Q(response_due__isnull=False) & (answered_after | still_waiting)
