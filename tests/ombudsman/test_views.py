import pytest

from redress.ombudsman.models import Body, Decision, OmbudsmanCase
from redress.ombudsman.services import (
    ombudsman_decide,
    ombudsman_refer,
    ombudsman_request_add,
)
from tests.factories import ServiceFactory
from tests.ombudsman.conftest import days_ago, finished_complaint

pytestmark = pytest.mark.django_db


def url(case, slug, pk=None):
    base = f"/casework/ombudsman/cases/{case.reference}/{slug}/"
    return f"{base}{pk}/" if pk else base


def date_fields(name, day):
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


def referred(case, by, body=Body.LGSCO):
    return ombudsman_refer(
        case=case, by=by, body=body, reference="24 012 345", notified_on=days_ago(15)
    )


def test_the_case_page_offers_the_referral_once_the_procedure_is_finished(
    signed_in, finished, officer
):
    html = signed_in(officer).get(f"/casework/cases/{finished.reference}/").content.decode()
    assert "Record a complaint to the Ombudsman" in html
    assert url(finished, "refer") in html


def test_refer_through_the_form(signed_in, finished, officer):
    client = signed_in(officer)
    page = client.get(url(finished, "refer"))
    assert page.status_code == 200
    assert "The Ombudsman&#x27;s reference" in page.content.decode()
    response = client.post(
        url(finished, "refer"),
        {"body": "lgsco", "reference": "24 012 345", **date_fields("notified_on", days_ago(10))},
    )
    assert response.status_code == 302
    assert OmbudsmanCase.objects.get(case=finished).reference == "24 012 345"
    html = client.get(response["Location"]).content.decode()
    assert "Local Government and Social Care Ombudsman" in html
    assert "24 012 345" in html
    assert "Record the Ombudsman's decision" in html


