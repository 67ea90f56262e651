"""Every page can be reached from the navigation or from a page that links to it.

The test signs in, follows every link and form on every page it reaches (a few of each kind),
and compares the URL patterns it found with every pattern in the URLconf. A new page nothing
links to fails it, unless it is listed below with the reason it is reached another way.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import timezone

from redress.accounts.models import Role
from redress.calendars.clock import LONDON
from redress.cases.adjustment_models import AdjustmentType
from redress.cases.models import Directorate
from redress.cases.services import (
    attachment_add,
    case_acknowledge,
    case_assign,
    correspondence_add,
)
from redress.cases.services.adjustments import adjustment_record
from redress.cases.services.remedies import action_add, remedy_add
from redress.disclosure.services import exemption_add
from redress.inbound.storing import store
from redress.learning.services import learning_raise
from redress.notifications.delivery import deliver_due
from redress.notifications.models import OutboundMessage
from redress.notifications.services import message_queue
from redress.ombudsman.services import ombudsman_refer, ombudsman_request_add
from redress.procedures.models import Procedure, ProcedureRoute
from redress.staff import drafts
from redress.staff.models import JargonTerm
from tests.factories import ServiceFactory, UserFactory, make_case
from tests.inbound.messages import email
from tests.ombudsman.conftest import days_ago, finished_complaint
from tests.register.builders import register_with_one_of_everything

pytestmark = pytest.mark.django_db

STAFF_NAMESPACES = (
    "staff",
    "ombudsman",
    "reporting",
    "notifications",
    "register",
    "inbound",
    "learning",
    "disclosure",
)

# Pages reached other than by a link on a staff page, and why.
STATUTORY = "linked from the case page of a case under a statutory procedure (the children's "
STATUTORY += "or the adult one); followed in tests/browser/test_procedures.py"
REACHED_OTHERWISE = {
    "staff:case_export": "a download (CSV), linked from Find cases but not a page to follow",
    "staff:stage_people": STATUTORY,
    "staff:stage_step": STATUTORY,
    "staff:agreed_date": STATUTORY,
    "staff:delay_letter": STATUTORY,
}

LINKS_PER_PATTERN = 8  # enough to reach every case of the small world below, and each of its pages


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.actions: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        if tag == "form":
            self.actions.append(values.get("action") or "")


def _patterns(patterns=None, namespace: str = "") -> list[str]:
    names = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            names += _patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.append(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


def _name_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client, start: str, limit: int = 400) -> set[str]:
    """The URL pattern names linked from the pages reached from ``start``."""
    reached: set[str] = set()
    fetched_per_name: Counter[str] = Counter()
    seen = {start}
    queue = deque([start])
    while queue and limit:
        url = queue.popleft()
        limit -= 1
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for target in parser.hrefs + [a or url for a in parser.actions]:
            parts = urlsplit(target)
            if parts.netloc or not parts.path.startswith("/"):
                continue
            name = _name_of(parts.path)
            if name is None:
                continue
            reached.add(name)
            is_form = target in parser.actions
            if is_form or target in seen or fetched_per_name[name] >= LINKS_PER_PATTERN:
                continue
            if name.startswith(("admin:", "api-v1:")) or name == "sign_out":
                continue
            seen.add(target)
            fetched_per_name[name] += 1
            queue.append(target)
    return reached


def _drafted(service, officer, responder, received):
    case = make_case(service=service, by=officer, received_at=received)
    case = case_acknowledge(case=case, by=officer, on=timezone.localdate())
    case = case_assign(case=case, by=officer, handler=responder)
    return drafts.draft_save(
        case=case,
        by=responder,
        fields={
            "outcome": "upheld",
            "definition": "You told us the bin was missed.",
            "decision": "We uphold your complaint.",
            "reasons": "The crew missed your street.",
            "remedy": "We will collect it.",
            "outstanding_actions": "None.",
            "escalation": "You can ask for Stage 2.",
        },
    )


@pytest.fixture
def world():
    """A case at each point a page exists for: logged, acknowledged, assigned, with a note, a
    file, a letter for the post room, an email that failed, drafts being written, waiting for
    review and approved, and an Ombudsman referral with a request."""
    service = ServiceFactory(name="Waste and recycling", slug="waste")
    officer = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    responder = UserFactory(username="responder", role=Role.SERVICE_RESPONDER, services=[service])
    today = timezone.localdate()
    received = dt.datetime.combine(today - dt.timedelta(days=4), dt.time(10), tzinfo=LONDON)
    case = make_case(
        service=service,
        by=officer,
        received_at=received,
        person={"name": "Lee Letter", "address": "2 High Street\nTown"},
    )
    case = case_acknowledge(case=case, by=officer, on=today, definition_summary="Bin missed")
    case = case_assign(case=case, by=officer, handler=responder)
    correspondence_add(case=case, by=officer, kind="note", subject="Called Lee", body="Spoke.")
    upload = SimpleUploadedFile("photo.txt", b"a photo of the bin", content_type="text/plain")
    attachment_add(case=case, by=officer, upload=upload)
    message_queue(
        case=case,
        subject="Your complaint",
        body_text="Dear Lee, we have your complaint.",
        recipient_name="Lee Letter",
        recipient_address="2 High Street\nTown",
    )
    due = today + dt.timedelta(days=10)
    remedy_add(
        case=case, by=officer, type="apology", description="Sorry", due_on=due, owner=officer
    )
    action_add(case=case, by=officer, description="Check the round", due_on=due, owner=officer)
    service.directorate = Directorate.objects.create(name="Place", slug="place")
    service.save()
    learning_raise(
        case=case,
        by=officer,
        lesson="Rounds missed",
        change="Check rounds",
        service=service,
        owner=officer,
        due_on=due,
    )
    adjustment_record(
        case=case,
        by=officer,
        type=AdjustmentType.objects.get_or_create(name="Large print")[0],
        description="Large print",
        agreed_on=today,
        review_on=due,
    )
    # The shipped jargon list is emptied by transactional tests; the page needs one term.
    JargonTerm.objects.get_or_create(term="utilise", defaults={"instead": "use"})
    ProcedureRoute.objects.create(
        kind="complaint", service=service, procedure=Procedure.objects.get(slug="adult-social-care")
    )
    # An exemption, so the subject access page offers to remove one.
    exemption_add(case=case, by=officer, item=f"case:{case.pk}", reason="Legal advice")
    deliver_due()
    failed = message_queue(
        case=case,
        subject="Your complaint",
        body_text="Dear Lee, about your complaint.",
        recipient_email="lee@example.com",
        recipient_name="Lee Letter",
    )
    OutboundMessage.objects.filter(pk=failed.pk).update(state=OutboundMessage.State.FAILED)
    # One draft still being written, one waiting for review and one approved to send.
    drafted = [_drafted(service, officer, responder, received) for _ in range(3)]
    drafts.draft_submit(draft=drafted[1], by=responder)
    drafts.draft_submit(draft=drafted[2], by=responder)
    drafts.draft_approve(draft=drafted[2], by=officer)
    finished = finished_complaint(days_ago(90), service=service)
    referral = ombudsman_refer(case=finished, by=officer, reference="24 000 001", notified_on=today)
    ombudsman_request_add(
        ombudsman_case=referral,
        by=officer,
        kind="information",
        received_on=today,
        due_on=today + dt.timedelta(days=20),
    )
    # An email waiting in the New email queue.
    store(email(subject="A new complaint by email"))
    return {"case": case, "governance": register_with_one_of_everything(contact=officer)}


def test_every_staff_page_is_linked_from_another(client, world):
    client.force_login(UserFactory(username="admin", role=Role.ADMINISTRATOR))
    reached = crawl(client, "/casework/")
    client.force_login(UserFactory(username="officer2", role=Role.COMPLAINTS_OFFICER))
    reached |= crawl(client, "/casework/")
    client.force_login(world["governance"])  # the register is linked for its members only
    reached |= crawl(client, "/casework/register/")
    expected = {
        name
        for name in _patterns()
        if name.split(":")[0] in STAFF_NAMESPACES and name not in REACHED_OTHERWISE
    }
    assert expected - reached == set()


def test_the_public_and_sign_in_pages_are_linked_from_the_home_page(client):
    reached = crawl(client, "/", limit=20)
    assert {"portal:start", "portal:progress_lookup", "sign_in"} <= reached
