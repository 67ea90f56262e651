"""Bearer-token authentication: every operation of the API requires a valid token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from redress.accounts.services import api_token_user
from redress.cases.permissions import role_of

# Tokens made by `redress create_api_token` are far shorter; anything longer is not one, and
# refusing it early saves hashing whatever a client sends.
MAX_TOKEN_LENGTH = 200


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        token = token.strip()
        if not token or len(token) > MAX_TOKEN_LENGTH:
            return None
        user = api_token_user(token)
        if user is None:
            return None
        if not role_of(user):
            # A valid token of someone with no casework role: known, but allowed nothing.
            raise AuthorizationError(
                message="Your account has no role in Redress, so it cannot use the API."
            )
        return user
