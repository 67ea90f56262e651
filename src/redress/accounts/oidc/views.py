"""The two ends of single sign-on: sending someone to the provider, and their return.

Both are mozilla-django-oidc's views, which make and check the state, the nonce and the PKCE
verifier. What is ours: a 404 unless single sign-on is set up, a plain page (never a 500) for
a provider that cannot be reached, a tampered or replayed return, or an account that may not
sign in, and each failure in the sign-in log."""

from __future__ import annotations

import logging
from typing import Any

import requests
from axes.models import AccessFailureLog
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from redress.accounts.oidc import config
from redress.accounts.oidc.session import PROVIDER_MFA_KEY, signed_in_with_provider
from redress.core.clients import client_address

logger = logging.getLogger(__name__)
AFTER_SIGN_IN = "/casework/"


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]  # str.capitalize would lower "Example Council"


def problem(request: HttpRequest, heading: str, message: str, status: int) -> HttpResponse:
    context = {"heading": heading, "message": message, "provider": config.provider_name()}
    return render(request, "accounts/sign_in_problem.html", context, status=status)


def unreachable(request: HttpRequest) -> HttpResponse:
    return problem(
        request,
        f"{_sentence_start(config.provider_name())} cannot be reached",
        "Redress could not reach the service that signs you in. Wait a few minutes, then "
        "try again.",
        503,
    )


class SignInStart(OIDCAuthenticationRequestView):  # type: ignore[misc]  # untyped library
    get_settings = staticmethod(config.setting)

    def __init__(self, **kwargs: Any) -> None:
        # The library's own reads the endpoint here, before get() can catch a failure.
        View.__init__(self, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not config.enabled():
            raise Http404("Single sign-on is not set up")
        try:
            self.OIDC_OP_AUTH_ENDPOINT = config.setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except config.DiscoveryError as error:
            logger.warning("single sign-on: %s", error)
            return unreachable(request)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)  # type: ignore[no-any-return]


class SignInCallback(OIDCAuthenticationCallbackView):  # type: ignore[misc]  # untyped library
    get_settings = staticmethod(config.setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not config.enabled():
            raise Http404("Single sign-on is not set up")
        try:
            return super().get(request)  # type: ignore[no-any-return]
        except SuspiciousOperation as error:
            # An unknown or reused state, a nonce or signature that does not match: a return
            # that is not the answer to this browser's own request.
            logger.warning("single sign-on refused: %s", error)
            return self.mismatch(request)
        except requests.HTTPError as error:
            logger.warning("single sign-on: %s", error)
            status = error.response.status_code if error.response is not None else 500
            # The provider refused the code (used already, or the PKCE verifier is wrong).
            return self.mismatch(request) if 400 <= status < 500 else unreachable(request)
        except (requests.RequestException, config.DiscoveryError) as error:
            logger.warning("single sign-on: %s", error)
            return unreachable(request)

    def mismatch(self, request: HttpRequest) -> HttpResponse:
        record_failure(request)
        return problem(
            request,
            "Signing in did not work",
            "The answer from the service that signs you in did not match this browser's "
            "request, so Redress did not sign you in. Start again from the sign-in page.",
            400,
        )

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        # After login(), which may have begun a fresh session: whether the provider gave a
        # second factor, which decides whether Redress asks for its own (TwoFactorMiddleware).
        given = bool(getattr(self.request, "redress_provider_mfa", False))
        self.request.session[PROVIDER_MFA_KEY] = given
        return response  # type: ignore[no-any-return]

    @property
    def success_url(self) -> str:
        return str(self.request.session.get("oidc_login_next") or AFTER_SIGN_IN)

    def login_failure(self) -> HttpResponse:
        refusal = getattr(self.request, "redress_sign_in_refusal", None)
        record_failure(self.request, getattr(refusal, "email", ""))
        provider = _sentence_start(config.provider_name())
        fallback = f"{provider} did not sign you in. Start again from the sign-in page."
        message = str(refusal) if refusal else fallback
        return problem(self.request, "You cannot sign in", message, 403)


def record_failure(request: HttpRequest, email: str = "") -> None:
    """For the sign-in log; axes counts password failures only, so none of these locks out."""
    AccessFailureLog.objects.create(
        username=email[:255],
        ip_address=client_address(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:255],
        http_accept=request.META.get("HTTP_ACCEPT", "")[:1025],
        path_info=request.path[:255],
    )


def end_session_url(request: HttpRequest) -> str | None:
    """Where to send someone signing out so the provider signs them out too (RP-initiated
    logout), if they signed in through it and it has an end_session_endpoint."""
    if not config.enabled() or not signed_in_with_provider(request):
        return None
    try:
        endpoint = config.discovery().get("end_session_endpoint")
    except config.DiscoveryError:
        return None  # signed out of Redress all the same
    if not endpoint:
        return None
    query = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("sign_in")),
    }
    if request.session.get("oidc_id_token"):
        query["id_token_hint"] = request.session["oidc_id_token"]
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"
