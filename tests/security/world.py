"""A small council with one restricted case that has one of everything, an ordinary case
linked to it, and one person of each kind who might go looking.

Everything is made through the service functions, as the product makes it. Each piece of the
restricted case carries a word found nowhere else, so a response that contains it has shown
something of the restricted case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Permission
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
from redress.notifications.delivery import deliver_due
from redress.notifications.models import OutboundMessage
from redress.notifications.services import message_queue
from redress.ombudsman.services import ombudsman_refer, ombudsman_request_add
from redress.register.models import RegisterEntry
from redress.reporting.models import BenchmarkFigure, BenchmarkNeighbour, HomesCount
from redress.staff import drafts
from redress.staff.models import ResponseDraft
from tests.factories import ServiceFactory, UserFactory, make_case
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
    "signed_out",
)
GRANTED = "officer_granted"


@dataclass
class World:
    restricted: Case
    ordinary: Case
    users: dict[str, User | None]
    letter: OutboundMessage
    email: OutboundMessage
    draft: ResponseDraft
    attachment_token: str
    register: RegisterEntry | None = None
    secrets: dict[str, str] = field(default_factory=dict)
    register_secrets: dict[str, str] = field(default_factory=dict)

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
        person={"name": "Olly Ordinary", "email": "olly@example.com"},
    )
    correspondence_add(case=restricted, by=granted, kind="note", body=NOTE)
    attachment = attachment_add(
        case=restricted, by=granted, upload=SimpleUploadedFile(ATTACHMENT, PDF, "application/pdf")
    )
    case_link(case=ordinary, by=granted, other=restricted, note=LINK_NOTE)
    due = timezone.localdate() + dt.timedelta(days=10)
    remedy_add(
        case=restricted, by=granted, type="apology", description=REMEDY, due_on=due, owner=granted
    )
    action_add(case=restricted, by=granted, description=ACTION, due_on=due, owner=granted)
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
    entry = build_register(users[GOVERNANCE], ordinary.person, contact=officer)
    _report_figures()
    world = World(
        restricted=Case.objects.get(pk=restricted.pk),
        ordinary=Case.objects.get(pk=ordinary.pk),
        users=users,
        letter=OutboundMessage.objects.get(pk=letter.pk),
        email=OutboundMessage.objects.get(pk=email.pk),
        draft=draft,
        attachment_token=attachment.token,
        register=entry,
        register_secrets=register_secrets(),
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
    }
    return world


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
