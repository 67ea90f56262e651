"""The rows of the check-your-answers page, each with the page to change it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from redress.cases.kinds import ContactPreference
from redress.cases.models import Service
from redress.core.dates import long_date
from redress.portal import flow
from redress.portal.forms import KIND_CHOICES, WRITE_TO_CHOICES
from redress.portal.services.feedback import over_twelve_months


def _change(key: str) -> str:
    step = next(s for s in flow.STEPS if s.key == key)
    return reverse("portal:question", args=[step.slug]) + "?change=1"


def _row(label: str, value: str, key: str, note: str = "") -> dict[str, Any]:
    return {"label": label, "value": value or "Not given", "url": _change(key), "note": note}


def _their_rows(about: dict[str, Any]) -> list[dict[str, Any]]:
    """The details of the person someone acts for, and who we write to."""
    if about["for_whom"] != "someone_else":
        return []
    write_to = about.get("write_to") or WRITE_TO_CHOICES[0][0]
    return [
        _row("Their postal address", about.get("their_address", ""), "about"),
        _row("Their email address", about.get("their_email", ""), "about"),
        _row("Who we write to", dict(WRITE_TO_CHOICES).get(write_to, ""), "about"),
    ]


def summary_rows(answers: dict[str, Any]) -> list[dict[str, Any]]:
    kind = answers["kind"]["kind"]
    service = Service.objects.filter(pk=answers["service"]["service"]).first()
    about = answers["about"]
    what = answers["what_happened"]
    contact = answers["contact"]
    rows = [
        _row("What you would like to do", dict(KIND_CHOICES).get(kind, kind), "kind"),
        _row("Service", service.name if service else "", "service"),
        _row(
            "Who it is about",
            "Myself"
            if about["for_whom"] == "myself"
            else f"{about['their_name']} ({about['relationship']}), who has agreed to you acting "
            "for them",
            "about",
        ),
        *_their_rows(about),
        _row(
            "What happened" if kind == "complaint" else "What you said",
            what["details"],
            "what_happened",
        ),
    ]
    if what.get("happened_on"):
        day = dt.date.fromisoformat(what["happened_on"])
        note = (
            "This was more than 12 months ago. We will still look at it, but we may not be able "
            "to accept it as a complaint; we will tell you why if so."
            if kind == "complaint" and over_twelve_months(day)
            else ""
        )
        rows.append(_row("When it happened", long_date(day), "what_happened", note))
    if what.get("staff_name"):
        rows.append(_row("Member of staff", what["staff_name"], "what_happened"))
    if kind == "complaint":
        rows.append(_row("What would put it right", answers["outcome"]["outcome"], "outcome"))
    rows += [
        _row("Your name", contact["name"], "contact"),
        _row("Email address", contact.get("email", ""), "contact"),
        _row("Phone number", contact.get("phone", ""), "contact"),
        _row("Postal address", contact.get("address", ""), "contact"),
        _row(
            "How to contact you",
            ContactPreference(contact["preference"]).label,
            "contact",
        ),
        _row(
            "Support or adjustments",
            answers["support"].get("support") or "None needed",
            "support",
        ),
    ]
    return rows
