"""The survey invitation: when a complaint closes, everyone we write to about it is invited
once, by email or by letter, with a link to the survey.

A periodic job (``worker/jobs.py``) sends them. Only complaints closed in the last
``PORTAL_SURVEY_INVITE_WITHIN_DAYS`` days (30 by default) are invited, so cases closed long
before (or before this feature existed) get nothing out of the blue. Each invitation is one
``SurveyInvitation`` row, unique per case, written in the same transaction as its messages:
a job run twice, or by two workers at once, sends it once. A case reopened and closed again
is not invited again.

The link carries a short random token (it may be typed from a letter); only its hash is
kept. It opens the survey, and nothing else of the case, until the survey is answered or the
link expires (``PORTAL_SURVEY_LINK_DAYS``, 60 by default)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef

from redress.cases.kinds import Kind, Status
from redress.cases.models import Case
from redress.core import clock
from redress.portal.models import SurveyInvitation, SurveyResponse
from redress.portal.services.common import base_url, queue_to_correspondents
from redress.portal.services.progress_links import hash_token
from redress.portal.services.survey import survey_open_to

# No 0/o, 1/l/i: a token copied from a printed letter is read back right.
TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
TOKEN_LENGTH = 12  # about 59 bits, and the page that takes it is rate-limited
BATCH = 200


def new_token() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def survey_link(token: str) -> str:
    return f"{base_url()}/feedback/survey/{token}/"


def due_invitations(today: dt.date | None = None) -> list[Case]:
    """Closed complaints, closed recently, not yet invited and not yet answered."""
    today = today or clock.today()
    since = today - dt.timedelta(days=settings.PORTAL_SURVEY_INVITE_WITHIN_DAYS)
    return list(
        Case.objects.filter(kind=Kind.COMPLAINT, status=Status.CLOSED, closed_on__gte=since)
        .exclude(Exists(SurveyInvitation.objects.filter(case=OuterRef("pk"))))
        .exclude(Exists(SurveyResponse.objects.filter(case=OuterRef("pk"))))
        .select_related("person")
        .order_by("closed_on", "id")[:BATCH]
    )


def survey_invite(case: Case) -> SurveyInvitation | None:
    """Invite ``case``'s correspondents, unless it was invited already (then None)."""
    token = new_token()
    now = clock.now()
    try:
        with transaction.atomic():
            locked = Case.objects.select_for_update().select_related("person").get(pk=case.pk)
            already = SurveyInvitation.objects.filter(case=locked).exists()
            if already or not survey_open_to(locked):
                return None
            invitation = SurveyInvitation.objects.create(
                case=locked,
                token_hash=hash_token(token),
                sent_at=now,
                expires_at=now + dt.timedelta(days=settings.PORTAL_SURVEY_LINK_DAYS),
            )
            queue_to_correspondents(
                locked,
                template="survey_invitation",
                subject=f"How did we do? Your complaint {locked.reference}",
                key=f"portal-survey-{locked.pk}",
                link=survey_link(token),
                days=settings.PORTAL_SURVEY_LINK_DAYS,
                # A survey is not worth a phone call: no address, no invitation.
                reachable_only=True,
            )
    except IntegrityError:
        # Another worker invited this case first: its row and messages stand, ours are gone.
        return None
    return invitation


def send_survey_invitations(today: dt.date | None = None) -> str:
    """The periodic job: invite every case that is due."""
    sent = sum(1 for case in due_invitations(today) if survey_invite(case) is not None)
    return f"{sent} survey invitations sent"


def invitation_for(token: str) -> SurveyInvitation | None:
    """The live invitation a link's token belongs to: not expired, its case still closed and
    the survey not answered."""
    invitation = (
        SurveyInvitation.objects.select_related("case")
        .filter(token_hash=hash_token(token.strip().lower()), expires_at__gt=clock.now())
        .first()
    )
    if invitation is None or not survey_open_to(invitation.case):
        return None
    return invitation
