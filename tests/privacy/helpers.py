"""Cases for the data protection tests, made through the service functions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from redress.cases.models import Case
from redress.cases.services import attachment_add, case_close, correspondence_add
from redress.reporting.figures import Figures
from redress.reporting.periods import financial_year
from tests.factories import make_case
from tests.reporting.conftest import _ack, _respond, at

PDF = b"%PDF-1.7\n" + b"1 0 obj << >> endobj\n" * 10
JO = {
    "name": "Joanna Quistwick",
    "email": "joanna.quistwick@example.org",
    "phone": "07700 900123",
    "address": "12 Larkspur Row\nThornbury BS35 9ZZ",
    "communication_needs": "Large print, please",
}


def full_case(person: dict[str, Any] | None = None, **overrides: Any) -> Case:
    """A case naming its person in its text, with a note, an attachment and a letter."""
    person = person or JO
    surname = person["name"].split()[-1]
    fields: dict[str, Any] = {
        "received_at": at("2025-05-06"),
        "summary": f"Fence repair for {person['name']}",
        "description": f"Ms {surname} says the fence at {person['address'].splitlines()[0]} fell.",
        "outcome_sought": f"Call {person['phone']} to arrange the repair.",
        "person": person,
    }
    fields.update(overrides)
    case = make_case(**fields)
    correspondence_add(
        case=case, by=None, kind="note", body=f"Spoke to {person['name']} on the phone."
    )
    attachment_add(
        case=case,
        by=None,
        upload=SimpleUploadedFile(f"letter_from_{surname}.pdf", PDF, "application/pdf"),
    )
    return case


def closed(case: Case, outcome: str = "not_upheld", closed_on: dt.date | None = None) -> Case:
    _ack(case, "2025-05-07")
    _respond(case, "2025-05-14", outcome)
    case = case_close(case=case, by=None)
    if closed_on is not None:
        # Retention counts from the closing date; the test stands it in the past.
        Case.objects.filter(pk=case.pk).update(closed_on=closed_on)
    case.refresh_from_db()
    return case


def report_figures(user: Any, today: dt.date) -> list[Any]:
    """What the reports count for ``user``, over the years the test cases fall in."""
    found = []
    for year in (2024, 2025, 2026):
        figures = Figures(user, financial_year(year), today)
        found += [
            figures.profile(),
            figures.stage_figures(),
            figures.outcomes(),
            figures.received_by_service(),
            figures.received_by_category(),
            figures.summary(),
        ]
    return found
