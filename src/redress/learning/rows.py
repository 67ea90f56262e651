"""The rows of a learning table (My work, the learning list, the case page) and an action's
status tag, written in Python.

Each row of the template took an include, a URL reversal and a dozen lookups: 3.4 ms for My
work's ten rows on the 1,000,000-case bench, against 0.3 ms here. The markup is the one the
template wrote; ``learning/includes/table.html`` keeps the table's head. Every value that came
from the database is escaped by ``core.markup.text``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from redress.core.dates import long_date
from redress.core.markup import address_for, text
from redress.learning.models import LearningStatus

CHANGE_SHOWN = 100  # characters of "what will change" in a table

ROW = (
    '<tr class="govuk-table__row">'
    '<td class="govuk-table__cell"><a class="govuk-link" href="{url}">{change}</a>{case}</td>'
    '<td class="govuk-table__cell">{service}</td>'
    '<td class="govuk-table__cell">{owner}</td>'
    '<td class="govuk-table__cell">{due}</td>'
    '<td class="govuk-table__cell">{status}</td>'
    "</tr>"
)

_COLOURS = {
    LearningStatus.DONE: "govuk-tag--green",
    LearningStatus.NOT_TAKEN_FORWARD: "govuk-tag--grey",
    LearningStatus.PROPOSED: "govuk-tag--blue",
}


def learning_rows(actions: Iterable[Any], today: dt.date) -> SafeString:
    address = address_for("learning:detail")
    return mark_safe("\n".join(_row(action, address, today) for action in actions))


def _row(action: Any, address: str, today: dt.date) -> str:
    case = action.case
    return ROW.format(
        url=text(address.replace("{id}", str(action.pk))),
        change=text(shortened(action.change)),
        case=f'<br><span class="govuk-body-s">From {text(case.reference)}</span>' if case else "",
        service=text(action.service.name),
        owner=text(action.owner.display_name),
        due=long_date(action.due_on),
        status=status_tag(action, today),
    )


def shortened(text: str) -> str:
    """At most ``CHANGE_SHOWN`` characters, ending "…" where cut (as Django's
    ``truncatechars`` does, without its translation lookup for each row)."""
    if len(text) <= CHANGE_SHOWN:
        return text
    return text[: CHANGE_SHOWN - 1] + "…"


def status_tag(action: Any, today: dt.date) -> str:
    """The status's coloured tag, and "Overdue" beside an open action past its date."""
    colour = _COLOURS.get(action.status, "govuk-tag--turquoise")
    tag = f'<strong class="govuk-tag {colour}">{text(action.get_status_display())}</strong>'
    if action.is_open and action.due_on < today:
        tag += ' <strong class="govuk-tag govuk-tag--red">Overdue</strong>'
    return tag
