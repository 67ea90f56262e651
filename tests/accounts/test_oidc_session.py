"""Single sign-on's sessions, through the real provider: signing out ends both Redress's and
the provider's; whoever must give a second factor gives Redress's after single sign-on too,
unless the provider says it asked for one; password sign-in can be turned off; a provider that
cannot be reached stops nothing else."""

import re
import socket
from urllib.parse import parse_qs, urlsplit

import pytest
from axes.models import AccessAttempt, AccessLog
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.accounts import two_factor
from redress.accounts.models import Role
from redress.accounts.oidc import session
from redress.accounts.oidc.config import forget_discovery
from tests.accounts.oidc_fixtures import (
    Person,
)
from tests.accounts.test_two_factor import code_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct-horse-battery-staple"
LOGOUT_FORM = re.compile(
    r'id="op.logoutForm"[^>]*action="([^"]+)"><input[^>]*name="xsrf" value="([^"]*)"'
)


@pytest.fixture
def person(single_sign_on, live_server):
    return Person(live_server.url)


def test_signing_out_ends_the_session_here_and_at_the_provider(person, single_sign_on):
    UserFactory(username="pat", email="pat.officer@council.example")
    person.sign_in("pat")
    response = person.post_form("/sign-out/")
    assert response.status_code == 302
    end = response.headers["Location"]
    assert end.startswith(single_sign_on.issuer + "/session/end")
    query = parse_qs(urlsplit(end).query)
    assert query["post_logout_redirect_uri"] == [person.base + "/sign-in/"]
    assert query["id_token_hint"][0].count(".") == 2  # a JWT, the provider's own
    assert person.get("/casework/").status_code == 302  # Redress's session is over
    assert AccessLog.objects.get(username="pat").logout_time is not None

    # The provider asks to confirm, then sends the browser back to the sign-in page.
    confirm = person.http.get(end, timeout=30)
    form = LOGOUT_FORM.search(confirm.text)
    assert form, confirm.text[:300]
    back = person.http.post(
        form[1], data={"xsrf": form[2], "logout": "yes"}, allow_redirects=False, timeout=30
    )
    assert back.headers["Location"] == person.base + "/sign-in/"
    # The provider's session is over too: signing in again asks for the login again.
    login_page = person.http.get(person.start(), timeout=30)
    assert 'name="login"' in login_page.text


def test_a_password_session_signs_out_here_only(person):
    UserFactory(username="pat")
    person.get("/sign-in/")  # its form sets the CSRF cookie
    assert person.post_form("/sign-in/", {"username": "pat", "password": PASSWORD}).ok
    person.get("/casework/")
    response = person.post_form("/sign-out/")
    assert response.headers["Location"] == "/sign-in/"


def _administrator(username: str, email: str):
    admin = UserFactory(username=username, email=email)
    admin.role = Role.ADMINISTRATOR
    admin.save()
    return admin


@pytest.mark.two_factor
def test_an_administrator_signed_in_by_the_provider_still_gives_a_code(person):
    admin = _administrator("ada", "ada.admin@council.example")
    two_factor.confirm_setup(admin, _code(two_factor.setup_device(admin)))
    arrived = person.sign_in("ada", next_url="/casework/settings/")
    assert arrived.status_code == 302
    assert arrived.headers["Location"].startswith("/sign-in/code/")
    assert person.get("/casework/settings/").headers["Location"].startswith("/sign-in/code/")
    page = person.get(arrived.headers["Location"])
    assert page.status_code == 200 and "Enter the code from your authenticator app" in page.text
    # The set-up used this step's code: the app's next one, within the tolerance.
    device = TOTPDevice.objects.get(user=admin)
    sent = person.post_form(arrived.headers["Location"], {"code": code_for(device, 1)})
    assert sent.status_code == 302 and sent.headers["Location"] == "/casework/settings/"
    assert person.get("/casework/settings/").status_code == 200


@pytest.mark.two_factor
def test_an_administrator_without_an_app_sets_one_up_after_single_sign_on(person):
    _administrator("ada", "ada.admin@council.example")
    arrived = person.sign_in("ada")
    assert arrived.headers["Location"].startswith("/sign-in/two-factor/")
    assert person.get("/casework/").headers["Location"].startswith("/sign-in/two-factor/")


