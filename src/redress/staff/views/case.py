"""The case page, attachment downloads and printable letters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from redress.cases.availability import transition_refusals
from redress.cases.kinds import Status
from redress.cases.models import Case
from redress.cases.permissions import Action, can
from redress.cases.related_rows import may_have_rows, note_related_rows
from redress.cases.selectors import stages_of
from redress.cases.services import deadlines
from redress.cases.services.guards import Transition
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


# What the case page offers, in the order it offers them: the slug of the action page, its
# label, the permission it needs, the transition whose guard decides whether it applies (None:
# always applies) and whether it is a main action.
PAGE_ACTIONS: list[tuple[str, str, Action, Transition | None, bool]] = [
    ("acknowledge", "Acknowledge", Action.ACKNOWLEDGE, Transition.ACKNOWLEDGE, True),
    ("assign", "Assign", Action.ASSIGN, Transition.ASSIGN, False),
    ("response", "Draft the response", Action.RESPOND, Transition.RESPOND, True),
    ("extend", "Extend the deadline", Action.EXTEND, Transition.EXTEND, False),
    ("note", "Record a call or note", Action.NOTE, None, False),
    ("attach", "Upload a file", Action.ATTACH, None, False),
    ("remedy", "Add a remedy", Action.REMEDY, None, False),
    ("outstanding-action", "Add an outstanding action", Action.REMEDY, None, False),
    ("escalate", "Escalate", Action.ESCALATE, Transition.ESCALATE, True),
    ("close", "Close the case", Action.CLOSE, Transition.CLOSE, False),
    ("link", "Link a related case", Action.LINK, None, False),
    ("withdraw", "Record a withdrawal", Action.WITHDRAW, Transition.WITHDRAW, False),
    ("refuse", "Record as not accepted", Action.REFUSE, Transition.REFUSE, False),
    (
        "route-elsewhere",
        "Route to another procedure",
        Action.ROUTE_ELSEWHERE,
        Transition.ROUTE_ELSEWHERE,
        False,
    ),
    ("reopen", "Reopen", Action.REOPEN, Transition.REOPEN, True),
]


def available_actions(user: Any, case: Case) -> list[Available]:
    """The actions this user may take on the case as it stands: exactly what the transition
    table's guards and the permissions allow, so the page never offers what the services
    refuse, nor hides what they accept."""
    refusals = transition_refusals(user, case)
    offered = []
    for slug, label, action, transition, primary in PAGE_ACTIONS:
        if transition is not None:
            allowed = refusals[transition] is None
        else:
            allowed = can(user, action, case)
        if allowed:
            if slug == "assign" and case.current_handler_id:
                label = "Reassign"
            offered.append(Available(slug, label, primary))
    return offered


# The case's relations whose sections the page shows: one query says which have rows, and the
# sections with none read nothing (``cases.related_rows``).
SECTION_RELATIONS = (
    "links_out",
    "links_in",
    "drafts",
    "attachments",
    "remedies",
    "actions",
    "learning",
    "ombudsman_case",
    "legal_holds",
    "anonymisation",
    "person.adjustments",
)


@login_required
def case_page(request: HttpRequest, reference: str) -> HttpResponse:
    case = visible_case(request, reference)
    note_related_rows(case, SECTION_RELATIONS)
    calendars = Calendars()
    stages = stages_of(case)
    definition = definition_of(case.procedure_version)
    for stage in stages:
        stage.response_provisional = deadlines.response_due_is_provisional(  # type: ignore[attr-defined]  # for the template
            stage, definition.stage(stage.key)
        )
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
    # Only the correspondence the timeline shows: most events carry none, so most pages read
    # none.
    shown = {event.data.get("correspondence") for event in events} - {None}
    correspondence = {c.pk: c for c in case.correspondence.filter(pk__in=shown)} if shown else {}
    for event in events:
        event.item = correspondence.get(event.data.get("correspondence"))  # type: ignore[attr-defined]  # for the template
        event.message_id = event.data.get("message")  # type: ignore[attr-defined]  # for the template
    linked = links_visible_from(request.user, case)
    drafts = (
        list(
            ResponseDraft.objects.filter(case=case)
            .select_related("stage", "author")
            .order_by("-created_at", "-id")
        )
        if may_have_rows(case, "drafts")
        else []
    )
    context = {
        "case": case,
        "stages": stages,
        "events": events,
        "attachments": (
            list(case.attachments.select_related("uploaded_by"))
            if may_have_rows(case, "attachments")
            else []
        ),
        "linked": linked,
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
        "procedure": definition,
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
