"""Response drafts and their quality review: draft, submit, return or approve, send.

Only an approved draft is sent. A draft without a decision or without any of the Code's required
sections cannot be sent for review, approved or sent: that content is the Code's, not a matter of
style. Plain English and the jargon list give warnings only: the reviewer decides.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pyphen
import textstat
from django.db import transaction

from redress.cases.kinds import Outcome, Status, response_outcomes_for
from redress.cases.models import Case
from redress.cases.permissions import OFFICE_ROLES, Action, can, role_of
from redress.cases.representatives import correspondents_of
from redress.cases.services import case_respond
from redress.cases.services.timeline import record_event
from redress.core import clock
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.procedures.services import definition_of
from redress.staff import letters
from redress.staff.models import DraftReview, DraftState, JargonTerm, ResponseDraft, TemplatePurpose

READING_EASE_TARGET = 60  # Flesch reading ease: 60 and above reads as plain English
EDITABLE = (DraftState.DRAFT, DraftState.RETURNED)
SECTION_HEADINGS = {
    "definition": "Your complaint",
    "decision": "Our decision",
    "reasons": "Why we reached this decision",
    "remedy": "Putting things right",
    "outstanding_actions": "What we still need to do",
    "escalation": "If you are not happy with this response",
}


@dataclass(frozen=True)
class Warning:
    section: str
    message: str


# --- the text a response sends --------------------------------------------------------------


def assembled(draft: ResponseDraft) -> str:
    """The response's parts as headed paragraphs, in the Code's order."""
    parts = []
    if draft.outcome:
        parts.append(f"Outcome: {Outcome(draft.outcome).label}")
    for name in ResponseDraft.SECTIONS:
        text = getattr(draft, name).strip()
        if text:
            parts.append(f"{SECTION_HEADINGS[name]}\n\n{text}")
    return "\n\n".join(parts)


def letter_text(draft: ResponseDraft) -> tuple[str, str]:
    subject, body = letters.template_for(TemplatePurpose.RESPONSE, draft.case, draft.stage)
    values = letters.values_for(draft.case, draft.stage, response=assembled(draft))
    return letters.fill(subject, values), letters.fill(body, values)


# --- checks ---------------------------------------------------------------------------------

_hyphenator = pyphen.Pyphen(lang="en_GB")


def _syllables(word: str) -> int:
    return max(1, len(_hyphenator.positions(word)) + 1)


def reading_ease(text: str) -> float | None:
    """Flesch reading ease. textstat's English syllable dictionary needs a download, so where
    it is missing the same formula runs on textstat's word and sentence counts with pyphen's
    British English hyphenation for syllables."""
    words = re.findall(r"[A-Za-z']+", text)
    if len(words) < 10:
        return None
    sentences: int = max(1, textstat.sentence_count(text))
    syllables = sum(_syllables(w) for w in words)
    score = 206.835 - 1.015 * (len(words) / sentences) - 84.6 * (syllables / len(words))
    return round(score, 1)


def jargon_in(text: str, terms: list[JargonTerm]) -> list[JargonTerm]:
    found = []
    for term in terms:
        if re.search(rf"(?<!\w){re.escape(term.term)}(?!\w)", text, re.IGNORECASE):
            found.append(term)
    return found


# What each of the Code's required sections must say, in the words the author sees.
REQUIRED_SECTIONS = {
    "definition": "State our understanding of the complaint and the outcomes sought.",
    "decision": "State the decision on each part of the complaint.",
    "reasons": "Give the reasons for the decision.",
    "remedy": "Say what will be done to put things right, or that no remedy is offered.",
    "outstanding_actions": "List any actions still to be done, or say there are none.",
    "escalation": "Tell the person how to escalate if they are not happy.",
}


def missing_content(draft: ResponseDraft) -> list[Warning]:
    """The decision and the Code's required sections the draft still lacks.

    Any of these stops the draft going for review, being approved and being sent."""
    missing: list[Warning] = []
    if not draft.outcome:
        allowed = response_outcomes_for(draft.case.kind)
        choices = ", ".join(Outcome(o).label.lower() for o in allowed)
        missing.append(Warning("outcome", f"Choose the decision: {choices}."))
    for name, message in REQUIRED_SECTIONS.items():
        if not getattr(draft, name).strip():
            missing.append(Warning(name, message))
    return missing


def _require_complete(draft: ResponseDraft, doing: str) -> None:
    missing = missing_content(draft)
    if missing:
        raise InvalidInput(
            f"The draft cannot be {doing} yet. " + " ".join(w.message for w in missing),
            {w.section: [w.message] for w in missing},
        )


def check(draft: ResponseDraft) -> list[Warning]:
    """What the response lacks of the Code's required content, and how plain it reads."""
    warnings = missing_content(draft)
    case, stage = draft.case, draft.stage
    if draft.outcome in (Outcome.UPHELD, Outcome.PARTLY_UPHELD) and not draft.remedy.strip():
        warnings.append(Warning("remedy", "The complaint is upheld, so say what the remedy is."))
    following = definition_of(case.procedure_version).stage_after(stage.key)
    escalation = draft.escalation.lower()
    if draft.escalation.strip():
        if following is None and "ombudsman" not in escalation:
            warnings.append(
                Warning("escalation", "This is the final stage: give the Ombudsman's details.")
            )
        if following is not None and following.name.lower() not in escalation:
            warnings.append(Warning("escalation", f"Explain how to ask for {following.name}."))
    subject, body = letter_text(draft)
    if stage.name.lower() not in (subject + body).lower():
        warnings.append(
            Warning("stage", f"The response does not say it is the {stage.name} response.")
        )
    text = assembled(draft)
    score = reading_ease(text)
    if score is not None and score < READING_EASE_TARGET:
        warnings.append(
            Warning(
                "readability",
                f"The response may be hard to read: its reading ease score is {score:g} "
                f"(aim for {READING_EASE_TARGET} or more). Use shorter sentences and words.",
            )
        )
    for term in jargon_in(text, list(JargonTerm.objects.all())):
        advice = f" Use '{term.instead}' instead." if term.instead else ""
        warnings.append(Warning("jargon", f"'{term.term}' is on the jargon list.{advice}"))
    return warnings


