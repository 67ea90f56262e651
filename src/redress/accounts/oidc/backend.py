"""The authentication backend for the provider's callback: mozilla-django-oidc's, with the
endpoints from discovery, the ID token's issuer and audience checked, and staff found as
``staff.staff_member_for`` says."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from redress.accounts.oidc import config, session, staff


class RedressOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]  # untyped library
    get_settings = staticmethod(config.setting)
    OIDC_RP_IDP_SIGN_KEY = None  # keys come from the provider's JWKS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Django makes every backend for every sign-in: the library's own __init__ reads the
        # endpoints, which would fetch discovery even for a password sign-in.
        self.UserModel = get_user_model()

    # The library reads these as attributes; they are read when used.
    @property
    def OIDC_OP_TOKEN_ENDPOINT(self) -> str:  # noqa: N802  # the library's name
        return str(config.setting("OIDC_OP_TOKEN_ENDPOINT"))

    @property
    def OIDC_OP_USER_ENDPOINT(self) -> str | None:  # noqa: N802
        return config.setting("OIDC_OP_USER_ENDPOINT")  # type: ignore[no-any-return]

    @property
    def OIDC_OP_JWKS_ENDPOINT(self) -> str:  # noqa: N802
        return str(config.setting("OIDC_OP_JWKS_ENDPOINT"))

    @property
    def OIDC_RP_CLIENT_ID(self) -> str:  # noqa: N802
        return str(settings.OIDC_RP_CLIENT_ID)

    @property
    def OIDC_RP_CLIENT_SECRET(self) -> str:  # noqa: N802
        return str(settings.OIDC_RP_CLIENT_SECRET)

    @property
    def OIDC_RP_SIGN_ALGO(self) -> str:  # noqa: N802
        return str(settings.OIDC_RP_SIGN_ALGO)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        # Only the callback view asks with a nonce; a password sign-in never reaches the
        # provider, even with ?code= and ?state= in its address.
        if request is None or not config.enabled() or "nonce" not in kwargs:
            return None
        if "password" in kwargs or "username" in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id: Any) -> Any:
        # Django's check, which the library's drops: an account switched off is signed out.
        return ModelBackend.get_user(self, user_id)

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        """The ID token's claims with the userinfo endpoint's over them: Entra ID, for one,
        puts groups and roles in the token only."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            info = super().get_userinfo(access_token, id_token, payload)
            if str(info.get("sub")) != str(payload.get("sub")):
                raise SuspiciousOperation("the userinfo endpoint answered for someone else")
            claims.update(info)
        return claims

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        check_id_token(payload)
        # From the signed ID token only, never userinfo: the callback keeps it in the session.
        self.request.redress_provider_mfa = session.multi_factor_claimed(payload)
        claims = self.get_userinfo(access_token, id_token, payload)
        try:
            return staff.staff_member_for(config.discovery()["issuer"], claims)
        except staff.SignInRefused as refusal:
            # The library turns this into "no user"; the callback view tells the person why.
            self.request.redress_sign_in_refusal = refusal
            raise


def check_id_token(payload: dict[str, Any]) -> None:
    """What the library leaves unchecked (OpenID Connect Core 1.0, section 3.1.3.7): the token
    is from our issuer, for our client, about someone. The signature, expiry and nonce it
    checks itself."""
    client = settings.OIDC_RP_CLIENT_ID
    audience = payload.get("aud")
    audiences = [audience] if isinstance(audience, str) else list(audience or [])
    if payload.get("iss") != config.discovery()["issuer"]:
        raise SuspiciousOperation("the ID token is from another issuer")
    if client not in audiences:
        raise SuspiciousOperation("the ID token is for another client")
    if len(audiences) > 1 and payload.get("azp") != client:
        raise SuspiciousOperation("the ID token was issued to another party")
    if not payload.get("sub"):
        raise SuspiciousOperation("the ID token names no subject")
