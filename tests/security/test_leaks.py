"""Nothing of a restricted case reaches anyone not granted access to it, on any page or API
operation the project serves.

The walk finds every URL pattern in the URLconf (the admin's and the API's included) and every
operation in the API's OpenAPI schema, fills their path parameters from ``candidate_values``,
and requests each as each persona of ``world.PERSONAS``: GET, and POST too where GET is
refused with 405 (the action endpoints). A response leaks when its body or headers contain
any of the restricted case's distinctive text; a POST must leave the case's timeline as it
was. The officer granted access walks the same URLs and must meet every piece of that text,
which proves the walk reaches everything it checks.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.test import Client
from django.utils import timezone

from redress.accounts.models import ApiToken
from redress.accounts.services import api_token_create
from redress.api.api import api
from redress.cases.adjustment_models import ReasonableAdjustment
from redress.cases.admin_visibility import VisibleCasesAdmin
from redress.cases.models import Attachment, Case, OutstandingAction, Person, Remedy
from redress.learning.models import LearningAction
from redress.ombudsman.models import OmbudsmanRecommendation, OmbudsmanRequest
from redress.ombudsman.views import ACTIONS as OMBUDSMAN_ACTIONS
from redress.portal.flow import BY_SLUG as PORTAL_STEPS
from redress.privacy.models import RetentionRule
from redress.staff.models import TemplatePurpose
from redress.staff.views.actions import SPECS as STAFF_ACTIONS
from tests.security.register_world import GOVERNANCE, register_messages, register_values
from tests.security.walker import Walked, body_text, concrete_urls, url_patterns
from tests.security.world import GRANTED, MEMBER, PERSONAS, SURNAME, World, build_world

pytestmark = pytest.mark.django_db

Values = Callable[[str, str, type[Model] | None], list[str] | None]


# --- the table of candidate values ------------------------------------------------------------


def case_lookup(model: type[Model]) -> str | None:
    """The lookup from ``model``'s rows to their case, up to two foreign keys away, or None
    for a model that is not about any case."""
    if model is Case:
        return "pk"
    if model is Person:
        return "cases"
    keys = [f for f in model._meta.get_fields() if f.many_to_one and f.related_model]
    for key in keys:
        if key.related_model is Case:
            return key.name
    for key in keys:
        inner = [f for f in key.related_model._meta.get_fields() if f.many_to_one]
        for second in inner:
            if second.related_model is Case:
                return f"{key.name}__{second.name}"
    return None


def _ids_in_world(model: type[Model], world: World) -> list[str]:
    """The rows of the restricted and the ordinary case, for a model about cases. For another
    model, the rows the restricted case refers to (its service's delete page, say, would list
    what it orphans) and two more, as the pages of every other row are the same page."""
    lookup = case_lookup(model)
    rows = model._default_manager.all()
    if lookup is not None:
        # The ordinary case's too: it is linked to the restricted one.
        cases = (world.restricted.pk, world.ordinary.pk)
        ids = list(rows.filter(**{f"{lookup}__in": cases}).values_list("pk", flat=True))
    else:
        ids = [pk for pk in _referred_to_by(world.restricted) if isinstance(pk, model)]
        ids = [row.pk for row in ids] + list(rows.order_by("pk").values_list("pk", flat=True)[:2])
    unique = [str(pk) for pk in dict.fromkeys(ids)]
    return unique or ["999999"]  # no rows: the page is still walked, and answers "not found"


def _referred_to_by(case: Case) -> list[Model]:
    version = case.procedure_version
    return [case.service, version, version.procedure, case.person]


def _privacy_ids(world: World) -> list[str]:
    """People (for erasure), the retention report and its rule."""
    report = world.retention_report
    rules = RetentionRule.objects.values_list("pk", flat=True)
    people = [world.restricted.person_id, world.ordinary.person_id]
    return [str(pk) for pk in [*people, report.pk if report else 0, *rules]]


def candidate_values(world: World) -> Values:
    restricted = world.restricted
    ombudsman_items = [
        str(pk)
        for model in (OmbudsmanRequest, OmbudsmanRecommendation)
        for pk in model.objects.filter(ombudsman_case__case=restricted).values_list("pk", flat=True)
    ]
    messages = [str(world.letter.pk), str(world.email.pk), *register_messages(world.register)]
    remedies = [
        str(pk) for pk in Remedy.objects.filter(case=restricted).values_list("pk", flat=True)
    ]
    actions = [
        str(pk)
        for pk in OutstandingAction.objects.filter(case=restricted).values_list("pk", flat=True)
    ]
    adjustments = [
        str(pk)
        for pk in ReasonableAdjustment.objects.filter(case=restricted).values_list("pk", flat=True)
    ]
    learning = [
        str(pk)
        for pk in LearningAction.objects.filter(case=restricted).values_list("pk", flat=True)
    ]
    step_keys = ["panel", "report", "response", "agreed", "delay"]
    by_name: dict[str, list[str]] = {
        "reference": [restricted.reference, world.ordinary.reference],
        "token": [world.attachment_token],
        "purpose": list(TemplatePurpose.values),
        "year": [str(timezone.localdate().year)],
        "remedy_id": remedies,
        "action_id": actions,
        "learning_id": learning,
        "person_id": [str(restricted.person_id), str(world.ordinary.person_id)],
        "attachment_id": [str(a.pk) for a in Attachment.objects.filter(case=restricted)],
        "request_id": [
            str(pk)
            for pk in OmbudsmanRequest.objects.filter(ombudsman_case__case=restricted).values_list(
                "pk", flat=True
            )
        ],
        # The world's referral has no recommendation yet: any id finds nothing, as it should.
        "recommendation_id": [
            str(pk)
            for pk in OmbudsmanRecommendation.objects.filter(
                ombudsman_case__case=restricted
            ).values_list("pk", flat=True)
        ]
        or ["1"],
        "key": step_keys,
    }
    by_namespace: dict[tuple[str, str], list[str]] = {
        ("staff", "pk"): [*messages, str(world.draft.pk), *remedies, *actions, *adjustments],
        ("staff", "slug"): [*STAFF_ACTIONS, restricted.service.slug],
        ("ombudsman", "pk"): ombudsman_items,
        ("inbound", "pk"): [str(item.pk) for item in world.inbound],
        ("imports", "pk"): [str(world.import_file.pk)] if world.import_file else [],
        ("reporting", "number"): ["6.2", "8.5"],  # a provision of the Code; one only HOS has
        ("ombudsman", "slug"): list(OMBUDSMAN_ACTIONS),
        ("notifications", "pk"): messages,
        ("learning", "pk"): learning,
        ("privacy", "pk"): _privacy_ids(world),
        # The API tokens' revoke page: only the owner's own token is found, by anyone.
        ("", "pk"): [str(pk) for pk in ApiToken.objects.values_list("pk", flat=True)[:3]] or ["1"],
        ("portal", "slug"): list(PORTAL_STEPS),
        ("admin", "app_label"): sorted({m._meta.app_label for m in admin.site._registry}),
        ("admin", "url"): ["no-such-page/"],
        ("admin", "id"): [str(u.pk) for u in world.users.values() if u is not None],
        ("admin", "content_type_id"): [
            str(ContentType.objects.get_for_model(m).pk) for m in (Case, Person)
        ],
        ("admin", "object_id"): [str(restricted.pk), str(restricted.person_id)],
        ("trends", "pk"): [str(alert.pk) for alert in world.alerts],
        ("disclosure", "pk"): [str(restricted.person_id), str(world.ordinary.person_id)],
        ("disclosure", "exemption"): [str(world.exemption.pk)] if world.exemption else [],
        **register_values(world.register),
    }

    def values(namespace: str, name: str, model: type[Model] | None) -> list[str] | None:
        if namespace == "admin" and name == "object_id" and model is not None:
            return _ids_in_world(model, world)
        return by_namespace.get((namespace, name), by_name.get(name))

    return values


# --- requests and what counts as a leak -------------------------------------------------------


class Walk:
    def __init__(self, world: World, persona: str):
        self.world = world
        self.persona = persona
        self.user = world.users[persona]
        self.client = Client()
        self.requests = 0
        self.leaks: list[str] = []
        self.seen: set[str] = set()
        self.timeline = world.timeline_length()
        self._sign_in()

    def _sign_in(self) -> None:
        if self.user is not None:
            self.client.force_login(self.user)

    def check(self, method: str, url: str, response: Any) -> None:
        self.requests += 1
        text = body_text(response) + "\n" + "\n".join(f"{k}: {v}" for k, v in response.items())
        # The address asked for is no secret: a sign-in redirect carrying it back is fine.
        for echo in (url, quote(url), quote(url, safe="")):
            text = text.replace(echo, "")
        # The restricted case's text is the granted officer's; the register's, the group's.
        checked = [(self.world.secrets, GRANTED), (self.world.register_secrets, GOVERNANCE)]
        if self.persona == MEMBER:
            checked.append((self.world.any_case_secrets, GRANTED))
        for secrets, owner in checked:
            for what, secret in secrets.items():
                if secret in text:
                    self.seen.add(what)
                    if self.persona != owner:
                        self.leaks.append(
                            f"{method} {url} -> {response.status_code} shows the {what}"
                        )
        assert response.status_code < 500, f"{method} {url} -> {response.status_code}"
        if method == "POST" and self.persona != GRANTED:
            after = self.world.timeline_length()
            if after != self.timeline:
                self.leaks.append(f"POST {url} changed the restricted case's timeline")
                self.timeline = after

    def page(self, url: str, is_list: bool) -> None:
        response = self.client.get(url)
        self.check("GET", url, response)
        if response.status_code == 200 and is_list:
            # Search boxes and filters: what a searcher would type to find the person.
            searched = f"{url}?q={SURNAME}&text={SURNAME}"
            self.check("GET", searched, self.client.get(searched))
        elif response.status_code == 405:
            self.check("POST", url, self.client.post(url))
        if self.user is not None and "_auth_user_id" not in self.client.session:
            self._sign_in()  # a sign-out page was walked: carry on as the same person


def all_page_urls(values: Values) -> dict[str, bool]:
    """Every URL to walk, and whether it is a list (no path parameters) to search as well."""
    urls: dict[str, bool] = {}
    for walked in url_patterns():
        found = concrete_urls(walked, lambda w, name: values(w.namespace, name, w.admin_model))
        assert found or _duplicate(walked), f"no URL could be made for {walked.describe()}"
        urls.update(dict.fromkeys(found, not walked.parameters))
    return urls


def _duplicate(walked: Walked) -> bool:
    """Two patterns for one path (the API's list and create), the first answering both."""
    return sum(1 for w in url_patterns() if w.route == walked.route) > 1


# --- the API, operation by operation ----------------------------------------------------------


def _example(schema: dict[str, Any], components: dict[str, Any]) -> Any:
    """A plausible value for a JSON schema: enough to get past validation to the case lookup."""
    if "$ref" in schema:
        return _example(components[schema["$ref"].rsplit("/", 1)[1]], components)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            return _example(options[0], components)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        return {name: _example(prop, components) for name, prop in props.items()}
    if kind == "array":
        return []
    if kind == "integer" or kind == "number":
        return 1
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return timezone.localdate().isoformat()
    if schema.get("format") == "date-time":
        return (timezone.now() - dt.timedelta(hours=1)).isoformat()
    return "Written by the leak test"


def api_calls(values: Values) -> list[tuple[str, str, Any]]:
    """(method, path, body) for every operation in the schema, path parameters filled."""
    schema = api.get_openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    calls = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"]
            paths = [path]
            for name in names:
                found = values("api-v1", name, None)
                assert found is not None, f"no candidate values for {name!r} in {path}"
                paths = [p.replace("{" + name + "}", v) for p in paths for v in found]
            body = None
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                body = _example(content["application/json"]["schema"], components)
            query = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            searched = "text" in query
            for filled in paths:
                calls.append((method.upper(), filled, body))
                if searched:
                    calls.append((method.upper(), f"{filled}?text={SURNAME}", body))
    return calls


# --- the tests ----------------------------------------------------------------------------------


@pytest.fixture
def world(settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    return build_world()


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_shows_a_restricted_case_to_anyone_not_granted_access(world, persona):
    values = candidate_values(world)
    walk = Walk(world, persona)
    for url, is_list in all_page_urls(values).items():
        walk.page(url, is_list)
    assert walk.requests > 300, "the walk found far fewer pages than the project serves"
    print(f"{persona}: {walk.requests} requests")
    assert not walk.leaks, f"{persona} saw the restricted case:\n" + "\n".join(walk.leaks)
    if persona == GRANTED:
        # The walk reaches every piece of the restricted case: so it would see a leak of any.
        assert walk.seen == set(world.secrets), set(world.secrets) - walk.seen
    if persona == GOVERNANCE:
        # And every piece of the register, which only the group may read.
        assert walk.seen == set(world.register_secrets), set(world.register_secrets) - walk.seen
    if persona == MEMBER:
        # The Member walked as someone signed in with pages to see: the figures.
        assert walk.client.get("/reports/").status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_api_operation_shows_a_restricted_case_to_anyone_not_granted_access(world, persona):
    values = candidate_values(world)
    walk = Walk(world, persona)
    user = world.users[persona]
    headers = {}
    if user is not None:
        headers = {"Authorization": f"Bearer {api_token_create(user=user)[1]}"}
    client = Client(headers=headers)
    for method, path, body in api_calls(values):
        if method == "GET":
            response = client.get(path)
        elif persona == GRANTED:
            continue  # the granted officer reads; acting on the case would change the world
        else:
            response = client.generic(
                method, path, json.dumps(body or {}), content_type="application/json"
            )
        walk.check(method, path, response)
    assert walk.requests >= 5
    assert not walk.leaks, f"{persona} saw the restricted case:\n" + "\n".join(walk.leaks)
    if persona == GRANTED:
        assert {"reference", "person's name", "summary"} <= walk.seen
    if persona == GOVERNANCE:
        assert {"register behaviour", "register reasons"} <= walk.seen


def test_every_admin_of_a_model_about_cases_filters_by_visibility():
    """A ModelAdmin added later for a model related to a case must use the visibility mixin."""
    unfiltered = [
        f"{model._meta.label} ({type(model_admin).__name__})"
        for model, model_admin in admin.site._registry.items()
        if case_lookup(model) is not None and not isinstance(model_admin, VisibleCasesAdmin)
    ]
    assert not unfiltered, "these admins show restricted cases: " + ", ".join(unfiltered)


def test_a_parameter_with_no_candidate_values_fails_loudly(world):
    """A new page whose path parameter the table does not know stops the walk."""
    from tests.security.walker import MissingValues

    values = candidate_values(world)

    def forgetful(namespace: str, name: str, model: type[Model] | None) -> list[str] | None:
        return None if name == "token" else values(namespace, name, model)

    with pytest.raises(MissingValues, match="token"):
        for walked in url_patterns():
            concrete_urls(walked, lambda w, name: forgetful(w.namespace, name, w.admin_model))
