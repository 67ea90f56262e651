"""The things on a case that an officer can withhold from an export or redact a passage of,
each with a label a person can recognise and the text fields it holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.utils import timezone

from redress.cases.kinds import CorrespondenceKind
from redress.cases.models import Case
from redress.core.dates import long_date
from redress.disclosure.models import ItemKind
from redress.notifications.models import CONFIDENTIAL_TEMPLATE_PREFIX, OutboundMessage
from redress.staff.models import ResponseDraft

CASE_FIELDS = ("summary", "description", "outcome_sought")
CORRESPONDENCE_FIELDS = ("subject", "body")
MESSAGE_FIELDS = ("subject", "body_text", "body_html")


@dataclass
class Item:
    kind: str
    row: Model
    label: str
    fields: tuple[str, ...] = field(default=())

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.row.pk}"

    def texts(self) -> dict[str, str]:
        return {name: getattr(self.row, name) or "" for name in self.fields}


def _day(moment: Any) -> str:
    return long_date(timezone.localtime(moment).date())


def case_item(case: Case) -> Item:
    label = f"The case itself ({case.reference}): its summary, what happened and outcome sought"
    return Item(ItemKind.CASE, case, label, CASE_FIELDS)


def correspondence_items(case: Case) -> list[Item]:
    items = []
    for row in case.correspondence.order_by("happened_at", "id"):
        what = CorrespondenceKind(row.kind).label
        subject = f": {row.subject}" if row.subject else ""
        label = f"{what} of {_day(row.happened_at)}{subject}"
        items.append(Item(ItemKind.CORRESPONDENCE, row, label, CORRESPONDENCE_FIELDS))
    return items


def draft_items(case: Case) -> list[Item]:
    drafts = ResponseDraft.objects.filter(case=case).select_related("stage")
    return [
        Item(
            ItemKind.DRAFT,
            draft,
            f"{draft.stage.name} response ({draft.get_state_display().lower()}) of "
            f"{_day(draft.created_at)}",
            tuple(ResponseDraft.SECTIONS),
        )
        for draft in drafts.order_by("created_at", "id")
    ]


def case_messages(case: Case) -> Any:
    """The case's letters and emails, never the register's confidential notices."""
    return OutboundMessage.objects.filter(case=case).exclude(
        template_key__startswith=CONFIDENTIAL_TEMPLATE_PREFIX
    )


def message_items(case: Case) -> list[Item]:
    items = []
    for message in case_messages(case).order_by("created_at", "id"):
        what = "Email" if message.channel == OutboundMessage.Channel.EMAIL else "Letter"
        to = f" to {message.recipient_name}" if message.recipient_name else ""
        label = f"{what}{to} of {_day(message.created_at)}: {message.subject}"
        items.append(Item(ItemKind.MESSAGE, message, label, MESSAGE_FIELDS))
    return items


def attachment_items(case: Case) -> list[Item]:
    return [
        Item(ItemKind.ATTACHMENT, row, f"File {row.original_name}")
        for row in case.attachments.order_by("uploaded_at", "id")
    ]


def text_items(case: Case) -> list[Item]:
    """Everything on the case with text that can be redacted."""
    return [
        case_item(case),
        *correspondence_items(case),
        *draft_items(case),
        *message_items(case),
    ]


def withholdable_items(case: Case) -> list[Item]:
    """Everything on the case that an exemption can leave out of an export."""
    return [
        case_item(case),
        *correspondence_items(case),
        *attachment_items(case),
        *draft_items(case),
        *message_items(case),
    ]


def find_item(items: list[Item], key: str) -> Item | None:
    return next((item for item in items if item.key == key), None)
