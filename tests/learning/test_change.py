"""Changing an open learning action's details (what was learnt and will change, the service
area, the owner, the due date): the service's rules and permissions, the page's form, the
timeline, and the admin, which shows learning only as its case and the learning pages allow."""

import pytest

from redress.accounts.models import Role
from redress.cases.models import CaseAccessGrant
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.learning.models import LearningAction, LearningStatus
from redress.learning.services import learning_change, learning_raise, learning_update
from tests.factories import ServiceFactory, UserFactory
from tests.learning.conftest import in_days

pytestmark = pytest.mark.django_db


def _as_now(action, **changes):
    """Every detail as it stands, with ``changes``: what the page's form posts."""
    fields = {
        "lesson": action.lesson,
        "change": action.change,
        "service": action.service,
        "owner": action.owner,
        "due_on": action.due_on,
    }
    fields.update(changes)
    return fields


def _date(prefix, day):
    return {f"{prefix}-day": day.day, f"{prefix}-month": day.month, f"{prefix}-year": day.year}


def _posted(action, **changes):
    fields = {
        "part": "details",
        "lesson": action.lesson,
        "change": action.change,
        "service": action.service.slug,
        "owner": action.owner.username,
        **_date("due_on", action.due_on),
        "expected_version": action.case.version,
    }
    fields.update(changes)
    return fields


# --- the service ------------------------------------------------------------------------------


def test_the_head_moves_the_due_date_and_the_timeline_says_so(learning, head, case):
    changed = learning_change(action=learning, by=head, **_as_now(learning, due_on=in_days(60)))
    assert changed.due_on == in_days(60)
    event = case.events.get(kind="learning_changed")
    assert event.summary.startswith("Learning action changed: due date ")
    assert "(was " in event.summary
    assert event.data["before"] == {"due_on": in_days(30).isoformat()}
    assert event.data["after"] == {"due_on": in_days(60).isoformat()}
    assert event.data["learning"] == learning.pk
    assert event.actor == head


def test_several_details_change_in_one_event(learning, officer, case, responder, other_service):
    other_service.is_active = True
    other_service.save()
    learning_change(
        action=learning,
        by=officer,
        **_as_now(learning, lesson="Crews had no closure list.", owner=responder),
    )
    event = case.events.get(kind="learning_changed")
    assert set(event.data["after"]) == {"lesson", "owner"}
    assert event.data["after"]["owner"] == responder.pk
    assert "what was learnt" in event.summary and "owner Rhi" in event.summary
    learning.refresh_from_db()
    assert (learning.lesson, learning.owner) == ("Crews had no closure list.", responder)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"lesson": "  "}, "lesson", "Enter what was learnt."),
        ({"change": "x" * 2001}, "change", "Write 2,000 characters or fewer."),
        ({"due_on": in_days(-1)}, "due_on", "must be today"),
        ({"due_on": None}, "due_on", "Enter the date the change is due by."),
        ({"owner": None}, "owner", "Choose who will make sure the change is made."),
        ({"service": None}, "service", "Choose the service area that owns the change."),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(learning, head, changes, field, message):
    before = learning.updated_at
    with pytest.raises(InvalidInput) as raised:
        learning_change(action=learning, by=head, **_as_now(learning, **changes))
    assert field in raised.value.field_errors
    assert message in raised.value.field_errors[field][0]
    learning.refresh_from_db()
    assert learning.updated_at == before
    assert not learning.case.events.filter(kind="learning_changed").exists()


def test_every_bad_field_is_named_at_once(learning, head):
    with pytest.raises(InvalidInput) as raised:
        learning_change(
            action=learning, by=head, **_as_now(learning, lesson="", due_on=in_days(-3))
        )
    assert set(raised.value.field_errors) == {"lesson", "due_on"}


