"""A real OpenID Connect provider for the single sign-on tests, and a person's browser as a
plain HTTP client that goes through its sign-in pages.

``identity_provider`` starts tests/accounts/oidc_provider.mjs (the npm package
``oidc-provider``) once per test process, with its own client registered for the live server's
callback, and stops it at the end. ``single_sign_on`` points Redress at it for one test.
"""

from __future__ import annotations

import json
import re
import secrets
import selectors
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

import pytest
import requests

from redress.accounts.oidc.config import forget_discovery
from redress.accounts.oidc.environment import csp_allowing_provider

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CLIENT_ID = "redress-tests"
CALLBACK = "/sign-in/oidc/callback/"
START_SECONDS = 30

# The provider's accounts: the login is the subject; the email's case differs from Redress's
# on purpose for Pat.
ACCOUNTS = {
    "newcomer": {
        "email": "new.starter@council.example",
        "email_verified": True,
        "given_name": "Nia",
        "family_name": "Starter",
        "groups": ["everyone"],
    },
    "pat": {
        "email": "Pat.Officer@Council.Example",
        "email_verified": True,
        "given_name": "Pat",
        "family_name": "Officer",
        "groups": ["everyone", "Complaints-Team"],
    },
    "ada": {
        "email": "ada.admin@council.example",
        "email_verified": True,
        "given_name": "Ada",
        "family_name": "Admin",
        "groups": ["complaints-team", "redress-admins"],
    },
    # The provider asked Ada for a second factor of its own when she signed in (its ID token
    # says "mfa").
    "ada-mfa": {
        "email": "ada.mfa@council.example",
        "email_verified": True,
        "given_name": "Ada",
        "family_name": "Twofactor",
        "groups": ["redress-admins"],
        "amr": ["pwd", "mfa"],
    },
    "unconfirmed": {
        "email": "unconfirmed@council.example",
        "email_verified": False,
        "groups": [],
    },
}


@dataclass
class Provider:
    issuer: str
    client_secret: str


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("The single sign-on tests need Node.js (node) on the PATH", pytrace=False)
    if not (ROOT / "node_modules" / "oidc-provider").exists():
        pytest.fail("oidc-provider is missing: run `npm install` (make test does)", pytrace=False)
    return node


def _wait_for_issuer(process: subprocess.Popen[str], log: Path) -> str:
    assert process.stdout is not None
    with selectors.DefaultSelector() as waiting:
        waiting.register(process.stdout, selectors.EVENT_READ)
        line = process.stdout.readline() if waiting.select(START_SECONDS) else ""
    if not line:
        process.kill()
        pytest.fail(f"The OpenID provider did not start:\n{log.read_text()}", pytrace=False)
    return str(json.loads(line)["issuer"])


@pytest.fixture(scope="session")
def identity_provider(live_server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc-provider")
    secret = secrets.token_urlsafe(24)
    client = {
        "client_id": CLIENT_ID,
        "client_secret": secret,
        "redirect_uris": [live_server.url + CALLBACK],
        "post_logout_redirect_uris": [live_server.url + "/sign-in/"],
        "token_endpoint_auth_method": "client_secret_basic",
    }
    config = folder / "provider.json"
    config.write_text(json.dumps({"client": client, "accounts": ACCOUNTS}))
    log = folder / "provider.log"
    with log.open("w") as errors:
        process = subprocess.Popen(
            [_node(), str(SCRIPT), str(config)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
    try:
        yield Provider(issuer=_wait_for_issuer(process, log), client_secret=secret)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def single_sign_on(settings, identity_provider):
    """Redress set up to sign staff in through the provider, with no role claim."""
    settings.OIDC_ISSUER = identity_provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = identity_provider.client_secret
    settings.OIDC_RP_SCOPES = "openid email profile groups"
    settings.OIDC_PROVIDER_NAME = "your Example Council account"
    settings.OIDC_ROLE_CLAIM = ""
    settings.OIDC_ROLE_MAP = {}
    settings.OIDC_PROVIDER_ENFORCES_MFA = False
    settings.CONTENT_SECURITY_POLICY = csp_allowing_provider(
        settings.CONTENT_SECURITY_POLICY, identity_provider.issuer
    )
    forget_discovery()
    yield identity_provider
    forget_discovery()


def with_query(url: str, **changes: str | None) -> str:
    """``url`` with query parameters replaced (or removed, for None)."""
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    return urlunsplit(parts._replace(query=urlencode(query)))


FORM = re.compile(r'<form[^>]*action="([^"]+)"[^>]*method="post"', re.I)
PROMPT = re.compile(r'name="prompt" value="(\w+)"')


class Person:
    """One person's browser: cookies for Redress and the provider, redirects followed by hand
    so that a test can see (and tamper with) each address on the way."""

    def __init__(self, base_url: str) -> None:
        self.base = base_url
        self.http = requests.Session()

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.http.get(urljoin(self.base, path), allow_redirects=False, timeout=30, **kwargs)

    def start(self, next_url: str = "") -> str:
        """Press "Sign in with ...": the address of the provider's authorisation request."""
        response = self.get("/sign-in/oidc/" + (f"?next={next_url}" if next_url else ""))
        assert response.status_code == 302, response.text
        return response.headers["Location"]

    def at_provider(self, url: str, login: str) -> str:
        """Go through the provider's pages as ``login`` (its login form, then its consent
        form) until it sends the browser back to Redress: that address, not yet followed."""
        for _ in range(12):
            if url.startswith(self.base):
                return url
            response = self.http.get(url, allow_redirects=False, timeout=30)
            if response.is_redirect:
                url = urljoin(url, response.headers["Location"])
                continue
            action, prompt = FORM.search(response.text), PROMPT.search(response.text)
            assert action and prompt, f"no sign-in form at {url}: {response.text[:500]}"
            fields = {"prompt": prompt[1]}
            if prompt[1] == "login":
                fields |= {"login": login, "password": "anything"}
            response = self.http.post(
                urljoin(url, action[1]), data=fields, allow_redirects=False, timeout=30
            )
            assert response.is_redirect, response.text[:500]
            url = urljoin(url, response.headers["Location"])
        raise AssertionError("the provider never sent the browser back")

    def back_at(self, callback: str) -> requests.Response:
        """Arrive at Redress's callback; follow its redirect to the first page, if any."""
        response = self.http.get(callback, allow_redirects=False, timeout=30)
        if response.status_code == 302 and response.headers["Location"].startswith("/"):
            response = self.get(response.headers["Location"])
        return response

    def sign_in(self, login: str, next_url: str = "") -> requests.Response:
        return self.back_at(self.at_provider(self.start(next_url), login))

    def post_form(self, path: str, data: dict[str, str] | None = None) -> requests.Response:
        """POST as a form of Redress's would, with the CSRF token its pages set."""
        fields = {"csrfmiddlewaretoken": self.http.cookies.get("csrftoken", "")} | (data or {})
        return self.http.post(
            urljoin(self.base, path), data=fields, allow_redirects=False, timeout=30
        )
