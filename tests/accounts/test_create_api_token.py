import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from redress.accounts.models import ApiToken, Role, hash_token
from tests.factories import UserFactory


def _create_token(username: str) -> str:
    out = io.StringIO()
    call_command("create_api_token", username, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


@pytest.mark.django_db
def test_the_last_line_printed_is_a_working_bearer_token():
    UserFactory(username="casey", role=Role.COMPLAINTS_OFFICER)
    secret = _create_token("casey")

    response = Client().get("/api/v1/procedures", headers={"Authorization": f"Bearer {secret}"})

    assert response.status_code == 200
    assert response.json()


@pytest.mark.django_db
def test_only_the_hash_of_the_token_is_stored():
    UserFactory(username="casey", role=Role.COMPLAINTS_OFFICER)
    secret = _create_token("casey")

    token = ApiToken.objects.get(user__username="casey")
    assert token.key_hash == hash_token(secret)
    stored = [str(v) for v in ApiToken.objects.values_list(flat=False).get()]
    assert not any(secret in value for value in stored)


@pytest.mark.django_db
def test_each_call_makes_a_different_token():
    UserFactory(username="casey", role=Role.COMPLAINTS_OFFICER)
    assert _create_token("casey") != _create_token("casey")
    assert ApiToken.objects.filter(user__username="casey").count() == 2


@pytest.mark.django_db
def test_unknown_or_inactive_user_is_refused():
    UserFactory(username="gone", is_active=False)
    for username in ["nobody", "gone"]:
        with pytest.raises(CommandError, match=username):
            call_command("create_api_token", username, stdout=io.StringIO())
    assert not ApiToken.objects.exists()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