# --- the workflow ---------------------------------------------------------------------------


def _require_can_draft(case: Case, by: Any) -> None:
    if not can(by, Action.RESPOND, case):
        raise NotPermitted("You do not have permission to draft the response to this case.")
    if case.status != Status.OPEN or case.current_stage is None:
        raise TransitionNotAllowed("The case has no open stage waiting for a response.")
    if case.current_stage.responded_on:
        raise TransitionNotAllowed(f"{case.current_stage.name} has already been answered.")


def _require_reviewer(draft: ResponseDraft, by: Any) -> None:
    if role_of(by) not in OFFICE_ROLES:
        raise NotPermitted("Only the complaints team can review draft responses.")
    if draft.author_id == by.pk:
        raise NotPermitted("Someone other than the author must review a draft response.")
    if draft.state != DraftState.SUBMITTED:
        raise TransitionNotAllowed(
            f"This draft is {draft.get_state_display().lower()}, not waiting for review."
        )


@transaction.atomic
def draft_save(
    *, case: Case, by: Any, fields: dict[str, str], draft: ResponseDraft | None = None
) -> ResponseDraft:
    """Start or edit the draft response to the case's open stage."""
    _require_can_draft(case, by)
    outcome = fields.get("outcome", "")
    if outcome and outcome not in response_outcomes_for(case.kind):
        raise InvalidInput.for_field("outcome", "Choose one of the decisions listed.")
    if not any((fields.get(name) or "").strip() for name in ResponseDraft.SECTIONS):
        raise InvalidInput.for_field("decision", "Write at least one part of the response.")
    created = draft is None
    if draft is None:
        draft = ResponseDraft(case=case, stage=case.current_stage, author=by)
    elif draft.state not in EDITABLE:
        raise TransitionNotAllowed(
            f"This draft is {draft.get_state_display().lower()} and can no longer be changed."
        )
    draft.outcome = outcome
    for name in ResponseDraft.SECTIONS:
        setattr(draft, name, (fields.get(name) or "").strip())
    draft.state = DraftState.DRAFT
    draft.save()
    if created:
        record_event(
            case=case,
            actor=by,
            kind="draft_started",
            summary=f"Response to {draft.stage.name} drafted",
            draft=draft.pk,
        )
    return draft


