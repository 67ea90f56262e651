"""A compliment is passed on to the service's managers and to the member of staff it names."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from redress.accounts.models import Role, User
from redress.cases.models import Case, Service
from redress.notifications.services import message_queue
from redress.portal.services.common import base_url

MAX_RECIPIENTS = 20


def staff_to_tell(service: Service, staff_name: str) -> list[User]:
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


def pass_on_compliment(case: Case, person: User) -> None:
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
