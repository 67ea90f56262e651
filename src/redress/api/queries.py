"""Query strings are checked like bodies: a parameter the operation does not take is refused,
so a misspelt filter is reported instead of silently returning everything."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest
from ninja import Schema
from ninja.errors import ValidationError


def refuse_unknown_parameters(request: HttpRequest, known: Iterable[str]) -> None:
    unknown = sorted(set(request.GET) - set(known))
    if unknown:
        raise ValidationError(
            [{"type": "extra_forbidden", "loc": ("query", name), "msg": ""} for name in unknown]
        )


def parameters_of(schema: type[Schema]) -> frozenset[str]:
    """The query parameter names a filters schema takes (aliases where it has them)."""
    return frozenset(field.alias or name for name, field in schema.model_fields.items())
