"""One-time links to a case's progress page, emailed to the address on record."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction

from redress.cases.models import Case, Person
from redress.core import clock
from redress.portal.models import ProgressLink
from redress.portal.services.common import (
    PUBLIC_KINDS,
    base_url,
    queue_to_person,
    render_to_person,
)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def progress_link_request(*, reference: str, email: str) -> bool:
    """Email a one-time link if the reference and email match a case. The caller shows the
    same answer either way; the return value is for tests and logs only.

    Both ways make and hash a token and render the email (for a stand-in when nothing
    matches), so the time taken does not tell an enumerator much more than the answer does.
    """
    reference = reference.strip().upper()
    # References are issued in capitals: an exact match uses the unique index, where a
    # case-insensitive one reads every case on PostgreSQL.
    found = (
        Case.objects.select_related("person")
        .filter(reference=reference, kind__in=PUBLIC_KINDS)
        .first()
    )
    case = found if found is not None and _same_email(found.person.email, email) else None
    token = secrets.token_urlsafe(32)
    token_hash = hash_token(token)
    minutes = settings.PORTAL_LINK_MINUTES
    expires_at = clock.now() + dt.timedelta(minutes=minutes)
    body = render_to_person(
        case or _stand_in(reference, email),
        "progress_link",
        link=f"{base_url()}/feedback/progress/link/{token}/",
        minutes=minutes,
    )
    if case is None:
        return False
    link = ProgressLink.objects.create(case=case, token_hash=token_hash, expires_at=expires_at)
    queue_to_person(
        case,
        template="progress_link",
        subject=f"Your link to follow {case.reference}",
        key=f"portal-link-{link.pk}",
        body=body,
    )
    return True


def _same_email(on_record: str, given: str) -> bool:
    return bool(on_record) and on_record.lower() == given.lower()


def _stand_in(reference: str, email: str) -> Case:
    """An unsaved case to render the link email for when nothing matches; never stored."""
    return Case(reference=reference, person=Person(name="", email=email))


def progress_link_use(*, token: str) -> Case | None:
    """Spend a link: the case it opens, or None if it is unknown, used or expired."""
    now = clock.now()
    with transaction.atomic():
        link = ProgressLink.objects.filter(token_hash=hash_token(token)).first()
        if link is None:
            return None
        spent = ProgressLink.objects.filter(
            pk=link.pk, used_at__isnull=True, expires_at__gt=now
        ).update(used_at=now)
        return Case.objects.get(pk=link.case_id) if spent else None


def progress_link_is_live(*, token: str) -> bool:
    return ProgressLink.objects.filter(
        token_hash=hash_token(token), used_at__isnull=True, expires_at__gt=clock.now()
    ).exists()
