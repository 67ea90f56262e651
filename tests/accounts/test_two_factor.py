"""Two-factor sign-in: required for administrators by default, optional for others; a code
from the app or a recovery code (used once); nothing but the sign-in pages until it is done,
the admin included; a password alone cannot replace someone's app."""

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.accounts import two_factor
from redress.accounts.models import Role
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.two_factor]
PASSWORD = "correct-horse-battery-staple"


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """What the app shows now, or ``steps_ahead`` 30-second steps from now: a code once used is
    refused, so a second sign-in in the same test uses the next step's (within tolerance)."""
    value = totp(
        device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=steps_ahead
    )
    return f"{value:06d}"


def after_a_pause(device: TOTPDevice) -> None:
    """A wrong code makes the device wait (1 s, then 2, 4...) before it checks another."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )


def signed_in_with_password(username: str) -> Client:
    client = Client()
    response = client.post("/sign-in/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def set_up(user) -> tuple[TOTPDevice, list[str]]:
    device = two_factor.setup_device(user)
    confirmed = two_factor.confirm_setup(user, code_for(device))
    assert confirmed is not None
    return confirmed


def test_an_administrator_must_set_it_up_before_anything_else():
    UserFactory(username="admin", role=Role.ADMINISTRATOR)
    client = signed_in_with_password("admin")
    for path in ("/casework/", "/admin/", "/reports/", "/casework/settings/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/sign-in/two-factor/set-up/"), path


def test_setting_it_up_needs_a_right_code_then_shows_recovery_codes_once():
    admin = UserFactory(username="admin", role=Role.ADMINISTRATOR)
    client = signed_in_with_password("admin")
    page = client.get("/sign-in/two-factor/set-up/").content.decode()
    secret = re.search(r"data-secret>([A-Z2-7 ]+)<", page).group(1)
    assert client.get("/sign-in/two-factor/qr.svg")["Content-Type"] == "image/svg+xml"

    wrong = client.post("/sign-in/two-factor/set-up/", {"code": "000000"})
    assert wrong.status_code == 400 and b"Enter the 6-digit code" in wrong.content
    assert not two_factor.has_two_factor(admin)
    # The secret is the same on a second visit, so what was scanned still works.
    again = client.get("/sign-in/two-factor/set-up/").content.decode()
    assert secret in again

    device = TOTPDevice.objects.get(user=admin)
    after_a_pause(device)
    done = client.post("/sign-in/two-factor/set-up/", {"code": code_for(device)})
    assert done.status_code == 302 and "recovery-codes" in done["Location"]
    codes_page = client.get(done["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", codes_page)
    assert len(codes) == two_factor.RECOVERY_CODES
    # Shown once only.
    assert client.get("/sign-in/two-factor/recovery-codes/").status_code == 302
    assert client.get("/casework/").status_code == 200


def test_signing_in_with_an_app_asks_for_its_code():
    user = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    device, _codes = set_up(user)
    client = signed_in_with_password("officer")
    held = client.get("/casework/cases/")
    assert held.status_code == 302 and held["Location"].startswith("/sign-in/code/")
    wrong = client.post("/sign-in/code/", {"code": "123456"})
    assert wrong.status_code == 400 and b"Enter the 6-digit code" in wrong.content
    too_soon = client.post("/sign-in/code/", {"code": code_for(device, 1)})
    assert too_soon.status_code == 400  # right code, but straight after a wrong one
    after_a_pause(device)
    right = client.post("/sign-in/code/", {"code": code_for(device, 1), "next": "/casework/cases/"})
    assert right.status_code == 302 and right["Location"] == "/casework/cases/"
    assert client.get("/casework/cases/").status_code == 200


def test_a_recovery_code_works_once():
    user = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    _device, codes = set_up(user)
    first = signed_in_with_password("officer")
    assert first.post("/sign-in/code/", {"code": codes[0].upper()}).status_code == 302
    assert first.get("/casework/").status_code == 200
    assert two_factor.recovery_codes_left(user) == two_factor.RECOVERY_CODES - 1
    second = signed_in_with_password("officer")
    assert second.post("/sign-in/code/", {"code": codes[0]}).status_code == 400
    assert second.get("/casework/").status_code == 302


def test_a_password_alone_cannot_replace_the_app():
    user = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    device, _codes = set_up(user)
    client = signed_in_with_password("officer")
    for path in ("/sign-in/two-factor/set-up/", "/sign-in/two-factor/qr.svg"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/sign-in/code/", path
    assert list(TOTPDevice.objects.filter(user=user)) == [device]


def test_others_may_use_it_and_turn_it_off_but_an_administrator_may_not():
    officer = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    client = Client()
    client.force_login(officer)
    assert client.get("/casework/").status_code == 200  # not required of an officer
    set_up(officer)
    assert two_factor.has_two_factor(officer)
    two_factor.turn_off(officer)
    assert not two_factor.has_two_factor(officer)

    admin = UserFactory(username="admin", role=Role.ADMINISTRATOR)
    set_up(admin)
    with pytest.raises(PermissionError):
        two_factor.turn_off(admin)
    assert two_factor.has_two_factor(admin)


def test_everyone_can_be_required_by_a_setting(settings):
    settings.REDRESS = {**settings.REDRESS, "TWO_FACTOR_FOR_EVERYONE": True}
    UserFactory(username="responder", role=Role.SERVICE_RESPONDER)
    client = signed_in_with_password("responder")
    assert client.get("/casework/")["Location"].startswith("/sign-in/two-factor/set-up/")


def test_new_recovery_codes_replace_the_old_ones():
    user = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    _device, old = set_up(user)
    new = two_factor.new_recovery_codes(user)
    assert set(old).isdisjoint(new)
    assert two_factor.verify(user, new[0]) is not None
    assert two_factor.verify(user, old[0]) is None


def test_an_administrator_resets_someone_who_lost_their_phone_from_the_admin():
    officer = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    set_up(officer)
    admin = UserFactory(username="admin", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    set_up(admin)
    client = Client()
    client.force_login(admin)
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=admin, confirmed=True).persistent_id
    session.save()
    response = client.post(
        "/admin/accounts/user/",
        {"action": "reset_two_factor", "_selected_action": [officer.pk]},
    )
    assert response.status_code == 302
    assert not two_factor.has_two_factor(officer) and two_factor.has_two_factor(admin)
    # Nobody's secret is on an admin page.
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404


def test_the_governance_group_must_set_it_up_whatever_their_role():
    from redress.register.models import GovernanceMember

    member = UserFactory(username="governance", role=Role.COMPLAINTS_OFFICER)
    colleague = UserFactory(username="colleague", role=Role.COMPLAINTS_OFFICER)
    GovernanceMember.objects.create(user=member)
    assert two_factor.two_factor_required(member)
    assert not two_factor.two_factor_required(colleague)
    client = signed_in_with_password("governance")
    assert client.get("/casework/")["Location"].startswith("/sign-in/two-factor/set-up/")
