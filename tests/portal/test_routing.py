"""A complaint made online is routed like one logged by staff."""

import pytest

from redress.cases.models import Case
from redress.procedures.models import Procedure, ProcedureRoute
from tests.factories import ServiceFactory
from tests.portal.helpers import fill_in

pytestmark = pytest.mark.django_db


def test_an_online_complaint_about_childrens_services_gets_the_statutory_procedure(client):
    service = ServiceFactory(name="Children's services", slug="childrens-services")
    ProcedureRoute.objects.create(
        kind="complaint",
        service=service,
        procedure=Procedure.objects.get(slug="childrens-social-care"),
    )
    fill_in(client, service)
    response = client.post("/feedback/check-your-answers/", {"website": ""})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.procedure_version.procedure.slug == "childrens-social-care"
    assert case.current_stage.name == "Stage 1: local resolution"
