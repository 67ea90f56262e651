"""A small council with one restricted case that has one of everything, an ordinary case
linked to it, and one person of each kind who might go looking.

Everything is made through the service functions, as the product makes it. Each piece of the
restricted case carries a word found nowhere else, so a response that contains it has shown
something of the restricted case.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from redress.accounts.models import Role, User
from redress.calendars.clock import LONDON
from redress.cases.adjustment_models import AdjustmentType
from redress.cases.kinds import CorrespondenceTo
from redress.cases.models import Case, CaseAccessGrant
from redress.cases.representatives import Representative
from redress.cases.services import attachment_add, case_link, correspondence_add
from redress.cases.services.adjustments import adjustment_record
from redress.cases.services.remedies import action_add, remedy_add
from redress.disclosure.models import Exemption
from redress.disclosure.redaction import redact
from redress.disclosure.services import exemption_add
from redress.elsewhere.services import case_route_elsewhere
from redress.imports.models import ImportFile
from redress.imports.results import stored
from redress.imports.running import ImportOptions, run_import
from redress.inbound.models import InboundEmail
from redress.inbound.services import email_add_to_case
from redress.inbound.storing import store
from redress.learning.services import learning_raise
from redress.notifications.delivery import deliver_due
from redress.notifications.models import OutboundMessage
from redress.notifications.services import message_queue
from redress.ombudsman.services import ombudsman_refer, ombudsman_request_add
from redress.privacy.models import (
    ItemState,
    LegalHold,
    RetentionItem,
    RetentionReport,
    RetentionRule,
)
from redress.register.models import RegisterEntry
from redress.reporting.models import BenchmarkFigure, BenchmarkNeighbour, HomesCount
from redress.staff import drafts
from redress.staff.models import ResponseDraft
from redress.trends.models import TrendAlert
from tests.factories import ServiceFactory, UserFactory, make_case
from tests.inbound.messages import email as raw_email
from tests.security.register_world import (
    GOVERNANCE,
    build_register,
    governance_persona,
    register_secrets,
)

PERSON = "Rowena Quillfeather"
SURNAME = "Quillfeather"  # what a searcher types; a search page may echo it back
NOTE = "Quokkanote about the safeguarding concern"
DRAFT = "Quokkadraft decision about the member of staff"
LETTER = "Quokkaletter sent by post about the investigation"
EMAIL = "Quokkaemail sent about the investigation"
LINK_NOTE = "Quokkalink: same family as the restricted case"
REMEDY = "A written apology from the lettings manager for Quillon"
ACTION = "Review the Quillon tenancy file with the area team"
ADJUSTMENT = "Write to Quillon in large print only"
ATTACHMENT = "quokka-witness-statement.pdf"
SUMMARY = "Quokkasummary complaint about a social worker"
OMBUDSMAN_REQUEST = "Quokkaombudsman asks for the case file"
OMBUDSMAN_REFERENCE = "QK-778899"
REPRESENTATIVE = "Quentin Quokkarep"
INBOUND_REPLY = "Quokkainbound reply about the investigation"
INBOUND_ADDED = "Quokkaqueued email added from the New email queue"
ROUTED_TO = "Morwenna Quokkamonitor"
ROUTING_REASON = "Quokkarouted: about the conduct of Councillor Quill"
OTHER_PERSON = "Olly Ordinary"
LEARNING = "Quokkalearning: brief social workers on Quillon"
LEGAL_HOLD = "Quokkahold for the tribunal claim"
EXEMPTION = "Quokkaexemption: legal advice about the social worker"
REDACTION = "Quokkaredaction: names the foster carer"
LEGACY_REFERENCE = "QKLEGACY-4411"

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Who goes looking. "officer_granted" may see the restricted case and proves the walk would
# notice a leak; nobody else may see anything of it. "governance" (an officer in the
# governance group) may see the register and proves the same for it; nobody else may.
PERSONAS = (
    "officer_granted",
    "officer",
    "responder_other",
    "manager",
    "investigator",
    "administrator",
    "superuser",
    GOVERNANCE,
    "member",
    "signed_out",
)
GRANTED = "officer_granted"
# An elected Member sees aggregate figures only: nothing of any case, restricted or not.
MEMBER = "member"


@dataclass
class World:
    restricted: Case
    ordinary: Case
    users: dict[str, User | None]
    letter: OutboundMessage
    email: OutboundMessage
    draft: ResponseDraft
    attachment_token: str
    inbound: list[InboundEmail] = field(default_factory=list)
    register: RegisterEntry | None = None
    retention_report: RetentionReport | None = None
    exemption: Exemption | None = None
    import_file: ImportFile | None = None
    secrets: dict[str, str] = field(default_factory=dict)
    register_secrets: dict[str, str] = field(default_factory=dict)
    alerts: list[TrendAlert] = field(default_factory=list)
    # Text of a case anyone with a casework role may see; the Member must meet none of it.
    any_case_secrets: dict[str, str] = field(default_factory=dict)

    def timeline_length(self) -> tuple[int, int]:
        case = Case.objects.get(pk=self.restricted.pk)
        return case.events.count(), case.version


def _personas(housing: Any, parks: Any) -> dict[str, User | None]:
    administrator = UserFactory(username="administrator", role=Role.ADMINISTRATOR, is_staff=True)
    # Every admin permission, so the admin hides the restricted case by the visibility rule
    # and not merely for want of a permission.
    administrator.user_permissions.set(Permission.objects.all())
    return {
        "officer_granted": UserFactory(username="granted", role=Role.COMPLAINTS_OFFICER),
        "officer": UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER),
        "responder_other": UserFactory(
            username="responder", role=Role.SERVICE_RESPONDER, services=[parks]
        ),
        # A manager of the restricted case's own service: they see its other cases.
        "manager": UserFactory(username="manager", role=Role.MANAGER, services=[housing]),
        "investigator": UserFactory(username="investigator", role=Role.INVESTIGATOR),
        "administrator": administrator,
        "superuser": UserFactory(username="root", role="", is_staff=True, is_superuser=True),
        GOVERNANCE: governance_persona(),
        MEMBER: UserFactory(username="member", role=Role.MEMBER),
        "signed_out": None,
    }


def build_world() -> World:
    housing = ServiceFactory(name="Children's social care", slug="childrens")
    parks = ServiceFactory(name="Parks", slug="parks")
    users = _personas(housing, parks)
    granted, officer = users["officer_granted"], users["officer"]
    received = timezone.now() - dt.timedelta(days=5)
    received = received.astimezone(LONDON)
    restricted = make_case(
        service=housing,
        by=granted,
        received_at=received,
        restricted=True,
        summary=SUMMARY,
        person={"name": PERSON, "email": "", "address": "9 Quiet Lane\nTown"},
        representative=Representative(
            name=REPRESENTATIVE,
            relationship="Advocate",
            consent_on=timezone.localdate(),
            email="quentin@example.com",
            correspondence_to=CorrespondenceTo.BOTH,
        ),
    )
    ordinary = make_case(
        service=housing,
        by=granted,
        received_at=received,
        person={"name": OTHER_PERSON, "email": "olly@example.com"},
    )
    noted = correspondence_add(case=restricted, by=granted, kind="note", body=NOTE)
    redactable = correspondence_add(
        case=restricted, by=granted, kind="note", body="Quokkaredactable: the carer is Jane"
    )
    redact(
        case=restricted,
        by=granted,
        item=f"correspondence:{redactable.pk}",
        passage="the carer is Jane",
        reason=REDACTION,
    )
    exemption = exemption_add(
        case=restricted, by=granted, item=f"correspondence:{noted.pk}", reason=EXEMPTION
    )
    attachment = attachment_add(
        case=restricted, by=granted, upload=SimpleUploadedFile(ATTACHMENT, PDF, "application/pdf")
    )
    case_link(case=ordinary, by=granted, other=restricted, note=LINK_NOTE)
    due = timezone.localdate() + dt.timedelta(days=10)
    remedy_add(
        case=restricted, by=granted, type="apology", description=REMEDY, due_on=due, owner=granted
    )
    action_add(case=restricted, by=granted, description=ACTION, due_on=due, owner=granted)
    learning_raise(
        case=restricted,
        by=granted,
        lesson=LEARNING,
        change=LEARNING,
        service=housing,
        owner=granted,
        due_on=due,
    )
    adjustment_record(
        case=restricted,
        by=granted,
        type=AdjustmentType.objects.get_or_create(name="Large print")[0],
        description=ADJUSTMENT,
        agreed_on=timezone.localdate(),
        review_on=due,
    )
    letter = message_queue(
        case=restricted,
        subject=LETTER,
        body_text=LETTER,
        recipient_name=PERSON,
        recipient_address="9 Quiet Lane\nTown",
    )
    email = message_queue(
        case=restricted,
        subject=EMAIL,
        body_text=EMAIL,
        recipient_name=PERSON,
        recipient_email="rowena@example.com",
    )
    deliver_due()
    draft = _returned_draft(restricted, author=officer, reviewer=granted)
    referral = ombudsman_refer(
        case=restricted,
        by=granted,
        body="lgsco",
        reference=OMBUDSMAN_REFERENCE,
        notified_on=timezone.localdate(),
    )
    ombudsman_request_add(
        ombudsman_case=referral,
        by=granted,
        kind="enquiry",
        description=OMBUDSMAN_REQUEST,
        received_on=timezone.localdate(),
        due_on=timezone.localdate() + dt.timedelta(days=14),
    )
    inbound = _inbound_email(restricted, granted)
    entry = build_register(users[GOVERNANCE], ordinary.person, contact=officer)
    # The restricted case came from the legacy system (restricted after it was imported), and
    # the administrators' import page holds the file it came in.
    Case.objects.filter(pk=restricted.pk).update(legacy_reference=LEGACY_REFERENCE)
    import_file = _import_file(users["administrator"])
    # Last, as it closes the case: handled under another procedure, the explanation queued.
    case_route_elsewhere(
        case=restricted,
        by=granted,
        destination="monitoring_officer",
        to_name=ROUTED_TO,
        on=timezone.localdate(),
        reason=ROUTING_REASON,
    )
    _report_figures()
    world = World(
        restricted=Case.objects.get(pk=restricted.pk),
        ordinary=Case.objects.get(pk=ordinary.pk),
        users=users,
        letter=OutboundMessage.objects.get(pk=letter.pk),
        email=OutboundMessage.objects.get(pk=email.pk),
        draft=draft,
        attachment_token=attachment.token,
        inbound=inbound,
        register=entry,
        exemption=exemption,
        register_secrets=register_secrets(),
        alerts=_alerts(restricted),
        retention_report=_retention(restricted, ordinary, users["administrator"]),
        import_file=import_file,
    )
    world.secrets = {
        "reference": restricted.reference,
        "person's name": PERSON,
        "summary": SUMMARY,
        "note": NOTE,
        "draft": DRAFT,
        "letter": LETTER,
        "email": EMAIL,
        "link note": LINK_NOTE,
        "remedy": REMEDY,
        "outstanding action": ACTION,
        "adjustment": ADJUSTMENT,
        "attachment name": ATTACHMENT,
        "Ombudsman request": OMBUDSMAN_REQUEST,
        "Ombudsman reference": OMBUDSMAN_REFERENCE,
        "representative": REPRESENTATIVE,
        "legacy reference": LEGACY_REFERENCE,
        "exemption reason": EXEMPTION,
        "redaction reason": REDACTION,
        "legal hold": LEGAL_HOLD,
        "learning action": LEARNING,
        "inbound reply": INBOUND_REPLY,
        "email added from the queue": INBOUND_ADDED,
        "routed to": ROUTED_TO,
        "routing reason": ROUTING_REASON,
    }
    world.any_case_secrets = {
        "ordinary case's reference": world.ordinary.reference,
        "ordinary case's person": OTHER_PERSON,
    }
    return world


def _inbound_email(case: Case, granted: Any) -> list[InboundEmail]:
    """A reply that found the restricted case by its reference, and an email from the queue
    that the granted officer added to it: both are the case's now, and as secret."""
    reply = store(raw_email(subject=f"Re: {case.reference} {INBOUND_REPLY}", body=INBOUND_REPLY))
    queued = store(raw_email(subject="A letter from a relative", body=INBOUND_ADDED))
    assert reply is not None and reply.case == case and queued is not None
    email_add_to_case(email=queued, by=granted, case=case)
    return [reply, queued]


