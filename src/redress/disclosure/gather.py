"""Everything held about a person on the cases the officer may see, as plain data for the
export's data.json and index.html, including the cases on which the person acted as someone's
representative (each says which). Items an officer withheld under an exemption are left out,
and listed as withheld with the reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from redress.cases.kinds import CorrespondenceKind
from redress.cases.models import Attachment, Case, Person
from redress.cases.representatives import Representative
from redress.cases.visibility import timeline_visible_to
from redress.disclosure.items import case_messages
from redress.disclosure.models import Exemption, ItemKind
from redress.disclosure.subjects import acted_as_representative
from redress.elsewhere.models import RoutedElsewhere
from redress.staff.models import ResponseDraft


def _when(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _name(user: Any) -> str | None:
    return user.display_name if user is not None else None


@dataclass
class Gathered:
    cases: list[dict[str, Any]] = field(default_factory=list)
    files: list[tuple[str, Attachment]] = field(default_factory=list)
    withheld: list[dict[str, str]] = field(default_factory=list)


def person_data(person: Person) -> dict[str, Any]:
    return {
        "id": person.pk,
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "address": person.address,
        "contact_preference": person.get_contact_preference_display(),
        "communication_needs": person.communication_needs,
        "recorded_at": _when(person.created_at),
    }


class _Withholding:
    def __init__(self, case: Case, exemptions: list[Exemption], out: Gathered):
        self.keys = {(e.item_kind, e.item_id): e for e in exemptions}
        self.case = case
        self.out = out

    def held_back(self, kind: str, pk: int) -> bool:
        exemption = self.keys.get((kind, pk))
        if exemption is None:
            return False
        self.out.withheld.append(
            {
                "case": self.case.reference,
                "what": ItemKind(kind).label,
                "reason": exemption.reason,
            }
        )
        return True

    def hides_event(self, data: dict[str, Any]) -> bool:
        # An event about a withheld item would show what it was: leave it out with the item.
        for kind, key in (
            (ItemKind.CORRESPONDENCE, "correspondence"),
            (ItemKind.ATTACHMENT, "attachment"),
            (ItemKind.DRAFT, "draft"),
            (ItemKind.MESSAGE, "message"),
        ):
            if (kind.value, data.get(key)) in self.keys:
                return True
        return False


def _representative(case: Case) -> dict[str, Any] | None:
    rep = Representative.of(case)
    if rep is None:
        return None
    return {
        "name": rep.name,
        "relationship": rep.relationship,
        "consent_on": _when(rep.consent_on),
        "email": rep.email,
        "phone": rep.phone,
        "address": rep.address,
        "letters_go_to": case.get_correspondence_to_display(),
    }


def _stages(case: Case) -> list[dict[str, Any]]:
    return [
        {
            "name": stage.name,
            "opened_on": _when(stage.opened_on),
            "acknowledged_on": _when(stage.acknowledged_on),
            "response_due": _when(stage.effective_response_due),
            "extension_reason": stage.extension_reason,
            "responded_on": _when(stage.responded_on),
            "outcome": stage.get_outcome_display(),
            "our_understanding": stage.definition_summary,
        }
        for stage in case.stages.order_by("number")
    ]


def _correspondence(case: Case, hold: _Withholding) -> list[dict[str, Any]]:
    rows = case.correspondence.select_related("author").order_by("happened_at", "id")
    return [
        {
            "kind": CorrespondenceKind(row.kind).label,
            "direction": row.get_direction_display(),
            "at": _when(row.happened_at),
            "by": _name(row.author),
            "subject": row.subject,
            "text": row.body,
        }
        for row in rows
        if not hold.held_back(ItemKind.CORRESPONDENCE, row.pk)
    ]


def _attachments(case: Case, hold: _Withholding, out: Gathered) -> list[dict[str, Any]]:
    listed = []
    for row in case.attachments.order_by("uploaded_at", "id"):
        if hold.held_back(ItemKind.ATTACHMENT, row.pk):
            continue
        path = f"attachments/{case.reference}/{row.pk}-{row.original_name}"
        out.files.append((path, row))
        listed.append(
            {
                "name": row.original_name,
                "type": row.content_type,
                "size": row.size,
                "added_at": _when(row.uploaded_at),
                "file": path,
            }
        )
    return listed


def _responses(case: Case, hold: _Withholding) -> list[dict[str, Any]]:
    drafts = ResponseDraft.objects.filter(case=case).select_related("stage")
    return [
        {
            "stage": draft.stage.name,
            "state": draft.get_state_display(),
            "sent_at": _when(draft.sent_at),
            **{name: getattr(draft, name) for name in ResponseDraft.SECTIONS},
        }
        for draft in drafts.order_by("created_at", "id")
        if not hold.held_back(ItemKind.DRAFT, draft.pk)
    ]


def _messages(case: Case, hold: _Withholding) -> list[dict[str, Any]]:
    return [
        {
            "channel": message.get_channel_display(),
            "to": message.recipient_name,
            "email": message.recipient_email,
            "address": message.recipient_address,
            "subject": message.subject,
            "text": message.body_text,
            "queued_at": _when(message.created_at),
            "sent_at": _when(message.sent_at),
        }
        for message in case_messages(case).order_by("created_at", "id")
        if not hold.held_back(ItemKind.MESSAGE, message.pk)
    ]


def _routed_elsewhere(case: Case) -> dict[str, Any] | None:
    routing = RoutedElsewhere.objects.filter(case=case).first()
    if routing is None:
        return None
    return {
        "to": routing.get_destination_display(),
        "name": routing.to_name,
        "email": routing.to_email,
        "on": _when(routing.routed_on),
        "why": routing.reason,
    }


def _records(case: Case) -> dict[str, Any]:
    return {
        "remedies": [
            {"type": r.get_type_display(), "description": r.description, "due_on": _when(r.due_on)}
            for r in case.remedies.all()
        ],
        "outstanding_actions": [
            {"description": a.description, "due_on": _when(a.due_on), "done_on": _when(a.done_on)}
            for a in case.actions.all()
        ],
        "reasonable_adjustments": [
            {"description": a.description, "agreed_on": _when(a.agreed_on)}
            for a in case.adjustments.all()
        ],
    }


def _timeline(user: Any, case: Case, hold: _Withholding) -> list[dict[str, Any]]:
    events = reversed(timeline_visible_to(user, case))
    return [
        {"at": _when(e.at), "by": _name(e.actor), "what": e.summary}
        for e in events
        if not hold.hides_event(e.data if isinstance(e.data, dict) else {})
    ]


# What the person was on the case: data.json says it in these words.
ABOUT_THEM = "the person the case is about"
THEIR_REPRESENTATIVE = "the representative, acting for the person the case is about"


def _case_data(
    user: Any, case: Case, hold: _Withholding, out: Gathered, people: list[Person]
) -> dict[str, Any]:
    represented = acted_as_representative(case, people)
    return {
        "reference": case.reference,
        "you_are": THEIR_REPRESENTATIVE if represented else ABOUT_THEM,
        # Another person's record when they acted for them: its id would tell them nothing.
        "person_record": None if represented else case.person_id,
        "kind": case.get_kind_display(),
        "status": case.get_status_display(),
        "channel": case.get_channel_display(),
        "received_at": _when(case.received_at),
        "service": case.service.name,
        "category": case.category.name if case.category else None,
        "summary": case.summary,
        "what_happened": case.description,
        "outcome_sought": case.outcome_sought,
        "outcome": case.get_outcome_display(),
        "closed_on": _when(case.closed_on),
        "passed_to_another_procedure": _routed_elsewhere(case),
        "representative": _representative(case),
        "stages": _stages(case),
        "correspondence": _correspondence(case, hold),
        "files": _attachments(case, hold, out),
        "responses": _responses(case, hold),
        "letters_and_emails": _messages(case, hold),
        **_records(case),
        "timeline": _timeline(user, case, hold),
    }


def gather(user: Any, cases: list[Case], people: list[Person]) -> Gathered:
    """``cases`` as ``subject_cases`` found them for ``people``, the subject's records."""
    out = Gathered()
    exemptions: dict[int, list[Exemption]] = {}
    for exemption in Exemption.objects.filter(case__in=[c.pk for c in cases]):
        exemptions.setdefault(exemption.case_id, []).append(exemption)
    for case in cases:
        hold = _Withholding(case, exemptions.get(case.pk, []), out)
        if hold.held_back(ItemKind.CASE, case.pk):
            continue
        out.cases.append(_case_data(user, case, hold, out, people))
    return out
