"""Telling people of new alerts: the complaints team of every one, the head of a service area
of those about their area (its categories included). Each person gets one email listing their
alerts, with numbers only (never anything written on a case) and a link to each alert.
Queued in the transaction that keeps the alerts, so an email goes exactly when they exist."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse

from redress.accounts.models import User
from redress.cases.models import Service
from redress.core.dates import long_date
from redress.core.words import counted
from redress.notifications.followups import complaints_team
from redress.notifications.services import message_queue
from redress.trends.models import TrendAlert
from redress.trends.scopes import BY_KIND, kind_label

TEMPLATE_KEY = "trend_alerts"


def alert_line(alert: TrendAlert) -> str:
    return (
        f"{alert.scope_name} ({kind_label(alert.scope_kind).lower()}): "
        f"{counted(alert.count, 'case')} received, against {alert.expected:.1f} a week "
        f"in the weeks before"
    )


def _recipients(alerts: list[TrendAlert]) -> dict[int, tuple[User, list[TrendAlert]]]:
    team = complaints_team()
    heads = {
        s.pk: s.head
        for s in Service.objects.filter(pk__in={a.service_id for a in alerts if a.service_id})
        .select_related("head")
        .order_by("pk")
    }
    told: dict[int, tuple[User, list[TrendAlert]]] = {}
    for alert in alerts:
        people = list(team)
        kind = BY_KIND.get(alert.scope_kind)
        head = heads.get(alert.service_id) if alert.service_id else None
        if kind is not None and kind.tells_head and head is not None:
            people.append(head)
        for person in people:
            if person.is_active and person.email:
                told.setdefault(person.pk, (person, []))[1].append(alert)
    return told


def _body(person: User, alerts: Iterable[TrendAlert]) -> str:
    base = settings.REDRESS["PUBLIC_BASE_URL"].rstrip("/")
    lines = [f"- {alert_line(a)}\n  {base}{reverse('trends:alert', args=[a.pk])}" for a in alerts]
    return (
        f"Dear {person.display_name}\n\n"
        "More cases than usual were received in the week below, more than chance makes likely:\n\n"
        + "\n".join(lines)
        + "\n\nOpen each alert to see the weeks before, the cases behind it, and to acknowledge "
        "it or turn it into a learning action.\n"
    )


def tell_about(alerts: list[TrendAlert]) -> int:
    """Queue one email per person told; how many were queued."""
    if not alerts:
        return 0
    week = long_date(alerts[0].week_starting)
    queued = 0
    for person, theirs in _recipients(alerts).values():
        message_queue(
            case=None,
            subject=f"Emerging trends: {counted(len(theirs), 'alert')} for the week of {week}",
            body_text=_body(person, theirs),
            recipient_name=person.display_name,
            recipient_email=person.email,
            template_key=TEMPLATE_KEY,
        )
        queued += 1
    return queued
