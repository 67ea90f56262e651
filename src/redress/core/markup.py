"""What the tables written in Python (``staff.case_rows``, ``learning.rows`` and the like)
share: one way to escape a value from the database, and one way to put a row's id into an
address reversed once per table (a reversal for each row cost more than the row)."""

from __future__ import annotations

from html import escape

from django.urls import reverse

_MARKER = "9999999999"  # stands for an id in an address reversed with ``address_for``


def text(value: object) -> str:
    """``value`` as text safe in an element or a quoted attribute."""
    return escape(str(value), quote=True)


def address_for(name: str, *args: object) -> str:
    """The address of URL ``name`` with ``{id}`` where its last argument, an id, goes: fill
    it in with ``str.replace``."""
    return reverse(name, args=[*args, int(_MARKER)]).replace(_MARKER, "{id}")
