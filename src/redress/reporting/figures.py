"""Figures for one reader, period, service and kind, read from the figures store.

Each figure is the sum of three parts that never overlap:

- the store's rows (``reporting.rollup``) for the unrestricted cases received in the period,
  in whole months where the period has them and in days at its ragged ends;
- for those same cases, the figures that depend on today's date (late but unanswered, open,
  overdue), from the store's waiting counts: what is waiting, by the date it falls due, is
  compared with today when read;
- every figure for the restricted cases this reader may see, counted live with
  ``reporting.measures`` (the definitions), because who may see them differs per reader.

The answers equal ``measures`` run over ``reportable_cases``; tests/reporting/test_figures.py
checks that on generated data.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.db.models import Min, Q, QuerySet, Sum

from redress.accounts.models import Role
from redress.cases.kinds import Channel, Kind, NotAcceptedReason, Status
from redress.cases.models import Case, Category, Directorate, Service
from redress.cases.permissions import role_of, service_ids_of
from redress.reporting import measures, rollup, statutory
from redress.reporting.models import (
    CaseCount,
    Grain,
    StageCount,
    StageEventCount,
    Waiting,
    WaitingCount,
)
from redress.reporting.periods import Period
from redress.reporting.scope import can_view_reports, received_in, reportable_cases

Answer = TypeVar("Answer")
Arguments = ParamSpec("Arguments")


def kept(
    method: Callable[Concatenate[Figures, Arguments], Answer],
) -> Callable[Concatenate[Figures, Arguments], Answer]:
    """The method's answer is worked out once per Figures and arguments: the sections of one
    report ask for some figures several times (refusals for three sections, complaint stages
    for two), and one report should read each figure once. Callers get a copy to change."""

    @wraps(method)
    def answer(figures: Figures, /, *args: Arguments.args, **kwargs: Arguments.kwargs) -> Answer:
        key = (method.__name__, args, tuple(sorted(kwargs.items())))
        if key not in figures._answers:
            figures._answers[key] = method(figures, *args, **kwargs)
        found: Answer = figures._answers[key]
        return copy.copy(found)

    return answer


class Figures:
    """What one reader's reports count: the cases they may see (a manager: their services),
    optionally of one service and kind, received in the period."""

    def __init__(
        self,
        user: Any,
        period: Period,
        today: dt.date,
        service: Service | None = None,
        kind: str = "",
        directorate: Directorate | None = None,
    ) -> None:
        rollup.refresh()
        self._answers: dict[tuple[Any, ...], Any] = {}
        self.period = period
        self.today = today
        self.kind = kind
        self.service_ids: list[int] | None = None  # None: every service
        if not can_view_reports(user):
            self.service_ids = []
        elif role_of(user) == Role.MANAGER:
            self.service_ids = list(service_ids_of(user))
        if service is not None:
            allowed = self.service_ids is None or service.pk in self.service_ids
            self.service_ids = [service.pk] if allowed else []
        if directorate is not None:
            within = set(directorate.services.values_list("pk", flat=True))
            chosen = within if self.service_ids is None else within & set(self.service_ids)
            self.service_ids = sorted(chosen)
        # Found through the partial index of restricted cases first: there are few of them,
        # and the planners would otherwise walk a period's cases looking for them. The
        # (always true) test of the index's column is what has SQLite choose that index:
        # without it, it scanned a million entries of a covering index (50–70 ms a figure).
        restricted_ids = Case.objects.filter(restricted=True, received_on__isnull=False).values(
            "pk"
        )
        restricted = reportable_cases(user, service, directorate).filter(pk__in=restricted_ids)
        if kind:
            restricted = restricted.filter(kind=kind)
        self.restricted_all_time = restricted
        self.restricted = received_in(restricted, period)
        reportable = reportable_cases(user, service, directorate)
        self._reportable = reportable.filter(kind=kind) if kind else reportable

    # --- received --------------------------------------------------------------------------

    def profile(self) -> measures.Profile:
        """Received per kind, channel and month, and latest outcomes."""
        by_kind = self._sum_cases("channel", "kind")
        by_channel = self._sum_cases("channel", "value")
        outcomes = self._sum_cases("outcome", "value")
        by_month = self._by_month()
        live = measures.profile(self.restricted, self.period)
        channels = {c: by_channel.get(c, 0) + live.by_channel.get(c, 0) for c in Channel.values}
        return measures.Profile(
            by_kind={k: by_kind.get(k, 0) + n for k, n in live.by_kind.items()},
            by_channel={c: n for c, n in channels.items() if n},
            by_month=[(m, by_month.get(m, 0) + n) for m, n in live.by_month],
            outcomes={o: outcomes.get(o, 0) + n for o, n in live.outcomes.items()},
        )

    def received_by_kind(self) -> dict[str, int]:
        by_kind = self._sum_cases("channel", "kind")
        live = measures.received_by_kind(self.restricted)
        return {k: by_kind.get(k, 0) + n for k, n in live.items()}

    def summary(self) -> dict[str, object]:
        """What ``measures.summary`` gives, for the API."""
        return measures.summary_of(self.received_by_kind(), self.stage_figures(), self.outcomes())

    @kept
    def received(self, kind: str = "", procedure: str = "") -> int:
        stored = self._sum_cases("channel", "kind", kind, procedure)
        return sum(stored.values()) + self._live(kind, procedure).count()

    @kept
    def received_by_service(self, kind: str = "") -> list[tuple[str, str, int]]:
        """(slug, name, count) per service, busiest first."""
        counted = self._sum_cases("channel", "service_id", kind)
        services = Service.objects.filter(pk__in=list(counted)).values_list("pk", "slug", "name")
        totals = {(slug, name): counted[pk] for pk, slug, name in services}
        for slug, name, n in measures.received_by_service(self._live(kind)):
            totals[(slug, name)] = totals.get((slug, name), 0) + n
        rows = [(slug, name, n) for (slug, name), n in totals.items()]
        return sorted(rows, key=lambda row: (-row[2], row[1]))

    def received_by_channel(self, kind: str = "") -> dict[str, int]:
        """Received per channel, busiest first (ties in the order channels are listed)."""
        counted = self._sum_cases("channel", "value", kind)
        live = measures.received_by_channel(self._live(kind))
        totals = {c: counted.get(c, 0) + live.get(c, 0) for c in Channel.values}
        busiest = sorted(totals.items(), key=lambda item: -item[1])
        return {channel: n for channel, n in busiest if n}

    def received_by_category(self, kind: str = "") -> list[tuple[str, int]]:
        """Per category name, busiest first; as in the measure, equal names share a row."""
        counted = self._sum_cases("category", "value", kind)
        ids = [int(value) for value in counted if value]
        names = dict(Category.objects.filter(pk__in=ids).values_list("pk", "name"))
        totals: dict[str, int] = defaultdict(int)
        for value, n in counted.items():
            totals[names[int(value)] if value else "No category"] += n
        for name, n in measures.received_by_category(self._live(kind)):
            totals[name] += n
        return sorted(totals.items(), key=lambda row: (-row[1], row[0]))

    @kept
    def outcomes(self, kind: str = "", procedure: str = "") -> dict[str, int]:
        """Each case once, by its latest outcome."""
        counted = self._sum_cases("outcome", "value", kind, procedure)
        live = measures.outcomes(self._live(kind, procedure))
        return {o: counted.get(o, 0) + n for o, n in live.items()}

    @kept
    def not_accepted_reasons(self, kind: str = "") -> dict[str, int]:
        counted = self._sum_cases("not_accepted", "value", kind)
        live = measures.not_accepted_reasons(self._live(kind))
        totals = {r: counted.get(r, 0) + live.get(r, 0) for r in NotAcceptedReason.values}
        return {r: n for r, n in totals.items() if n}

    # --- stages ----------------------------------------------------------------------------

    @kept
    def stage_figures(self, kind: str = "", procedure: str = "") -> list[measures.StageFigures]:
        """Per stage key, in procedure order, as ``measures.stage_figures``."""
        parts: dict[str, list[dict[str, int]]] = defaultdict(list)
        for key, counts in self._stored_stages(kind, procedure):
            parts[key].append(counts)
        for key, counts in self._waiting_stages(kind, procedure):
            parts[key].append(counts)
        for figures in measures.stage_figures(self._live(kind, procedure), self.today):
            parts[figures.key].append(figures.as_dict() | {"position": figures.position})
        totals = [_stage_total(key, counted) for key, counted in parts.items()]
        return sorted(totals, key=lambda f: (f.position, f.key))

    def _stored_stages(self, kind: str, procedure: str) -> list[tuple[str, dict[str, int]]]:
        rows = (
            self._rows(StageCount, kind, procedure)
            .values("key")
            .annotate(
                position=Min("number"),
                **{f"sum_{name}": Sum(name) for name in rollup.STAGE_COUNTS},
            )
        )
        stored = []
        for row in rows:
            counts = {name.removeprefix("sum_"): value for name, value in row.items()}
            # Stored: stages whose target was met; those past it unmet come from _waiting_stages.
            counts["acknowledge_measurable"] = counts.pop("acknowledged_with_target")
            counts["respond_measurable"] = counts.pop("responded_with_target")
            stored.append((counts.pop("key"), counts))
        return stored

    def _waiting_stages(self, kind: str, procedure: str) -> list[tuple[str, dict[str, int]]]:
        """Today's part: stages past a target they have not met, and the unanswered stages of
        open cases with those overdue, from the waiting counts' due dates."""
        rows = (
            self._rows(WaitingCount, kind, procedure)
            .exclude(waiting=Waiting.OPEN_CASE)
            .values("key", "waiting")
            .annotate(
                position=Min("number"),
                waiting_now=Sum("count"),
                late=Sum("count", filter=Q(due_on__lt=self.today)),
            )
        )
        found = []
        for row in rows:
            late = row["late"] or 0
            counts = {
                Waiting.ACKNOWLEDGEMENT: {"acknowledge_measurable": late},
                Waiting.RESPONSE: {"respond_measurable": late},
                Waiting.OPEN_STAGE: {"open": row["waiting_now"], "overdue": late},
            }[row["waiting"]]
            found.append((row["key"], {"position": row["position"], **counts}))
        return found

    @kept
    def same_handler(self) -> tuple[int, int]:
        """(complaint stage 2s with a handler, of which handled by the stage 1 handler), as
        ``measures.same_handler_count``."""
        stored = self._rows(StageCount, Kind.COMPLAINT).aggregate(
            handled=Sum("second_handled"), same=Sum("second_same_handler")
        )
        handled, same = measures.same_handler_count(self._live(Kind.COMPLAINT))
        return (stored["handled"] or 0) + handled, (stored["same"] or 0) + same

    @kept
    def tenant_measures(self) -> statutory.TenantMeasures:
        """CH01 and CH02, which count housing complaint stages by the month they opened or
        were answered, whenever their case was received. The store keeps months: a period with
        ragged ends is counted live."""
        if not _whole_months(self.period):
            return statutory.tenant_measures(self._reportable, self.period)
        live = statutory.tenant_measures(self.restricted_all_time, self.period)
        months = (self.period.start, self.period.end)
        # The rows are per service, so which services are housing is read now: marking one
        # counts its complaints at once, without rebuilding the store.
        rows = self._rows(StageEventCount, Kind.COMPLAINT, all_time=True).filter(
            key__in=statutory.TSM_STAGES, service__is_housing=True
        )
        opened = dict(
            rows.filter(opened_in__range=months).values_list("key").annotate(n=Sum("stages"))
        )
        answered = {
            key: (n, on_time)
            for key, n, on_time in rows.filter(answered_in__range=months)
            .values_list("key")
            .annotate(n=Sum("stages"), on_time=Sum("answered_on_time"))
        }
        stage1, stage2 = (answered.get(key, (0, 0)) for key in statutory.TSM_STAGES)
        return statutory.TenantMeasures(
            housing_marked=live.housing_marked,
            homes=live.homes,
            stage1_received=live.stage1_received + opened.get("stage1", 0),
            stage2_received=live.stage2_received + opened.get("stage2", 0),
            stage1_responded=live.stage1_responded + stage1[0],
            stage1_on_time=live.stage1_on_time + stage1[1],
            stage2_responded=live.stage2_responded + stage2[0],
            stage2_on_time=live.stage2_on_time + stage2[1],
        )

    def caseload(self) -> measures.Caseload:
        """Cases not yet closed, now, whatever the date received (the period is ignored)."""
        open_cases = self._rows(WaitingCount, all_time=True).filter(waiting=Waiting.OPEN_CASE)
        stored = open_cases.aggregate(
            open=Sum("count"), overdue=Sum("count", filter=Q(due_on__lt=self.today))
        )
        answered = (
            self._rows(CaseCount, all_time=True)
            .filter(facet="status", value=Status.RESPONDED)
            .aggregate(n=Sum("cases"))
        )
        live = measures.caseload(self.restricted_all_time, self.today)
        return measures.Caseload(
            open=(stored["open"] or 0) + live.open,
            awaiting_next_step=(answered["n"] or 0) + live.awaiting_next_step,
            overdue=(stored["overdue"] or 0) + live.overdue,
        )

    # --- the parts -------------------------------------------------------------------------

    def _live(self, kind: str = "", procedure: str = "") -> QuerySet[Case]:
        cases = self.restricted.filter(kind=kind) if kind else self.restricted
        if procedure:
            cases = cases.filter(procedure_version__procedure__slug=procedure)
        return cases

    def _sum_cases(
        self, facet: str, by: str, kind: str = "", procedure: str = ""
    ) -> dict[Any, int]:
        rows = (
            self._rows(CaseCount, kind, procedure)
            .filter(facet=facet)
            .values_list(by)
            .annotate(n=Sum("cases"))
        )
        return dict(rows)

    def _by_month(self) -> dict[dt.date, int]:
        rows = (
            self._rows(CaseCount, "", "")
            .filter(facet="channel")
            .values_list("starts_on")
            .annotate(n=Sum("cases"))
        )
        months: dict[dt.date, int] = defaultdict(int)
        for starts_on, n in rows:
            months[starts_on.replace(day=1)] += n
        return months

    def _rows(
        self,
        model: type[CaseCount | StageCount | StageEventCount | WaitingCount],
        kind: str = "",
        procedure: str = "",
        all_time: bool = False,
    ) -> QuerySet:  # type: ignore[type-arg]
        if all_time:  # the month rows: together they hold every day
            rows = model.objects.filter(grain=Grain.MONTH).order_by()
        else:
            rows = model.objects.filter(in_period(self.period)).order_by()
        if self.service_ids is not None:
            rows = rows.filter(service_id__in=self.service_ids)
        for chosen in (self.kind, kind):
            if chosen:
                rows = rows.filter(kind=chosen)
        if procedure:
            rows = rows.filter(procedure__slug=procedure)
        return rows


