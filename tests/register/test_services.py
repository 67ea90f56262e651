"""The register's services: who may change it, the rules on each input (each failure naming
its field), reviews, appeals, briefings and the group itself."""

import datetime as dt

import pytest

from redress.core import clock
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.register import appeals, services
from redress.register.models import (
    EntryStatus,
    GovernanceMember,
    RegisterEntry,
    RegisterEvent,
)
from redress.register.rules import add_months, default_review_on
from tests.factories import UserFactory
from tests.register.builders import governance_member, make_entry

pytestmark = pytest.mark.django_db


def problems(error: InvalidInput) -> dict[str, list[str]]:
    return error.field_errors


def test_an_entry_is_recorded_with_its_restrictions_and_history(member, contact, case):
    entry = make_entry(by=member, contact=contact, people=[case.person], email=" PAT@example.COM ")
    assert entry.email == "pat@example.com"
    assert [r.kind for r in entry.restrictions.all()] == ["single_contact", "call_times"]
    assert list(entry.people.all()) == [case.person]
    assert entry.address_key == "AB12CD|12"
    event = RegisterEvent.objects.get(entry=entry)
    assert event.kind == "created" and event.actor == member
    # Nothing reaches the case's timeline.
    assert not case.events.filter(kind__startswith="register").exists()
    assert case.events.count() == 1


def test_only_the_governance_group_changes_the_register(officer, contact):
    with pytest.raises(NotPermitted):
        make_entry(by=officer, contact=contact)
    superuser = UserFactory(username="root", role="", is_superuser=True, is_staff=True)
    with pytest.raises(NotPermitted):
        make_entry(by=superuser, contact=contact)
    assert not RegisterEntry.objects.exists()


def test_the_review_date_defaults_to_six_months_after_the_start(member, contact):
    start = clock.today()
    entry = make_entry(by=member, contact=contact, starts_on=start, review_on=None)
    assert entry.review_on == add_months(start, 6)
    assert default_review_on(dt.date(2026, 8, 31)) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"name": "  "}, "name", "Enter the person's name"),
        ({"behaviour": ""}, "behaviour", "Enter the behaviour found"),
        ({"reasons": ""}, "reasons", "Enter why the restrictions are needed"),
        ({"decided_by": ""}, "decided_by", "Enter who decided"),
        ({"restrictions": []}, "restrictions", "Choose at least one restriction"),
        ({"restrictions": [("shouting", "")]}, "restrictions.0.kind", "must be one of"),
        ({"restrictions": [("one_channel", " ")]}, "restrictions.0.detail", "which channel"),
        ({"restrictions": [("other", "")]}, "restrictions.0.detail", "what the restriction"),
        ({"restrictions": [("written_only", "x" * 501)]}, "restrictions.0.detail", "500"),
        ({"contact": None}, "contact", "Choose the named contact"),
        ({"email": "not-an-email"}, "email", "like name@example.com"),
        ({"email": "", "address": ""}, "email", "so that staff dealing with them are warned"),
        ({"starts_on": None}, "starts_on", "Enter the date the restrictions start"),
        ({"starts_on": dt.date(1999, 1, 1)}, "starts_on", "cannot be before"),
        ({"review_on": dt.date(2000, 1, 1)}, "review_on", "cannot be in the past"),
    ],
)
def test_bad_input_is_refused_naming_the_field(member, contact, overrides, field, words):
    fields = {"contact": contact, **overrides}
    with pytest.raises(InvalidInput) as refused:
        make_entry(by=member, **fields)
    assert any(words in message for message in problems(refused.value)[field]), problems(
        refused.value
    )
    assert not RegisterEntry.objects.exists()


def test_review_dates_must_follow_the_start_within_a_year(member, contact):
    start = clock.today() + dt.timedelta(days=10)
    with pytest.raises(InvalidInput) as refused:
        make_entry(by=member, contact=contact, starts_on=start, review_on=start)
    assert "must be after" in problems(refused.value)["review_on"][0]
    late = add_months(start, 12) + dt.timedelta(days=1)
    with pytest.raises(InvalidInput) as refused:
        make_entry(by=member, contact=contact, starts_on=start, review_on=late)
    assert "within a year" in problems(refused.value)["review_on"][0]
    far = add_months(clock.today(), 13)
    with pytest.raises(InvalidInput) as refused:
        make_entry(by=member, contact=contact, starts_on=far, review_on=None)
    assert "within a year of today" in problems(refused.value)["starts_on"][0]


def test_every_problem_is_reported_at_once(member, contact):
    with pytest.raises(InvalidInput) as refused:
        make_entry(by=member, **{"contact": None, "behaviour": "", "restrictions": []})
    assert {"contact", "behaviour", "restrictions"} <= set(problems(refused.value))


def test_a_contact_must_be_active_staff_with_a_role(member):
    no_role = UserFactory(username="norole", role="")
    gone = UserFactory(username="gone", is_active=False)
    for contact in (no_role, gone):
        with pytest.raises(InvalidInput) as refused:
            make_entry(by=member, contact=contact)
        assert "contact" in problems(refused.value)
    assert services.staff_contact("norole") is None and services.staff_contact("gone") is None


def test_only_person_records_the_decider_can_see_are_linked(member, contact, service):
    from tests.factories import make_case

    hidden = make_case(service=service, by=None, restricted=True)
    with pytest.raises(InvalidInput) as refused:
        make_entry(by=member, contact=contact, people=[hidden.person])
    assert "people" in problems(refused.value)


