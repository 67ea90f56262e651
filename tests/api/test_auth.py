"""Every operation denies without a valid token: 401 JSON, or 403 for a user with no role."""

import pytest
from django.test import Client
from django.utils import timezone

from redress.accounts.models import ApiToken, Role
from redress.accounts.services import api_token_create
from tests.api.conftest import ApiClient, client_for
from tests.factories import UserFactory

REF = "CMP-2026-000001"
ENDPOINTS = [
    ("get", "/procedures"),
    ("get", "/cases"),
    ("post", "/cases"),
    ("get", f"/cases/{REF}"),
    *[
        ("post", f"/cases/{REF}/{action}")
        for action in [
            "acknowledge",
            "extend",
            "respond",
            "escalate",
            "withdraw",
            "refuse",
            "close",
            "reopen",
            "assign",
        ]
    ],
]


def _call(client: ApiClient, method: str, path: str):
    return client.get(path) if method == "get" else client.post(path, {})


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_every_endpoint_refuses_a_request_without_a_token(case, method, path):
    response = _call(ApiClient(None), method, path)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "Authorization" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_every_endpoint_refuses_a_revoked_token(case, method, path):
    user = UserFactory(role=Role.ADMINISTRATOR)
    token, secret = api_token_create(user=user)
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())

    assert _call(ApiClient(secret), method, path).status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_every_endpoint_refuses_a_user_with_no_role(case, method, path):
    response = _call(client_for(UserFactory(role="")), method, path)

    assert response.status_code == 403
    assert "no role" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    [
        "Bearer rdr_not-a-real-token",
        "Bearer ",
        "Token {secret}",
        "Basic {secret}",
        "{secret}",
        "Bearer " + "x" * 5000,
        "Bearer {secret}x",
    ],
)
def test_malformed_or_wrong_tokens_are_refused(header):
    _, secret = api_token_create(user=UserFactory(role=Role.ADMINISTRATOR))

    response = Client().get(
        "/api/v1/procedures", headers={"Authorization": header.format(secret=secret)}
    )

    assert response.status_code == 401
    assert response.json()["errors"] == {}


@pytest.mark.django_db
def test_a_token_of_a_deactivated_user_is_refused():
    user = UserFactory(role=Role.ADMINISTRATOR)
    client = client_for(user)
    assert client.get("/procedures").status_code == 200

    user.is_active = False
    user.save()

    assert client.get("/procedures").status_code == 401


@pytest.mark.django_db
def test_use_of_a_token_is_recorded():
    user = UserFactory(role=Role.ADMINISTRATOR)
    token, secret = api_token_create(user=user)
    assert token.last_used_at is None

    ApiClient(secret).get("/procedures")

    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.django_db
def test_a_signed_in_browser_session_is_not_enough(client):
    """The API takes tokens only, so a browser session cannot be borrowed by another site."""
    user = UserFactory(role=Role.ADMINISTRATOR)
    client.force_login(user)

    assert client.get("/api/v1/procedures").status_code == 401


@pytest.mark.django_db
def test_guessing_tokens_is_slowed_per_address(settings):
    """After too many wrong tokens from one address, even a right one from there waits; the
    same right token from elsewhere still works."""
    settings.API_TOKEN_FAILURE_LIMIT = (3, 15 * 60)
    user = UserFactory(role=Role.COMPLAINTS_OFFICER)
    _, token = api_token_create(user=user, name="CRM")
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(3):
        response = guesser.get("/api/v1/cases", HTTP_AUTHORIZATION=f"Bearer wrong-{n}")
        assert response.status_code == 401
    refused = guesser.get("/api/v1/cases", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert refused.status_code == 429
    assert "Too many requests with a wrong API token" in refused.json()["detail"]
    elsewhere = Client(REMOTE_ADDR="192.0.2.20")
    assert elsewhere.get("/api/v1/cases", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
