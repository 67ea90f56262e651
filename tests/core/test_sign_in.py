import pytest

from redress.accounts.models import Role
from redress.staff.signin import MAX_FAILURES
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


def test_lockout_after_repeated_failures_even_with_the_right_password(client, officer):
    for _ in range(MAX_FAILURES):
        client.post("/sign-in/", {"username": "officer", "password": "wrong"})
    response = client.post("/sign-in/", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 400
    assert b"too many times" in response.content
    assert client.get("/casework/").status_code == 302


def test_lockout_ends_after_its_time(client, officer, settings):
    from datetime import timedelta

    from django.utils import timezone

    from redress.staff.models import SignInFailure

    for _ in range(MAX_FAILURES):
        client.post("/sign-in/", {"username": "OFFICER", "password": "wrong"})
    SignInFailure.objects.update(at=timezone.now() - timedelta(hours=1))
    response = client.post("/sign-in/", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 302
    assert not SignInFailure.objects.exists()


def test_sign_out_needs_post_and_ends_the_session(client, officer):
    client.force_login(officer)
    assert client.get("/sign-out/").status_code == 405
    response = client.post("/sign-out/")
    assert response["Location"] == "/sign-in/"
    assert client.get("/casework/").status_code == 302


def test_password_change_applies_the_rules(client, officer):
    client.force_login(officer)
    response = client.post(
        "/casework/account/password/",
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 400
    assert b"too short" in response.content
    response = client.post(
        "/casework/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "plum-kettle-orbit-57",
            "new_password2": "plum-kettle-orbit-57",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("plum-kettle-orbit-57")
