"""The notice to the person: its editable template, sending it, and posting a printed one.

The template uses ``{placeholder}`` names from PLACEHOLDERS only, so the group's wording can
never run code. Some are required, because the person must be told why, what restriction,
for how long and the review date, how to appeal, of their right to go to the Ombudsman, and
that urgent or safety contact is always accepted and new complaints are judged on their merits.

A notice goes through the outbox (``message_queue``) with no case and a confidential template
key, so neither a case's timeline nor the post room or the delivery problems ever show it;
letters are printed and posted from the register itself.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.db import transaction

from redress.core import clock
from redress.core.dates import long_date
from redress.core.errors import InvalidInput, TransitionNotAllowed
from redress.notifications.models import CONFIDENTIAL_TEMPLATE_PREFIX, OutboundMessage
from redress.notifications.services import message_queue
from redress.register import history
from redress.register.models import Notice, NoticeTemplate, RegisterEntry
from redress.register.rules import Problems, require_member
from redress.register.services import locked_entry, require_in_force
from redress.staff.letters import ombudsman_details

NOTICE_KEY = f"{CONFIDENTIAL_TEMPLATE_PREFIX}register_notice"

SAFEGUARDS = (
    "Whatever these arrangements say, we will always accept contact that is urgent or about "
    "anyone's safety, however you make it. If you make a new complaint, we will consider it "
    "on its merits, as we would anyone's."
)

PLACEHOLDERS = {
    "person_name": "The person's name",
    "organisation": "Your organisation's name",
    "behaviour": "The behaviour found",
    "reasons": "Why the restrictions are needed",
    "restrictions": "The restrictions, one to a line, with their details",
    "contact": "The named contact",
    "starts_on": "The date the restrictions start",
    "review_on": "The review date: the restrictions last until then",
    "ombudsman": "The Ombudsman's name and contact details",
    "safeguards": "That urgent or safety contact is always accepted and new complaints are "
    "judged on their merits (fixed wording)",
}
REQUIRED = ("reasons", "restrictions", "review_on", "ombudsman", "safeguards")
PLACEHOLDER_PATTERN = re.compile(r"\{([a-z_]+)\}")

DEFAULT_SUBJECT = "How you can contact {organisation} from {starts_on}"
DEFAULT_BODY = (
    "Dear {person_name}\n\n"
    "We are writing to tell you that, from {starts_on}, we will manage how you contact "
    "{organisation}.\n\n"
    "Why we have decided this\n\n{behaviour}\n\n{reasons}\n\n"
    "What will change\n\n{restrictions}\n\n"
    "Your named contact is {contact}.\n\n"
    "How long this will last\n\n"
    "These arrangements will last until {review_on}, when we will review them and write to "
    "you again.\n\n"
    "{safeguards}\n\n"
    "If you disagree\n\n"
    "You can appeal against this decision. Write to us, or email us, within 20 working days "
    "of this notice and tell us why you think it is wrong. Someone who was not involved in "
    "the decision will consider your appeal and write to you with the outcome.\n\n"
    "If you are still unhappy after your appeal, you have the right to complain to "
    "{ombudsman}\n\n"
    "Yours sincerely\n{organisation}"
)


def current_template() -> tuple[str, str]:
    saved = NoticeTemplate.objects.order_by("pk").first()
    if saved is None:
        return DEFAULT_SUBJECT, DEFAULT_BODY
    return saved.subject, saved.body


def _fill(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER_PATTERN.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def _values(entry: RegisterEntry) -> dict[str, str]:
    lines = [
        f"- {r.get_kind_display()}" + (f": {r.detail}" if r.detail else "")
        for r in entry.restrictions.all()
    ]
    return {
        "person_name": entry.name,
        "organisation": settings.REDRESS["ORGANISATION_NAME"],
        "behaviour": entry.behaviour,
        "reasons": entry.reasons,
        "restrictions": "\n".join(lines),
        "contact": entry.contact.display_name,
        "starts_on": long_date(entry.starts_on),
        "review_on": long_date(entry.review_on),
        "ombudsman": ombudsman_details(),
        "safeguards": SAFEGUARDS,
    }


def notice_text(entry: RegisterEntry) -> tuple[str, str]:
    """(subject, body) of the notice for ``entry`` from the current template."""
    subject, body = current_template()
    values = _values(entry)
    return _fill(subject, values).strip(), _fill(body, values)


@transaction.atomic
def template_save(*, by: Any, subject: str, body: str) -> NoticeTemplate:
    require_member(by)
    problems = Problems()
    subject = problems.text("subject", subject, "the subject", limit=300)
    body = problems.text("body", body, "the wording of the notice", limit=20000)
    for field, text in (("subject", subject), ("body", body)):
        unknown = sorted({n for n in PLACEHOLDER_PATTERN.findall(text) if n not in PLACEHOLDERS})
        if unknown:
            names = ", ".join("{" + n + "}" for n in unknown)
            problems.add(field, f"There is no placeholder {names}: use one from the list.")
    if body:
        missing = [name for name in REQUIRED if "{" + name + "}" not in body]
        if missing:
            names = ", ".join("{" + n + "}" for n in missing)
            problems.add("body", f"The notice must include {names}: every notice tells the person.")
        if "appeal" not in body.lower():
            problems.add("body", "The notice must tell the person how to appeal.")
    problems.raise_if_any()
    template = NoticeTemplate.objects.order_by("pk").first() or NoticeTemplate()
    template.subject, template.body = subject, body
    template.updated_by, template.updated_at = by, clock.now()
    template.save()
    history.record(entry=None, actor=by, kind="template", summary="Notice template changed")
    return template


@transaction.atomic
def notice_send(*, entry: RegisterEntry, by: Any, channel: str) -> Notice:
    """Queue the notice by email or as a letter for the register's own post."""
    require_member(by)
    entry = locked_entry(entry)
    require_in_force(entry, "send a notice")
    if channel == OutboundMessage.Channel.EMAIL and not entry.email:
        raise InvalidInput.for_field("channel", "There is no email address to send it to.")
    if channel == OutboundMessage.Channel.LETTER and not entry.address:
        raise InvalidInput.for_field("channel", "There is no postal address to send it to.")
    if channel not in OutboundMessage.Channel.values:
        raise InvalidInput.for_field("channel", "Choose how to send the notice.")
    subject, body = notice_text(entry)
    email = channel == OutboundMessage.Channel.EMAIL
    message = message_queue(
        case=None,
        subject=subject,
        body_text=body,
        recipient_name=entry.name,
        recipient_email=entry.email if email else "",
        recipient_address="" if email else entry.address,
        template_key=NOTICE_KEY,
        actor=by,
    )
    notice = Notice.objects.create(entry=entry, message=message, sent_by=by, sent_at=clock.now())
    how = "emailed" if email else "queued as a letter to post"
    history.record(
        entry=entry, actor=by, kind="notice", summary=f"Notice {how}", message=message.pk
    )
    return notice


@transaction.atomic
def notice_mark_posted(*, notice: Notice, by: Any) -> Notice:
    require_member(by)
    changed = OutboundMessage.objects.filter(
        pk=notice.message_id, state=OutboundMessage.State.POST_ROOM
    ).update(state=OutboundMessage.State.PRINTED, printed_at=clock.now())
    if not changed:
        raise TransitionNotAllowed("This notice is not waiting to be posted.")
    history.record(entry=notice.entry, actor=by, kind="posted", summary="Notice printed and posted")
    return notice
