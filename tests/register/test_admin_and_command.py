"""The admin site obeys the register's rule (the governance group only, superusers included),
and the command line adds the group's first member."""

from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError

from redress.register.models import EntryRead, GovernanceMember, RegisterEvent
from tests.factories import UserFactory
from tests.register.builders import BEHAVIOUR, REASONS, governance_member

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "/admin/",
    "/admin/register/",
    "/admin/register/registerentry/",
    "/admin/register/entryread/",
    "/admin/register/registerevent/",
    "/admin/register/governancemember/",
    "/admin/register/noticetemplate/",
]


def test_a_superuser_outside_the_group_sees_nothing_of_the_register(client, entry):
    root = UserFactory(username="root", role="", is_staff=True, is_superuser=True)
    staff = UserFactory(username="staffer", role="administrator", is_staff=True)
    staff.user_permissions.set(Permission.objects.all())
    for user in (root, staff):
        client.force_login(user)
        for url in [*ADMIN_PAGES[1:], f"/admin/register/registerentry/{entry.pk}/change/"]:
            response = client.get(url)
            text = response.content.decode()
            assert BEHAVIOUR not in text and REASONS not in text, url
            assert response.status_code in (403, 404), (url, response.status_code)
        index = client.get("/admin/").content.decode()
        assert "Register of contact restrictions" not in index
    assert not EntryRead.objects.exists()


def test_a_member_with_admin_access_reads_entries_there_and_the_read_is_logged(client, entry):
    staff_member = governance_member("g-admin", is_staff=True)
    client.force_login(staff_member)
    assert "Register of contact restrictions" in client.get("/admin/").content.decode()
    page = client.get(f"/admin/register/registerentry/{entry.pk}/change/")
    assert page.status_code == 200 and BEHAVIOUR in page.content.decode()
    assert EntryRead.objects.filter(entry=entry, who=staff_member, via="admin").exists()
    # Read-only: changes go through the register's pages, so each is in its history.
    assert client.get("/admin/register/registerentry/add/").status_code == 403


def test_the_command_adds_and_removes_members(db):
    first = UserFactory(username="first")
    second = UserFactory(username="second")
    out = StringIO()
    call_command("governance_member", "first", stdout=out)
    call_command("governance_member", "second", stdout=out)
    assert out.getvalue().splitlines()[-1] == "The governance group: first, second"
    call_command("governance_member", "second", "--remove", stdout=out)
    assert list(GovernanceMember.objects.values_list("user__username", flat=True)) == ["first"]
    with pytest.raises(CommandError, match="at least one member"):
        call_command("governance_member", "first", "--remove", stdout=out)
    with pytest.raises(CommandError, match="no user"):
        call_command("governance_member", "nobody", stdout=out)
    assert RegisterEvent.objects.filter(actor=None, kind="member_added").count() == 2
    assert first.governance and not GovernanceMember.objects.filter(user=second).exists()
