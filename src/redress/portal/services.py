"""What the public portal writes: the case at the end of the form, progress links, requests for
the next stage and survey answers. Each in one transaction with the messages it causes."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from redress.accounts.models import Role, User
from redress.calendars.clock import due_date
from redress.calendars.services import working_calendar
from redress.cases.kinds import Kind, Status
from redress.cases.models import Case, CaseStage, Person, Service
from redress.cases.services import (
    adjustment_propose,
    attachment_add,
    case_escalate,
    case_log_prepare,
    case_log_write,
)
from redress.cases.services.lifecycle import PreparedLog
from redress.cases.services.records import check_upload
from redress.cases.services.timeline import record_event
from redress.core.errors import InvalidInput, TransitionNotAllowed
from redress.notifications.services import message_queue
from redress.portal.models import PendingUpload, ProgressLink, SurveyResponse
from redress.portal.ratelimit import forget_before
from redress.procedures.definitions import ProcedureDefinition, StageDefinition
from redress.procedures.selectors import default_procedure_for
from redress.procedures.services import current_version, definition_of

PUBLIC_KINDS = (Kind.COMPLAINT, Kind.COMPLIMENT, Kind.COMMENT)
MAX_RECIPIENTS = 20


def base_url() -> str:
    return str(settings.REDRESS["PUBLIC_BASE_URL"]).rstrip("/")


def default_complaint_procedure() -> ProcedureDefinition | None:
    procedure = default_procedure_for(Kind.COMPLAINT)
    return definition_of(current_version(procedure)) if procedure else None


def over_twelve_months(day: dt.date | None, today: dt.date | None = None) -> bool:
    if day is None:
        return False
    today = today or timezone.localdate()
    try:
        a_year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        a_year_ago = today.replace(year=today.year - 1, day=28)
    return day < a_year_ago


# --- uploads --------------------------------------------------------------------------------


def upload_keep(*, owner: str, upload: UploadedFile) -> PendingUpload:
    """Check a file by its content and keep it until the form is sent."""
    if PendingUpload.objects.filter(owner=owner).count() >= settings.PORTAL_MAX_UPLOADS:
        raise InvalidInput.for_field(
            "file", f"You can add up to {settings.PORTAL_MAX_UPLOADS} files"
        )
    content_type = check_upload(upload)
    pending = PendingUpload(
        token=secrets.token_hex(16),
        owner=owner,
        original_name=(upload.name or "file").replace("/", "_").replace("\\", "_")[-200:],
        content_type=content_type,
        size=upload.size or 0,
    )
    pending.file.save(pending.token, upload, save=False)
    pending.save()
    return pending


def upload_remove(*, owner: str, token: str) -> None:
    for pending in PendingUpload.objects.filter(owner=owner, token=token):
        _delete_pending(pending)


def _delete_pending(pending: PendingUpload) -> None:
    name = pending.file.name
    storage = pending.file.storage
    pending.delete()
    transaction.on_commit(lambda: storage.delete(name) if name else None)


# --- the submission -------------------------------------------------------------------------


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
        parts.append(f"When it happened: {day.day} {day:%B %Y}.")
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
    """The confirmation email, rendered before the write transaction with a stand-in where the
    reference goes: the reference is issued inside that transaction, and rendering there would
    hold SQLite's write lock (every other submission's wait) for the length of a render."""

    stand_in: str
    body: str

    def for_reference(self, reference: str) -> str:
        return self.body.replace(self.stand_in, reference)


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
    about = answers["about"]
    acting = about["for_whom"] == "someone_else"
    what = answers["what_happened"]
    log = case_log_prepare(
        by=None,
        kind=kind,
        channel="web",
        received_at=timezone.now(),
        service=service,
        summary=_summary(what["details"]),
        description=_description(answers),
        outcome_sought=_outcome_sought(kind, answers),
        person=_person(answers),
        representative_name=answers["contact"]["name"] if acting else "",
        representative_relationship=about["relationship"] if acting else "",
        representative_consent_on=timezone.localdate() if acting else None,
    )
    staff = _staff_to_tell(service, what.get("staff_name", "")) if kind == Kind.COMPLIMENT else []
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
        _attach_uploads(case, prepared.owner)
    _queue_confirmation(case, prepared.confirmation)
    for person in prepared.staff_to_tell:
        _pass_on_compliment(case, person)
    return case


def _attach_uploads(case: Case, owner: str) -> None:
    for pending in PendingUpload.objects.filter(owner=owner).order_by("id"):
        with pending.file.open("rb") as handle:
            attachment_add(case=case, by=None, upload=File(handle, name=pending.original_name))
        _delete_pending(pending)


def feedback_submit(*, answers: dict[str, Any], owner: str) -> Case:
    """Create the case from the portal's answers, attach the files, queue the emails."""
    return feedback_write(feedback_prepare(answers=answers, owner=owner))


