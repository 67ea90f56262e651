"""The reports' learning sections: learning raised and completed in the period, by service
area and by directorate, and "You said, we did", drafted from the learning completed in the
period until the complaints team edits it (``ReportNote``; the edit page is
``reporting.learning_views``).

Counts and the draft come from the learning this reader may see (``learning_visible_to``, so
a restricted case's lesson never reaches a reader who may not see the case), and for a
manager only their own service areas', as with every other figure."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from redress.accounts.models import Role
from redress.cases.permissions import role_of, service_ids_of
from redress.core.dates import long_date
from redress.learning.models import LearningAction, LearningStatus
from redress.learning.selectors import learning_visible_to
from redress.reporting.content import Section, Table
from redress.reporting.directorates import NO_DIRECTORATE
from redress.reporting.models import ReportNote
from redress.reporting.periods import Period

YOU_SAID = "You said, we did"
DRAFT_LIMIT = 30  # the draft is a starting point, not a register of every change


def note_key(quarter: int | None) -> str:
    """The ``ReportNote`` key of a report's "You said, we did": the year's, or a quarter's."""
    return "you_said_we_did" if quarter is None else f"you_said_we_did_q{quarter}"


def reportable_learning(user: Any) -> QuerySet[LearningAction]:
    rows = learning_visible_to(user)
    if role_of(user) == Role.MANAGER:
        rows = rows.filter(service_id__in=service_ids_of(user))
    return rows


def _counts(user: Any, period: Period, group: str) -> list[tuple[str, int, int]]:
    raised = Q(raised_on__gte=period.start, raised_on__lte=period.end)
    done = Q(
        status=LearningStatus.DONE,
        completed_on__gte=period.start,
        completed_on__lte=period.end,
    )
    rows = (
        reportable_learning(user)
        .filter(raised | done)
        .order_by()
        .values_list(group)
        .annotate(raised=Count("pk", filter=raised), completed=Count("pk", filter=done))
    )
    found = [(name or NO_DIRECTORATE, r, c) for name, r, c in rows]
    return sorted(found, key=lambda row: (-row[1], row[0]))


def learning_section(user: Any, period: Period) -> Section:
    by_service = _counts(user, period, "service__name")
    by_directorate = _counts(user, period, "service__directorate__name")
    header = ["Raised", "Completed"]
    return Section(
        heading="Learning from complaints",
        paragraphs=[
            "Learning actions raised from cases in the period, upheld or not, and those "
            "completed in it, whenever raised."
        ],
        tables=[
            Table(
                "Learning by directorate",
                ["Directorate", *header],
                [[name, str(r), str(c)] for name, r, c in by_directorate],
            ),
            Table(
                "Learning by service area",
                ["Service area", *header],
                [[name, str(r), str(c)] for name, r, c in by_service],
            ),
        ],
    )


def completed_in(user: Any, period: Period) -> QuerySet[LearningAction]:
    return (
        reportable_learning(user)
        .filter(
            status=LearningStatus.DONE,
            completed_on__gte=period.start,
            completed_on__lte=period.end,
        )
        .select_related("service")
        .order_by("service__name", "completed_on", "id")
    )


def draft_you_said(user: Any, period: Period) -> str:
    """A paragraph per completed learning action: what we heard, then what changed."""
    paragraphs = [
        f"You said: {a.lesson}\nWe did: {a.change} ({a.service.name}, {long_date(a.completed_on)})"  # type: ignore[arg-type]  # done, so dated
        for a in completed_in(user, period)[:DRAFT_LIMIT]
    ]
    return "\n\n".join(paragraphs)


def saved_you_said(year: int, quarter: int | None) -> ReportNote | None:
    return ReportNote.objects.filter(year=year, key=note_key(quarter)).first()


def you_said_section(
    user: Any, period: Period, year: int, quarter: int | None
) -> tuple[Section, list[str]]:
    """The section, and what the report page should say before it is sent: a draft not yet
    edited is shown, and named as a draft."""
    saved = saved_you_said(year, quarter)
    text = saved.text if saved is not None else draft_you_said(user, period)
    missing = (
        []
        if saved is not None
        else [f"{YOU_SAID}: drafted from completed learning; edit it before publishing"]
    )
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    if not paragraphs:
        paragraphs = ["No learning was completed in the period."]
    return Section(YOU_SAID, paragraphs), missing
