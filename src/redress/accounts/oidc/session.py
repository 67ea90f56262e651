"""Whether this session was signed in through the identity provider.

Django keeps the backend that signed a session in (``BACKEND_SESSION_KEY``), set by
``login()`` on the server: nothing a browser sends can change it. A password sign-in records
Django's own backend, so it never passes for single sign-on."""

from __future__ import annotations

from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpRequest

BACKEND = "redress.accounts.oidc.backend.RedressOIDCBackend"


def signed_in_with_provider(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    return session is not None and session.get(BACKEND_SESSION_KEY) == BACKEND