@transaction.atomic
def draft_submit(*, draft: ResponseDraft, by: Any) -> ResponseDraft:
    _require_can_draft(draft.case, by)
    if draft.state not in EDITABLE:
        raise TransitionNotAllowed(f"This draft is {draft.get_state_display().lower()} already.")
    _require_complete(draft, "sent for review")
    draft.state = DraftState.SUBMITTED
    draft.save(update_fields=["state", "updated_at"])
    record_event(
        case=draft.case,
        actor=by,
        kind="draft_submitted",
        summary=f"Draft response to {draft.stage.name} sent for review",
        draft=draft.pk,
    )
    return draft


def _record_review(
    draft: ResponseDraft, by: Any, decision: str, comments: str, state: str, summary: str
) -> DraftReview:
    draft.state = state
    draft.save(update_fields=["state", "updated_at"])
    review = DraftReview.objects.create(
        draft=draft, reviewer=by, decision=decision, comments=comments.strip()
    )
    record_event(
        case=draft.case,
        actor=by,
        kind=f"draft_{decision}",
        summary=f"Draft response to {draft.stage.name} {summary}",
        draft=draft.pk,
    )
    return review


@transaction.atomic
def draft_return(*, draft: ResponseDraft, by: Any, comments: str) -> DraftReview:
    _require_reviewer(draft, by)
    if not comments.strip():
        raise InvalidInput.for_field("comments", "Enter what needs to change in the draft.")
    return _record_review(
        draft,
        by,
        DraftReview.Decision.RETURNED,
        comments,
        DraftState.RETURNED,
        "returned with comments",
    )


@transaction.atomic
def draft_approve(*, draft: ResponseDraft, by: Any, comments: str = "") -> DraftReview:
    _require_reviewer(draft, by)
    _require_complete(draft, "approved")
    return _record_review(
        draft, by, DraftReview.Decision.APPROVED, comments, DraftState.APPROVED, "approved"
    )


@transaction.atomic
def draft_send(
    *, draft: ResponseDraft, by: Any, on: dt.date, expected_version: int | None = None
) -> ResponseDraft:
    """Record the response on the case and queue the approved text to each correspondent
    (the person, their representative, or both)."""
    if draft.state != DraftState.APPROVED:
        raise TransitionNotAllowed(
            "Only an approved draft can be sent. Submit it for review first."
        )
    if draft.stage_id != draft.case.current_stage_id:
        raise TransitionNotAllowed("This draft answers a stage that is no longer the current one.")
    _require_complete(draft, "sent")
    case = case_respond(
        case=draft.case, by=by, on=on, outcome=draft.outcome, expected_version=expected_version
    )
    draft.case = case
    subject, body = letters.template_for(TemplatePurpose.RESPONSE, case, draft.stage)
    for correspondent in correspondents_of(case):
        letters.queue_to(
            correspondent,
            case=case,
            subject=subject,
            body=body,
            values=letters.values_for(
                case, draft.stage, response=assembled(draft), recipient_name=correspondent.name
            ),
            template_key=TemplatePurpose.RESPONSE,
            by=by,
        )
    draft.state = DraftState.SENT
    draft.sent_at = clock.now()
    draft.save(update_fields=["state", "sent_at", "updated_at"])
    return draft
