"""Where signing in goes next: only a path on this site, never a name or another host."""

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("target", "lands"),
    [
        ("/casework/cases/", "/casework/cases/"),
        ("0", "/casework/"),
        ("staff:my_work", "/casework/"),
        ("https://elsewhere.example/", "/casework/"),
        ("//elsewhere.example/", "/casework/"),
    ],
)
def test_a_signed_in_person_is_sent_only_to_a_path_here(target, lands):
    client = Client()
    client.force_login(UserFactory(username="next-officer"))
    response = client.get("/sign-in/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == lands
