"""Whether this session was signed in through the identity provider, and whether the provider
asked for a second factor when it did.

Django keeps the backend that signed a session in (``BACKEND_SESSION_KEY``), set by
``login()`` on the server: nothing a browser sends can change it. A password sign-in records
Django's own backend, so it never passes for single sign-on. The provider's word on the
second factor is kept beside it at the callback, from the signed ID token."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpRequest

BACKEND = "redress.accounts.oidc.backend.RedressOIDCBackend"
PROVIDER_MFA_KEY = "redress_provider_mfa"
# RFC 8176's authentication method reference for "multiple-factor authentication"; the
# others name one method each ("otp" alone is a one-time code without a password, say).
MULTI_FACTOR = "mfa"


def signed_in_with_provider(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    return session is not None and session.get(BACKEND_SESSION_KEY) == BACKEND


def multi_factor_claimed(id_token: Mapping[str, Any]) -> bool:
    """Whether the ID token says the provider used more than one factor: its ``amr``
    (RFC 8176) holds "mfa", as Entra ID (v1 tokens), Okta and Keycloak can say."""
    methods = id_token.get("amr")
    if isinstance(methods, str):
        methods = [methods]
    if not isinstance(methods, list):
        return False
    return any(str(method).lower() == MULTI_FACTOR for method in methods)


def provider_gave_second_factor(request: HttpRequest) -> bool:
    """A session signed in through the provider owes Redress no second factor when the
    provider says it asked for one (``amr``), or when ``OIDC_PROVIDER_ENFORCES_MFA`` says the
    council has made it always ask for one for this application (a provider, such as Google
    Workspace or Entra ID's v2 tokens, whose tokens do not say)."""
    if not signed_in_with_provider(request):
        return False
    if settings.OIDC_PROVIDER_ENFORCES_MFA:
        return True
    return bool(request.session.get(PROVIDER_MFA_KEY))
