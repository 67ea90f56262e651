"""Every action on a case as a GOV.UK form: one spec per action, one view for them all.

Each spec names the permission it needs (to decide whether to show the form) and a function
that calls the service layer, which checks the permission again and does the work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from redress.accounts.models import User
from redress.cases import services
from redress.cases.kinds import NotAcceptedReason
from redress.cases.models import Case, CaseStage
from redress.cases.permissions import Action, can
from redress.cases.selectors import cases_visible_to
from redress.cases.services.stages import duration, require_current
from redress.core import clock
from redress.core.errors import InvalidInput, RedressError
from redress.elsewhere.services import case_route_elsewhere
from redress.staff import letters
from redress.staff.forms import actions as staff_forms
from redress.staff.forms.common import CaseActionForm
from redress.staff.models import TemplatePurpose
from redress.staff.views.common import (
    SignedInRequest,
    add_service_error,
    expected_version,
    forbidden,
    visible_case,
)


@dataclass(frozen=True)
class ActionSpec:
    title: str
    button: str
    action: Action
    form: type[CaseActionForm]
    perform: Callable[[SignedInRequest, Case, dict[str, Any], int | None], str]
    intro: str = ""
    warning: bool = False


def _acknowledge(
    request: SignedInRequest, case: Case, data: dict[str, Any], version: int | None
) -> str:
    case = services.case_acknowledge(
        case=case,
        by=request.user,
        on=data["on"],
        definition_summary=data["definition_summary"],
        expected_version=version,
    )
    if data.get("send_message"):
        letters.send(
            TemplatePurpose.ACKNOWLEDGEMENT, case=case, stage=case.current_stage, by=request.user
        )
        return "Acknowledged, and the acknowledgement is queued to send"
    return "Acknowledged"


def _assign(request: SignedInRequest, case: Case, data: dict[str, Any], version: int | None) -> str:
    handler = User.objects.filter(pk=data["handler"]).first()
    if handler is None:
        raise InvalidInput.for_field("handler", "Choose someone from the list")
    services.case_assign(case=case, by=request.user, handler=handler, expected_version=version)
    return f"Assigned to {handler.display_name}"


def _extend(request: SignedInRequest, case: Case, data: dict[str, Any], version: int | None) -> str:
    case = services.case_extend(
        case=case,
        by=request.user,
        reason=data["reason"],
        extend_by=duration(data["amount"], data["unit"]),
        expected_version=version,
    )
    letters.send(TemplatePurpose.EXTENSION, case=case, stage=case.current_stage, by=request.user)
    return "Deadline extended, and the letter with the Ombudsman's details is queued to send"


def _note(request: SignedInRequest, case: Case, data: dict[str, Any], version: int | None) -> str:
    services.correspondence_add(
        case=case,
        by=request.user,
        kind=data["kind"],
        body=data["body"],
        subject=data.get("subject", ""),
        direction=data["direction"],
    )
    return "Recorded"


def _attach(request: SignedInRequest, case: Case, data: dict[str, Any], version: int | None) -> str:
    attachment = services.attachment_add(case=case, by=request.user, upload=data["file"])
    return f"{attachment.original_name} uploaded"


def _escalate(
    request: SignedInRequest, case: Case, data: dict[str, Any], version: int | None
) -> str:
    case = services.case_escalate(
        case=case, by=request.user, requested_on=data["requested_on"], expected_version=version
    )
    # Escalating opens the next stage, so there is a current stage.
    return f"Escalated to {cast(CaseStage, case.current_stage).name}"


def _withdraw(
    request: SignedInRequest, case: Case, data: dict[str, Any], version: int | None
) -> str:
    services.case_withdraw(
        case=case, by=request.user, reason=data.get("reason", ""), expected_version=version
    )
    return "Recorded as withdrawn and closed"


def _refuse(request: SignedInRequest, case: Case, data: dict[str, Any], version: int | None) -> str:
    case = services.case_refuse(
        case=case,
        by=request.user,
        reason=data["reason"],
        detail=data.get("detail", ""),
        expected_version=version,
    )
    letters.send(TemplatePurpose.REFUSAL, case=case, stage=case.current_stage, by=request.user)
    return f"Recorded as not accepted ({NotAcceptedReason(data['reason']).label.lower()})"


def _route_elsewhere(
    request: SignedInRequest, case: Case, data: dict[str, Any], version: int | None
) -> str:
    _, sent = case_route_elsewhere(
        case=case,
        by=request.user,
        destination=data["destination"],
        to_name=data["to_name"],
        to_email=data.get("to_email", ""),
        on=data["on"],
        reason=data["reason"],
        expected_version=version,
    )
    if not sent:
        return "Closed as handled under another procedure"
    return "Closed as handled under another procedure, and the explanation is queued to send"


def _close(request: SignedInRequest, case: Case, data: dict[str, Any], version: int | None) -> str:
    services.case_close(
        case=case, by=request.user, expected_version=version, confirm=data.get("confirm", False)
    )
    return "Case closed"


def _reopen(request: SignedInRequest, case: Case, data: dict[str, Any], version: int | None) -> str:
    services.case_reopen(
        case=case, by=request.user, reason=data["reason"], expected_version=version
    )
    return "Case reopened"


def _link(request: SignedInRequest, case: Case, data: dict[str, Any], version: int | None) -> str:
    reference = data["other"].strip().upper()
    other = cases_visible_to(request.user).filter(reference=reference).first()
    if other is None:
        raise InvalidInput.for_field("other", f"There is no case {reference} that you can see")
    services.case_link(case=case, by=request.user, other=other, note=data.get("note", ""))
    return f"Linked to {other.reference}"


SPECS: dict[str, ActionSpec] = {
    "acknowledge": ActionSpec(
        "Acknowledge", "Acknowledge", Action.ACKNOWLEDGE, staff_forms.AcknowledgeForm, _acknowledge
    ),
    "assign": ActionSpec(
        "Assign this stage", "Assign", Action.ASSIGN, staff_forms.AssignForm, _assign
    ),
    "extend": ActionSpec(
        "Extend the deadline",
        "Extend",
        Action.EXTEND,
        staff_forms.ExtendForm,
        _extend,
        intro="The person is sent a letter or email giving the reason, the new date and the "
        "Ombudsman's details.",
    ),
    "note": ActionSpec("Record a call or note", "Save", Action.NOTE, staff_forms.NoteForm, _note),
    "attach": ActionSpec("Upload a file", "Upload", Action.ATTACH, staff_forms.AttachForm, _attach),
    "escalate": ActionSpec(
        "Escalate to the next stage",
        "Escalate",
        Action.ESCALATE,
        staff_forms.EscalateForm,
        _escalate,
        intro="The person does not need to give a reason. The next stage must be handled by "
        "someone other than the last.",
    ),
    "withdraw": ActionSpec(
        "Record a withdrawal",
        "Record withdrawal",
        Action.WITHDRAW,
        staff_forms.WithdrawForm,
        _withdraw,
        warning=True,
    ),
    "refuse": ActionSpec(
        "Record as not accepted",
        "Record as not accepted",
        Action.REFUSE,
        staff_forms.RefuseForm,
        _refuse,
        intro="The person is sent the reasons and their right to go to the Ombudsman.",
        warning=True,
    ),
    "route-elsewhere": ActionSpec(
        "Route to another procedure",
        "Route and close",
        Action.ROUTE_ELSEWHERE,
        staff_forms.RouteElsewhereForm,
        _route_elsewhere,
        intro="For a complaint about an elected Member (the Monitoring Officer considers it "
        "under the standards regime), about an individual senior officer (Human Resources), "
        "or for another organisation or statutory procedure. The case is closed as handled "
        "under another procedure, and the person is sent an explanation saying where it went "
        "and why.",
        warning=True,
    ),
    "close": ActionSpec(
        "Close the case",
        "Close the case",
        Action.CLOSE,
        staff_forms.CloseForm,
        _close,
        warning=True,
    ),
    "reopen": ActionSpec(
        "Reopen the case", "Reopen", Action.REOPEN, staff_forms.ReopenForm, _reopen
    ),
    "link": ActionSpec("Link a related case", "Link", Action.LINK, staff_forms.LinkForm, _link),
}


def _initial(slug: str, case: Case) -> dict[str, Any]:
    initial: dict[str, Any] = {"expected_version": case.version}
    today = clock.today()
    if slug == "acknowledge":
        stage = case.current_stage
        text = (stage.definition_summary if stage else "") or "\n\n".join(
            part
            for part in (
                case.summary,
                case.description,
                f"Outcome sought: {case.outcome_sought}" if case.outcome_sought else "",
            )
            if part
        )
        initial.update(on=today, definition_summary=text, send_message=True)
    elif slug == "escalate":
        initial["requested_on"] = today
    elif slug == "route-elsewhere":
        initial["on"] = today
    elif slug == "assign" and case.current_handler_id:
        initial["handler"] = str(case.current_handler_id)
    return initial


@login_required
def case_action(request: SignedInRequest, reference: str, slug: str) -> HttpResponse:
    spec = SPECS.get(slug)
    if spec is None:
        raise Http404("No such action")
    case = visible_case(request, reference)
    if not can(request.user, spec.action, case):
        return forbidden(
            request, f"You do not have permission to {spec.title.lower()} on {case.reference}."
        )
    form_kwargs: dict[str, Any] = {"case": case, "user": request.user}
    if request.method == "POST":
        form = spec.form(request.POST, request.FILES, **form_kwargs)
        if form.is_valid():
            try:
                with transaction.atomic():
                    # Transitions check the version themselves; this covers notes, files,
                    # links, remedies and actions, so no change is made from a stale page.
                    require_current(case, expected_version(form))
                    done = spec.perform(request, case, form.cleaned_data, expected_version(form))
            except RedressError as error:
                add_service_error(form, error)
            else:
                messages.success(request, f"{case.reference}: {done}.")
                return redirect("staff:case", reference=case.reference)
        status = 400
    else:
        form = spec.form(initial=_initial(slug, case), **form_kwargs)
        status = 200
    return render(
        request,
        "staff/action.html",
        {"case": case, "form": form, "spec": spec, "slug": slug, "multipart": slug == "attach"},
        status=status,
    )
