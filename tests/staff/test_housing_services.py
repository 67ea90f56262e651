"""The housing service areas settings page: administrators only; ticking marks exactly the
chosen service areas; a choice that is not on the list is refused, naming the field."""

import pytest

from redress.cases.models import Service
from redress.cases.services.housing import housing_services_set
from redress.core.errors import NotPermitted
from redress.ombudsman.models import Body
from redress.ombudsman.services import default_body

pytestmark = pytest.mark.django_db

URL = "/casework/settings/housing-services/"


def test_only_administrators_open_it(client, officer, manager, administrator):
    for user in (officer, manager):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {}).status_code == 403
    client.force_login(administrator)
    assert URL in client.get("/casework/settings/").content.decode()
    assert client.get(URL).status_code == 200


def test_ticking_marks_exactly_the_chosen(client, administrator, service, other_service):
    other_service.is_housing = True
    other_service.save()
    client.force_login(administrator)
    page = client.get(URL).content.decode()
    assert f'value="{other_service.pk}" checked' in page
    saved = client.post(URL, {"services": [service.pk]}, follow=True)
    text = saved.content.decode()
    assert "Now housing: Waste and recycling" in text
    assert "No longer housing: Parking" in text
    assert set(Service.objects.filter(is_housing=True)) == {service}
    # A complaint about a housing service area suggests the Housing Ombudsman.
    service.refresh_from_db()
    assert default_body(service) == Body.HOUSING
    again = client.post(URL, {"services": [service.pk]}, follow=True)
    assert "Nothing changed." in again.content.decode()
    cleared = client.post(URL, {}, follow=True)
    assert "No longer housing: Waste and recycling" in cleared.content.decode()
    assert not Service.objects.filter(is_housing=True).exists()


def test_a_choice_not_on_the_list_is_refused_and_nothing_changes(
    client, administrator, service, other_service
):
    client.force_login(administrator)
    for bad in ("999999", "parks"):
        refused = client.post(URL, {"services": [service.pk, bad]})
        assert refused.status_code == 400
        text = refused.content.decode()
        assert "Choose housing service areas from the list" in text
        assert f'value="{service.pk}" checked' in text  # what was ticked is kept
    assert not Service.objects.filter(is_housing=True).exists()


def test_the_service_refuses_anyone_else(officer, service):
    with pytest.raises(NotPermitted):
        housing_services_set(by=officer, services=[service])
    service.refresh_from_db()
    assert not service.is_housing
