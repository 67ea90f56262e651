"""The staff pages without a browser: logging a case on someone's behalf, then adding,
changing or removing the representative from the case page, with good and bad input."""

import datetime as dt

import pytest
from django.utils import timezone

from redress.cases.kinds import CorrespondenceTo
from redress.cases.models import Case
from redress.cases.representatives import Representative
from tests.representatives.conftest import advocate, client_for, date_fields

pytestmark = pytest.mark.django_db
LOG_URL = "/casework/cases/new/"


def log_data(service, **extra):  # type: ignore[no-untyped-def]
    return {
        "kind": "complaint",
        "channel": "phone",
        **date_fields("received_on", timezone.localdate()),
        "service": service.pk,
        "summary": "Care visits missed",
        "person_name": "Alex Example",
        "person_email": "alex@example.com",
        "accepted": "yes",
        **extra,
    }


def on_behalf(**extra):  # type: ignore[no-untyped-def]
    return {
        "on_behalf": "on",
        "representative_name": "Sam Advocate",
        "representative_relationship": "Daughter",
        **date_fields("representative_consent_on", timezone.localdate()),
        "representative_email": "sam.advocate@example.com",
        "representative_phone": "07700 900123",
        "representative_address": "2 Carer Close",
        "correspondence_to": "both",
        **extra,
    }


def test_logging_on_someones_behalf_records_the_representative(officer, service):
    client = client_for(officer)
    response = client.post(LOG_URL, log_data(service, **on_behalf()))
    case = Case.objects.get()
    assert response["Location"] == f"/casework/cases/{case.reference}/"
    assert Representative.of(case) == Representative(
        name="Sam Advocate",
        relationship="Daughter",
        consent_on=timezone.localdate(),
        email="sam.advocate@example.com",
        phone="07700 900123",
        address="2 Carer Close",
        correspondence_to=CorrespondenceTo.BOTH,
    )
    page = client.get(response["Location"]).text
    assert "Sam Advocate (Daughter)" in page
    assert "Alex Example (the person), by email and Sam Advocate (the representative)" in page
    assert f"/casework/cases/{case.reference}/representative/" in page


def test_what_is_typed_under_on_behalf_counts_only_while_it_is_ticked(officer, service):
    # Even a mistyped email there is no reason to refuse: the questions are hidden.
    data = log_data(service, **on_behalf(representative_email="sam@", correspondence_to=""))
    del data["on_behalf"]
    response = client_for(officer).post(LOG_URL, data)
    assert response.status_code == 302
    assert Case.objects.get().representative_name == ""


def test_the_log_form_refuses_a_representative_without_a_name_or_a_choice(officer, service):
    response = client_for(officer).post(
        LOG_URL,
        log_data(
            service,
            **on_behalf(
                representative_name="",
                correspondence_to="",
                representative_email="sam@",
                representative_phone="07700 900999",
            ),
        ),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter the name of the person acting on their behalf" in text
    assert "Choose who letters and emails should go to" in text
    assert "Enter the representative&#x27;s email in the correct format" in text
    assert "07700 900999" in text and "Care visits missed" in text
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (
            {
                "correspondence_to": "representative",
                "representative_email": "",
                "representative_address": "",
            },
            "Enter the representative&#x27;s email address or postal address",
        ),
        (
            date_fields("representative_consent_on", dt.date(1999, 12, 31)),
            "cannot be before 1 January 2000",
        ),
        (
            date_fields("representative_consent_on", timezone.localdate() + dt.timedelta(days=1)),
            "must be today or in the past",
        ),
        ({"representative_consent_on-month": "13"}, "must be a real date"),
        ({"representative_consent_on-day": ""}, "must include a day"),
    ],
)
def test_the_services_rules_show_on_the_log_forms_fields(officer, service, extra, words):
    response = client_for(officer).post(LOG_URL, log_data(service, **on_behalf(**extra)))
    assert response.status_code == 400
    text = response.content.decode()
    assert words in text
    assert 'class="govuk-error-summary"' in text and "Sam Advocate" in text
    assert not Case.objects.exists()


def test_a_consent_date_left_out_is_asked_for(officer, service):
    data = log_data(service, **on_behalf())
    for part in ("day", "month", "year"):
        del data[f"representative_consent_on-{part}"]
    response = client_for(officer).post(LOG_URL, data)
    assert response.status_code == 400
    assert "Enter the date the person consented to being represented" in response.text


