"""What single sign-on is set to, and the provider's discovery document.

Nothing is on unless ``OIDC_ISSUER`` is set. The endpoints mozilla-django-oidc asks for are read
from ``{issuer}/.well-known/openid-configuration`` when first needed and kept for an hour, so
nothing is fetched when a process starts, and a provider that cannot be reached stops only
single sign-on, never a password sign-in.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import requests
from django.conf import settings
from mozilla_django_oidc.utils import import_from_settings

DISCOVERY_SECONDS = 60 * 60
REQUIRED = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
# The library's setting names, and the fields of the discovery document that answer them.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}

_documents: dict[str, tuple[float, dict[str, Any]]] = {}
_lock = threading.Lock()


class DiscoveryError(Exception):
    """The provider's discovery document could not be read, or is not the issuer's."""


def enabled() -> bool:
    return bool(settings.OIDC_ISSUER)


def provider_name() -> str:
    return str(settings.OIDC_PROVIDER_NAME)


def password_sign_in() -> bool:
    return bool(settings.REDRESS_PASSWORD_SIGN_IN)


def discovery() -> dict[str, Any]:
    issuer = settings.OIDC_ISSUER
    with _lock:
        kept = _documents.get(issuer)
    if kept and time.monotonic() - kept[0] < DISCOVERY_SECONDS:
        return kept[1]
    document = _fetch(issuer)
    with _lock:
        _documents[issuer] = (time.monotonic(), document)
    return document


def forget_discovery() -> None:
    """Read the document afresh next time (tests, and a provider that moved its endpoints)."""
    with _lock:
        _documents.clear()


def _fetch(issuer: str) -> dict[str, Any]:
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise DiscoveryError(f"could not read {url}: {error}") from error
    if not isinstance(document, dict):
        raise DiscoveryError(f"{url} is not a discovery document")
    missing = [name for name in REQUIRED if not document.get(name)]
    if missing:
        raise DiscoveryError(f"{url} has no {', '.join(missing)}")
    # OpenID Connect Discovery 1.0, section 4.3: the document must be the issuer's own.
    if str(document["issuer"]).rstrip("/") != issuer.rstrip("/"):
        raise DiscoveryError(f"{url} is for the issuer {document['issuer']!r}, not {issuer!r}")
    return document


def setting(name: str, *default: Any) -> Any:
    """mozilla-django-oidc's ``get_settings``: discovered endpoints, then Django's settings."""
    if name in DISCOVERED:
        return discovery().get(DISCOVERED[name]) or None
    if name == "OIDC_TOKEN_USE_BASIC_AUTH":
        # client_secret_basic is the default of OpenID Connect, and what Okta sets up; a
        # provider listing only client_secret_post gets the secret in the form instead.
        methods = discovery().get("token_endpoint_auth_methods_supported")
        return "client_secret_basic" in (methods or ["client_secret_basic"])
    return import_from_settings(name, *default)
