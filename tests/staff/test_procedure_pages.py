"""The move-to-another-procedure page."""

import pytest

from redress.cases.models import Case
from redress.procedures.models import Procedure

pytestmark = pytest.mark.django_db


def test_the_case_page_links_to_the_move_page_for_officers(signed_in, officer, responder, case):
    page = signed_in(officer).get(f"/casework/cases/{case.reference}/").content.decode()
    assert f"/casework/cases/{case.reference}/procedure/" in page
    page = signed_in(responder).get(f"/casework/cases/{case.reference}/").content.decode()
    assert f"/casework/cases/{case.reference}/procedure/" not in page


def test_an_officer_moves_a_case_from_the_page(signed_in, officer, case):
    client = signed_in(officer)
    url = f"/casework/cases/{case.reference}/procedure/"
    form = client.get(url)
    assert form.status_code == 200 and b"Move to another procedure" in form.content
    target = Procedure.objects.get(slug="childrens-social-care")
    response = client.post(
        url, {"procedure": target.pk, "reason": "About a child", "expected_version": case.version}
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).procedure_version.procedure == target


def test_a_move_without_a_reason_keeps_the_choice_and_says_why(signed_in, officer, case):
    target = Procedure.objects.get(slug="childrens-social-care")
    response = signed_in(officer).post(
        f"/casework/cases/{case.reference}/procedure/",
        {"procedure": target.pk, "reason": "", "expected_version": case.version},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Enter why the case is moving to this procedure" in content
    assert f'value="{target.pk}" selected' in content
    assert Case.objects.get(pk=case.pk).procedure_version == case.procedure_version


def test_others_are_refused_the_move_page(signed_in, responder, outsider, case):
    url = f"/casework/cases/{case.reference}/procedure/"
    assert signed_in(responder).get(url).status_code == 403
    assert signed_in(outsider).get(url).status_code == 404
