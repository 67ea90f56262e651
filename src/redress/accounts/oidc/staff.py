"""Which member of staff a provider's account signs in as.

On the first sign-in, the staff account with the same email address (whatever its case), or a
new account with no role; after that, the account linked to the provider's subject. A role
comes from an administrator, or from the role claim when one is set (``roles``).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import transaction

from redress.accounts.models import OidcIdentity, User
from redress.accounts.oidc import config, roles
from redress.core import clock

logger = logging.getLogger(__name__)
NAME_LENGTH = 150


class SignInRefused(SuspiciousOperation):
    """A provider's account that may not sign in; the message is for the person."""

    def __init__(self, message: str, email: str = "") -> None:
        super().__init__(message)
        self.email = email


def usable_email(claims: dict[str, Any]) -> str:
    email = claims.get("email")
    provider = config.provider_name()
    if not isinstance(email, str) or "@" not in email.strip():
        raise SignInRefused(
            f"Signing in with {provider} did not give Redress your email address, which it "
            "needs to find your account. Ask an administrator to check how single sign-on is "
            "set up."
        )
    email = email.strip()
    # Some providers send "false" as a string.
    if str(claims.get("email_verified", True)).lower() == "false":
        raise SignInRefused(
            f"{provider} has not confirmed your email address {email}, so you cannot sign in "
            "with it. Confirm it there, then try again.",
            email,
        )
    domain = email.rpartition("@")[2].lower()
    if settings.OIDC_EMAIL_DOMAINS and domain not in settings.OIDC_EMAIL_DOMAINS:
        raise SignInRefused(f"Email addresses at {domain} cannot sign in to Redress.", email)
    return email


@transaction.atomic
def staff_member_for(issuer: str, claims: dict[str, Any]) -> User:
    email = usable_email(claims)
    subject = str(claims["sub"])
    identity = (
        OidcIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    )
    if identity is None:
        identity = _link(issuer, subject, email, claims)
    user = identity.user
    if not user.is_active:
        raise SignInRefused(
            "Your Redress account has been switched off. Ask an administrator if you need it.",
            email,
        )
    _update(user, identity, email, claims)
    return user


def _link(issuer: str, subject: str, email: str, claims: dict[str, Any]) -> OidcIdentity:
    matches = list(User.objects.filter(email__iexact=email)[:2])
    if len(matches) > 1:
        raise SignInRefused(
            f"More than one staff account has the email address {email}, so Redress cannot "
            "tell which is yours. Ask an administrator to give each account its own address.",
            email,
        )
    user = matches[0] if matches else _new_user(email, claims)
    earlier = OidcIdentity.objects.filter(user=user).first()
    if earlier is not None and earlier.issuer == issuer:
        # Another account at the same provider had this address first (an address given to
        # someone new, say): only an administrator can tell whether to move the link.
        raise SignInRefused(
            f"The staff account for {email} is linked to a different account at "
            f"{config.provider_name()}. Ask an administrator to remove that link.",
            email,
        )
    if earlier is not None:
        earlier.delete()  # linked at a provider no longer used
    logger.info("single sign-on: %s linked to staff account %s", email, user.username)
    return OidcIdentity.objects.create(user=user, issuer=issuer, subject=subject)


def _new_user(email: str, claims: dict[str, Any]) -> User:
    username = base = email.lower()[:NAME_LENGTH]
    number = 2
    while User.objects.filter(username__iexact=username).exists():
        suffix = f"-{number}"
        username, number = base[: NAME_LENGTH - len(suffix)] + suffix, number + 1
    # No password (only single sign-on) and no role until one is given.
    return User.objects.create_user(
        username,
        email=email,
        first_name=str(claims.get("given_name") or "")[:NAME_LENGTH],
        last_name=str(claims.get("family_name") or "")[:NAME_LENGTH],
    )


def _update(user: User, identity: OidcIdentity, email: str, claims: dict[str, Any]) -> None:
    taken = User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists()
    if user.email.lower() != email.lower() and not taken:
        user.email = email  # changed at the provider, which is where addresses are kept
    if settings.OIDC_ROLE_CLAIM:
        _apply_role(user, identity, roles.mapped_role(claims))
    user.save()
    identity.last_signed_in_at = clock.now()
    identity.save()


def _apply_role(user: User, identity: OidcIdentity, mapped: str) -> None:
    before = user.role
    if mapped:
        user.role = mapped
    elif identity.mapped_role and user.role == identity.mapped_role:
        user.role = ""  # the claim gave it and gives it no longer
    identity.mapped_role = mapped
    if user.role != before:
        logger.info(
            "single sign-on: %s's role is now %r (was %r) from the %s claim",
            user.username,
            user.role,
            before,
            settings.OIDC_ROLE_CLAIM,
        )