# --- the change page ----------------------------------------------------------------------


def url(case: Case) -> str:
    return f"/casework/cases/{case.reference}/representative/"


def change_data(case: Case, **extra):  # type: ignore[no-untyped-def]
    data = {
        "expected_version": case.version,
        "acts": "on",
        **on_behalf(),
        "reason": "Alex's signed consent arrived",
        **extra,
    }
    data.pop("on_behalf")
    return data


def test_adding_a_representative_from_the_case_page(case, officer):
    client = client_for(officer)
    page = client.get(f"/casework/cases/{case.reference}/").text
    assert "Nobody acts for the person" in page and "Add a representative" in page
    form = client.get(url(case))
    assert form.status_code == 200 and "Add a representative" in form.text
    response = client.post(url(case), change_data(case, correspondence_to="representative"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.correspondence_to == "representative"
    page = client.get(f"/casework/cases/{case.reference}/").text
    assert "Change the representative" in page
    assert "Alex&#x27;s signed consent arrived" in page  # the reason, on the timeline
    assert "Sam Advocate (the representative), by email" in page


def test_changing_keeps_the_current_values_and_removing_clears_them(represented, officer):
    client = client_for(officer)
    form = client.get(url(represented)).text
    assert "Change the representative" in form
    assert 'value="sam.advocate@example.com"' in form and 'value="both" checked' in form
    # Unticked, whatever the hidden questions still hold (a half-typed email too).
    response = client.post(
        url(represented),
        {
            "expected_version": represented.version,
            "representative_email": "sam@",
            "reason": "Consent withdrawn",
        },
    )
    assert response.status_code == 302
    represented.refresh_from_db()
    assert Representative.of(represented) is None
    assert represented.correspondence_to == "person"


def test_bad_input_on_the_change_page_names_each_field_and_keeps_what_was_typed(case, officer):
    response = client_for(officer).post(
        url(case),
        change_data(
            case,
            representative_name="",
            representative_phone="07700 900777",
            correspondence_to="",
            reason="",
        ),
    )
    assert response.status_code == 400
    text = response.text
    assert "Enter the name of the person acting on their behalf" in text
    assert "Choose who letters and emails should go to" in text
    assert "Say why the representative is being added, changed or removed" in text
    assert "07700 900777" in text
    # Unticked on a case nobody represents: nothing to change, said plainly.
    nothing = client_for(officer).post(url(case), {"reason": "x"})
    assert nothing.status_code == 400 and "Nothing has changed" in nothing.text
    case.refresh_from_db()
    assert case.representative_name == ""


def test_the_services_rules_show_on_the_change_pages_fields(case, officer):
    response = client_for(officer).post(
        url(case),
        change_data(
            case,
            correspondence_to="both",
            representative_email="",
            representative_address="",
            **date_fields("representative_consent_on", dt.date(1999, 1, 1)),
        ),
    )
    assert response.status_code == 400
    assert "cannot be before 1 January 2000" in response.text
    assert "email address or postal address" in response.text


def test_a_change_made_meanwhile_is_not_overwritten(represented, officer, reviewer):
    opened = change_data(represented, correspondence_to="representative")
    client_for(reviewer).post(
        url(represented),
        {"expected_version": represented.version, "reason": "Consent withdrawn"},
    )
    response = client_for(officer).post(url(represented), opened)
    assert response.status_code == 400
    assert "Someone else changed this case" in response.text
    represented.refresh_from_db()
    assert represented.representative_name == ""


def test_nothing_changed_is_said_plainly(represented, officer):
    data = change_data(
        represented, **date_fields("representative_consent_on", advocate().consent_on)
    )
    data["representative_address"] = "2 Carer Close\nTown\nAB1 2CD"
    response = client_for(officer).post(url(represented), data)
    assert response.status_code == 400
    assert "Nothing has changed" in response.text


def test_a_manager_sees_the_representative_but_may_not_change_it(represented, manager):
    client = client_for(manager)
    page = client.get(f"/casework/cases/{represented.reference}/").text
    assert "Sam Advocate (Daughter)" in page
    assert url(represented) not in page
    assert client.get(url(represented)).status_code == 403
    assert client.post(url(represented), change_data(represented)).status_code == 403
