"""Turning an alert into a learning action (for a service area, category, area or directorate
alert alike), heads of service who are not managers acting on their own alerts, and elected
Members kept from the alerts."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from redress.accounts.models import Role
from redress.accounts.services import api_token_create
from redress.cases.models import Directorate
from redress.core.errors import InvalidInput, NotPermitted
from redress.learning.models import LearningAction, LearningStatus
from redress.notifications.models import OutboundMessage
from redress.trends import services
from redress.trends.access import alerts_visible_to, can_see_alerts
from redress.trends.detect import find_trends
from redress.trends.models import AlertStatus, TrendAlert
from tests.factories import UserFactory
from tests.trends.conftest import QUIET

pytestmark = pytest.mark.django_db

NOTE = "Crews to get the road closure list each morning"


def _learn(client, alert, **data):
    return client.post(
        f"/reports/trends/{alert.pk}/learning/",
        {f"learning-{key}": value for key, value in data.items()},
    )


def test_a_service_alert_becomes_a_learning_action_owned_by_the_head(client, council, alerts):
    alert = alerts[("service", str(council.waste.pk))]
    client.force_login(council.officer)
    form = client.get(f"/reports/trends/{alert.pk}/").content.decode()
    # The alert's own service area is chosen already.
    assert '<option value="waste" selected>' in form
    response = _learn(client, alert, note=NOTE, service="waste")
    assert response.status_code == 302
    alert.refresh_from_db()
    action = LearningAction.objects.get()
    assert alert.status == AlertStatus.ACTIONED and alert.learning_action == action
    assert (action.service, action.owner, action.raised_by, action.case) == (
        council.waste,
        council.head,
        council.officer,
        None,
    )
    assert action.status == LearningStatus.PROPOSED and action.change == NOTE
    assert action.lesson.startswith("Waste and recycling: 19 cases in the week starting")
    page = client.get(response.url).content.decode()
    assert "Alert turned into a learning action for Waste and recycling." in page
    assert f'href="/casework/learning/{action.pk}/"' in page
    # The learning action's page leads back to the alert, for those who may open it.
    learning = client.get(f"/casework/learning/{action.pk}/").content.decode()
    assert f'href="/reports/trends/{alert.pk}/"' in learning
    assert f"by {escape(council.officer.display_name)}" in learning
    # The head finds it on My work.
    client.force_login(council.head)
    assert NOTE in client.get("/casework/").content.decode()


def test_an_area_alert_needs_the_service_area_that_owns_the_change(client, council, alerts):
    area = alerts[("area", "SE15")]
    client.force_login(council.officer)
    refused = _learn(client, area, note=NOTE)
    body = refused.content.decode()
    assert refused.status_code == 400
    assert "Choose the service area that owns the change" in body and NOTE in body
    assert not LearningAction.objects.exists()
    area.refresh_from_db()
    assert area.status == AlertStatus.NEW
    # Parks has no head of service: the person who turned it owns it.
    assert _learn(client, area, note=NOTE, service="parks").status_code == 302
    action = LearningAction.objects.get()
    assert (action.service, action.owner) == (council.parks, council.officer)


def test_a_directorate_alert_can_become_learning_too(council, weeks, pinned_today):
    place = Directorate.objects.create(name="Place", slug="place")
    council.waste.directorate = place
    council.waste.save()
    weeks([*QUIET, 19])
    find_trends()
    alert = TrendAlert.objects.get(scope_kind="directorate")
    assert (alert.scope_slug, alert.service_id) == ("place", None)
    done = services.alert_to_learning(
        alert=alert, by=council.officer, note=NOTE, service=council.waste
    )
    assert done.learning_action.service == council.waste


def test_a_manager_may_give_it_only_to_their_own_service_areas(client, council, alerts):
    alert = alerts[("category", str(council.bins.pk))]
    client.force_login(council.head)
    page = client.get(f"/reports/trends/{alert.pk}/").content.decode()
    assert 'value="parks"' not in page
    refused = _learn(client, alert, note=NOTE, service="parks")
    assert refused.status_code == 400
    assert "Choose the service area that owns the change from the list" in refused.content.decode()
    # The service function holds the rule whatever the page offers.
    with pytest.raises(InvalidInput) as refusal:
        services.alert_to_learning(alert=alert, by=council.head, note=NOTE, service=council.parks)
    assert "service" in refusal.value.field_errors
    assert not LearningAction.objects.exists()


def test_a_head_of_service_who_is_not_a_manager_opens_and_acts_on_their_alerts(
    client, council, weeks, pinned_today
):
    head = UserFactory(username="parkhead", role=Role.SERVICE_RESPONDER, services=[council.parks])
    council.parks.head = head
    council.parks.save()
    weeks([*QUIET, 19], category=council.bins)
    weeks([*QUIET, 18], service=council.parks)
    find_trends()
    parks = TrendAlert.objects.get(scope_kind="service", scope_key=str(council.parks.pk))
    waste = TrendAlert.objects.get(scope_kind="service", scope_key=str(council.waste.pk))
    told = OutboundMessage.objects.get(template_key="trend_alerts", recipient_email=head.email)
    assert f"/reports/trends/{parks.pk}/" in told.body_text
    assert can_see_alerts(head) and list(alerts_visible_to(head)) == [parks]
    client.force_login(head)
    assert 'href="/reports/trends/"' in client.get("/casework/").content.decode()
    listed = client.get("/reports/trends/").content.decode()
    assert "Parks" in listed and "Waste and recycling" not in listed
    assert client.get(f"/reports/trends/{parks.pk}/").status_code == 200
    assert client.get(f"/reports/trends/{parks.pk}/chart.png").status_code == 200
    assert client.get(f"/reports/trends/{waste.pk}/").status_code == 404
    assert client.get("/reports/").status_code == 403  # the reports stay a manager's
    api = {"Authorization": f"Bearer {api_token_create(user=head)[1]}"}
    names = [a["name"] for a in client.get("/api/v1/alerts", headers=api).json()["alerts"]]
    assert names == ["Parks"]
    assert _learn(client, parks, note=NOTE, service="parks").status_code == 302
    action = LearningAction.objects.get()
    assert (action.owner, action.raised_by) == (head, head)
    assert client.get(f"/casework/learning/{action.pk}/").status_code == 200
    assert NOTE in client.get("/casework/").content.decode()  # My work: their learning


def test_a_responder_who_heads_nothing_still_sees_no_alerts(council, alerts):
    assert not can_see_alerts(council.responder)
    assert not alerts_visible_to(council.responder).exists()


def test_an_elected_member_sees_no_alerts_and_cannot_act_on_one(client, council, alerts):
    member = UserFactory(username="member", role=Role.MEMBER)
    alert = alerts[("service", str(council.waste.pk))]
    assert not can_see_alerts(member) and not alerts_visible_to(member).exists()
    client.force_login(member)
    dashboard = client.get("/reports/").content.decode()
    assert 'id="trend-alerts"' not in dashboard and "/reports/trends/" not in dashboard
    with pytest.raises(NotPermitted):
        services.alert_acknowledge(alert=alert, by=member, note="Seen")
    alert.refresh_from_db()
    assert alert.status == AlertStatus.NEW


def test_the_dashboard_charts_each_open_alert(client, council, alerts):
    waste = alerts[("service", str(council.waste.pk))]
    client.force_login(council.head)
    panel = client.get("/reports/").content.decode().split('id="trend-alerts"')[1]
    panel = panel.split("</section>")[0]
    assert f'src="/reports/trends/{waste.pk}/chart.png"' in panel
    assert "the week starting 23 November 2026 had 19" in panel  # its alternative text


def test_an_elected_member_cannot_own_learning(council, alerts):
    member = UserFactory(username="member", role=Role.MEMBER)
    council.waste.head = member
    council.waste.save()
    alert = alerts[("service", str(council.waste.pk))]
    # A Member made head of service is passed over: the person deciding owns it.
    done = services.alert_to_learning(
        alert=alert, by=council.officer, note=NOTE, service=council.waste
    )
    assert done.learning_action.owner == council.officer
