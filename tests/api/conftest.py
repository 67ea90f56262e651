"""Clients that call the API with a bearer token, one per persona."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from redress.accounts.models import Role
from redress.accounts.services import api_token_create
from redress.calendars.clock import LONDON
from tests.factories import ServiceFactory, UserFactory, make_case


class ApiClient:
    """A test client that sends JSON with ``Authorization: Bearer <token>``."""

    def __init__(self, token: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, params: dict[str, Any] | None = None):
        return self.client.get(f"/api/v1{path}", params or {}, headers=self.headers)

    def post(self, path: str, body: Any = None, *, raw: str | bytes | None = None):
        data = raw if raw is not None else ("" if body is None else json.dumps(body))
        return self.client.post(
            f"/api/v1{path}", data, content_type="application/json", headers=self.headers
        )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Personas are many users per test; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def client_for(user) -> ApiClient:  # type: ignore[no-untyped-def]
    _, secret = api_token_create(user=user)
    return ApiClient(secret)


@pytest.fixture
def housing(db):
    return ServiceFactory(name="Housing", slug="housing")


@pytest.fixture
def parks(db):
    return ServiceFactory(name="Parks", slug="parks")


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def officer_api(officer) -> ApiClient:
    return client_for(officer)


@pytest.fixture
def case(housing, officer):
    """An open stage 1 complaint about housing, received 2 November 2026."""
    return make_case(
        service=housing,
        by=officer,
        received_at=dt.datetime(2026, 11, 2, 10, 0, tzinfo=LONDON),
    )


def log_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "complaint",
        "received_at": "2026-11-02T09:30:00+00:00",
        "channel": "email",
        "service": "housing",
        "summary": "Damp in the bedroom not repaired",
        "description": "Reported three times since June.",
        "outcome_sought": "Repair the damp and explain the delay.",
        "person": {"name": "Sam Tenant", "email": "sam@example.com"},
    }
    body.update(overrides)
    return body


def today() -> dt.date:
    return timezone.localdate()


# --- personas ---------------------------------------------------------------------------------


@pytest.fixture
def personas(db, housing, parks, officer):
    """One user per way of being allowed or refused, each with a live token."""
    users = {
        "officer": officer,
        "responder_own": UserFactory(
            username="responder_own", role=Role.SERVICE_RESPONDER, services=[housing]
        ),
        "responder_other": UserFactory(
            username="responder_other", role=Role.SERVICE_RESPONDER, services=[parks]
        ),
        "investigator": UserFactory(username="investigator", role=Role.INVESTIGATOR),
        "manager": UserFactory(username="manager", role=Role.MANAGER, services=[housing]),
        "administrator": UserFactory(username="administrator", role=Role.ADMINISTRATOR),
        "no_role": UserFactory(username="no_role", role=""),
        "member": UserFactory(username="member", role=Role.MEMBER),
    }
    clients = {name: client_for(user) for name, user in users.items()}
    clients["no_token"] = ApiClient(None)
    revoked_user = UserFactory(username="revoked", role=Role.ADMINISTRATOR)
    token, secret = api_token_create(user=revoked_user)
    token.revoked_at = timezone.now()
    token.save()
    clients["revoked_token"] = ApiClient(secret)
    return clients
