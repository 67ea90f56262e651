"""The case made at the end of the public form: checked and read first, then written in one
transaction with the files and the emails it causes."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from redress.accounts.models import User
from redress.cases.kinds import ContactPreference, CorrespondenceTo, Kind
from redress.cases.models import Case, CaseStage, Person, Service
from redress.cases.representatives import Representative
from redress.cases.services import adjustment_propose, case_log_prepare, case_log_write
from redress.cases.services.lifecycle import PreparedLog
from redress.core import clock
from redress.core.dates import long_date
from redress.core.errors import InvalidInput
from redress.portal.models import PendingUpload
from redress.portal.services.common import (
    PUBLIC_KINDS,
    queue_to_correspondents,
    render_for_each,
    stage_lines,
)
from redress.portal.services.compliments import pass_on_compliment, staff_to_tell
from redress.portal.services.uploads import attach_uploads
from redress.procedures.definitions import ProcedureDefinition
from redress.procedures.selectors import default_procedure_for
from redress.procedures.services import current_version, definition_of


def default_complaint_procedure() -> ProcedureDefinition | None:
    procedure = default_procedure_for(Kind.COMPLAINT)
    return definition_of(current_version(procedure)) if procedure else None


def over_twelve_months(day: dt.date | None, today: dt.date | None = None) -> bool:
    if day is None:
        return False
    today = today or clock.today()
    try:
        a_year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        a_year_ago = today.replace(year=today.year - 1, day=28)
    return day < a_year_ago


def _summary(details: str) -> str:
    first = " ".join(details.split())
    if len(first) <= 120:
        return first
    cut = first[:117].rsplit(" ", 1)[0]
    return f"{cut}…"


def _description(answers: dict[str, Any]) -> str:
    what = answers["what_happened"]
    parts = [what["details"]]
    if what.get("happened_on"):
        day = dt.date.fromisoformat(what["happened_on"])
        parts.append(f"When it happened: {long_date(day)}.")
        if over_twelve_months(day):
            parts.append("This is more than 12 months ago: it may not be accepted.")
    if what.get("staff_name"):
        parts.append(f"Member of staff named: {what['staff_name']}.")
    return "\n\n".join(parts)


def _outcome_sought(kind: str, answers: dict[str, Any]) -> str:
    if kind != Kind.COMPLAINT:
        return ""
    return str(answers.get("outcome", {}).get("outcome", ""))


@dataclass(frozen=True)
class ConfirmationDraft:
    """The confirmation for each correspondent, rendered before the write transaction with a
    stand-in where the reference goes: the reference is issued inside that transaction, and
    rendering there would hold SQLite's write lock (every other submission's wait) for the
    length of a render."""

    stand_in: str
    bodies: dict[str, str]

    def for_reference(self, reference: str) -> dict[str, str]:
        return {role: body.replace(self.stand_in, reference) for role, body in self.bodies.items()}


@dataclass(frozen=True)
class PreparedFeedback:
    """The portal's answers checked and turned into a case to log, with everything read that
    can be read before the write transaction begins."""

    owner: str
    log: PreparedLog
    support: str
    staff_to_tell: tuple[User, ...]
    has_uploads: bool
    confirmation: ConfirmationDraft


def feedback_prepare(*, answers: dict[str, Any], owner: str) -> PreparedFeedback:
    """Check the answers and read what the case needs; nothing is written."""
    kind = answers["kind"]["kind"]
    if kind not in PUBLIC_KINDS:
        raise InvalidInput.for_field("kind", "Select what you would like to do")
    service = Service.objects.filter(pk=answers["service"]["service"], is_active=True).first()
    if service is None:
        raise InvalidInput.for_field("service", "Select the service it is about")
    what = answers["what_happened"]
    log = case_log_prepare(
        by=None,
        kind=kind,
        channel="web",
        received_at=clock.now(),
        service=service,
        summary=_summary(what["details"]),
        description=_description(answers),
        outcome_sought=_outcome_sought(kind, answers),
        person=_person(answers),
        representative=_representative(answers),
    )
    staff = staff_to_tell(service, what.get("staff_name", "")) if kind == Kind.COMPLIMENT else []
    return PreparedFeedback(
        owner=owner,
        log=log,
        support=answers["support"].get("support", ""),
        staff_to_tell=tuple(staff),
        # Most people add no files: knowing that now saves a query under the write lock.
        has_uploads=PendingUpload.objects.filter(owner=owner).exists(),
        confirmation=_confirmation_draft(log),
    )


@transaction.atomic
def feedback_write(prepared: PreparedFeedback) -> Case:
    """Log the prepared case, attach the files and queue the emails, in one transaction."""
    case = case_log_write(prepared.log)
    if prepared.support:
        adjustment_propose(case=case, text=prepared.support)
    if prepared.has_uploads:
        attach_uploads(case, prepared.owner)
    _queue_confirmation(case, prepared.confirmation)
    for person in prepared.staff_to_tell:
        pass_on_compliment(case, person)
    return case


def feedback_submit(*, answers: dict[str, Any], owner: str) -> Case:
    """Create the case from the portal's answers, attach the files, queue the emails."""
    return feedback_write(feedback_prepare(answers=answers, owner=owner))