def test_the_new_owner_must_see_the_case_and_a_retired_service_is_refused(
    learning, head, outsider, other_service
):
    with pytest.raises(InvalidInput) as raised:
        learning_change(action=learning, by=head, **_as_now(learning, owner=outsider))
    assert "cannot see this case" in raised.value.field_errors["owner"][0]
    retired = ServiceFactory(name="Old depot", slug="old-depot", is_active=False)
    with pytest.raises(InvalidInput) as raised:
        learning_change(action=learning, by=head, **_as_now(learning, service=retired))
    assert "service" in raised.value.field_errors


def test_an_overdue_action_keeps_its_date_while_its_owner_changes(learning, head, officer):
    LearningAction.objects.filter(pk=learning.pk).update(due_on=in_days(-5))
    learning.refresh_from_db()
    changed = learning_change(action=learning, by=head, **_as_now(learning, owner=officer))
    assert (changed.owner, changed.due_on) == (officer, in_days(-5))


def test_nothing_changed_is_said(learning, head):
    with pytest.raises(InvalidInput) as raised:
        learning_change(action=learning, by=head, **_as_now(learning))
    assert raised.value.message.startswith("Nothing was changed")


def test_a_final_action_is_not_changed(learning, officer):
    learning_update(action=learning, by=officer, status="not_taken_forward", reason="Cost")
    with pytest.raises(TransitionNotAllowed, match="not taken forward"):
        learning_change(action=learning, by=officer, **_as_now(learning, due_on=in_days(90)))


@pytest.mark.parametrize("who", ["responder", "outsider"])
def test_only_those_who_may_update_it_change_it(request, learning, who):
    """A responder of the service sees the action but may not update it (the rule is
    ``selectors.may_update``); an outsider does not see it at all."""
    with pytest.raises(NotPermitted):
        learning_change(
            action=learning,
            by=request.getfixturevalue(who),
            **_as_now(learning, due_on=in_days(45)),
        )
    learning.refresh_from_db()
    assert learning.due_on == in_days(30)


def test_a_manager_of_the_service_and_the_owner_may_change_it(learning, service, responder):
    manager = UserFactory(role=Role.MANAGER, services=[service])
    learning_change(action=learning, by=manager, **_as_now(learning, due_on=in_days(40)))
    learning_change(action=learning, by=learning.owner, **_as_now(learning, due_on=in_days(41)))


def test_a_change_to_the_case_meanwhile_is_not_overwritten(learning, head, case, officer):
    opened_at = case.version
    learning_update(action=learning, by=officer, status=LearningStatus.AGREED)  # meanwhile
    with pytest.raises(TransitionNotAllowed, match="Someone else changed this case"):
        learning_change(
            action=learning,
            by=head,
            expected_version=opened_at,
            **_as_now(learning, due_on=in_days(50)),
        )


def test_learning_without_a_case_changes_without_a_timeline(service, officer, head):
    action = learning_raise(
        by=None,
        lesson="Many missed bins in one ward",
        change="Review the ward's rounds",
        service=service,
        owner=head,
        due_on=in_days(20),
        source="Trend alert",
    )
    changed = learning_change(action=action, by=officer, **_as_now(action, due_on=in_days(25)))
    assert changed.due_on == in_days(25)


# --- the page ---------------------------------------------------------------------------------


