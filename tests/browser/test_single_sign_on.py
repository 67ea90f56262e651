"""Single sign-on in a real browser through the local OpenID provider, with axe-core on each
of Redress's pages: a newcomer signs in, meets the page saying they need a role, and signs out
of both; an administrator whose group gives the role sees the sign-in in the sign-in log; an
administrator signs in through the provider and with a second factor, setting it up the first
time and giving the app's code the next."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from redress.accounts.models import Role, User
from tests.accounts import oidc_fixtures
from tests.accounts.test_two_factor import code_for
from tests.factories import UserFactory

pytestmark = pytest.mark.browser
BUTTON = "Sign in with your Example Council account"
# The fixtures of tests/accounts/, which start the provider and point Redress at it.
identity_provider = oidc_fixtures.identity_provider
single_sign_on = oidc_fixtures.single_sign_on


def through_the_provider(page, login):
    """The provider's own pages (not Redress's, so not checked by axe): login, then consent."""
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("anything")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()


def test_a_newcomer_signs_in_is_told_they_need_a_role_and_signs_out(page, axe, single_sign_on):
    page.goto("/sign-in/")
    axe(page, "sign-in page with single sign-on")
    page.get_by_role("button", name=BUTTON).click()
    through_the_provider(page, "newcomer")
    page.wait_for_url("**/casework/")
    expect(page.get_by_role("heading", name="You cannot use casework yet")).to_be_visible()
    axe(page, "no role yet")
    expect(page.get_by_text("new.starter@council.example")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Yes, sign me out").click()  # the provider's question
    page.wait_for_url("**/sign-in/")
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    axe(page, "signed out")


def test_a_refusal_is_a_plain_page(page, axe, single_sign_on):
    page.goto("/sign-in/")
    page.get_by_role("button", name=BUTTON).click()
    through_the_provider(page, "unconfirmed")
    expect(page.get_by_role("heading", name="You cannot sign in")).to_be_visible()
    axe(page, "sign-in refused")
    page.get_by_role("link", name="Go to the sign-in page").click()
    expect(page.get_by_role("button", name=BUTTON)).to_be_visible()


def test_an_administrator_by_group_sees_single_sign_on_in_the_log(
    page, axe, settings, single_sign_on
):
    settings.OIDC_ROLE_CLAIM = "groups"
    settings.OIDC_ROLE_MAP = {"redress-admins": Role.ADMINISTRATOR}
    settings.REDRESS_PASSWORD_SIGN_IN = False
    UserFactory(username="ada", email="ada.admin@council.example", role="")
    page.goto("/sign-in/")
    expect(page.get_by_label("Password")).to_have_count(0)
    axe(page, "sign-in page, single sign-on only")
    page.get_by_role("button", name=BUTTON).click()
    through_the_provider(page, "ada")
    page.wait_for_url("**/casework/")
    page.get_by_role("link", name="Settings", exact=True).click()
    page.get_by_role("link", name="Sign-in log").click()
    axe(page, "sign-in log")
    sign_ins = page.get_by_role("table", name="Sign-ins")
    expect(sign_ins.get_by_role("row", name="ada Single sign-on")).to_have_count(1)


def _sign_out_of_both(page):
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Yes, sign me out").click()  # the provider's question
    page.wait_for_url("**/sign-in/")


@pytest.mark.two_factor
def test_an_administrator_signs_in_through_the_provider_and_with_a_second_factor(
    page, axe, settings, single_sign_on
):
    settings.OIDC_ROLE_CLAIM = "groups"
    settings.OIDC_ROLE_MAP = {"redress-admins": Role.ADMINISTRATOR}
    page.goto("/sign-in/")
    page.get_by_role("button", name=BUTTON).click()
    through_the_provider(page, "ada")
    # The provider's token says nothing of a second factor: Redress asks for its own.
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    axe(page, "two-factor set-up after single sign-on")
    page.goto("/casework/")  # nothing else opens until it is set up
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    admin = User.objects.get(email="ada.admin@council.example")  # made by the first sign-in
    assert admin.role == Role.ADMINISTRATOR
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    page.get_by_label("Code").fill(code_for(device))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    page.get_by_role("link", name="I have kept my codes").click()
    page.wait_for_url("**/casework/")
    expect(page.get_by_role("link", name="Settings", exact=True)).to_be_visible()
    _sign_out_of_both(page)

    page.get_by_role("button", name=BUTTON).click()
    through_the_provider(page, "ada")
    expect(
        page.get_by_role("heading", name="Enter the code from your authenticator app")
    ).to_be_visible()
    axe(page, "two-factor code after single sign-on")
    device.refresh_from_db()
    # The set-up used this step's code: the app's next one, within the tolerance.
    page.get_by_label("Code").fill(code_for(device, 1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/casework/")
    page.get_by_role("link", name="Settings", exact=True).click()
    page.locator("main").get_by_role("link", name="Two-factor sign-in").click()
    expect(page.locator("[data-two-factor-status]")).to_have_text("On")
    axe(page, "two-factor settings after single sign-on")
