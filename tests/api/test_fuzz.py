"""Generated junk never makes the API fail with a server error."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.conftest import log_body

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=300)
    | st.dates().map(str)
    | st.datetimes().map(lambda d: d.isoformat()),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
FIELDS = list(log_body()) + ["procedure", "category"]


@st.composite
def case_bodies(draw):
    """Mostly well-formed bodies with some fields replaced by junk, plus pure junk."""
    if draw(st.booleans()):
        return draw(json_values)
    body = log_body()
    for field in draw(st.lists(st.sampled_from(FIELDS), max_size=4)):
        body[field] = draw(json_values)
    return body


@pytest.mark.django_db
@FUZZ
@given(body=case_bodies())
def test_post_cases_never_fails_with_a_server_error(officer_api, housing, body):
    response = officer_api.post("/cases", raw=json.dumps(body))

    assert response.status_code < 500
    assert "detail" in response.json() or response.status_code == 201


@pytest.mark.django_db
@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "kind",
                "status",
                "stage",
                "service",
                "overdue",
                "due_before",
                "text",
                "cursor",
                "limit",
            ]
        ),
        st.text(max_size=40),
        max_size=4,
    )
)
def test_get_cases_never_fails_with_a_server_error(officer_api, housing, params):
    response = officer_api.get("/cases", params)

    assert response.status_code < 500


@pytest.mark.django_db
@FUZZ
@given(
    action=st.sampled_from(
        [
            "acknowledge",
            "extend",
            "respond",
            "escalate",
            "withdraw",
            "refuse",
            "close",
            "reopen",
            "assign",
        ]
    ),
    body=json_values,
)
def test_actions_never_fail_with_a_server_error(officer_api, case, action, body):
    response = officer_api.post(f"/cases/{case.reference}/{action}", raw=json.dumps(body))

    assert response.status_code < 500
