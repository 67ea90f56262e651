"""Redacting a passage: the text an officer chose is replaced with "[redacted]" in the item
and in every copy the case holds of it, so no page, export, search or API shows it again.

The officer names the item and pastes the passage; it must occur in the item exactly. The
same passage is then replaced wherever else the case keeps it: the case's own text (and so
the search index, which triggers rebuild from it), its notes and correspondence, its response
drafts and their reviews, the letters and emails in the outbox, its stages' understanding of
the complaint, its remedies, actions and adjustments, and its timeline. The ``Redaction``
row says where, who, when and why, and never holds the passage.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet

from redress.cases.models import (
    Case,
    CaseStage,
    OutstandingAction,
    ReasonableAdjustment,
    Remedy,
    TimelineEvent,
)
from redress.cases.permissions import Action, require
from redress.cases.services.timeline import record_event
from redress.core.errors import InvalidInput
from redress.disclosure.items import Item, find_item, text_items
from redress.disclosure.models import Exemption, Redaction
from redress.elsewhere.models import RoutedElsewhere
from redress.staff.models import DraftReview

REDACTED = "[redacted]"
MAX_REASON = 500


def _replaced(value: Any, passage: str) -> tuple[Any, int]:
    """``value`` (text, or JSON made of lists and dicts) with the passage replaced, and how
    many times it was."""
    if isinstance(value, str):
        return value.replace(passage, REDACTED), value.count(passage)
    if isinstance(value, list):
        pairs = [_replaced(v, passage) for v in value]
        return [p[0] for p in pairs], sum(p[1] for p in pairs)
    if isinstance(value, dict):
        found = 0
        out = {}
        for key, inner in value.items():
            out[key], count = _replaced(inner, passage)
            found += count
        return out, found
    return value, 0


def _redact_row(item: Item, passage: str) -> int:
    changes: dict[str, str] = {}
    for name, text in item.texts().items():
        if passage in text:
            changes[name] = text.replace(passage, REDACTED)
    if changes:
        type(item.row)._default_manager.filter(pk=item.row.pk).update(**changes)
    return len(changes)


def _redact_timeline(case: Case, passage: str) -> int:
    found = 0
    for event in TimelineEvent.objects.filter(case=case).only("pk", "summary", "data"):
        summary, in_summary = _replaced(event.summary, passage)
        data, in_data = _replaced(event.data, passage)
        if in_summary or in_data:
            TimelineEvent.objects.filter(pk=event.pk).update(summary=summary, data=data)
            found += 1
    return found


def _copies_beyond_items(case: Case) -> list[tuple[QuerySet[Any], tuple[str, ...]]]:
    """Other text of the case a passage may have been copied into by hand or by a letter:
    the stages' understanding and extension reasons, why it was routed elsewhere, review
    comments, remedies, actions, adjustments, and the labels of exemptions and earlier
    redactions."""
    return [
        (CaseStage.objects.filter(case=case), ("definition_summary", "extension_reason")),
        (Case.objects.filter(pk=case.pk), ("not_accepted_detail",)),
        (RoutedElsewhere.objects.filter(case=case), ("to_name", "reason")),
        (DraftReview.objects.filter(draft__case=case), ("comments",)),
        (Remedy.objects.filter(case=case), ("description", "done_note")),
        (OutstandingAction.objects.filter(case=case), ("description", "done_note")),
        (ReasonableAdjustment.objects.filter(case=case), ("description",)),
        # Labels name items by their subject line, which may hold the passage.
        (Exemption.objects.filter(case=case), ("item_label", "reason")),
        (Redaction.objects.filter(case=case), ("item_label",)),
    ]


def _redact_copies(case: Case, passage: str) -> int:
    found = 0
    for rows, fields in _copies_beyond_items(case):
        for row in rows.only("pk", *fields):
            changes = {
                name: getattr(row, name).replace(passage, REDACTED)
                for name in fields
                if passage in (getattr(row, name) or "")
            }
            if changes:
                rows.filter(pk=row.pk).update(**changes)
                found += len(changes)
    return found


def as_stored(item: Item | None, passage: str) -> str:
    """The passage as the item holds it: a browser sends line breaks as CRLF, and the text
    may have been stored with either."""
    if item is None:
        return passage
    texts = item.texts().values()
    lf = passage.replace("\r\n", "\n")
    for form in (passage, lf, lf.replace("\n", "\r\n")):
        if any(form in text for text in texts):
            return form
    return passage


def _check(item: Item | None, passage: str, reason: str) -> Item:
    errors: dict[str, list[str]] = {}
    if item is None:
        errors["item"] = ["Choose the text the passage is in."]
    if not passage.strip():
        errors["passage"] = ["Enter the passage to redact, copied exactly from the text."]
    elif passage.strip() == REDACTED:
        errors["passage"] = ["That passage is already redacted."]
    elif item is not None and not any(passage in text for text in item.texts().values()):
        errors["passage"] = [
            "The passage must be copied exactly from the text you chose: it is not in it."
        ]
    if not reason.strip():
        errors["reason"] = ["Enter why the passage is redacted."]
    elif len(reason.strip()) > MAX_REASON:
        errors["reason"] = [f"The reason must be {MAX_REASON} characters or fewer."]
    if errors:
        first = next(iter(errors.values()))[0]
        raise InvalidInput(first, errors)
    assert item is not None
    return item


def _overwrite_freed_pages() -> None:
    # SQLite otherwise leaves deleted text in free pages of the file until it is reused.
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")


@transaction.atomic
def redact(*, case: Case, by: Any, item: str, passage: str, reason: str) -> Redaction:
    """Replace ``passage`` in the item ``item`` ("kind:id") of the case, and everywhere the
    case holds a copy of it, with "[redacted]"; record who, when and why on the timeline."""
    require(by, Action.REDACT, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    found = find_item(text_items(case), item)
    passage = as_stored(found, passage.strip("\r\n"))
    chosen = _check(found, passage, reason)
    _overwrite_freed_pages()
    copies = 0
    for other in text_items(case):
        changed = _redact_row(other, passage)
        if other.key != chosen.key:
            copies += changed
    copies += _redact_copies(case, passage) + _redact_timeline(case, passage)
    redaction = Redaction.objects.create(
        case=case,
        item_kind=chosen.kind,
        item_id=chosen.row.pk,
        item_label=chosen.label.replace(passage, REDACTED)[:300],
        reason=reason.strip(),
        copies=copies,
        redacted_by=by,
    )
    record_event(
        case=case,
        actor=by,
        kind="redacted",
        summary=f"Passage redacted from {redaction.item_label}. Reason: {redaction.reason}",
        redaction=redaction.pk,
        item=chosen.key,
    )
    return redaction