def test_a_bad_referral_is_explained_and_what_was_typed_is_kept(signed_in, finished, officer):
    response = signed_in(officer).post(
        url(finished, "refer"),
        {"body": "lgsco", "reference": "REF-77", **date_fields("notified_on", days_ago(40))},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    # The service's rule, shown on the date field it names.
    assert "cannot be before the complaint was received" in html
    assert 'value="REF-77"' in html
    assert not OmbudsmanCase.objects.exists()


def test_a_missing_reference_is_named(signed_in, finished, officer):
    response = signed_in(officer).post(
        url(finished, "refer"), {"body": "lgsco", **date_fields("notified_on", days_ago(10))}
    )
    assert response.status_code == 400
    assert "Enter the Ombudsman&#x27;s reference" in response.content.decode()


def test_a_responder_is_refused_and_not_offered_the_link(signed_in, finished, responder):
    client = signed_in(responder)
    assert client.get(url(finished, "refer")).status_code == 403
    response = client.post(
        url(finished, "refer"),
        {"body": "lgsco", "reference": "X", **date_fields("notified_on", days_ago(10))},
    )
    assert response.status_code == 403
    assert not OmbudsmanCase.objects.exists()
    html = client.get(f"/casework/cases/{finished.reference}/").content.decode()
    assert "Record a complaint to the Ombudsman" not in html


def test_a_responder_sees_the_ombudsman_case_without_actions(
    signed_in, finished, officer, responder
):
    referred(finished, officer)
    html = signed_in(responder).get(f"/casework/cases/{finished.reference}/").content.decode()
    assert "24 012 345" in html
    assert "Record the Ombudsman's decision" not in html


def test_actions_on_a_case_not_with_the_ombudsman_are_not_found(signed_in, finished, officer):
    assert signed_in(officer).get(url(finished, "decision")).status_code == 404


def test_the_decision_form_offers_only_the_ombudsmans_own_decisions(signed_in, finished, officer):
    referred(finished, officer, body=Body.HOUSING)
    client = signed_in(officer)
    html = client.get(url(finished, "decision")).content.decode()
    assert "Severe maladministration" in html
    assert "Investigated: upheld" not in html
    response = client.post(
        url(finished, "decision"),
        {
            "decision": "severe_maladministration",
            "remedy_already_provided": "no",
            **date_fields("decided_on", days_ago(3)),
        },
    )
    assert response.status_code == 302
    found = OmbudsmanCase.objects.get(case=finished)
    assert (found.decision, found.remedy_already_provided) == (
        Decision.SEVERE_MALADMINISTRATION,
        False,
    )


def test_a_bad_decision_date_is_named_and_the_choice_kept(signed_in, finished, officer):
    referred(finished, officer)
    response = signed_in(officer).post(
        url(finished, "decision"),
        {
            "decision": "not_upheld",
            "remedy_already_provided": "no",
            **date_fields("decided_on", days_ago(20)),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "cannot be before the Ombudsman told us of the complaint" in html
    assert 'value="not_upheld" checked' in html


def test_requests_are_answered_and_recommendations_done_through_forms(signed_in, finished, officer):
    found = referred(finished, officer)
    client = signed_in(officer)
    response = client.post(
        url(finished, "request"),
        {
            "kind": "draft_decision",
            "description": "Comment on the draft",
            **date_fields("received_on", days_ago(9)),
            **date_fields("due_on", days_ago(-5)),
        },
    )
    assert response.status_code == 302
    item = found.requests.get()
    assert (
        client.post(url(finished, "answer", item.pk), date_fields("on", days_ago(1))).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.answered_on == days_ago(1)

    ombudsman_decide(
        ombudsman_case=found,
        by=officer,
        decision="upheld",
        on=days_ago(2),
        remedy_already_provided=False,
    )
    response = client.post(
        url(finished, "recommendation"),
        {
            "kind": "service_improvement",
            "description": "Train the repairs team",
            **date_fields("due_on", days_ago(-60)),
        },
    )
    assert response.status_code == 302
    recommendation = found.recommendations.get()
    missing = client.post(url(finished, "done", recommendation.pk), date_fields("on", days_ago(0)))
    assert missing.status_code == 400
    assert "Enter the evidence that it was done" in missing.content.decode()
    done = client.post(
        url(finished, "done", recommendation.pk),
        {"evidence": "Training record sent", **date_fields("on", days_ago(0))},
    )
    assert done.status_code == 302
    html = client.get(f"/casework/cases/{finished.reference}/").content.decode()
    assert "Train the repairs team" in html and "Training record sent" in html


def test_an_item_of_another_case_is_not_found(signed_in, finished, service, officer):
    other = finished_complaint(days_ago(30), service=service)
    item = ombudsman_request_add(
        ombudsman_case=referred(other, officer),
        by=officer,
        kind="enquiry",
        received_on=days_ago(9),
        due_on=days_ago(2),
    )
    referred(finished, officer)
    assert signed_in(officer).get(url(finished, "answer", item.pk)).status_code == 404


def test_the_queue_lists_requests_waiting_overdue_first(signed_in, finished, service, officer):
    later = finished_complaint(days_ago(30), service=service)
    for case, due, text in (
        (finished, days_ago(-10), "Not yet due"),
        (later, days_ago(1), "Late one"),
    ):
        ombudsman_request_add(
            ombudsman_case=referred(case, officer),
            by=officer,
            kind="information",
            received_on=days_ago(9),
            due_on=due,
            description=text,
        )
    html = signed_in(officer).get("/casework/ombudsman/").content.decode()
    assert html.index("Late one") < html.index("Not yet due")
    assert "Overdue" in html


def test_the_queue_is_for_the_complaints_team(signed_in, responder):
    assert signed_in(responder).get("/casework/ombudsman/").status_code == 403


def test_the_referral_defaults_to_the_housing_ombudsman_for_a_housing_service(signed_in, officer):
    housing = ServiceFactory(name="Housing repairs", slug="housing-repairs", is_housing=True)
    case = finished_complaint(days_ago(60), service=housing)
    form = signed_in(officer).get(url(case, "refer")).content.decode()
    assert 'value="housing" checked' in form
    other = finished_complaint(days_ago(60))
    assert 'value="lgsco" checked' in signed_in(officer).get(url(other, "refer")).content.decode()
    # The service chooses the same body when the caller does not say (the API, imports).
    ombudsman_refer(case=case, by=officer, reference="HO-1", notified_on=days_ago(5))
    assert OmbudsmanCase.objects.get(case=case).body == Body.HOUSING
