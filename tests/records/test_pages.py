"""The records pages without a browser: each form's good and bad input, permissions, and
what the case page then shows."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from redress.cases.kinds import AdjustmentState
from redress.cases.models import AdjustmentType, CaseAccessGrant, OutstandingAction, Remedy
from redress.cases.selectors import cases_visible_to
from redress.cases.services import adjustment_propose

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


def test_adding_a_remedy_with_an_owner_then_marking_it_done(case, officer, responder):
    client = client_for(officer)
    url = f"/casework/cases/{case.reference}/remedy/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Who will make sure it is done" in page.text
    due = timezone.localdate() + dt.timedelta(days=14)
    response = client.post(
        url,
        {
            "type": "apology",
            "description": "A written apology from the head of service.",
            "owner": "responder",
            **date_fields("due_on", due),
        },
    )
    assert response.status_code == 302
    remedy = Remedy.objects.get(case=case)
    assert (remedy.owner, remedy.due_on) == (responder, due)
    done_url = f"/casework/cases/{case.reference}/remedies/{remedy.pk}/done/"
    assert done_url in client.get(f"/casework/cases/{case.reference}/").text
    bad = client.post(done_url, {**date_fields("on", timezone.localdate()), "note": " "})
    assert bad.status_code == 400
    assert "Say how we know it was done" in bad.text
    good = client.post(
        done_url, {**date_fields("on", timezone.localdate()), "note": "Letter sent 3 Dec"}
    )
    assert good.status_code == 302
    remedy.refresh_from_db()
    assert (remedy.done_on, remedy.done_note) == (timezone.localdate(), "Letter sent 3 Dec")
    assert client.get(done_url).status_code == 404  # done once only


def test_a_due_date_before_receipt_is_refused_and_what_was_typed_kept(case, officer):
    client = client_for(officer)
    before = case.received_on - dt.timedelta(days=1)
    response = client.post(
        f"/casework/cases/{case.reference}/outstanding-action/",
        {
            "description": "Repair the bin store gate",
            "owner": "waste",
            **date_fields("due_on", before),
        },
    )
    assert response.status_code == 400
    assert "must be on or after" in response.text
    assert "Repair the bin store gate" in response.text
    assert not OutstandingAction.objects.exists()


def test_an_action_owned_by_a_service_area(case, officer, service):
    client = client_for(officer)
    due = timezone.localdate() + dt.timedelta(days=7)
    response = client.post(
        f"/casework/cases/{case.reference}/outstanding-action/",
        {
            "description": "Repair the bin store gate",
            "owner": "waste",
            **date_fields("due_on", due),
        },
    )
    assert response.status_code == 302
    action = OutstandingAction.objects.get(case=case)
    assert (action.owner, action.owner_service) == (None, service)


def test_restricting_a_case_keeps_the_restrictor_and_grants_a_colleague(
    case, officer, colleague, responder
):
    client = client_for(officer)
    url = f"/casework/cases/{case.reference}/access/"
    assert client.get(url).status_code == 200
    missing_reason = client.post(url, {"restricted": "yes", "grant": "colleague"})
    assert missing_reason.status_code == 400
    assert "Say why the case is being restricted" in missing_reason.text
    response = client.post(
        url, {"restricted": "yes", "grant": "colleague", "reason": "A member of staff's family"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.restricted
    granted = set(
        CaseAccessGrant.objects.filter(case=case).values_list("user__username", flat=True)
    )
    assert granted == {"officer", "colleague"}
    assert not cases_visible_to(responder).filter(pk=case.pk).exists()
    assert client_for(responder).get(url).status_code == 404
    assert "Case restricted" in case.events.order_by("-id").first().summary


def test_a_responder_may_not_restrict(case, responder):
    assert client_for(responder).get(f"/casework/cases/{case.reference}/access/").status_code == 403


def test_an_adjustment_asked_for_is_confirmed_then_ended(case, officer):
    proposed = adjustment_propose(case=case, text="Please phone me, I cannot read small print")
    client = client_for(officer)
    page = client.get(f"/casework/cases/{case.reference}/")
    assert "To confirm" in page.text
    large_print = AdjustmentType.objects.get(name="Large print")
    today = timezone.localdate()
    url = f"/casework/cases/{case.reference}/adjustments/{proposed.pk}/"
    bad = client.post(
        url,
        {
            "type": large_print.pk,
            **date_fields("agreed_on", today),
            **date_fields("review_on", today),
        },
    )
    assert bad.status_code == 400
    assert "The review date must be after" in bad.text
    good = client.post(
        url,
        {
            "type": large_print.pk,
            **date_fields("agreed_on", today),
            **date_fields("review_on", today + dt.timedelta(days=90)),
        },
    )
    assert good.status_code == 302
    proposed.refresh_from_db()
    assert (proposed.state, proposed.type) == (AdjustmentState.AGREED, large_print)
    end = client.post(
        f"/casework/cases/{case.reference}/adjustments/{proposed.pk}/end/",
        {**date_fields("on", today), "reason": "No longer needed"},
    )
    assert end.status_code == 302
    proposed.refresh_from_db()
    assert proposed.state == AdjustmentState.ENDED


def test_heads_of_service_are_set_by_administrators_only(service, administrator, officer):
    assert client_for(officer).get("/casework/settings/heads-of-service/").status_code == 403
    client = client_for(administrator)
    assert client.get("/casework/settings/heads-of-service/").status_code == 200
    response = client.post(
        f"/casework/settings/heads-of-service/{service.slug}/", {"head": officer.pk}
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.head == officer
    bad = client.post(f"/casework/settings/heads-of-service/{service.slug}/", {"head": "999999"})
    assert bad.status_code == 400
