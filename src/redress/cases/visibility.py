"""Reads of what hangs off a case, each through ``selectors.cases_visible_to``.

The selector decides which cases a person may see; everything derived from a case (its
person, timeline, correspondence, attachments, messages and letters, drafts, links, Ombudsman
casework) is visible exactly when its case is. These functions apply that one rule to each
kind of row, so no page, export, API route or admin page restates it. See
docs/permissions.md, "Every surface".
"""

from __future__ import annotations

from typing import Any, NamedTuple, TypeVar

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from redress.cases.models import Case, CaseLink, Person, TimelineEvent
from redress.cases.related_rows import may_have_rows
from redress.cases.selectors import cases_visible_to, visible_case_condition
from redress.notifications.models import CONFIDENTIAL_TEMPLATE_PREFIX, OutboundMessage
from redress.ombudsman.models import OmbudsmanRequest
from redress.staff.models import ResponseDraft

M = TypeVar("M", bound=Model)

# Shown in place of a timeline sentence that names a case the reader may not see.
HIDDEN_LINK = "Linked to a case you do not have access to"


def within_visible_cases(rows: QuerySet[M], user: Any, case_field: str = "case_id") -> QuerySet[M]:
    """``rows`` whose case (the id at ``case_field``) ``user`` may see: the selector's own
    condition, applied to each row's case (``selectors.visible_case_condition``). A row with
    no case (``case_field`` null) is not derived from a case and is kept.
    """
    no_case = Q(**{f"{case_field}__isnull": True})
    condition = visible_case_condition(user, case_field)
    return rows.filter(no_case if condition is None else no_case | condition)


def people_visible_to(user: Any) -> QuerySet[Person]:
    """People with at least one case the user may see: the subject of a restricted case is
    as restricted as the case, unless they also have a case the user may see."""
    return Person.objects.filter(Exists(cases_visible_to(user).filter(person_id=OuterRef("pk"))))


def messages_visible_to(user: Any) -> QuerySet[OutboundMessage]:
    """Outbound email and letters (the post room's included) of the cases the user may see.
    Confidential messages (the register's notices) are never among them: the register shows
    its own to the governance group."""
    rows = OutboundMessage.objects.exclude(template_key__startswith=CONFIDENTIAL_TEMPLATE_PREFIX)
    return within_visible_cases(rows, user)


def drafts_visible_to(user: Any) -> QuerySet[ResponseDraft]:
    """Response drafts on the cases the user may see, whoever wrote them: an author who has
    lost access to a case has lost access to its drafts too."""
    return within_visible_cases(ResponseDraft.objects.all(), user)


def ombudsman_requests_visible_to(user: Any) -> QuerySet[OmbudsmanRequest]:
    return within_visible_cases(OmbudsmanRequest.objects.all(), user, "ombudsman_case__case_id")


class LinkedCase(NamedTuple):
    case: Case
    note: str


def links_visible_from(user: Any, case: Case) -> list[LinkedCase]:
    """The cases linked to ``case`` (either way round) that ``user`` may see, with the link's
    note. A link to a case the user may not see is left out whole: its reference and its note
    both belong to that case."""
    if not (may_have_rows(case, "links_out") or may_have_rows(case, "links_in")):
        return []
    # Each link's other case is held to the selector's condition (``IN (every visible case)``
    # had SQLite list a million ids for a case with two links). Both directions are one query.
    to_visible = visible_case_condition(user, "to_case_id")
    from_visible = visible_case_condition(user, "from_case_id")
    if to_visible is None or from_visible is None:
        return []
    links = (
        CaseLink.objects.filter(Q(to_visible, from_case=case) | Q(from_visible, to_case=case))
        .select_related("from_case", "to_case")
        .only("note", "from_case__reference", "to_case__reference")
        .order_by("created_at", "id")
    )
    outgoing, incoming = [], []
    for link in links:
        if link.from_case_id == case.pk:
            outgoing.append(LinkedCase(link.to_case, link.note))
        else:
            incoming.append(LinkedCase(link.from_case, link.note))
    return outgoing + incoming


def timeline_visible_to(user: Any, case: Case) -> list[TimelineEvent]:
    """The case's timeline, newest first, for a user who may see the case.

    An event that names another case (linking records "Linked to <reference>" on both) is
    reworded when the reader may not see that other case, so the ordinary case's history does
    not give away a restricted one.
    """
    events = list(case.events.select_related("actor").order_by("-at", "-id"))
    hide_names_of_cases_not_visible(user, events)
    return events


def hide_names_of_cases_not_visible(user: Any, events: list[TimelineEvent]) -> None:
    others = {e.data.get("other") for e in events if isinstance(e.data, dict)} - {None}
    if not others:
        return
    seen = set(cases_visible_to(user).filter(pk__in=others).values_list("pk", flat=True))
    for event in events:
        other = event.data.get("other") if isinstance(event.data, dict) else None
        if other is not None and other not in seen:
            event.summary = HIDDEN_LINK
            event.data = {k: v for k, v in event.data.items() if k != "other"}


def events_marking_hidden_names(
    events: QuerySet[TimelineEvent], user: Any
) -> QuerySet[TimelineEvent]:
    """``events`` annotated with ``names_hidden_case``: true when the event names another case
    (``data["other"]``) that ``user`` may not see. For lists that cannot reword row by row in
    Python, such as the admin's; ``shown_summary`` gives the sentence to show."""
    events = events.annotate(other_case_id=Cast(KT("data__other"), IntegerField()))
    visible = cases_visible_to(user).filter(pk=OuterRef("other_case_id"))
    hidden = Q(other_case_id__isnull=False) & ~Exists(visible)
    return events.annotate(names_hidden_case=ExpressionWrapper(hidden, output_field=BooleanField()))


def shown_summary(event: TimelineEvent) -> str:
    return HIDDEN_LINK if getattr(event, "names_hidden_case", False) else event.summary
