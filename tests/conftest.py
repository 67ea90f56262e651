import os

import pytest
from hypothesis import HealthCheck, settings

from redress.procedures.services import load_presets
from tests.browser_fixtures import axe, browser, page, smtp_server  # noqa: F401 (fixtures)

# Property tests: no per-example deadline (a loaded 2-core machine is slow, not wrong), and in
# CI the same examples every run, so a result never depends on the day's random draw.
settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")

_DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Test users get passwords; the real hasher costs about a second each on a small machine.

    Tests of the password rules themselves use the validators, which do not depend on this.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _two_factor_only_where_tested(settings, request):
    """Administrators and the governance group must set up two-factor sign-in by default.
    Tests of other things sign them in with a password or ``force_login``, so the requirement
    is lifted for them; tests marked ``two_factor`` keep the shipped default."""
    if request.node.get_closest_marker("two_factor") is None:
        settings.REDRESS = {
            **settings.REDRESS,
            "TWO_FACTOR_ROLES": (),
            "TWO_FACTOR_FOR_GOVERNANCE": False,
        }


@pytest.fixture(autouse=True)
def _procedure_presets(request):
    """Every test that touches the database finds the shipped procedures loaded.

    Loaded per test rather than once per session because transactional tests (the browser
    tests' live server) empty every table when they finish. ``load_presets`` is idempotent and
    costs one query once they exist.
    """
    if request.node.get_closest_marker("django_db") or _DB_FIXTURES & set(request.fixturenames):
        request.getfixturevalue("_django_db_helper")
        load_presets()