def _alerts(restricted: Case) -> list[TrendAlert]:
    """Alerts about the restricted case's service area and week, and about an area. They hold
    numbers only (restricted cases are not counted), so their pages must show none of its
    text to anyone."""
    week = restricted.received_on - dt.timedelta(days=restricted.received_on.weekday())
    common = {"week_starting": week, "count": 6, "expected": 0.5, "p_value": 0.0001}
    return [
        TrendAlert.objects.create(
            scope_kind="service",
            scope_key=str(restricted.service_id),
            scope_name=restricted.service.name,
            scope_slug=restricted.service.slug,
            service=restricted.service,
            series=[0] * 12 + [6],
            **common,
        ),
        TrendAlert.objects.create(
            scope_kind="area", scope_key="QU1", scope_name="QU1", series=[1] * 12 + [6], **common
        ),
    ]


def _retention(restricted: Case, ordinary: Case, administrator: Any) -> RetentionReport:
    """A legal hold on the restricted case, and a retention report listing it as due (and
    the ordinary case as held): the report's pages must list only what the reader may see,
    and applying it must leave the restricted case alone for anyone not granted access."""
    LegalHold.objects.create(case=restricted, reason=LEGAL_HOLD, placed_by=None)
    rule = RetentionRule.objects.create(kind="complaint", years=6)
    report = RetentionReport.objects.create(as_of=timezone.localdate(), created_by=administrator)
    for case, state in ((restricted, ItemState.DUE), (ordinary, ItemState.HELD)):
        RetentionItem.objects.create(
            report=report, case=case, rule=rule, rule_label=str(rule), state=state
        )
    return report


