"""Bearer-token authentication: every operation of the API requires a valid token."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthorizationError, HttpError
from ninja.security import HttpBearer

from redress.accounts.services import api_token_in_use
from redress.cases.permissions import role_of, sees_figures_only
from redress.core.clients import client_address
from redress.portal.ratelimit import Limit, already_over, hit

# Tokens made by `redress create_api_token` are far shorter; anything longer is not one, and
# refusing it early saves hashing whatever a client sends.
MAX_TOKEN_LENGTH = 200
READING_METHODS = {"GET", "HEAD", "OPTIONS"}


def _failure_limit() -> Limit:
    allowed, window = settings.API_TOKEN_FAILURE_LIMIT
    return Limit("api_token_failure", int(allowed), int(window))


def _refuse_if_guessing(address: str) -> None:
    verdict = already_over(_failure_limit(), address)
    if not verdict.allowed:
        minutes = max(1, verdict.retry_after_seconds // 60)
        raise HttpError(
            429,
            f"Too many requests with a wrong API token from your address. "
            f"Wait {minutes} minutes, then try again with a valid token.",
        )


class BearerToken(HttpBearer):
    """A wrong token counts against the client's address; past the limit, every token from
    that address is refused until the window ends, so guessing tokens is slow."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        address = client_address(request)
        _refuse_if_guessing(address)
        token = token.strip()
        found = api_token_in_use(token) if token and len(token) <= MAX_TOKEN_LENGTH else None
        if found is None:
            hit(_failure_limit(), address)
            return None
        user = found.user
        if found.read_only and request.method not in READING_METHODS:
            raise AuthorizationError(
                message="This API token is read-only: it can read, but not change anything."
            )
        if not role_of(user):
            # A valid token of someone with no casework role: known, but allowed nothing.
            raise AuthorizationError(
                message="Your account has no role in Redress, so it cannot use the API."
            )
        if sees_figures_only(user):
            # The API is about cases; an elected Member's figures are on the reports pages.
            raise AuthorizationError(
                message="An elected Member sees the reports' figures on the reports pages; "
                "the API is for casework."
            )
        return user
