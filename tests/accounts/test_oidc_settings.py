"""Single sign-on's settings: refused at start-up with a message naming the setting when they
cannot work, and the role claim read as documented."""

import os
import subprocess
import sys

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured

from redress.accounts.oidc import environment, roles


def start_up(**env: str) -> subprocess.CompletedProcess[str]:
    """Import the settings in a fresh interpreter, as a process starting would."""
    return subprocess.run(
        [sys.executable, "-c", "import redress.settings"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"OIDC_ISSUER": "https://login.example"}, "set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET"),
        (
            {
                "OIDC_ISSUER": "http://login.example",
                "OIDC_CLIENT_ID": "c",
                "OIDC_CLIENT_SECRET": "s",
            },
            "OIDC_ISSUER must be an https:// address",
        ),
        ({"REDRESS_PASSWORD_SIGN_IN": "0", "OIDC_ISSUER": ""}, "nobody could sign in"),
        ({"OIDC_ROLE_MAP": "complaints-team"}, "OIDC_ROLE_MAP: 'complaints-team' is not"),
    ],
)
def test_settings_that_cannot_work_stop_the_start(env, message):
    result = start_up(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_settings_that_can_work_start():
    good = {
        "OIDC_ISSUER": "http://127.0.0.1:9",
        "OIDC_CLIENT_ID": "c",
        "OIDC_CLIENT_SECRET": "s",
        "REDRESS_PASSWORD_SIGN_IN": "0",
    }
    assert start_up(**good).returncode == 0


def test_the_role_map_is_value_equals_role():
    assert environment.role_map(" a = manager , Group With Spaces=administrator,") == {
        "a": "manager",
        "Group With Spaces": "administrator",
    }
    with pytest.raises(ImproperlyConfigured, match="'=manager' is not value=role"):
        environment.role_map("=manager")


def test_the_checks_name_a_role_that_is_not_one(settings):
    settings.OIDC_ROLE_CLAIM = "groups"
    settings.OIDC_ROLE_MAP = {"team": "boss"}
    messages = [str(error.msg) for error in run_checks()]
    assert any("'team=boss' names no role" in message for message in messages), messages
    settings.OIDC_ROLE_CLAIM = ""
    messages = [str(error.msg) for error in run_checks()]
    assert "OIDC_ROLE_MAP is set but OIDC_ROLE_CLAIM is not" in messages


def test_a_nested_claim_and_a_single_value(settings):
    settings.OIDC_ROLE_CLAIM = "realm_access.roles"
    settings.OIDC_ROLE_MAP = {
        "Managers": "manager",
        "boss": "boss",
        "Officers": "complaints_officer",
    }
    assert roles.mapped_role({"realm_access": {"roles": ["managers", "boss"]}}) == "manager"
    assert roles.mapped_role({"realm_access": {"roles": ["managers", "officers"]}}) == (
        "complaints_officer"
    )
    assert roles.mapped_role({"realm_access": "officers"}) == ""
    settings.OIDC_ROLE_CLAIM = "role"
    assert roles.mapped_role({"role": "Officers"}) == "complaints_officer"
    assert roles.mapped_role({}) == ""
