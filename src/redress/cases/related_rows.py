"""Which of a case's related tables hold rows for it, asked once for a page of many sections.

The staff case page has a dozen sections, each reading its own table (remedies, learning, the
Ombudsman, legal holds and so on), and most cases have nothing in most of them. Each empty read
still cost a query: building it in the ORM and the round trip came to 1–3 ms, a third of the
page. ``note_related_rows`` asks in one query which of the named relations have rows, and a
section asks ``may_have_rows`` before it reads: when the answer is no it shows its empty state
without a query. A case that was not noted reads everything, as before.

Relations are named as on the model: ``remedies`` is ``Case.remedies``; ``person.adjustments``
is the case's person's. This says only whether rows exist, never what they hold: each section
still reads its rows through its own rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django.db import connections
from django.db.models import ForeignObjectRel

from redress.cases.models import Case, Person

_NOTED = "_related_rows_with_rows"


@cache
def _probe(relation: str) -> tuple[str, str]:
    """The EXISTS clause for one relation, and which of the case's ids it takes."""
    model: type[Case] | type[Person] = Case
    key, name = "id", relation
    if relation.startswith("person."):
        model, key, name = Person, "person_id", relation.removeprefix("person.")
    relation_field = model._meta.get_field(name)
    assert isinstance(relation_field, ForeignObjectRel), f"{relation} is not a reverse relation"
    table = relation_field.related_model._meta.db_table  # type: ignore[union-attr]  # a model once apps are ready
    column = relation_field.field.column
    return f'EXISTS (SELECT 1 FROM "{table}" WHERE "{column}" = %s)', key


def note_related_rows(case: Case, relations: Iterable[str]) -> None:
    """Ask once which of ``relations`` hold rows for ``case``; ``may_have_rows`` answers after."""
    names = list(relations)
    probes = [_probe(name) for name in names]
    sql = "SELECT " + ", ".join(clause for clause, _ in probes)
    params = [getattr(case, key) for _, key in probes]
    with connections[case._state.db or "default"].cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    setattr(case, _NOTED, frozenset(name for name, has in zip(names, found, strict=True) if has))


def may_have_rows(case: Case, relation: str) -> bool:
    """False only when ``note_related_rows`` found no rows for ``relation``."""
    noted = getattr(case, _NOTED, None)
    return noted is None or relation in noted
