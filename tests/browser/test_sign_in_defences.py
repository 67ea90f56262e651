"""Sign-in defences in a real browser, with axe-core on each page: the locked-out page after
too many wrong passwords, and the sign-in log an administrator reads."""

import pytest

from redress.accounts.models import Role
from tests.browser.test_staff_journey import PASSWORD, sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def try_password(page, username, password):
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_locked_out_then_the_administrator_sees_it_in_the_log(page, axe):
    UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    UserFactory(username="admin", role=Role.ADMINISTRATOR)
    for _ in range(5):
        try_password(page, "officer", "not-the-password")
    page.get_by_role("heading", name="You have tried to sign in too many times").wait_for()
    axe(page, "locked out")
    assert "Wait 15 minutes" in page.locator("main").inner_text()
    try_password(page, "officer", PASSWORD)
    page.get_by_role("heading", name="You have tried to sign in too many times").wait_for()

    sign_in(page, axe, "admin")
    page.get_by_role("link", name="Settings", exact=True).click()
    page.get_by_role("link", name="Sign-in log").click()
    page.get_by_role("heading", name="Sign-in log", level=1).wait_for()
    axe(page, "sign-in log")
    failures = page.get_by_role("table", name="Failed attempts")
    assert failures.get_by_role("row").count() >= 6
    assert "officer" in failures.inner_text()
    assert "admin" in page.get_by_role("table", name="Sign-ins").inner_text()
