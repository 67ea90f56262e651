"""Raising learning actions and moving them on: the rules, the permissions and the timeline."""

import pytest

from redress.accounts.models import Role
from redress.cases.kinds import Status
from redress.cases.models import CaseAccessGrant
from redress.cases.services import case_close, case_respond
from redress.core import clock
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.learning.forms import staff_choices
from redress.learning.models import LearningAction, LearningStatus
from redress.learning.selectors import for_my_work, learning_visible_to
from redress.learning.services import learning_complete, learning_raise, learning_update
from tests.factories import UserFactory
from tests.learning.conftest import in_days

pytestmark = pytest.mark.django_db


def test_raising_records_it_on_the_case_timeline(learning, case):
    assert learning.status == LearningStatus.PROPOSED
    assert learning.raised_on == clock.today()
    event = case.events.get(kind="learning")
    assert "Crews were not told" in event.summary
    assert event.data["learning"] == learning.pk


def _raise(case, by, **changes):
    fields = {
        "case": case,
        "by": by,
        "lesson": "A lesson",
        "change": "A change",
        "service": case.service,
        "owner": by,
        "due_on": in_days(10),
    }
    fields.update(changes)
    return learning_raise(**fields)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"lesson": "  "}, "lesson"),
        ({"change": ""}, "change"),
        ({"lesson": "x" * 2001}, "lesson"),
        ({"service": None}, "service"),
        ({"owner": None}, "owner"),
        ({"due_on": None}, "due_on"),
        ({"due_on": in_days(-1)}, "due_on"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(case, officer, changes, field):
    with pytest.raises(InvalidInput) as error:
        _raise(case, officer, **changes)
    assert field in error.value.field_errors
    assert not LearningAction.objects.exists()
    assert not case.events.filter(kind="learning").exists()


def test_an_elected_member_cannot_own_learning_nor_be_offered(officer, service):
    member = UserFactory(username="member", role=Role.MEMBER, first_name="Morwenna")
    with pytest.raises(InvalidInput) as error:
        learning_raise(
            by=officer,
            lesson="A lesson",
            change="A change",
            service=service,
            owner=member,
            due_on=in_days(10),
        )
    assert "elected Member" in error.value.field_errors["owner"][0]
    assert not LearningAction.objects.exists()
    assert "member" not in dict(staff_choices())
    assert "officer" in dict(staff_choices())


def test_raised_by_the_system_on_someones_decision_records_them(officer, service, head):
    action = learning_raise(
        by=None,
        on_behalf_of=head,
        lesson="A lesson",
        change="A change",
        service=service,
        owner=head,
        due_on=in_days(10),
        source="Trend alert 1: Waste",
    )
    assert action.raised_by == head and action.case is None


def test_the_owner_must_see_the_case(case, officer, outsider):
    with pytest.raises(InvalidInput) as error:
        _raise(case, officer, owner=outsider)
    assert "cannot see this case" in error.value.field_errors["owner"][0]


def test_someone_who_cannot_act_on_the_case_cannot_raise(case, outsider, officer):
    with pytest.raises(NotPermitted):
        _raise(case, outsider, owner=officer)


def test_a_responder_of_the_service_can_raise(case, responder):
    assert _raise(case, responder).case == case


def test_without_a_case_only_the_complaints_team(service, officer, responder, head):
    made = learning_raise(
        by=officer,
        lesson="Missed collections rose",
        change="Review rounds",
        service=service,
        owner=head,
        due_on=in_days(5),
        source="trend alert",
    )
    assert made.case is None
    assert made in learning_visible_to(head)
    with pytest.raises(NotPermitted):
        learning_raise(
            by=responder,
            lesson="x",
            change="y",
            service=service,
            owner=head,
            due_on=in_days(5),
        )


def test_the_head_moves_it_to_agreed_then_done(learning, head, case):
    learning_update(action=learning, by=head, status=LearningStatus.AGREED)
    done = learning_complete(
        action=learning, by=head, on=clock.today(), evidence="Briefing sheet issued"
    )
    assert done.status == LearningStatus.DONE
    assert done.completed_on == clock.today()
    moves = case.events.filter(kind="learning_status").order_by("id")
    assert [e.data["after"]["status"] for e in moves] == ["Agreed", "Done"]
    with pytest.raises(TransitionNotAllowed):
        learning_update(action=learning, by=head, status=LearningStatus.IN_PROGRESS)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": LearningStatus.DONE, "evidence": "", "on": None}, "evidence"),
        ({"status": LearningStatus.DONE, "evidence": "Done", "on": None}, "on"),
        ({"status": LearningStatus.DONE, "evidence": "Done", "on": in_days(1)}, "on"),
        ({"status": LearningStatus.DONE, "evidence": "Done", "on": in_days(-1)}, "on"),
        ({"status": LearningStatus.NOT_TAKEN_FORWARD, "reason": ""}, "reason"),
        ({"status": "finished"}, "status"),
        ({"status": LearningStatus.PROPOSED}, "status"),
    ],
)
def test_bad_moves_name_the_field_and_change_nothing(learning, head, changes, field):
    with pytest.raises(InvalidInput) as error:
        learning_update(action=learning, by=head, **changes)
    assert field in error.value.field_errors
    learning.refresh_from_db()
    assert learning.status == LearningStatus.PROPOSED
    assert not learning.case.events.filter(kind="learning_status").exists()


def test_not_taken_forward_keeps_the_reason(learning, officer):
    moved = learning_update(
        action=learning,
        by=officer,
        status=LearningStatus.NOT_TAKEN_FORWARD,
        reason="Already covered by the new rota",
    )
    assert moved.reason == "Already covered by the new rota"


def test_a_responder_of_the_service_sees_but_may_not_update(learning, responder):
    assert learning in learning_visible_to(responder)
    with pytest.raises(NotPermitted):
        learning_update(action=learning, by=responder, status=LearningStatus.AGREED)


def test_restricted_case_hides_its_learning(learning, case, head, officer, outsider):
    case.restricted = True
    case.save()
    CaseAccessGrant.objects.create(case=case, user=officer)
    assert learning not in learning_visible_to(head)
    assert learning not in for_my_work(head)
    assert learning in learning_visible_to(officer)
    with pytest.raises(NotPermitted):
        learning_update(action=learning, by=head, status=LearningStatus.AGREED)


def test_my_work_lists_open_learning_of_the_heads_service(learning, head, outsider):
    assert list(for_my_work(head)) == [learning]
    assert list(for_my_work(outsider)) == []


@pytest.mark.parametrize("outcome", ["not_upheld", "upheld"])
def test_learning_is_raised_from_an_answered_case_upheld_or_not(case, officer, head, outcome):
    answered = case_respond(case=case, by=officer, on=clock.today(), outcome=outcome)
    answered = case_close(case=answered, by=officer)
    assert answered.status == Status.CLOSED and answered.outcome == outcome
    action = _raise(answered, officer, owner=head)
    assert action.case == answered and answered.events.filter(kind="learning").exists()
