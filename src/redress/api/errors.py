"""Every failure the API returns is 4xx JSON: ``{"detail": "...", "errors": {field: [...]}}``.

``detail`` is a sentence for a person; ``errors`` names each field (dotted path, like
``person.email``) with the rule it broke. Validation messages from pydantic are rewritten
here into that form, so clients never see pydantic's internal wording or locations.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic import Field

from redress.api.fields import DATE_RANGE
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed

# ninja prefixes each location with where the value came from, then the name of the view's
# parameter (every view here calls them ``payload`` and ``filters``): neither means anything
# to a client.
_SOURCES = {"body", "query", "path"}
_PARAMETERS = {"payload", "filters"}
BODY = "body"


class ErrorCode(StrEnum):
    """What kind of failure it was, for a client to branch on without reading the words."""

    INVALID_REQUEST = "invalid_request"  # the request breaks the published schema
    RULE = "rule"  # well formed, but breaks a rule that depends on the data or on today
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"  # the case has changed, or the action is not open to it now
    FORBIDDEN = "forbidden"
    UNAUTHENTICATED = "unauthenticated"
    TOO_LARGE = "too_large"
    UNREADABLE = "unreadable"  # the body is not JSON, or the request could not be read
    RATE_LIMITED = "rate_limited"


# Validation failures that the schema cannot express, so are rules rather than bad requests.
RULE_TYPES = {DATE_RANGE}
_CODE_OF_STATUS = {
    400: ErrorCode.UNREADABLE,
    401: ErrorCode.UNAUTHENTICATED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    409: ErrorCode.CONFLICT,
    413: ErrorCode.TOO_LARGE,
    422: ErrorCode.RULE,
    429: ErrorCode.RATE_LIMITED,
}


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, written for a person to read.")
    code: ErrorCode = Field(
        description="invalid_request: the request breaks the published schema; rule: it is "
        "well formed but breaks a rule that depends on the data or on today; the others "
        "follow the status."
    )
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="Messages per field, keyed by the field's path."
    )


# Every operation may answer with any of these: each is documented on every operation so a
# client (and the schema checks) know every status the API can give.
ERRORS: dict[int, Any] = {status: ErrorOut for status in _CODE_OF_STATUS}


def field_path(loc: tuple[Any, ...]) -> str:
    parts = list(loc)
    if parts and parts[0] in _SOURCES:
        parts.pop(0)
        if parts and parts[0] in _PARAMETERS:
            parts.pop(0)
    return ".".join(str(p) for p in parts) or BODY


def _rule(error: dict[str, Any]) -> str:
    """The broken rule as the end of a sentence that starts with the field's name."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a field this request accepts"
    if kind in {"string_type", "string_unicode"}:
        return "must be text"
    if kind == "string_too_long":
        return f"must be {ctx.get('max_length')} characters or fewer"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return "may contain only letters, digits, hyphens and underscores"
    if kind in {"literal_error", "enum"}:
        return f"must be one of {ctx.get('expected')}"
    if kind in {"int_type", "int_parsing", "int_from_float", "int_parsing_size"}:
        return "must be a whole number"
    if kind == "greater_than_equal":
        return f"must be {ctx.get('ge')} or more"
    if kind == "less_than_equal":
        return f"must be {ctx.get('le')} or fewer"
    if kind in {"bool_type", "bool_parsing"}:
        return "must be true or false"
    if kind.startswith("datetime"):
        return "must be a date and time in ISO 8601 form, like 2026-11-02T09:30:00+00:00"
    if kind.startswith("date"):
        return "must be a date in the form YYYY-MM-DD, like 2026-11-02"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "must be a JSON object"
    if kind in {"value_error", DATE_RANGE}:
        return str(ctx.get("error", error.get("msg", "is not valid")))
    return f"is not valid: {error.get('msg', '').rstrip('.')}"


def _message(path: str, error: dict[str, Any]) -> str:
    if path == BODY:
        return f"The request body {_rule(error)}."
    return f"{path} {_rule(error)}."


def summary(errors: dict[str, list[str]]) -> str:
    messages = [m for ms in errors.values() for m in ms]
    if len(messages) == 1:
        return messages[0]
    return f"The request has {len(messages)} problems. " + " ".join(messages[:3])


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    detail: str,
    errors: dict[str, list[str]] | None = None,
    code: ErrorCode | None = None,
) -> HttpResponse:
    body = {"detail": detail, "code": code or _CODE_OF_STATUS.get(status, ErrorCode.RULE)}
    return api.create_response(request, {**body, "errors": errors or {}}, status=status)


def install(api: NinjaAPI) -> None:
    """Register the handlers that give every failure the same JSON shape."""

    @api.exception_handler(ValidationError)
    def invalid_request(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            path = field_path(tuple(error.get("loc", ())))
            errors.setdefault(path, []).append(_message(path, error))
        code = ErrorCode.INVALID_REQUEST
        if all(error["type"] in RULE_TYPES for error in exc.errors):
            code = ErrorCode.RULE
        return error_response(api, request, 422, summary(errors), errors, code)

    @api.exception_handler(InvalidInput)
    def invalid_input(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
        return error_response(api, request, 422, exc.message, exc.field_errors)

    @api.exception_handler(TransitionNotAllowed)
    def not_now(request: HttpRequest, exc: TransitionNotAllowed) -> HttpResponse:
        return error_response(api, request, 409, exc.message)

    @api.exception_handler(NotPermitted)
    def forbidden(request: HttpRequest, exc: NotPermitted) -> HttpResponse:
        return error_response(api, request, 403, exc.message)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = error_response(
            api,
            request,
            401,
            "Send a valid API token in the Authorization header, as 'Bearer <token>'.",
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        detail = str(exc)
        if exc.status_code == 400 and detail.startswith("Cannot parse request body"):
            detail = "The request body must be valid JSON, encoded as UTF-8."
            return error_response(api, request, 400, detail, {BODY: [detail]})
        return error_response(api, request, exc.status_code, detail)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return error_response(api, request, 413, "The request body is too large.")

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        return error_response(api, request, 400, "The request could not be read.")
