import pytest

from redress.accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def officer():
    return UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)


def test_home_offers_feedback_and_sign_in(client):
    response = client.get("/")
    assert b"/feedback/" in response.content and b"/sign-in/" in response.content


def test_signed_in_home_goes_to_my_work(client, officer):
    client.force_login(officer)
    assert client.get("/")["Location"] == "/casework/"


def test_casework_needs_sign_in(client):
    response = client.get("/casework/cases/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=/casework/cases/")


def test_sign_in_and_go_where_you_were_going(client, officer):
    response = client.post(
        "/sign-in/", {"username": "officer", "password": PASSWORD, "next": "/casework/cases/"}
    )
    assert response["Location"] == "/casework/cases/"
    assert client.get("/casework/").status_code == 200


def test_sign_in_refuses_an_outside_next(client, officer):
    response = client.post(
        "/sign-in/", {"username": "officer", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/casework/"


def test_wrong_password_is_an_error_keeping_the_username(client, officer):
    response = client.post("/sign-in/", {"username": "officer", "password": "nope"})
    assert response.status_code == 400
    assert b"Enter a correct username and password" in response.content
    assert b'value="officer"' in response.content
    assert b"govuk-error-summary" in response.content


def test_missing_fields_are_named(client):
    response = client.post("/sign-in/", {"username": "", "password": ""})
    assert b"Enter your username" in response.content and b"Enter your password" in response.content


MAX_FAILURES = 5


def attempt(client, username, password, address="192.0.2.10", **extra):
    return client.post(
        "/sign-in/", {"username": username, "password": password, **extra}, REMOTE_ADDR=address
    )


def test_lockout_after_repeated_failures_even_with_the_right_password(client, officer):
    for _ in range(MAX_FAILURES):
        attempt(client, "officer", "wrong")
    response = attempt(client, "officer", PASSWORD)
    assert response.status_code == 429
    assert b"You have tried to sign in too many times" in response.content
    assert b"Wait 15 minutes" in response.content
    assert client.get("/casework/").status_code == 302


def test_a_stranger_elsewhere_cannot_lock_a_real_person_out(client, officer):
    """Five wrong passwords from one address lock that address out of the account, not the
    person signing in from their own desk."""
    for _ in range(MAX_FAILURES + 2):
        attempt(client, "officer", "wrong", address="203.0.113.66")
    assert attempt(client, "officer", PASSWORD, address="203.0.113.66").status_code == 429
    response = attempt(client, "officer", PASSWORD, address="192.0.2.10")
    assert response.status_code == 302 and client.get("/casework/").status_code == 200


def test_usernames_are_counted_whatever_their_case(client, officer):
    for name in ("OFFICER", "Officer", "officer", "oFFICER", "OFFICER"):
        attempt(client, name, "wrong")
    assert attempt(client, "officer", PASSWORD).status_code == 429


def test_lockout_ends_after_its_time(client, officer):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    for _ in range(MAX_FAILURES):
        attempt(client, "officer", "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1))
    assert attempt(client, "officer", PASSWORD).status_code == 302


def test_many_usernames_from_one_address_are_slowed(client, officer, settings):
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 6
    for n in range(6):
        attempt(client, f"guess{n}", "wrong", address="198.51.100.7")
    response = attempt(client, "officer", PASSWORD, address="198.51.100.7")
    assert response.status_code == 400
    assert b"too many failed sign-ins from your network" in response.content
    # Someone at another address is unaffected.
    assert attempt(client, "officer", PASSWORD, address="192.0.2.10").status_code == 302


def test_the_admin_login_is_the_staff_sign_in(client, officer):
    response = client.get("/admin/login/?next=/admin/cases/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=%2Fadmin%2Fcases%2F"
    # Its POST cannot get round a lock either: it lands on the staff sign-in's throttle.
    for _ in range(MAX_FAILURES):
        attempt(client, "officer", "wrong")
    client.post("/admin/login/", {"username": "officer", "password": PASSWORD})
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_sign_ins_and_failures_are_logged_for_administrators(client, officer):
    from axes.models import AccessFailureLog, AccessLog

    attempt(client, "officer", "wrong", address="192.0.2.44")
    attempt(client, "officer", PASSWORD, address="192.0.2.44")
    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.ip_address) == ("officer", "192.0.2.44")
    assert AccessLog.objects.get().ip_address == "192.0.2.44"
    assert client.get("/casework/settings/sign-ins/").status_code == 403
    client.force_login(UserFactory(username="admin", role=Role.ADMINISTRATOR))
    page = client.get("/casework/settings/sign-ins/").content.decode()
    assert "192.0.2.44" in page and "officer" in page and "Failed attempts" in page


@pytest.mark.parametrize(
    "password, rule",
    [
        ("short-pass1", "at least 12 characters"),
        ("aaaaaaaaaaaa", "at least 5 different characters"),
        ("qwertyuiopas", "neighbouring keys"),
        ("abcdefgh2026", "neighbouring keys"),
        ("password1234", "too common"),
        ("864209753186", "entirely numeric"),
        ("officer20261", "too similar"),
    ],
)
def test_weak_passwords_are_refused_with_the_rule(client, officer, password, rule):
    client.force_login(officer)
    response = client.post(
        "/casework/account/password/",
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 400
    assert rule in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


def test_a_good_password_is_accepted(client, officer):
    client.force_login(officer)
    new = "plum-orchard-lantern-42"
    response = client.post(
        "/casework/account/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(new)
