"""Where an alert becomes a learning action, in the same transaction as the alert is marked
actioned (``services.alert_to_learning``).

The learning action is raised by the system on the reader's decision, and recorded as raised
by them: anyone who may act on the alert may start the learning, while ``redress.learning``
lets only the complaints team raise learning without a case. It goes to the service area the
reader chose (the alert's own, for an alert about a service area or category), owned by its
head of service (or the reader, if the area has none), as proposed, due in four weeks: the
owner agrees it, or not, and changes its details on its page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from redress.cases.models import Service
from redress.cases.permissions import role_of, sees_figures_only
from redress.core import clock
from redress.core.dates import long_date
from redress.learning.models import LearningAction
from redress.learning.services import learning_raise
from redress.trends.models import TrendAlert

DUE_AFTER = dt.timedelta(weeks=4)


def _owner(service: Service, by: Any) -> Any:
    head = service.head
    if head is not None and head.is_active and role_of(head) and not sees_figures_only(head):
        return head
    return by


def raise_learning_action_for_alert(
    *, alert: TrendAlert, by: Any, note: str, service: Service
) -> LearningAction:
    week = long_date(alert.week_starting)
    return learning_raise(
        by=None,
        on_behalf_of=by,
        lesson=f"{alert.scope_name}: {alert.count} cases in the week starting {week}, "
        f"against {alert.expected:.1f} expected. {note}",
        change=note,
        service=service,
        owner=_owner(service, by),
        due_on=clock.today() + DUE_AFTER,
        source=f"Trend alert {alert.pk}: {alert.scope_name}"[:200],
    )