def test_a_review_keeps_the_restrictions_to_a_new_date_or_lifts_them(entry, member):
    today = clock.today()
    services.entry_review(
        entry=entry,
        by=member,
        reviewed_on=today,
        outcome="continue",
        notes="Contact is still excessive.",
        next_review_on=today + dt.timedelta(days=120),
    )
    entry.refresh_from_db()
    assert entry.review_on == today + dt.timedelta(days=120)
    assert entry.status == EntryStatus.ACTIVE
    services.entry_review(
        entry=entry, by=member, reviewed_on=today, outcome="lift", notes="Contact is now fine."
    )
    entry.refresh_from_db()
    assert (entry.status, entry.ended_on) == (EntryStatus.LIFTED, today)
    with pytest.raises(TransitionNotAllowed, match="lifted"):
        services.entry_review(
            entry=entry, by=member, reviewed_on=today, outcome="lift", notes="Again."
        )
    assert [e.kind for e in entry.events.order_by("at", "id")] == ["created", "reviewed", "lifted"]


def test_bad_reviews_are_refused_naming_the_field(entry, member):
    today = clock.today()
    cases = [
        ({"reviewed_on": None}, "reviewed_on", "Enter the date of the review"),
        ({"reviewed_on": today + dt.timedelta(days=1)}, "reviewed_on", "in the future"),
        ({"outcome": "maybe"}, "outcome", "keep or lift"),
        ({"notes": ""}, "notes", "Enter what the review found"),
        ({"next_review_on": None}, "next_review_on", "Enter the review date"),
        ({"next_review_on": today}, "next_review_on", "must be after"),
        ({"next_review_on": add_months(today, 13)}, "next_review_on", "within a year"),
    ]
    for overrides, field, words in cases:
        fields = {
            "reviewed_on": today,
            "outcome": "continue",
            "notes": "Reviewed.",
            "next_review_on": today + dt.timedelta(days=30),
            **overrides,
        }
        with pytest.raises(InvalidInput) as refused:
            services.entry_review(entry=entry, by=member, **fields)
        assert words in " ".join(problems(refused.value)[field]), (field, refused.value)


def test_an_upheld_appeal_lifts_the_restrictions(entry, member):
    today = clock.today()
    appeal = appeals.appeal_record(
        entry=entry, by=member, received_on=today, grounds="I only called about repairs."
    )
    with pytest.raises(TransitionNotAllowed, match="already waiting"):
        appeals.appeal_record(entry=entry, by=member, received_on=today, grounds="Again.")
    appeals.appeal_decide(
        appeal=appeal, by=member, outcome="upheld", decided_on=today, reasons="Calls were needed."
    )
    entry.refresh_from_db()
    assert entry.status == EntryStatus.LIFTED and entry.ended_on == today
    with pytest.raises(TransitionNotAllowed, match="was decided"):
        appeals.appeal_decide(
            appeal=appeal, by=member, outcome="not_upheld", decided_on=today, reasons="No."
        )


def test_an_appeal_not_upheld_keeps_the_restrictions(entry, member):
    today = clock.today()
    appeal = appeals.appeal_record(entry=entry, by=member, received_on=today, grounds="Unfair.")
    decided = appeals.appeal_decide(
        appeal=appeal, by=member, outcome="not_upheld", decided_on=today, reasons="Proportionate."
    )
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ACTIVE and decided.decided_by == member


def test_bad_appeals_are_refused(entry, member):
    today = clock.today()
    with pytest.raises(InvalidInput) as refused:
        appeals.appeal_record(
            entry=entry, by=member, received_on=today + dt.timedelta(days=2), grounds=""
        )
    assert set(problems(refused.value)) == {"received_on", "grounds"}
    appeal = appeals.appeal_record(entry=entry, by=member, received_on=today, grounds="Unfair.")
    with pytest.raises(InvalidInput) as refused:
        appeals.appeal_decide(
            appeal=appeal,
            by=member,
            outcome="",
            decided_on=today - dt.timedelta(days=1),
            reasons="",
        )
    assert set(problems(refused.value)) == {"outcome", "decided_on", "reasons"}
    assert "cannot be before" in problems(refused.value)["decided_on"][0]


def test_a_briefing_records_the_member_the_date_and_what_was_shared(entry, member):
    briefing = appeals.briefing_record(
        entry=entry,
        by=member,
        member="Cllr Sam Green (Riverside)",
        briefed_on=clock.today(),
        shared="That restrictions apply, and to refer contact to the named officer.",
    )
    assert briefing.by == member
    with pytest.raises(InvalidInput) as refused:
        appeals.briefing_record(entry=entry, by=member, member="", briefed_on=None, shared="")
    assert set(problems(refused.value)) == {"member", "briefed_on", "shared"}


def test_members_add_and_remove_each_other_but_not_themselves(member, officer):
    services.member_add(by=member, user=officer)
    with pytest.raises(InvalidInput, match="already"):
        services.member_add(by=member, user=officer)
    own = GovernanceMember.objects.get(user=member)
    with pytest.raises(NotPermitted, match="yourself"):
        services.member_remove(by=member, member=own)
    services.member_remove(by=member, member=GovernanceMember.objects.get(user=officer))
    assert not GovernanceMember.objects.filter(user=officer).exists()
    with pytest.raises(TransitionNotAllowed, match="at least one"):
        services.member_remove(by=None, member=own)
    outsider = UserFactory(username="outsider")
    with pytest.raises(NotPermitted):
        services.member_add(by=outsider, user=outsider)
    kinds = list(RegisterEvent.objects.filter(entry=None).values_list("kind", flat=True))
    assert sorted(kinds) == ["member_added", "member_removed"]


def test_a_second_member_can_be_made_by_a_helper(member):
    other = governance_member("second")
    assert GovernanceMember.objects.count() == 2 and other.governance.user == other
