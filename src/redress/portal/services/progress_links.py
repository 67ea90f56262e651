"""One-time links to a case's progress page, emailed to the address on record."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction

from redress.cases.models import Case, Person
from redress.cases.representatives import Correspondent, writes_to_representative
from redress.core import clock
from redress.portal.models import ProgressLink
from redress.portal.services.common import PUBLIC_KINDS, base_url, queue_to, render_to


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
    asking = _asker(found, email) if found is not None else None
    token = secrets.token_urlsafe(32)
    token_hash = hash_token(token)
    minutes = settings.PORTAL_LINK_MINUTES
    expires_at = clock.now() + dt.timedelta(minutes=minutes)
    case = found if found is not None and asking is not None else _stand_in(reference, email)
    to = asking or Correspondent(role="person", name="", email=email, address="")
    body = render_to(
        case,
        to,
        "progress_link",
        link=f"{base_url()}/feedback/progress/link/{token}/",
        minutes=minutes,
    )
    if found is None or asking is None:
        return False
    link = ProgressLink.objects.create(case=found, token_hash=token_hash, expires_at=expires_at)
    # Only to the address that asked: the link works once, so a copy elsewhere is no use.
    queue_to(
        found,
        asking,
        template="progress_link",
        subject=f"Your link to follow {found.reference}",
        key=f"portal-link-{link.pk}",
        body=body,
    )
    return True


def _asker(case: Case, email: str) -> Correspondent | None:
    """Who asked, if ``email`` is one on record that may follow the case: the person's own,
    always, or their representative's when we write to the representative (consent given)."""
    given = email.strip().lower()
    if not given:
        return None
    person = case.person
    if person.email.lower() == given:
        return Correspondent(role="person", name=person.name, email=person.email, address="")
    if writes_to_representative(case) and case.representative_email.lower() == given:
        return Correspondent(
            role="representative",
            name=case.representative_name,
            email=case.representative_email,
            address="",
        )
    return None


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
