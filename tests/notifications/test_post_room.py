"""The post room: officers list and print letters; others are refused."""

import pytest
from django.test import override_settings
from django.urls import include, path

from redress.accounts.models import Role
from redress.notifications.delivery import deliver_due
from redress.notifications.models import OutboundMessage
from redress.notifications.services import message_queue
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db
urlpatterns = [path("notifications/", include("redress.notifications.urls"))]


@pytest.fixture
def letter():
    case = make_case(person={"name": "Pat Post", "address": "1 High Street"})
    message = message_queue(
        case=case,
        subject="Your complaint",
        body_text="Dear Pat, about your complaint",
        recipient_name="Pat Post",
        recipient_address="1 High Street\nTown",
    )
    deliver_due()
    return message


@override_settings(ROOT_URLCONF=__name__)
def test_officer_lists_prints_and_marks_letters(client, letter):
    client.force_login(UserFactory(role=Role.COMPLAINTS_OFFICER))
    listing = client.get("/notifications/post-room/")
    assert b"Your complaint" in listing.content
    printed = client.get(f"/notifications/post-room/{letter.pk}/print/")
    assert (
        b"Dear Pat, about your complaint" in printed.content and b"1 High Street" in printed.content
    )
    client.post(f"/notifications/post-room/{letter.pk}/printed/")
    letter.refresh_from_db()
    assert letter.state == OutboundMessage.State.PRINTED


@override_settings(ROOT_URLCONF=__name__)
def test_others_cannot_see_the_post_room(client, letter):
    assert client.get("/notifications/post-room/").status_code == 302  # to sign in
    client.force_login(UserFactory(role=Role.SERVICE_RESPONDER))
    assert client.get("/notifications/post-room/").status_code == 403
    assert client.get(f"/notifications/post-room/{letter.pk}/print/").status_code == 403
