"""What the public portal writes, one module per journey: the form and its files
(``feedback``, ``uploads``, ``compliments``), progress links (``progress_links``), asking for
the next stage (``next_stage``), the survey (``survey``) and the worker's clearing up
(``housekeeping``). Each write is one transaction with the messages it causes.

The journeys' entry points are re-exported here for callers that name the package."""

from redress.portal.services.feedback import (
    default_complaint_procedure,
    feedback_prepare,
    feedback_submit,
    feedback_write,
    over_twelve_months,
)
from redress.portal.services.housekeeping import portal_housekeeping
from redress.portal.services.next_stage import NextStage, next_stage_open_to, next_stage_request
from redress.portal.services.progress_links import (
    hash_token,
    progress_link_is_live,
    progress_link_request,
    progress_link_use,
)
from redress.portal.services.survey import survey_answer, survey_open_to
from redress.portal.services.uploads import upload_keep, upload_remove

__all__ = [
    "NextStage",
    "default_complaint_procedure",
    "feedback_prepare",
    "feedback_submit",
    "feedback_write",
    "hash_token",
    "next_stage_open_to",
    "next_stage_request",
    "over_twelve_months",
    "portal_housekeeping",
    "progress_link_is_live",
    "progress_link_request",
    "progress_link_use",
    "survey_answer",
    "survey_open_to",
    "upload_keep",
    "upload_remove",
]
