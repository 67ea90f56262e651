"""The register's pages: the governance group uses every one; everyone else, administrators
and superusers included, finds nothing there. Staff see on a case page that contact
restrictions apply, never why. Every look at an entry is logged."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from redress.accounts.models import Role
from redress.core import clock
from redress.notifications.delivery import deliver_due
from redress.notifications.models import OutboundMessage
from redress.register import appeals, notices
from redress.register.models import EntryRead, RegisterEntry
from tests.factories import UserFactory, make_case
from tests.register.builders import BEHAVIOUR, REASONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(entry, member):
    notice = notices.notice_send(entry=entry, by=member, channel="letter")
    deliver_due()  # letters go to the post room: here, the register's own
    return notice


@pytest.fixture
def appeal(entry, member):
    return appeals.appeal_record(
        entry=entry, by=member, received_on=clock.today(), grounds="Zephyrgrounds of appeal"
    )


def register_urls(entry, letter, appeal) -> list[str]:
    args = {"pk": entry.pk}
    urls = [
        reverse("register:entries"),
        reverse("register:entry_new"),
        reverse("register:template"),
        reverse("register:group"),
        reverse("register:member_remove", kwargs={"pk": entry.recorded_by.governance.pk}),
    ]
    for name in (
        "entry",
        "access_log",
        "link_people",
        "notice_send",
        "appeal_new",
        "review",
        "vary",
        "briefing_new",
    ):
        urls.append(reverse(f"register:{name}", kwargs=args))
    urls.append(reverse("register:notice_print", kwargs={**args, "notice": letter.pk}))
    urls.append(reverse("register:notice_posted", kwargs={**args, "notice": letter.pk}))
    urls.append(reverse("register:appeal_decide", kwargs={**args, "appeal": appeal.pk}))
    return urls


def outsiders(service):
    return {
        "officer": UserFactory(username="o2", role=Role.COMPLAINTS_OFFICER),
        "manager": UserFactory(username="m2", role=Role.MANAGER, services=[service]),
        "administrator": UserFactory(username="a2", role=Role.ADMINISTRATOR, is_staff=True),
        "superuser": UserFactory(username="su", role="", is_staff=True, is_superuser=True),
    }


def test_nobody_outside_the_group_finds_any_register_page(client, entry, letter, appeal, service):
    urls = register_urls(entry, letter, appeal)
    before = EntryRead.objects.count()
    for who, user in outsiders(service).items():
        client.force_login(user)
        for url in urls:
            for method in (client.get, client.post):
                response = method(url)
                assert response.status_code == 404, (who, url, response.status_code)
                text = response.content.decode()
                assert BEHAVIOUR not in text and REASONS not in text
        home = client.get("/casework/").content.decode()
        assert "/casework/register/" not in home, who
    assert EntryRead.objects.count() == before
    assert OutboundMessage.objects.get(pk=letter.message_id).state == "post_room"


def test_the_group_uses_every_page(client, member, entry, letter, appeal):
    client.force_login(member)
    home = client.get("/casework/").content.decode()
    assert 'href="/casework/register/"' in home
    for url in register_urls(entry, letter, appeal):
        if url.endswith(("/posted/", "/remove/")):
            continue  # actions: POST only
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("register:entry", args=[entry.pk])).content.decode()
    assert BEHAVIOUR in page and REASONS in page and "Zephyrgrounds of appeal" in page


def test_every_look_at_an_entry_is_logged_and_shown_to_the_group(client, member, entry):
    other = UserFactory(username="g2", role=Role.MANAGER)
    from redress.register.models import GovernanceMember

    GovernanceMember.objects.create(user=other)
    client.force_login(other)
    client.get(reverse("register:entries"))
    client.get(reverse("register:entry", args=[entry.pk]))
    reads = list(EntryRead.objects.filter(entry=entry).order_by("id"))
    assert [(r.who, r.via) for r in reads] == [(other, "list"), (other, "page")]
    client.force_login(member)
    log = client.get(reverse("register:access_log", args=[entry.pk])).content.decode()
    assert f"({other.username})" in log and "Entry page" in log and "Register list" in log
    assert EntryRead.objects.filter(entry=entry, who=member, via="access_log").exists()


def _entry_form(named, **changes):
    today = clock.today()
    data = {
        "name": "Sam Shouter",
        "email": "sam@example.com",
        "address": "4 Loud Street\nTown",
        "behaviour": "Abusive calls",
        "reasons": "To protect staff",
        "decided_by": "Governance group, 1 March",
        "restrictions": ["written_only", "one_channel"],
        "detail_one_channel": "Email only",
        "contact": named.username,
        "starts_on-day": str(today.day),
        "starts_on-month": str(today.month),
        "starts_on-year": str(today.year),
        "visit_advice": "",
    }
    data.update(changes)
    return data


def test_adding_an_entry_from_the_page(client, member, contact, case):
    client.force_login(member)
    start = client.get(reverse("register:entry_new") + f"?case={case.reference}")
    assert 'value="Pat Persistent"' in start.content.decode()
    data = _entry_form(contact, person=str(case.person_id))
    response = client.post(reverse("register:entry_new"), data)
    entry = RegisterEntry.objects.get(name="Sam Shouter")
    assert response.status_code == 302 and response["Location"] == f"/casework/register/{entry.pk}/"
    assert entry.review_on.month != entry.starts_on.month  # six months on by default
    assert list(entry.people.all()) == [case.person]
    assert {(r.kind, r.detail) for r in entry.restrictions.all()} == {
        ("written_only", ""),
        ("one_channel", "Email only"),
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"restrictions": []}, "Choose at least one restriction"),
        ({"detail_one_channel": ""}, "One channel only: say which channel"),
        ({"detail_other": "Something"}, "You gave details of ‘Other’: choose it as well"),
        ({"contact": ""}, "Choose the named contact"),
        ({"starts_on-day": "31", "starts_on-month": "2"}, "must be a real date"),
        ({"review_on-day": "1", "review_on-month": "1", "review_on-year": "2020"}, "past"),
        ({"email": "sam@", "address": ""}, "Enter an email address like name@example.com"),
        ({"behaviour": ""}, "Enter the behaviour found"),
    ],
)
def test_bad_input_on_the_page_is_named_and_kept(client, member, contact, changes, message):
    client.force_login(member)
    response = client.post(reverse("register:entry_new"), _entry_form(contact, **changes))
    text = response.content.decode()
    assert response.status_code == 400
    assert message in text, text[:3000]
    assert 'value="Sam Shouter"' in text  # what was typed is kept
    assert not RegisterEntry.objects.exists()


def test_staff_who_see_a_case_are_warned_but_not_told_why(client, entry, officer, contact, service):
    later = make_case(
        service=service, by=officer, person={"name": "P. Persistent", "email": "pat@example.com"}
    )
    neighbour = make_case(
        service=service,
        by=officer,
        person={
            "name": "Nell Neighbour",
            "email": "nell@example.com",
            "address": "12 Ordinary Rd, Town AB1 2CD",
        },
    )
    unrelated = make_case(service=service, by=officer, person={"name": "Una", "email": "u@x.org"})
    client.force_login(officer)
    for case in (entry.people.get().cases.get(), later):
        page = client.get(reverse("staff:case", args=[case.reference])).content.decode()
        assert "Contact restrictions apply" in page, case
        assert "Single named contact: Only through the named contact" in page
        assert "Limited call times: Tuesdays 10am to 12 noon" in page
        assert escape(contact.display_name) in page
        assert BEHAVIOUR not in page and REASONS not in page
        assert "See the register entry" not in page  # officers do not reach the register
    visit = client.get(reverse("staff:case", args=[neighbour.reference])).content.decode()
    assert "Before visiting this address, speak to" in visit and "Visit in pairs." in visit
    assert "Contact restrictions apply" not in visit
    # The page about the person (subject access) warns the same way.
    about = reverse("disclosure:person", args=[neighbour.person_id])
    person_page = client.get(about).content.decode()
    assert "Before visiting this address, speak to" in person_page
    assert BEHAVIOUR not in person_page and REASONS not in person_page
    plain = client.get(reverse("staff:case", args=[unrelated.reference])).content.decode()
    assert "Contact restrictions apply" not in plain and "Before visiting" not in plain


def test_lifted_restrictions_are_no_longer_shown_to_staff(client, entry, member, officer):
    from redress.register.services import entry_review

    entry_review(entry=entry, by=member, reviewed_on=clock.today(), outcome="lift", notes="Ok.")
    client.force_login(officer)
    case = entry.people.get().cases.get()
    page = client.get(reverse("staff:case", args=[case.reference])).content.decode()
    assert "Contact restrictions apply" not in page and "Before visiting" not in page
    client.force_login(member)
    listed = client.get(reverse("register:entries")).content.decode()
    assert "History: lifted and expired" in listed and "Lifted" in listed


def test_a_member_goes_from_the_case_to_the_entry(client, entry, member):
    client.force_login(member)
    case = entry.people.get().cases.get()
    page = client.get(reverse("staff:case", args=[case.reference])).content.decode()
    assert reverse("register:entry", args=[entry.pk]) in page


def test_the_notice_goes_by_email_and_stays_out_of_every_other_list(client, entry, member, officer):
    client.force_login(member)
    preview = client.get(reverse("register:notice_send", args=[entry.pk])).content.decode()
    assert REASONS in preview and "Ombudsman" in preview and "appeal" in preview
    response = client.post(reverse("register:notice_send", args=[entry.pk]), {"channel": "email"})
    assert response.status_code == 302
    message = OutboundMessage.objects.get(template_key="confidential:register_notice")
    assert message.case is None and message.recipient_email == "pat@example.com"
    body = message.body_text
    for words in (
        REASONS,
        BEHAVIOUR,
        "Tuesdays 10am to 12 noon",
        "urgent or about anyone's",
        "on its merits",
        "appeal",
        "Ombudsman",
        "Connie Contact",
    ):
        assert words in body, words
    assert entry.review_on.strftime("%B %Y") in body
    client.force_login(officer)
    OutboundMessage.objects.filter(pk=message.pk).update(state=OutboundMessage.State.FAILED)
    for url in (
        "/casework/",
        "/notifications/post-room/",
        f"/notifications/problems/{message.pk}/",
    ):
        text = client.get(url).content.decode()
        assert REASONS not in text and "How you can contact" not in text, url


def test_a_letter_notice_is_printed_and_posted_from_the_register(client, entry, member, letter):
    client.force_login(member)
    printed = client.get(reverse("register:notice_print", args=[entry.pk, letter.pk]))
    assert REASONS in printed.content.decode() and "AB1 2CD" in printed.content.decode()
    post_room = client.get("/notifications/post-room/").content.decode()
    assert letter.message.subject not in post_room  # not even for a member: the register's own
    client.post(reverse("register:notice_posted", args=[entry.pk, letter.pk]))
    assert OutboundMessage.objects.get(pk=letter.message_id).state == "printed"
    again = client.post(reverse("register:notice_posted", args=[entry.pk, letter.pk]), follow=True)
    assert "not waiting to be posted" in again.content.decode()


def test_the_notice_template_is_edited_by_the_group_with_its_rules(client, member, entry):
    client.force_login(member)
    url = reverse("register:template")
    bad = client.post(url, {"subject": "About {nonsense}", "body": "Dear {person_name}"})
    text = bad.content.decode()
    assert bad.status_code == 400
    assert "There is no placeholder {nonsense}" in text
    assert "The notice must include {reasons}, {restrictions}" in text
    assert "how to appeal" in text and "Dear {person_name}" in text
    body = notices.DEFAULT_BODY.replace("Dear {person_name}", "Hello {person_name}")
    assert client.post(url, {"subject": "Your contact with us", "body": body}).status_code == 302
    subject, text = notices.notice_text(entry)
    assert subject == "Your contact with us" and text.startswith("Hello Pat Persistent")


def test_the_group_page_adds_and_removes_members(client, member, officer):
    client.force_login(member)
    url = reverse("register:group")
    assert client.post(url, {"user": officer.username}).status_code == 302
    refused = client.post(url, {"user": officer.username})
    assert "already in the group" in refused.content.decode()
    client.force_login(officer)
    assert client.get(reverse("register:entries")).status_code == 200
    removed = client.post(
        reverse("register:member_remove", args=[member.governance.pk]), follow=True
    )
    assert "removed from the governance group" in removed.content.decode()
    client.force_login(member)
    assert client.get(reverse("register:entries")).status_code == 404


def test_an_unknown_entry_is_not_found(client, member):
    client.force_login(member)
    for pk in (999999, 2**70):
        assert client.get(f"/casework/register/{pk}/").status_code == 404


def test_the_review_and_appeal_pages_refuse_bad_dates_clearly(client, member, entry, appeal):
    client.force_login(member)
    future = clock.today() + dt.timedelta(days=3)
    response = client.post(
        reverse("register:appeal_decide", args=[entry.pk, appeal.pk]),
        {
            "outcome": "upheld",
            "decided_on-day": str(future.day),
            "decided_on-month": str(future.month),
            "decided_on-year": str(future.year),
            "reasons": "Kept reasons",
        },
    )
    assert response.status_code == 400
    assert "The date of the decision must be today or in the past" in response.content.decode()
    assert "Kept reasons" in response.content.decode()
    today = clock.today()
    review = client.post(
        reverse("register:review", args=[entry.pk]),
        {
            "reviewed_on-day": str(today.day),
            "reviewed_on-month": str(today.month),
            "reviewed_on-year": str(today.year),
            "outcome": "continue",
            "notes": "Still needed",
        },
    )
    assert review.status_code == 400
    assert "Enter the review date" in review.content.decode()
