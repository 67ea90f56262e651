"""The case page, attachment downloads and printable letters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from redress.cases.kinds import Status
from redress.cases.models import Case
from redress.cases.permissions import Action, can
from redress.cases.selectors import stages_of
from redress.cases.visibility import (
    links_visible_from,
    messages_visible_to,
    timeline_visible_to,
)
from redress.procedures.services import definition_of
from redress.staff.deadlines import Calendars
from redress.staff.models import DraftState, ResponseDraft
from redress.staff.views.common import visible_case


@dataclass(frozen=True)
class Available:
    slug: str
    label: str
    primary: bool = False


def available_actions(user: Any, case: Case) -> list[Available]:
    """The actions this user may take on the case as it stands: nothing else is offered."""
    stage = case.current_stage
    definition = definition_of(case.procedure_version)
    stage_def = definition.stage(stage.key) if stage else None
    is_closed = case.status == Status.CLOSED
    answered = bool(stage and stage.responded_on)
    waiting = case.status == Status.OPEN and stage is not None and not answered
    rules = [
        (
            "acknowledge",
            "Acknowledge",
            Action.ACKNOWLEDGE,
            waiting and not stage.acknowledged_on,  # type: ignore[union-attr]  # waiting: has a stage
            True,
        ),
        (
            "assign",
            "Assign" if not case.current_handler_id else "Reassign",
            Action.ASSIGN,
            not is_closed and stage is not None,
            False,
        ),
        (
            "response",
            "Draft the response",
            Action.RESPOND,
            waiting and stage_def is not None and stage_def.respond_within is not None,
            True,
        ),
        (
            "extend",
            "Extend the deadline",
            Action.EXTEND,
            waiting
            and stage.response_due is not None  # type: ignore[union-attr]  # waiting: has a stage
            and stage_def.max_extension is not None  # type: ignore[union-attr]  # waiting: a stage and its definition
            and (stage.acknowledged_on or not stage.acknowledge_due),  # type: ignore[union-attr]
            False,
        ),
        ("note", "Record a call or note", Action.NOTE, True, False),
        ("attach", "Upload a file", Action.ATTACH, True, False),
        ("remedy", "Add a remedy", Action.REMEDY, stage is not None, False),
        (
            "outstanding-action",
            "Add an outstanding action",
            Action.REMEDY,
            stage is not None,
            False,
        ),
        (
            "escalate",
            "Escalate",
            Action.ESCALATE,
            not is_closed and answered and definition.stage_after(stage.key) is not None,  # type: ignore[union-attr]  # answered: has a stage
            True,
        ),
        (
            "close",
            "Close the case",
            Action.CLOSE,
            case.status == Status.RESPONDED
            or (
                waiting
                and stage_def is not None
                and stage_def.respond_within is None
                and (not stage.acknowledge_due or stage.acknowledged_on)  # type: ignore[union-attr]  # waiting: has a stage
            ),
            False,
        ),
        ("link", "Link a related case", Action.LINK, True, False),
        ("withdraw", "Record a withdrawal", Action.WITHDRAW, not is_closed, False),
        ("refuse", "Record as not accepted", Action.REFUSE, waiting and stage.number == 1, False),  # type: ignore[union-attr]  # waiting: has a stage
        ("reopen", "Reopen", Action.REOPEN, is_closed, True),
    ]
    return [
        Available(slug, label, primary)
        for slug, label, action, applies, primary in rules
        if applies and can(user, action, case)
    ]


@login_required
def case_page(request: HttpRequest, reference: str) -> HttpResponse:
    case = visible_case(request, reference)
    calendars = Calendars()
    stages = stages_of(case)
    for stage in stages:
        open_stage = stage.pk == case.current_stage_id and case.status == Status.OPEN
        stage.ack_deadline = (  # type: ignore[attr-defined]  # for the template
            calendars.deadline(case, stage.acknowledge_due)
            if open_stage and stage.acknowledge_due and not stage.acknowledged_on
            else None
        )
        stage.response_deadline = (  # type: ignore[attr-defined]  # for the template
            calendars.deadline(case, stage.effective_response_due)
            if open_stage and stage.effective_response_due and not stage.responded_on
            else None
        )
    events = timeline_visible_to(request.user, case)
    correspondence = {c.pk: c for c in case.correspondence.select_related("author")}
    for event in events:
        event.item = correspondence.get(event.data.get("correspondence"))  # type: ignore[attr-defined]  # for the template
        event.message_id = event.data.get("message")  # type: ignore[attr-defined]  # for the template
    linked = links_visible_from(request.user, case)
    drafts = list(
        ResponseDraft.objects.filter(case=case)
        .select_related("stage", "author")
        .order_by("-created_at", "-id")
    )
    context = {
        "case": case,
        "stages": stages,
        "events": events,
        "attachments": list(case.attachments.select_related("uploaded_by")),
        "linked": linked,
        "remedies": list(case.remedies.all()),
        "outstanding": list(case.actions.select_related("owner")),
        "adjustments": list(case.person.adjustments.all()),
        "drafts": drafts,
        "open_draft": next(
            (
                d
                for d in drafts
                if d.state != DraftState.SENT and d.stage_id == case.current_stage_id
            ),
            None,
        ),
        "actions": available_actions(request.user, case),
        "procedure": definition_of(case.procedure_version),
    }
    return render(request, "staff/case.html", context)


@login_required
def attachment_download(request: HttpRequest, reference: str, token: str) -> FileResponse:
    case = visible_case(request, reference)
    attachment = get_object_or_404(case.attachments, token=token)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def message_print(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """A queued letter or email laid out for printing and posting."""
    case = visible_case(request, reference)
    message = get_object_or_404(messages_visible_to(request.user), case=case, pk=pk)
    return render(request, "staff/letter.html", {"case": case, "message": message})
