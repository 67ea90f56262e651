"""Every URL the project serves, found in the URLconf, with its parameters filled in.

``url_patterns()`` walks ``get_resolver()`` recursively (the admin's and the API's patterns
included), so a page added tomorrow is walked tomorrow. ``concrete_urls`` fills each path
parameter from a table of candidate values keyed by the parameter's name (optionally by the
namespace it lives in); a parameter the table has no values for is an error, not a skip.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import product
from typing import Any

from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern

ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Walked:
    segments: tuple[Any, ...]  # the RoutePattern or RegexPattern of each level
    namespace: str
    name: str | None
    callback: Callable[..., Any]
    admin_model: type[Model] | None  # the model, for a pattern under a ModelAdmin's urls

    @property
    def parameters(self) -> list[str]:
        names: list[str] = []
        for segment in self.segments:
            names += list(segment.regex.groupindex)
        return names

    @property
    def route(self) -> str:
        """As ``ResolverMatch.route`` writes it: each inner segment's leading ^ dropped."""
        first, *rest = [str(s) for s in self.segments]
        return first + "".join(s.removeprefix("^") for s in rest)

    def describe(self) -> str:
        return f"{self.route} ({self.namespace}:{self.name})"


def url_patterns() -> list[Walked]:
    return list(_walk(get_resolver().url_patterns, (), "", None))


def _walk(
    patterns: list[Any], segments: tuple[Any, ...], namespace: str, model: type[Model] | None
) -> Iterator[Walked]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner_model = _model_of_admin(pattern) or model
            yield from _walk(
                pattern.url_patterns,
                (*segments, pattern.pattern),
                pattern.namespace or namespace,
                inner_model,
            )
        elif isinstance(pattern, URLPattern):
            yield Walked(
                (*segments, pattern.pattern), namespace, pattern.name, pattern.callback, model
            )


def _model_of_admin(resolver: URLResolver) -> type[Model] | None:
    # A ModelAdmin's urls are included from its ``urls`` property; the resolver keeps the
    # ModelAdmin as its urlconf_name's owner only indirectly, through the patterns' callbacks.
    for pattern in resolver.url_patterns:
        admin = getattr(getattr(pattern, "callback", None), "model_admin", None)
        if admin is not None:
            return admin.model  # type: ignore[no-any-return]
    return None


class MissingValues(AssertionError):
    pass


def concrete_urls(walked: Walked, values: Callable[[Walked, str], list[str] | None]) -> list[str]:
    """Each combination of candidate values that the pattern really resolves to itself."""
    names = walked.parameters
    choices = []
    for name in names:
        found = values(walked, name)
        if found is None:
            raise MissingValues(
                f"No candidate values for the parameter {name!r} of {walked.describe()}: "
                "add them to the table in tests/security/test_leaks.py"
            )
        choices.append(found)
    urls = []
    for combination in product(*choices):
        filled = dict(zip(names, combination, strict=True))
        url = "/" + "".join(_fill(segment, filled) for segment in walked.segments)
        if _resolves_to(url, walked):
            urls.append(url)
    return urls


def _fill(segment: Any, values: dict[str, str]) -> str:
    if isinstance(segment, RoutePattern):
        return ROUTE_PARAMETER.sub(lambda m: values[m.group("name")], str(segment))
    assert isinstance(segment, RegexPattern), segment
    return _fill_regex(str(segment), values)


def _fill_regex(pattern: str, values: dict[str, str]) -> str:
    """Replace each named group, parentheses nested or not, with its value; then drop the
    anchors and escapes. The result is checked by resolving it, so a regex this cannot write
    out shows up as a pattern with no URL rather than as a wrong one."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("(?P<", i):
            name = pattern[i + 4 : pattern.index(">", i)]
            depth, j = 0, i
            while True:
                if pattern[j] == "(" and pattern[j - 1 : j] != "\\":
                    depth += 1
                elif pattern[j] == ")" and pattern[j - 1 : j] != "\\":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            out.append(values[name])
            i = j + 1
        else:
            out.append(pattern[i])
            i += 1
    text = "".join(out)
    return re.sub(r"\\(.)", r"\1", text.removeprefix("^").removesuffix("$").removesuffix(r"\Z"))


def _resolves_to(url: str, walked: Walked) -> bool:
    try:
        match = resolve(url)
    except Resolver404:
        return False
    return match.route == walked.route


def body_text(response: Any) -> str:
    """All a response sends, as text: streamed bodies joined, workbooks unzipped."""
    if getattr(response, "streaming", False):
        raw = b"".join(response.streaming_content)
    else:
        raw = response.content
    if raw[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            raw = b"".join(archive.read(name) for name in archive.namelist())
    return raw.decode("utf-8", errors="replace")