def _person(answers: dict[str, Any]) -> dict[str, str]:
    contact = answers["contact"]
    about = answers["about"]
    # The case is about the person affected; replies go to whoever wrote, with consent given.
    name = about["their_name"] if about["for_whom"] == "someone_else" else contact["name"]
    return {
        "name": name,
        "email": contact.get("email", ""),
        "phone": contact.get("phone", ""),
        "address": contact.get("address", ""),
        "contact_preference": contact["preference"],
        "communication_needs": answers["support"].get("support", ""),
    }


def _stage_lines(stage: CaseStage) -> dict[str, Any]:
    return {
        "stage": stage,
        "acknowledge_due": stage.acknowledge_due,
        "response_due": stage.effective_response_due,
    }


def _render_to_person(case: Case, template: str, **context: Any) -> str:
    return render_to_string(
        f"portal/email/{template}.txt",
        {
            "case": case,
            "person": case.person,
            "base_url": base_url(),
            "organisation_name": settings.REDRESS["ORGANISATION_NAME"],
            **context,
        },
    )


def _queue_to_person(
    case: Case, *, template: str, subject: str, key: str, body: str | None = None, **context: Any
) -> None:
    """Queue an email to the person; ``body`` when it was rendered already."""
    person = case.person
    if body is None:
        body = _render_to_person(case, template, **context)
    message_queue(
        case=case,
        subject=subject,
        body_text=body,
        recipient_email=person.email,
        recipient_name=case.representative_name or person.name,
        recipient_address=person.address,
        template_key=f"portal_{template}",
        idempotency_key=key,
    )


def _confirmation_draft(log: PreparedLog) -> ConfirmationDraft:
    """Render the confirmation for the case ``log`` will write, from the same values."""
    # Random, so no answer typed into the form can contain it and be replaced by mistake.
    stand_in = f"[reference {secrets.token_hex(12)}]"
    stage = CaseStage(**log.stage_fields)
    person = log.existing_person or Person(**log.person_fields)
    case = Case(reference=stand_in, person=person, current_stage=stage, **log.case_fields)
    body = _render_to_person(case, "confirmation", **_stage_lines(stage))
    return ConfirmationDraft(stand_in=stand_in, body=body)


def _queue_confirmation(case: Case, draft: ConfirmationDraft) -> None:
    _queue_to_person(
        case,
        template="confirmation",
        subject=f"We have received your {case.get_kind_display().lower()}: {case.reference}",
        key=f"portal-confirmation-{case.pk}",
        body=draft.for_reference(case.reference),
    )


def _staff_to_tell(service: Service, staff_name: str) -> list[User]:
    """The service's managers (or, with none, its responders) and any staff member named."""
    active = User.objects.filter(is_active=True).exclude(email="")
    in_service = active.filter(services=service)
    people = list(in_service.filter(role=Role.MANAGER)[:MAX_RECIPIENTS]) or list(
        in_service.filter(role=Role.SERVICE_RESPONDER)[:MAX_RECIPIENTS]
    )
    named = _named_staff(active, staff_name)
    if named is not None and named not in people:
        people.append(named)
    return people


def _named_staff(active: Any, staff_name: str) -> User | None:
    words = staff_name.split()
    if len(words) < 2:
        return None
    first, last = words[0], words[-1]
    matches = list(active.filter(first_name__iexact=first, last_name__iexact=last)[:2])
    # Only an unambiguous match: a compliment must not reach the wrong person.
    return matches[0] if len(matches) == 1 else None


def _pass_on_compliment(case: Case, person: User) -> None:
    body = render_to_string(
        "portal/email/compliment_to_staff.txt",
        {"case": case, "staff": person, "base_url": base_url()},
    )
    message_queue(
        case=case,
        subject=f"A compliment for {case.service.name}: {case.reference}",
        body_text=body,
        recipient_email=person.email,
        recipient_name=person.display_name,
        template_key="portal_compliment_staff",
        idempotency_key=f"portal-compliment-{case.pk}-{person.pk}",
    )