def _import_file(by: Any) -> ImportFile:
    """An uploaded file whose dry run found the restricted case's row imported already."""
    text = (
        "legacy_reference,kind,received_on,service,person_name,summary\n"
        f"{LEGACY_REFERENCE},complaint,2021-04-06,childrens,Someone Else,Quokkaimport\n"
        "QKLEGACY-4412,complaint,2021-04-07,no-such-service,Someone Else,Another\n"
    )
    upload = ImportFile(token=secrets.token_hex(16), original_name="legacy.csv", uploaded_by=by)
    upload.file.save(upload.token, ContentFile(text.encode()), save=False)
    upload.checked = stored(run_import(upload.file.path, ImportOptions(dry_run=True)))
    upload.save()
    return upload


def _report_figures() -> None:
    """What administrators enter for the reports, so their pages and the annual report's
    comparison and CH01 are walked with figures in them."""
    HomesCount.objects.create(on=timezone.localdate(), count=12_000)
    for name, upheld in (("Example Borough Council", 10), ("Northtown Council", 20)):
        BenchmarkFigure.objects.create(
            year=timezone.localdate().year,
            organisation=name,
            complaints_decided=90,
            detailed_investigations=30,
            upheld=upheld,
        )
    BenchmarkNeighbour.objects.create(organisation="Northtown Council")


def _returned_draft(case: Case, *, author: Any, reviewer: Any) -> ResponseDraft:
    """A draft its author wrote while they had access, returned to them by a reviewer, after
    which the author's access was withdrawn: My work must not list it any more."""
    grant = CaseAccessGrant.objects.create(case=case, user=author)
    fields = {
        "outcome": "upheld",
        "definition": "Your complaint about the officer.",
        "decision": DRAFT,
        "reasons": "The records show what happened.",
        "remedy": "We apologise.",
        "outstanding_actions": "None.",
        "escalation": "You can ask for Stage 2.",
    }
    draft = drafts.draft_save(case=case, by=author, fields=fields)
    drafts.draft_submit(draft=draft, by=author)
    drafts.draft_return(draft=draft, by=reviewer, comments="Say more about the next steps.")
    grant.delete()
    return ResponseDraft.objects.get(pk=draft.pk)
