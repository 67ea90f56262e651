"""One test per surface that used to show a restricted case to people not granted access:
the post room, the admin, links between cases, My work's drafts and deadline reminders."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.accounts.models import Role
from redress.cases.models import CaseAccessGrant
from redress.cases.services import case_assign, case_link
from redress.cases.visibility import HIDDEN_LINK
from redress.notifications.models import OutboundMessage
from redress.notifications.reminders import send_deadline_reminders
from tests.factories import ServiceFactory, UserFactory, make_case
from tests.security.world import LETTER, LINK_NOTE, PERSON, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_world()


def _signed_in(client, user):
    client.force_login(user)
    return client


# --- the post room --------------------------------------------------------------------------


def test_the_post_room_lists_prints_and_marks_only_letters_of_cases_the_officer_may_see(
    client, world
):
    letter = world.letter
    assert letter.state == OutboundMessage.State.POST_ROOM
    before = world.timeline_length()
    officer = _signed_in(client, world.users["officer"])

    listing = officer.get("/notifications/post-room/")
    assert listing.status_code == 200
    assert LETTER not in listing.content.decode()
    assert world.restricted.reference not in listing.content.decode()
    assert officer.get(f"/notifications/post-room/{letter.pk}/print/").status_code == 404
    assert officer.post(f"/notifications/post-room/{letter.pk}/printed/").status_code == 404

    letter.refresh_from_db()
    assert letter.state == OutboundMessage.State.POST_ROOM
    assert world.timeline_length() == before


def test_someone_granted_access_prints_the_restricted_cases_letters(client, world):
    granted = _signed_in(client, world.users["officer_granted"])
    assert LETTER in granted.get("/notifications/post-room/").content.decode()
    printed = granted.get(f"/notifications/post-room/{world.letter.pk}/print/")
    assert PERSON in printed.content.decode()
    granted.post(f"/notifications/post-room/{world.letter.pk}/printed/")
    world.letter.refresh_from_db()
    assert world.letter.state == OutboundMessage.State.PRINTED


# --- the admin ------------------------------------------------------------------------------


ADMIN_LISTS = ("cases/case", "cases/person", "cases/timelineevent", "ombudsman/ombudsmancase")


@pytest.mark.parametrize("persona", ["superuser", "administrator"])
def test_the_admin_hides_a_restricted_case_its_person_and_timeline_without_a_grant(
    client, world, persona
):
    admin = _signed_in(client, world.users[persona])
    case = world.restricted
    for path in ADMIN_LISTS:
        page = admin.get(f"/admin/{path}/")
        assert page.status_code == 200, path
        assert case.reference not in page.content.decode(), path
        assert PERSON not in page.content.decode(), path
    assert admin.get(f"/admin/cases/case/{case.pk}/change/").status_code == 302  # "not found"
    assert admin.get(f"/admin/cases/person/{case.person_id}/change/").status_code == 302
    event = case.events.first()
    assert admin.get(f"/admin/cases/timelineevent/{event.pk}/change/").status_code == 302
    draft = admin.get(f"/admin/staff/responsedraft/{world.draft.pk}/change/")
    assert draft.status_code == 302


def test_the_admin_shows_the_restricted_case_once_access_is_granted(client, world):
    superuser = world.users["superuser"]
    CaseAccessGrant.objects.create(case=world.restricted, user=superuser)
    admin = _signed_in(client, superuser)
    assert world.restricted.reference in admin.get("/admin/cases/case/").content.decode()
    assert PERSON in admin.get("/admin/cases/person/").content.decode()
    change = admin.get(f"/admin/cases/case/{world.restricted.pk}/change/")
    assert change.status_code == 200


def test_the_admin_rewords_a_timeline_event_naming_a_case_the_reader_may_not_see(client, world):
    admin = _signed_in(client, world.users["superuser"])
    linked = world.ordinary.events.get(kind="linked")
    listing = admin.get("/admin/cases/timelineevent/").content.decode()
    change = admin.get(f"/admin/cases/timelineevent/{linked.pk}/change/").content.decode()
    for page in (listing, change):
        assert HIDDEN_LINK in page
        assert world.restricted.reference not in page


# --- links between cases --------------------------------------------------------------------


@pytest.mark.parametrize("direction", ["from the ordinary case", "from the restricted case"])
def test_a_link_to_a_restricted_case_is_hidden_from_either_end(client, direction):
    service = ServiceFactory()
    granted = UserFactory(role=Role.COMPLAINTS_OFFICER)
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    restricted = make_case(service=service, by=granted, restricted=True)
    ordinary = make_case(service=service, by=granted)
    one, other = (
        (ordinary, restricted)
        if direction.startswith("from the ordinary")
        else (
            restricted,
            ordinary,
        )
    )
    case_link(case=one, by=granted, other=other, note=LINK_NOTE)

    page = _signed_in(client, officer).get(f"/casework/cases/{ordinary.reference}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert restricted.reference not in text
    assert LINK_NOTE not in text
    assert HIDDEN_LINK in text  # the ordinary case's timeline keeps the event, reworded

    seen = _signed_in(client, granted).get(f"/casework/cases/{ordinary.reference}/")
    assert restricted.reference in seen.content.decode()
    assert LINK_NOTE in seen.content.decode()


# --- My work --------------------------------------------------------------------------------


def test_my_work_lists_a_returned_draft_only_while_its_author_may_see_the_case(client, world):
    author = world.users["officer"]  # wrote the draft, then lost access to the case
    page = _signed_in(client, author).get("/casework/")
    assert world.restricted.reference not in page.content.decode()
    assert "returned to you" not in page.content.decode()

    CaseAccessGrant.objects.create(case=world.restricted, user=author)
    again = client.get("/casework/")
    assert world.restricted.reference in again.content.decode()
    assert "returned to you" in again.content.decode()


# --- deadline reminders ---------------------------------------------------------------------


def test_a_missed_deadline_reminder_goes_only_to_people_who_may_see_the_case():
    service = ServiceFactory()
    boss = UserFactory(role=Role.MANAGER, services=[service], email="boss@council.example")
    handler = UserFactory(
        role=Role.COMPLAINTS_OFFICER, email="handler@council.example", manager=boss
    )
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    case = make_case(service=service, by=officer, restricted=True)
    case_assign(case=case, by=officer, handler=handler)  # the handler is granted access
    case.refresh_from_db()

    send_deadline_reminders(today=case.next_due_on + dt.timedelta(days=1))

    sent_to = set(
        OutboundMessage.objects.filter(template_key="reminder_missed").values_list(
            "recipient_email", flat=True
        )
    )
    assert sent_to == {"handler@council.example"}
    CaseAccessGrant.objects.create(case=case, user=boss)
    case_two = make_case(service=service, by=officer, restricted=True)
    CaseAccessGrant.objects.create(case=case_two, user=boss)
    case_assign(case=case_two, by=officer, handler=handler)
    case_two.refresh_from_db()
    send_deadline_reminders(today=case_two.next_due_on + dt.timedelta(days=1))
    told = OutboundMessage.objects.filter(
        template_key="reminder_missed", case=case_two
    ).values_list("recipient_email", flat=True)
    assert set(told) == {"handler@council.example", "boss@council.example"}
