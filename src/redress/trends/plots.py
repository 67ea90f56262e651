"""The chart of an alert's weekly series, drawn with matplotlib as ``reporting.plots`` draws
the report charts: a bare Figure on the Agg backend (no display, no shared pyplot state), the
weeks before in blue, the week tested in dark orange, the expected weekly count as a dashed
line. The page gives the same figures as alternative text and as a table."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot: no display, no GUI toolkit

from matplotlib.figure import Figure  # noqa: E402  (after choosing the backend)
from matplotlib.ticker import MaxNLocator  # noqa: E402

from redress.reporting.plots import BAR_COLOUR, TEXT_COLOUR  # noqa: E402
from redress.trends.models import TrendAlert  # noqa: E402
from redress.trends.weeks import series_weeks  # noqa: E402

TESTED_COLOUR = "#b35000"  # darker than GOV.UK orange: 4.9:1 against white
DPI = 110


def alt_text(alert: TrendAlert) -> str:
    weeks = series_weeks(alert)
    counts = ", ".join(f"{n:,}" for n in alert.series[:-1])
    return (
        f"Bar chart of cases received each week from the week starting "
        f"{weeks[0]:%-d %B %Y}. The {len(weeks) - 1} weeks before had {counts}, "
        f"{alert.expected:.1f} a week on average; the week starting "
        f"{alert.week_starting:%-d %B %Y} had {alert.count:,}."
    )


def alert_chart_png(alert: TrendAlert) -> bytes:
    weeks = series_weeks(alert)
    labels = [f"{w:%-d %b}" for w in weeks]
    colours = [BAR_COLOUR] * (len(weeks) - 1) + [TESTED_COLOUR]
    figure = Figure(figsize=(8, 3.6), dpi=DPI)
    axes = figure.subplots()
    bars = axes.bar(range(len(weeks)), alert.series, color=colours)
    axes.bar_label(bars, labels=[f"{n:,}" for n in alert.series], padding=2, fontsize=8)
    past = len(weeks) - 1
    axes.axhline(
        alert.expected,
        color=TEXT_COLOUR,
        linestyle="--",
        linewidth=1,
        label=f"Expected: {alert.expected:.1f} a week, the average of the {past} weeks before",
    )
    # A legend rather than a label on the line, which would sit on the bars' figures.
    axes.legend(loc="upper left", frameon=False, fontsize=8)
    axes.set_xticks(range(len(weeks)), labels, rotation=45, ha="right", fontsize=8)
    axes.set_xlabel("Week starting", color=TEXT_COLOUR)
    axes.set_ylabel("Cases received", color=TEXT_COLOUR)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(0, max([*alert.series, alert.expected, 1]) * 1.35)
    axes.set_title(f"{alert.scope_name}: cases received per week", loc="left", fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