def test_the_head_changes_the_due_date_on_the_page(client, head, learning, case):
    client.force_login(head)
    url = f"/casework/learning/{learning.pk}/"
    page = client.get(url).content.decode()
    assert "Change the details" in page and 'name="part" value="details"' in page
    response = client.post(url, _posted(learning, **_date("due_on", in_days(45))))
    assert response.status_code == 302
    learning.refresh_from_db()
    assert learning.due_on == in_days(45)
    assert "Learning action changed." in client.get(url).content.decode()
    assert case.events.filter(kind="learning_changed").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (_date("due_on", in_days(-2)), "The date it is due by must be today"),
        ({"due_on-day": "31", "due_on-month": "2", "due_on-year": "2030"}, "must be a real date"),
        ({"lesson": ""}, "Enter what was learnt"),
        ({"owner": "nobody"}, "Select a valid choice"),
    ],
)
def test_bad_input_on_the_page_is_named_and_kept(client, head, learning, changes, message):
    client.force_login(head)
    response = client.post(
        f"/casework/learning/{learning.pk}/",
        _posted(learning, change="Kept change text", **changes),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body and "There is a problem" in body
    assert "Kept change text" in body
    learning.refresh_from_db()
    assert learning.change == "Crews get road closures each morning."


def test_a_responder_sees_no_change_form_and_a_post_is_refused(client, responder, learning):
    client.force_login(responder)
    url = f"/casework/learning/{learning.pk}/"
    assert "Change the details" not in client.get(url).content.decode()
    response = client.post(url, _posted(learning, **_date("due_on", in_days(45))))
    assert response.status_code == 403
    learning.refresh_from_db()
    assert learning.due_on == in_days(30)


def test_a_done_action_has_no_change_form(client, officer, learning):
    learning_update(
        action=learning,
        by=officer,
        status=LearningStatus.DONE,
        evidence="Briefing sheet",
        on=learning.raised_on,
    )
    client.force_login(officer)
    url = f"/casework/learning/{learning.pk}/"
    assert "Change the details" not in client.get(url).content.decode()
    assert client.post(url, _posted(learning, lesson="Late edit")).status_code == 403


def test_a_failed_status_update_does_not_show_the_details_errors(client, head, learning):
    client.force_login(head)
    response = client.post(f"/casework/learning/{learning.pk}/", {"status": "done"})
    assert response.status_code == 400
    assert "Say how we know the change was made" in response.content.decode()


# --- the admin --------------------------------------------------------------------------------


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


def test_the_admin_lists_learning_read_only(client, superuser, learning):
    client.force_login(superuser)
    listing = client.get("/admin/learning/learningaction/")
    assert listing.status_code == 200
    assert f"/admin/learning/learningaction/{learning.pk}/" in listing.content.decode()
    page = client.get(f"/admin/learning/learningaction/{learning.pk}/change/")
    assert page.status_code == 200
    assert 'type="submit"' not in page.content.decode().split('id="content-main"')[1]
    assert client.get("/admin/learning/learningaction/add/").status_code == 403
    delete = client.post(f"/admin/learning/learningaction/{learning.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    assert LearningAction.objects.filter(pk=learning.pk).exists()


def test_the_admin_hides_learning_on_a_restricted_case(client, superuser, learning, case):
    case.restricted = True
    case.save()
    client.force_login(superuser)
    listing = client.get("/admin/learning/learningaction/").content.decode()
    assert f"/admin/learning/learningaction/{learning.pk}/" not in listing
    page = client.get(f"/admin/learning/learningaction/{learning.pk}/change/")
    assert page.status_code == 302  # the admin's "no such object", back to the list
    assert "Crews were not told" not in client.get(page.url).content.decode()
    CaseAccessGrant.objects.create(case=case, user=superuser)
    listing = client.get("/admin/learning/learningaction/").content.decode()
    assert f"/admin/learning/learningaction/{learning.pk}/" in listing


def test_the_admin_shows_learning_without_a_case_only_as_the_learning_pages_do(
    client, service, head, other_service
):
    """A row without a case passes the case rule (it has no case to hide); the learning rule
    still keeps it from staff who do not answer for its service area."""
    from django.contrib.auth.models import Permission

    action = learning_raise(
        by=None,
        lesson="Many missed bins in one ward",
        change="Review the ward's rounds",
        service=service,
        owner=head,
        due_on=in_days(20),
        source="Trend alert",
    )
    elsewhere = UserFactory(role=Role.MANAGER, services=[other_service], is_staff=True)
    elsewhere.user_permissions.add(Permission.objects.get(codename="view_learningaction"))
    client.force_login(elsewhere)
    listing = client.get("/admin/learning/learningaction/")
    assert listing.status_code == 200
    assert f"/admin/learning/learningaction/{action.pk}/" not in listing.content.decode()
    head.is_staff = True
    head.save()
    head.user_permissions.add(Permission.objects.get(codename="view_learningaction"))
    client.force_login(head)
    listing = client.get("/admin/learning/learningaction/").content.decode()
    assert f"/admin/learning/learningaction/{action.pk}/" in listing
