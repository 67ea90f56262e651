"""An administrator sets up two-factor sign-in on first sign-in, keeps the recovery codes, and
later signs in with a recovery code, in a real browser with axe-core on each page."""

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from redress.accounts.models import Role
from tests.accounts.test_two_factor import code_for
from tests.browser.test_staff_journey import PASSWORD, sign_out
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.two_factor]


def password_step(page, axe, username):
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_an_administrator_sets_up_two_factor_and_later_uses_a_recovery_code(page, axe):
    admin = UserFactory(username="admin", role=Role.ADMINISTRATOR)

    password_step(page, axe, "admin")
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    axe(page, "two-factor set-up")
    page.goto("/casework/")  # nothing else opens until it is set up
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    page.get_by_label("Code").fill(code_for(device))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    axe(page, "recovery codes")
    codes = page.locator("[data-recovery-codes] code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="I have kept my codes").click()
    page.wait_for_url("**/casework/")
    sign_out(page)

    password_step(page, axe, "admin")
    expect(
        page.get_by_role("heading", name="Enter the code from your authenticator app")
    ).to_be_visible()
    axe(page, "two-factor code")
    page.get_by_label("Code").fill("999999")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the 6-digit code")
    axe(page, "two-factor code refused")
    # A wrong code makes each device wait a second before it checks another; a person takes
    # longer than that to find a recovery code, a test does not.
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=admin).update(throttling_failure_count=0)
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/casework/")
    expect(page.get_by_text("You used a recovery code: 9 left")).to_be_visible()

    page.get_by_role("link", name="Settings", exact=True).click()
    page.locator("main").get_by_role("link", name="Two-factor sign-in").click()
    expect(page.locator("[data-two-factor-status]")).to_have_text("On")
    axe(page, "two-factor settings")
    assert page.get_by_role("button", name="Turn off two-factor sign-in").count() == 0
