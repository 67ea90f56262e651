"""Charts for documents, drawn with matplotlib: horizontal bars with both axes labelled and
each bar's figure written at its end, as PNG. The Agg backend draws without a display and
matplotlib's own fonts are used, so nothing is fetched. The alternative text and the table
that follows each chart in the document carry the same figures for those who cannot see it."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot: no display, no GUI toolkit

from matplotlib.figure import Figure  # noqa: E402  (after choosing the backend)
from matplotlib.ticker import MaxNLocator  # noqa: E402

from redress.reporting.charts import shown  # noqa: E402
from redress.reporting.content import Chart  # noqa: E402

BAR_COLOUR = "#1d70b8"  # GOV.UK blue: 5.2:1 against white
TEXT_COLOUR = "#0b0c0c"
WIDTH_INCHES = 6.3  # the text width of an A4 page with 2.5 cm margins
DPI = 200


def chart_png(chart: Chart) -> bytes:
    """The chart as PNG bytes. A bar with no figure yet is left empty and labelled so."""
    labels = [b.label for b in chart.bars]
    values = [b.value or 0 for b in chart.bars]
    # Built on a bare Figure rather than pyplot: no global state, safe in a threaded server.
    figure = Figure(figsize=(WIDTH_INCHES, 1.2 + 0.38 * max(len(labels), 1)), dpi=DPI)
    axes = figure.subplots()
    positions = list(range(len(labels)))
    bars = axes.barh(positions, values, color=BAR_COLOUR, height=0.6)
    axes.set_yticks(positions, labels, color=TEXT_COLOUR)
    axes.invert_yaxis()  # the first bar at the top, as in the table below
    axes.bar_label(
        bars, labels=[shown(b.value, chart.unit) for b in chart.bars], padding=4, fontsize=9
    )
    peak = max(values, default=0)
    axes.set_xlim(0, 100 * 1.18 if chart.unit == "%" else max(peak * 1.18, 1))
    axes.set_xlabel(chart.value_label, color=TEXT_COLOUR)
    if chart.category_label:
        axes.set_ylabel(chart.category_label, color=TEXT_COLOUR)
    axes.set_title(chart.title, loc="left", fontsize=11, color=TEXT_COLOUR)
    axes.spines[["top", "right"]].set_visible(False)
    if chart.unit == "%":
        axes.set_xticks(range(0, 101, 20))
    else:
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # no "2.5 complaints"
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
