"""Removing the personal data one case holds, table by table, while keeping every field the
reports count: kind, channel, dates, stages and their dates and outcomes, service, category,
remedy types and amounts, survey scores. Called inside the erasure's transaction.

Free text written on the case is replaced whole; text that stays (timeline sentences and the
data events carry) has the person's and representative's details scrubbed out of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import Q, QuerySet

from redress.cases.kinds import CorrespondenceTo
from redress.cases.models import (
    Attachment,
    Case,
    CaseLink,
    CaseStage,
    Correspondence,
    OutstandingAction,
    Remedy,
    TimelineEvent,
)
from redress.elsewhere.models import RoutedElsewhere
from redress.notifications.models import OutboundMessage
from redress.ombudsman.models import OmbudsmanRecommendation, OmbudsmanRequest
from redress.portal.models import ProgressLink, SurveyResponse
from redress.privacy.scrub import scrub_data, scrub_text
from redress.staff.models import DraftReview, ResponseDraft

# What replaces free text a field may not leave empty.
REMOVED_TEXT = "Removed: personal data erased"
REMOVED_SUMMARY = "Details removed"
ANONYMISED_NAME = "Anonymised person"
NOT_SENT = "Not sent: the person's details were erased."
UNSENT = (
    OutboundMessage.State.PENDING,
    OutboundMessage.State.POST_ROOM,
    OutboundMessage.State.FAILED,
    OutboundMessage.State.UNCERTAIN,
)


@dataclass
class Removed:
    """How much an erasure removed, for its log."""

    cases: int = 0
    attachments: int = 0
    messages: int = 0


def representative_terms(case: Case) -> list[str]:
    return [
        case.representative_name,
        case.representative_email,
        case.representative_phone,
        case.representative_address,
    ]


def clear_case(case: Case, pattern: re.Pattern[str] | None, removed: Removed) -> None:
    """Remove the free text, representative, attachments and outbox text of one case."""
    Case.objects.filter(pk=case.pk).update(
        summary=REMOVED_SUMMARY,
        description="",
        outcome_sought="",
        not_accepted_detail="",
        representative_name="",
        representative_relationship="",
        representative_email="",
        representative_phone="",
        representative_address="",
        correspondence_to=CorrespondenceTo.PERSON,
    )
    CaseStage.objects.filter(case=case).update(extension_reason="", definition_summary="")
    Correspondence.objects.filter(case=case).update(subject="", body=REMOVED_TEXT)
    drafts = ResponseDraft.objects.filter(case=case)
    DraftReview.objects.filter(draft__in=drafts).update(comments="")
    drafts.update(**{section: "" for section in ResponseDraft.SECTIONS})
    Remedy.objects.filter(case=case).update(description=REMOVED_TEXT, done_note="")
    OutstandingAction.objects.filter(case=case).update(description=REMOVED_TEXT, done_note="")
    OmbudsmanRequest.objects.filter(ombudsman_case__case=case).update(description="")
    OmbudsmanRecommendation.objects.filter(ombudsman_case__case=case).update(
        description=REMOVED_TEXT, evidence=""
    )
    SurveyResponse.objects.filter(case=case).update(comments="")
    CaseLink.objects.filter(Q(from_case=case) | Q(to_case=case)).update(note="")
    # Where a complaint was passed on stays (the annual report counts it); why, written
    # about the complaint, goes.
    RoutedElsewhere.objects.filter(case=case).update(reason=REMOVED_TEXT)
    ProgressLink.objects.filter(case=case).delete()
    removed.attachments += remove_attachments(Attachment.objects.filter(case=case))
    removed.messages += clear_messages(OutboundMessage.objects.filter(case=case))
    scrub_timeline(case, pattern)
    removed.cases += 1


def _delete_later(storage: Storage, name: str) -> None:
    transaction.on_commit(lambda: storage.delete(name))


def remove_attachments(attachments: QuerySet[Attachment]) -> int:
    """Delete the rows now and the files once the transaction commits, so a rollback keeps
    both."""
    files = [(a.file.storage, a.file.name) for a in attachments if a.file.name]
    count = attachments.count()
    attachments.delete()
    for storage, name in files:
        _delete_later(storage, name)
    return count


def clear_messages(messages: QuerySet[OutboundMessage]) -> int:
    """The outbox keeps that a message was sent and when, not to whom or what it said; one
    not yet sent never will be."""
    messages.filter(state__in=UNSENT).update(
        state=OutboundMessage.State.FAILED, last_error=NOT_SENT
    )
    changed: int = messages.update(
        recipient_name=ANONYMISED_NAME,
        recipient_email="",
        recipient_address="",
        subject=REMOVED_SUMMARY,
        body_text=REMOVED_TEXT,
        body_html="",
    )
    return changed


def scrub_timeline(case: Case, pattern: re.Pattern[str] | None) -> None:
    """Timeline sentences and data with the details taken out; the events themselves (what
    happened when, by whom) stay, being the case's audit trail."""
    changed = []
    for event in TimelineEvent.objects.filter(case=case).only("id", "summary", "data"):
        summary, data = scrub_text(event.summary, pattern), scrub_data(event.data, pattern)
        if summary != event.summary or data != event.data:
            event.summary, event.data = summary, data
            changed.append(event)
    TimelineEvent.objects.bulk_update(changed, ["summary", "data"], batch_size=500)
