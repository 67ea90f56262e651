"""Single sign-on's settings as settings.py reads them from the environment. Plain functions
that need nothing of Django's but ImproperlyConfigured: settings are read before any app."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def role_map(text: str) -> dict[str, str]:
    """``OIDC_ROLE_MAP``: "value=role" pairs, comma-separated. Whether each role is one is the
    accounts app's system check (redress.accounts.checks), as the roles are its own."""
    pairs = {}
    for entry in (part.strip() for part in text.split(",")):
        value, _, role = entry.rpartition("=")
        if entry and not (value.strip() and role.strip()):
            raise ImproperlyConfigured(
                f"OIDC_ROLE_MAP: {entry!r} is not value=role (for example groups-name=manager)"
            )
        if entry:
            pairs[value.strip()] = role.strip()
    return pairs


def email_domains(text: str) -> tuple[str, ...]:
    return tuple(d.strip() for d in text.lower().replace("@", "").split(",") if d.strip())


def check(issuer: str, client_id: str, client_secret: str, password_sign_in: bool) -> None:
    """Refuse to start on settings with which single sign-on (or anyone) cannot sign in."""
    if issuer and not (client_id and client_secret):
        raise ImproperlyConfigured(
            "OIDC_ISSUER is set: set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too"
        )
    parts = urlsplit(issuer)
    # Plain http only on this machine (a provider run for development or the tests).
    loopback = parts.scheme == "http" and parts.hostname in LOOPBACK
    if issuer and parts.scheme != "https" and not loopback:
        raise ImproperlyConfigured("OIDC_ISSUER must be an https:// address")
    if not password_sign_in and not issuer:
        raise ImproperlyConfigured(
            "REDRESS_PASSWORD_SIGN_IN is off and OIDC_ISSUER is not set: nobody could sign in"
        )


def csp_allowing_provider(policy: dict[str, Any], issuer: str) -> dict[str, Any]:
    """``policy`` with the identity provider's origin in form-action: the sign-out button's
    form sends the browser on to the provider, and a form's redirects are held to it too."""
    if not issuer:
        return policy
    parts = urlsplit(issuer)
    directives = dict(policy["DIRECTIVES"])
    directives["form-action"] = [*directives["form-action"], f"{parts.scheme}://{parts.netloc}"]
    return {**policy, "DIRECTIVES": directives}
