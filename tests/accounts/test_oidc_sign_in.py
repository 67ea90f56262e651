"""Single sign-on through a real OpenID provider (oidc-provider, run locally): who a sign-in
makes or finds, what role they get, and that only the answer to this browser's own request,
with its PKCE verifier, state and nonce, signs anyone in."""

import base64
import hashlib
from urllib.parse import parse_qs, urlsplit

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import SuspiciousOperation
from django.test import Client

from redress.accounts.models import OidcIdentity, Role, User
from redress.accounts.oidc.backend import check_id_token
from tests.accounts.oidc_fixtures import (
    CLIENT_ID,
    Person,
    with_query,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
ROLE_MAP = {"complaints-team": Role.COMPLAINTS_OFFICER, "redress-admins": Role.ADMINISTRATOR}


@pytest.fixture
def person(single_sign_on, live_server):
    return Person(live_server.url)


def signed_in(person: Person) -> bool:
    return person.get("/casework/").status_code != 302


def test_a_first_sign_in_makes_an_account_with_no_role(person):
    page = person.sign_in("newcomer")
    assert page.status_code == 403
    assert "an administrator has not given you access" in page.text
    user = User.objects.get(email="new.starter@council.example")
    assert (user.username, user.role) == ("new.starter@council.example", "")
    assert (user.first_name, user.last_name) == ("Nia", "Starter")
    assert not user.has_usable_password()
    assert OidcIdentity.objects.get(user=user).subject == "newcomer"
    # Every staff page says the same until an administrator gives a role.
    for path in ("/casework/cases/", "/reports/", "/admin/"):
        assert person.get(path).status_code == 403, path


def test_an_administrator_giving_a_role_lets_them_in(person):
    person.sign_in("newcomer")
    User.objects.filter(email="new.starter@council.example").update(role=Role.MANAGER)
    assert person.get("/casework/").status_code == 200
    # Signing in again keeps it: no role claim is set, so the role is the administrator's.
    assert Person(person.base).sign_in("newcomer").status_code == 200
    assert User.objects.get(email="new.starter@council.example").role == Role.MANAGER


def test_the_role_claim_gives_the_role_that_allows_most(settings, person):
    settings.OIDC_ROLE_CLAIM = "groups"
    settings.OIDC_ROLE_MAP = ROLE_MAP
    assert person.sign_in("ada").status_code == 200
    assert User.objects.get(email="ada.admin@council.example").role == Role.ADMINISTRATOR
    # Pat's group is "Complaints-Team": values are matched whatever their case.
    assert Person(person.base).sign_in("pat").status_code == 200
    assert User.objects.get(email__iexact="pat.officer@council.example").role == (
        Role.COMPLAINTS_OFFICER
    )


def test_a_role_the_claim_gave_goes_when_the_claim_stops_giving_it(settings, person):
    settings.OIDC_ROLE_CLAIM = "groups"
    settings.OIDC_ROLE_MAP = ROLE_MAP
    person.sign_in("pat")
    settings.OIDC_ROLE_MAP = {"redress-admins": Role.ADMINISTRATOR}  # Pat's group no longer
    assert Person(person.base).sign_in("pat").status_code == 403
    pat = User.objects.get(email__iexact="pat.officer@council.example")
    assert pat.role == ""
    # A role an administrator gives by hand is not the claim's to take away.
    User.objects.filter(pk=pat.pk).update(role=Role.INVESTIGATOR)
    assert Person(person.base).sign_in("pat").status_code == 200
    assert User.objects.get(pk=pat.pk).role == Role.INVESTIGATOR


def test_an_existing_account_is_found_by_email_whatever_its_case(person):
    pat = UserFactory(username="pat", email="pat.officer@council.example", role=Role.MANAGER)
    before = User.objects.count()
    page = person.sign_in("pat")
    assert page.status_code == 200
    assert "My work" in page.text
    assert User.objects.count() == before
    assert OidcIdentity.objects.get(subject="pat").user == pat
    assert User.objects.get(pk=pat.pk).role == Role.MANAGER
    # After the first sign-in the provider's subject finds the account, even with a new
    # address at Redress's end.
    User.objects.filter(pk=pat.pk).update(email="pat@elsewhere.example")
    assert Person(person.base).sign_in("pat").status_code == 200
    assert User.objects.get(pk=pat.pk).email == "Pat.Officer@Council.Example"


def test_two_accounts_with_the_same_email_are_refused(person):
    UserFactory(username="pat1", email="pat.officer@council.example")
    UserFactory(username="pat2", email="PAT.OFFICER@council.example")
    page = person.sign_in("pat")
    assert page.status_code == 403
    assert "More than one staff account has the email address" in page.text
    assert not signed_in(person)


def test_an_account_switched_off_and_an_unconfirmed_email_are_refused(person):
    UserFactory(username="pat", email="pat.officer@council.example", is_active=False)
    page = person.sign_in("pat")
    assert page.status_code == 403
    assert "switched off" in page.text
    page = Person(person.base).sign_in("unconfirmed")
    assert page.status_code == 403
    assert "has not confirmed your email address" in page.text
    assert not User.objects.filter(email="unconfirmed@council.example").exists()
    assert not signed_in(person)


def test_email_domains_can_be_limited(settings, person):
    settings.OIDC_EMAIL_DOMAINS = ("other.example",)
    page = person.sign_in("newcomer")
    assert page.status_code == 403
    assert "Email addresses at council.example cannot sign in" in page.text


def test_the_request_carries_a_pkce_challenge_and_the_provider_requires_it(person):
    authorise = person.start()
    query = {k: v[0] for k, v in parse_qs(urlsplit(authorise).query).items()}
    assert query["code_challenge_method"] == "S256"
    session = SessionStore(session_key=person.http.cookies["sessionid"])
    verifier = session["oidc_states"][query["state"]]["code_verifier"]
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    assert query["code_challenge"] == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    # Without the challenge the provider refuses, and the refusal signs nobody in.
    stripped = with_query(authorise, code_challenge=None, code_challenge_method=None)
    page = person.back_at(person.at_provider(stripped, "newcomer"))
    assert page.status_code == 403
    assert "Your Example Council account did not sign you in" in page.text
    assert not signed_in(person)
    assert not User.objects.filter(email="new.starter@council.example").exists()


def test_a_code_made_for_another_request_fails_its_pkce_check(person):
    # Two requests in one browser; the provider answers the first with the second's state,
    # as an injected code would arrive. The state matches, the PKCE verifier does not.
    first, second = person.start(), person.start()
    second_state = parse_qs(urlsplit(second).query)["state"][0]
    page = person.back_at(person.at_provider(with_query(first, state=second_state), "pat"))
    assert page.status_code == 400
    assert not signed_in(person)


def test_a_changed_state_is_refused(person):
    callback = person.at_provider(person.start(), "newcomer")
    page = person.back_at(with_query(callback, state="x" * 32))
    assert page.status_code == 400
    assert "did not match this browser" in page.text
    assert not signed_in(person)


def test_a_callback_is_good_once_and_only_in_its_own_browser(person):
    callback = person.at_provider(person.start(), "newcomer")
    # Someone else's browser (a forged sign-in link) has no state to match it.
    stranger = Person(person.base)
    assert stranger.back_at(callback).status_code == 403
    assert not signed_in(stranger)
    person.back_at(callback)
    assert signed_in(person)
    assert person.back_at(callback).status_code == 400  # its state was used up
    assert person.post_form("/sign-out/").status_code == 302
    assert person.back_at(callback).status_code == 403
    assert not signed_in(person)


def test_a_changed_nonce_is_refused(person):
    authorise = with_query(person.start(), nonce="n" * 32)
    page = person.back_at(person.at_provider(authorise, "newcomer"))
    assert page.status_code == 400
    assert not signed_in(person)
    assert not User.objects.filter(email="new.starter@council.example").exists()


def test_sign_ins_and_refusals_are_in_the_sign_in_log(person):
    person.sign_in("newcomer")
    entry = AccessLog.objects.get()
    assert (entry.username, entry.path_info) == (
        "new.starter@council.example",
        "/sign-in/oidc/callback/",
    )
    Person(person.base).sign_in("unconfirmed")
    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.path_info) == (
        "unconfirmed@council.example",
        "/sign-in/oidc/callback/",
    )
    client = Client()
    client.force_login(UserFactory(username="admin", role=Role.ADMINISTRATOR))
    page = client.get("/casework/settings/sign-ins/")
    assert page.status_code == 200
    assert page.content.decode().count("Single sign-on") == 2


def test_an_id_token_for_another_issuer_or_client_is_refused(single_sign_on):
    good = {"iss": single_sign_on.issuer, "aud": CLIENT_ID, "sub": "pat"}
    check_id_token(good)
    check_id_token({**good, "aud": [CLIENT_ID, "other"], "azp": CLIENT_ID})
    for bad in (
        {**good, "iss": single_sign_on.issuer + "/elsewhere"},
        {**good, "aud": "another-client"},
        {**good, "aud": [CLIENT_ID, "other"], "azp": "other"},
        {**good, "sub": ""},
    ):
        with pytest.raises(SuspiciousOperation):
            check_id_token(bad)
