"""Two-factor sign-in: an authenticator app (TOTP) with single-use recovery codes, kept by
django-otp. Who must use it is one rule, ``two_factor_required``; the middleware, the sign-in
pages and the settings page all ask it.

By default administrators (and anyone whose role is listed in ``REDRESS_TWO_FACTOR_ROLES``)
and the members of the governance group, who keep the register of contact restrictions, must
set it up before they can use anything else; ``REDRESS_TWO_FACTOR_FOR_EVERYONE=1`` makes
it required for every member of staff; anyone else may turn it on for themselves."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.accounts.governance import in_governance_group
from redress.accounts.models import User

RECOVERY_CODES = 10
APP_DEVICE = "Authenticator app"
RECOVERY_DEVICE = "Recovery codes"


def two_factor_required(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if settings.REDRESS.get("TWO_FACTOR_FOR_EVERYONE"):
        return True
    if user.role in settings.REDRESS.get("TWO_FACTOR_ROLES", ()):
        return True
    return bool(settings.REDRESS.get("TWO_FACTOR_FOR_GOVERNANCE")) and in_governance_group(user)


def session_verified(user: User) -> bool:
    """Whether this session has passed a second factor (OTPMiddleware installs the check)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if check is not None else False


def has_two_factor(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def setup_device(user: User) -> TOTPDevice:
    """The app being set up: the same secret on every visit until it is confirmed, so
    reloading the page does not change what was scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def _clean(code: str) -> str:
    return "".join(code.split()).lower()


@transaction.atomic
def confirm_setup(user: User, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm the app with a code it shows; returns the device and fresh recovery codes, or
    None when the code is wrong. Any earlier app is replaced."""
    device = setup_device(user)
    if not device.verify_token(_clean(code)):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device, new_recovery_codes(user)


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Replace the person's recovery codes; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def recovery_codes_left(user: User) -> int:
    tokens = StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE)
    return int(tokens.count())


@transaction.atomic
def verify(user: User, code: str) -> Device | None:
    """The device that accepts ``code`` (the app's code, or a recovery code, used up), or
    None. Each device throttles wrong codes itself, doubling the wait after each failure."""
    code = _clean(code)
    if not code:
        return None
    candidates: list[Device] = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    candidates += list(StaticDevice.objects.filter(user=user, confirmed=True))
    for device in candidates:
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(code):
            return device
    return None


def turn_off(user: User) -> None:
    """Someone turning their own off: refused where two-factor is required."""
    if two_factor_required(user):
        raise PermissionError("Two-factor sign-in is required for your role.")
    reset(user)


@transaction.atomic
def reset(user: User) -> None:
    """Remove the app and the recovery codes (an administrator's reset after a lost phone);
    where it is required, the person sets it up again when next signing in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
