import pytest

pytestmark = pytest.mark.django_db


def test_every_page_renders_for_an_officer(signed_in, officer, case):
    client = signed_in(officer)
    for url in [
        "/casework/",
        "/casework/cases/",
        "/casework/cases/new/",
        f"/casework/cases/{case.reference}/",
        f"/casework/cases/{case.reference}/acknowledge/",
        f"/casework/cases/{case.reference}/assign/",
        f"/casework/cases/{case.reference}/extend/",
        f"/casework/cases/{case.reference}/note/",
        f"/casework/cases/{case.reference}/attach/",
        f"/casework/cases/{case.reference}/refuse/",
        f"/casework/cases/{case.reference}/withdraw/",
        f"/casework/cases/{case.reference}/link/",
        f"/casework/cases/{case.reference}/remedy/",
        f"/casework/cases/{case.reference}/outstanding-action/",
        f"/casework/cases/{case.reference}/response/",
        "/casework/settings/jargon/",
        "/casework/account/password/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
