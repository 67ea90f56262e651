"""What the public pages share: the rate limit's message, and the access a progress link
grants to one case for a while."""

from __future__ import annotations

import time

from django.conf import settings
from django.http import Http404, HttpRequest
from django.views.decorators.http import require_http_methods

from redress.cases.models import Case
from redress.core.clients import client_address
from redress.portal.ratelimit import hit, limit_for

ACCESS_KEY = "portal_access"
GET_POST = require_http_methods(["GET", "POST"])


def _minutes(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def limited(request: HttpRequest, scope: str) -> str | None:
    """None when within the limit, else the message to show."""
    verdict = hit(limit_for(scope), client_address(request))
    if verdict.allowed:
        return None
    return (
        "You have tried this too many times. Wait "
        f"{_minutes(verdict.retry_after_seconds)} and try again"
    )


def grant(request: HttpRequest, case: Case) -> None:
    """Let this browser see ``case`` for PORTAL_ACCESS_MINUTES."""
    access = dict(request.session.get(ACCESS_KEY, {}))
    now = time.time()
    access = {ref: until for ref, until in access.items() if until > now}
    access[case.reference] = now + settings.PORTAL_ACCESS_MINUTES * 60
    request.session.cycle_key()  # a fresh session id once it grants access to a case
    request.session[ACCESS_KEY] = access


def granted(request: HttpRequest, reference: str, key: str = ACCESS_KEY) -> bool:
    """Whether this browser may still see ``reference`` (under ``key``: a progress link's
    access unless said otherwise)."""
    until = request.session.get(key, {}).get(reference)
    return bool(until and until > time.time())


def case_for(request: HttpRequest, reference: str, key: str = ACCESS_KEY) -> Case:
    """The case this browser was granted (under ``key``), or 404."""
    if not granted(request, reference, key):
        raise Http404("No such case, or the link has expired")
    case = (
        Case.objects.select_related("person", "service", "current_stage", "procedure_version")
        .filter(reference=reference)
        .first()
    )
    if case is None:
        raise Http404("No such case")
    return case