# --- following progress ---------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def progress_link_request(*, reference: str, email: str) -> bool:
    """Email a one-time link if the reference and email match a case. The caller shows the
    same answer either way; the return value is for tests and logs only.

    Both ways make and hash a token and render the email (for a stand-in when nothing
    matches), so the time taken does not tell an enumerator much more than the answer does.
    """
    reference = reference.strip().upper()
    # References are issued in capitals: an exact match uses the unique index, where a
    # case-insensitive one reads every case on PostgreSQL.
    found = (
        Case.objects.select_related("person")
        .filter(reference=reference, kind__in=PUBLIC_KINDS)
        .first()
    )
    case = found if found is not None and _same_email(found.person.email, email) else None
    token = secrets.token_urlsafe(32)
    token_hash = hash_token(token)
    minutes = settings.PORTAL_LINK_MINUTES
    expires_at = timezone.now() + dt.timedelta(minutes=minutes)
    body = _render_to_person(
        case or _stand_in(reference, email),
        "progress_link",
        link=f"{base_url()}/feedback/progress/link/{token}/",
        minutes=minutes,
    )
    if case is None:
        return False
    link = ProgressLink.objects.create(case=case, token_hash=token_hash, expires_at=expires_at)
    _queue_to_person(
        case,
        template="progress_link",
        subject=f"Your link to follow {case.reference}",
        key=f"portal-link-{link.pk}",
        body=body,
    )
    return True


def _same_email(on_record: str, given: str) -> bool:
    return bool(on_record) and on_record.lower() == given.lower()


def _stand_in(reference: str, email: str) -> Case:
    """An unsaved case to render the link email for when nothing matches; never stored."""
    return Case(reference=reference, person=Person(name="", email=email))


def progress_link_use(*, token: str) -> Case | None:
    """Spend a link: the case it opens, or None if it is unknown, used or expired."""
    now = timezone.now()
    with transaction.atomic():
        link = ProgressLink.objects.filter(token_hash=hash_token(token)).first()
        if link is None:
            return None
        spent = ProgressLink.objects.filter(
            pk=link.pk, used_at__isnull=True, expires_at__gt=now
        ).update(used_at=now)
        return Case.objects.get(pk=link.case_id) if spent else None


def progress_link_is_live(*, token: str) -> bool:
    return ProgressLink.objects.filter(
        token_hash=hash_token(token), used_at__isnull=True, expires_at__gt=timezone.now()
    ).exists()


@dataclass(frozen=True)
class NextStage:
    """Whether the person may ask for the next stage now, and until when."""

    definition: StageDefinition
    last_day: dt.date | None


def next_stage_open_to(case: Case, today: dt.date | None = None) -> NextStage | None:
    stage = case.current_stage
    if case.kind != Kind.COMPLAINT or case.status != Status.RESPONDED or stage is None:
        return None
    if not stage.responded_on:
        return None
    definition = definition_of(case.procedure_version)
    next_def = definition.stage_after(stage.key)
    if next_def is None:
        return None
    window = definition.stage(stage.key).escalation_window
    last_day = None
    if window is not None:
        calendar = working_calendar(definition.calendar, stage.responded_on)
        last_day = due_date(stage.responded_on, window, calendar)
        if (today or timezone.localdate()) > last_day:
            return None
    return NextStage(next_def, last_day)


@transaction.atomic
def next_stage_request(*, case: Case) -> Case:
    """The person asks for the next stage from the progress page: no reason needed."""
    if next_stage_open_to(case) is None:
        raise TransitionNotAllowed("You cannot ask for the next stage of this case now.")
    case = case_escalate(case=case, by=None, requested_on=timezone.localdate())
    case = Case.objects.select_related("person", "current_stage").get(pk=case.pk)
    # Escalating opened the next stage, so the case has a current stage.
    stage = cast(CaseStage, case.current_stage)
    _queue_to_person(
        case,
        template="escalated",
        subject=f"We have received your request for {stage.name}: {case.reference}",
        key=f"portal-escalated-{case.current_stage_id}",
        **_stage_lines(stage),
    )
    return case


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


# --- housekeeping (run by the worker) -------------------------------------------------------


def portal_housekeeping(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Remove what is no longer needed: old rate counters, spent links, abandoned uploads."""
    now = now or timezone.now()
    counters = forget_before(time.time() - 24 * 60 * 60)
    links, _ = ProgressLink.objects.filter(Q(expires_at__lt=now - dt.timedelta(days=1))).delete()
    abandoned = 0
    stale = PendingUpload.objects.filter(created_at__lt=now - dt.timedelta(days=1))
    for pending in stale.iterator():
        with transaction.atomic():
            _delete_pending(pending)
        abandoned += 1
    return {"rate_counters": counters, "links": links, "uploads": abandoned}