def in_period(period: Period) -> Q:
    """The stored rows that make up the period: its whole months, and days at either end."""
    first_whole = period.start if period.start.day == 1 else _next_month(period.start)
    after_last_whole = _next_month(period.end).replace(day=1)
    if period.end != after_last_whole - dt.timedelta(days=1):
        after_last_whole = period.end.replace(day=1)
    if first_whole >= after_last_whole:
        return Q(grain=Grain.DAY, starts_on__gte=period.start, starts_on__lte=period.end)
    return (
        Q(grain=Grain.MONTH, starts_on__gte=first_whole, starts_on__lt=after_last_whole)
        | Q(grain=Grain.DAY, starts_on__gte=period.start, starts_on__lt=first_whole)
        | Q(grain=Grain.DAY, starts_on__gte=after_last_whole, starts_on__lte=period.end)
    )


def _whole_months(period: Period) -> bool:
    return period.start.day == 1 and (period.end + dt.timedelta(days=1)).day == 1


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


STAGE_FIELDS = (
    "opened",
    "acknowledge_measurable",
    "acknowledged",
    "acknowledged_within_target",
    "respond_measurable",
    "responded",
    "responded_within_target",
    "responded_within_extended_target",
    "extended",
    "escalated",
    "open",
    "overdue",
    "defined",
)


def _stage_total(key: str, parts: list[dict[str, int]]) -> measures.StageFigures:
    totals = {name: sum(part.get(name, 0) for part in parts) for name in STAGE_FIELDS}
    position = min(part["position"] for part in parts)
    return measures.StageFigures(key=key, position=position, **totals)