def _acting(answers: dict[str, Any]) -> bool:
    return bool(answers["about"]["for_whom"] == "someone_else")


def _person(answers: dict[str, Any]) -> dict[str, str]:
    """The person the case is about: whoever wrote, or the person they act for, with the
    details given for them on the "who is it for" page."""
    support = answers["support"].get("support", "")
    if not _acting(answers):
        contact = answers["contact"]
        return {
            "name": contact["name"],
            "email": contact.get("email", ""),
            "phone": contact.get("phone", ""),
            "address": contact.get("address", ""),
            "contact_preference": contact["preference"],
            "communication_needs": support,
        }
    about = answers["about"]
    email = about.get("their_email", "")
    return {
        "name": about["their_name"],
        "email": email,
        "address": about.get("their_address", ""),
        "contact_preference": ContactPreference.EMAIL if email else ContactPreference.LETTER,
        "communication_needs": support,
    }


def _representative(answers: dict[str, Any]) -> Representative | None:
    """Someone filling the form in for another person: their own contact details are the
    representative's, with who they asked us to write to."""
    if not _acting(answers):
        return None
    contact = answers["contact"]
    prefers_letters = contact["preference"] == ContactPreference.LETTER
    return Representative(
        name=contact["name"],
        relationship=answers["about"]["relationship"],
        # They confirmed on the form, today, that the person agreed.
        consent_on=clock.today(),
        # The Case keeps no contact preference for a representative: one who asked for
        # letters is written to by post, as the person would be, so their email is not kept.
        email="" if prefers_letters else contact.get("email", ""),
        phone=contact.get("phone", ""),
        address=contact.get("address", ""),
        correspondence_to=answers["about"].get("write_to") or CorrespondenceTo.REPRESENTATIVE,
    )


def _confirmation_draft(log: PreparedLog) -> ConfirmationDraft:
    """Render the confirmation for the case ``log`` will write, from the same values."""
    # Random, so no answer typed into the form can contain it and be replaced by mistake.
    stand_in = f"[reference {secrets.token_hex(12)}]"
    stage = CaseStage(**log.stage_fields)
    person = log.existing_person or Person(**log.person_fields)
    case = Case(reference=stand_in, person=person, current_stage=stage, **log.case_fields)
    bodies = render_for_each(case, "confirmation", **stage_lines(stage))
    return ConfirmationDraft(stand_in=stand_in, bodies=bodies)


def _queue_confirmation(case: Case, draft: ConfirmationDraft) -> None:
    queue_to_correspondents(
        case,
        template="confirmation",
        subject=f"We have received your {case.get_kind_display().lower()}: {case.reference}",
        key=f"portal-confirmation-{case.pk}",
        bodies=draft.for_reference(case.reference),
    )
