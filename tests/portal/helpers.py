"""Walk the portal's question pages with Django's test client."""

from __future__ import annotations

import re
from typing import Any

from redress.accounts.models import Role
from redress.cases.models import Case
from redress.cases.services import case_acknowledge
from redress.core import clock
from redress.notifications.models import OutboundMessage
from redress.portal.services.progress_links import progress_link_request
from redress.staff import drafts
from tests.factories import UserFactory

ANSWERS: dict[str, dict[str, Any]] = {
    "what-would-you-like-to-do": {"kind": "complaint"},
    "who-is-it-for": {"for_whom": "myself"},
    "what-happened": {
        "details": "The bin on my street was missed three weeks running.",
        "happened_on_0": "2",
        "happened_on_1": "11",
        "happened_on_2": "2026",
    },
    "what-would-put-it-right": {"outcome": "Collect the bin and say sorry."},
    "your-contact-details": {
        "name": "Sam Public",
        "email": "sam@example.com",
        "phone": "",
        "address": "",
        "preference": "email",
    },
    "support-you-need": {"needs_support": "no"},
}


def fill_in(client, service, **overrides: dict[str, Any]) -> None:
    """Answer every question page; ``overrides`` replaces a page's answers by slug."""
    pages = dict(ANSWERS)
    pages["which-service"] = {"service": str(service.pk)}
    pages.update({k.replace("_", "-"): v for k, v in overrides.items()})
    order = [
        "what-would-you-like-to-do",
        "which-service",
        "who-is-it-for",
        "what-happened",
        "what-would-put-it-right",
        "your-contact-details",
        "support-you-need",
    ]
    for slug in order:
        if slug == "what-would-put-it-right" and pages["what-would-you-like-to-do"]["kind"] != (
            "complaint"
        ):
            continue
        response = client.post(f"/feedback/{slug}/", pages[slug])
        assert response.status_code == 302, (slug, response.content[:3000])
    response = client.post("/feedback/documents-and-photos/", {"action": "continue"})
    assert response.status_code == 302


RESPONSE = {
    "outcome": "upheld",
    "definition": "You told us your bin was missed three weeks running.",
    "decision": "We uphold your complaint.",
    "reasons": "The crew skipped your street after a route change.",
    "remedy": "We are sorry. We will pay you £150 for the trouble.",
    "outstanding_actions": "We will check the new route with the crew.",
    "escalation": "If you are not happy, you can ask for Stage 2.",
}


def send_response(case, on=None, **sections: str):
    """Answer the case's open stage the way staff do: acknowledge, draft, review, send.
    Returns the officer who sent it."""
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    reviewer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    on = on or clock.today()
    case = Case.objects.get(pk=case.pk)
    if case.current_stage.acknowledged_on is None:
        case_acknowledge(case=case, by=officer, on=on)
        case = Case.objects.get(pk=case.pk)
    draft = drafts.draft_save(case=case, by=officer, fields={**RESPONSE, **sections})
    drafts.draft_submit(draft=draft, by=officer)
    drafts.draft_approve(draft=draft, by=reviewer)
    draft.refresh_from_db()
    drafts.draft_send(draft=draft, by=officer, on=on)
    return officer


def grant_progress(client, case) -> str:
    """Open the case's progress page in ``client`` as the person would, through a link."""
    assert progress_link_request(reference=case.reference, email=case.person.email)
    body = OutboundMessage.objects.filter(template_key="portal_progress_link").last().body_text
    path = re.search(r"/feedback/progress/link/\S+/", body).group(0)
    assert client.post(path).status_code == 302
    return f"/feedback/progress/case/{case.reference}/"
