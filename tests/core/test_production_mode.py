"""Production mode, checked in a fresh process (settings are read once, at start-up)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import redress

PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client()
plain = client.get("/feedback/")
secure = client.get("/no-such-page/", secure=True)
proxied = client.get("/no-such-page/", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location", "")],
    "secure": dict(secure.headers),
    "proxied": proxied.status_code,
    "cookie_secure": __import__("django.conf").conf.settings.SESSION_COOKIE_SECURE,
}))
"""


def _production_env(tmp_path: Path) -> dict[str, str]:
    # The browser fixtures set DJANGO_ALLOW_ASYNC_UNSAFE for this test process; not for this one.
    unwanted = ("DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in unwanted}
    env.update(
        REDRESS_PRODUCTION="1",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver,complaints.example.gov.uk",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
        REDRESS_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="redress.settings",
        PYTHONPATH=str(Path(redress.__file__).parents[1]),
    )
    return env


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(tmp_path), capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_mode_redirects_to_https_and_sends_hsts_and_the_policies(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=_production_env(tmp_path), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])

    assert seen["plain"] == [301, "https://testserver/feedback/"]
    headers = seen["secure"]
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert "includeSubDomains" in headers["Strict-Transport-Security"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Cache-Control"] == "no-store"
    assert "camera=()" in headers["Permissions-Policy"]
    # The proxy's header is believed, so a request it forwarded over HTTPS is not redirected.
    assert seen["proxied"] == 404
    assert seen["cookie_secure"] is True