@pytest.mark.two_factor
def test_no_code_is_asked_when_the_provider_says_it_asked_for_a_second_factor(person):
    # Ada-mfa's ID token carries amr ["pwd", "mfa"]; Ada's carries none.
    admin = _administrator("ada-mfa", "ada.mfa@council.example")
    two_factor.confirm_setup(admin, _code(two_factor.setup_device(admin)))
    assert person.sign_in("ada-mfa").status_code == 200
    assert person.get("/casework/settings/").status_code == 200
    # The same administrator with a password must still give a code.
    client = Client()
    client.post("/sign-in/", {"username": "ada-mfa", "password": PASSWORD})
    assert client.get("/casework/")["Location"].startswith("/sign-in/code/")


@pytest.mark.two_factor
def test_no_code_is_asked_where_the_provider_is_set_to_always_ask(settings, person):
    settings.OIDC_PROVIDER_ENFORCES_MFA = True
    _administrator("ada", "ada.admin@council.example")
    assert person.sign_in("ada").status_code == 200
    assert person.get("/casework/settings/").status_code == 200


@pytest.mark.two_factor
def test_someone_it_is_not_required_of_owes_nothing_after_single_sign_on(person):
    officer = UserFactory(username="pat", email="pat.officer@council.example")
    assert not two_factor.two_factor_required(officer)
    assert person.sign_in("pat").status_code == 200


def test_only_mfa_in_the_id_tokens_methods_counts_as_a_second_factor():
    claimed = session.multi_factor_claimed
    assert claimed({"amr": ["pwd", "mfa"]}) and claimed({"amr": "MFA"})
    assert not claimed({"amr": ["pwd"]}) and not claimed({"amr": ["otp"]})
    assert not claimed({}) and not claimed({"amr": {"mfa": True}})


def _code(device: TOTPDevice) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_password_sign_in_turned_off_refuses_a_password(settings, single_sign_on):
    settings.REDRESS_PASSWORD_SIGN_IN = False
    UserFactory(username="pat")
    client = Client()
    page = client.get("/sign-in/").content.decode()
    assert "Sign in with your Example Council account" in page
    assert 'name="password"' not in page
    refused = client.post("/sign-in/", {"username": "pat", "password": PASSWORD})
    assert refused.status_code == 403
    assert "Signing in with a password is turned off" in refused.content.decode()
    assert client.get("/casework/").status_code == 302
    # Refused before the password was checked: neither a sign-in nor a failure to count.
    assert not AccessAttempt.objects.exists()
    assert not AccessLog.objects.exists()


def test_with_both_on_the_sign_in_page_offers_both(person):
    page = person.get("/sign-in/?next=/casework/cases/")
    assert 'href="/sign-in/oidc/?next=/casework/cases/"' in page.text
    assert 'name="password"' in page.text
    UserFactory(username="pat", email="pat.officer@council.example")
    assert person.sign_in("pat", next_url="/casework/cases/").url.endswith("/casework/cases/")


def test_nothing_is_on_without_an_issuer(settings, identity_provider):
    settings.OIDC_ISSUER = ""
    client = Client()
    assert client.get("/sign-in/oidc/").status_code == 404
    assert client.get("/sign-in/oidc/callback/?code=x&state=y").status_code == 404
    assert b"Sign in with" not in client.get("/sign-in/").content


def test_a_provider_that_cannot_be_reached_stops_only_single_sign_on(settings):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.OIDC_ISSUER = f"http://127.0.0.1:{port}"
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "client", "secret"
    forget_discovery()
    client = Client()
    page = client.get("/sign-in/oidc/")
    assert page.status_code == 503
    assert b"Your organisation&#x27;s account cannot be reached" in page.content
    UserFactory(username="pat")
    assert client.post("/sign-in/", {"username": "pat", "password": PASSWORD}).status_code == 302
    assert client.get("/casework/").status_code == 200
    forget_discovery()


def test_a_discovery_document_for_another_issuer_is_refused(settings, single_sign_on):
    # The same provider reached by another name: its document names 127.0.0.1.
    settings.OIDC_ISSUER = single_sign_on.issuer.replace("127.0.0.1", "localhost")
    forget_discovery()
    page = Client().get("/sign-in/oidc/")
    assert page.status_code == 503
