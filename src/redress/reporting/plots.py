"""Charts for documents, drawn with matplotlib: horizontal bars with both axes labelled and
each bar's figure written at its end, as PNG. The Agg backend draws without a display and
matplotlib's own fonts are used, so nothing is fetched. The alternative text and the table
that follows each chart in the document carry the same figures for those who cannot see it.

A chart is drawn once for what it shows: the PNG is kept, keyed by everything drawn (title,
axis labels, unit and every bar's label and figure), so the Word document and the PDF of the
same report, and the next download of a report whose figures have not moved, reuse it. Any
change to a figure is a different key, so a kept picture is never out of date."""

from __future__ import annotations

import io
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot: no display, no GUI toolkit

from matplotlib.axes import Axes  # noqa: E402  (after choosing the backend)
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402
from PIL import Image  # noqa: E402

from redress.reporting.charts import Bar, shown  # noqa: E402
from redress.reporting.content import Chart  # noqa: E402

BAR_COLOUR = "#1d70b8"  # GOV.UK blue: 5.2:1 against white
TEXT_COLOUR = "#0b0c0c"
WIDTH_INCHES = 6.3  # the text width of an A4 page with 2.5 cm margins
DPI = 200
KEPT_CHARTS = 64  # a report has about six; a few dozen cover every reader's recent reports
EDGE_INCHES = 0.12  # white space kept round the chart's outermost text
TICK_POINTS = 3.5 + 3.5  # matplotlib's default major tick length plus the gap to its label
LABEL_PAD_POINTS = 4.0  # matplotlib's default gap between tick labels and the axis label
TITLE_PAD_POINTS = 6.0  # matplotlib's default gap between the axes and the title

ChartKey = tuple[str, str, str, str, tuple[Bar, ...]]


def chart_png(chart: Chart) -> bytes:
    """The chart as PNG bytes. A bar with nothing to measure is left empty and labelled so."""
    key = (chart.title, chart.unit, chart.value_label, chart.category_label, tuple(chart.bars))
    return _drawn(key)


def forget_charts() -> None:
    """Drop every kept picture, so the next chart of each is drawn afresh (for measuring)."""
    _drawn.cache_clear()


@lru_cache(maxsize=KEPT_CHARTS)
def _drawn(key: ChartKey) -> bytes:
    title, unit, value_label, category_label, bars = key
    return _draw(Chart(title, list(bars), unit, value_label, category_label))


def _draw(chart: Chart) -> bytes:
    labels = [b.label for b in chart.bars]
    values = [b.value or 0 for b in chart.bars]
    # Built on a bare Figure rather than pyplot: no global state, safe in a threaded server.
    figure = Figure(figsize=(WIDTH_INCHES, 1.2 + 0.38 * max(len(labels), 1)), dpi=DPI)
    canvas = FigureCanvasAgg(figure)
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
    title = axes.set_title(chart.title, loc="left", fontsize=11, color=TEXT_COLOUR)
    axes.spines[["top", "right"]].set_visible(False)
    if chart.unit == "%":
        axes.set_xticks(range(0, 101, 20))
    else:
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # no "2.5 complaints"
    _fit_margins(figure, axes, title)
    return _png(canvas)


def _png(canvas: FigureCanvasAgg) -> bytes:
    """The drawing as an RGB PNG. matplotlib would write RGBA, but the chart is opaque, and
    an alpha channel costs the PDF a second image: WeasyPrint splits it off as a mask."""
    canvas.draw()  # type: ignore[no-untyped-call]
    width, height = canvas.get_width_height()
    pixels = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
    image = Image.frombuffer("RGBA", (width, height), pixels, "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="PNG", dpi=(DPI, DPI))
    return buffer.getvalue()


def _fit_margins(figure: Figure, axes: Axes, title: Text) -> None:
    """Leave just enough room round the axes for the labels, measured from their text.

    What ``tight_layout`` does, without its extra pass over every artist: the text measured
    here is laid out once and the drawing reuses it."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    width, height = figure.get_size_inches()

    def inches(texts: list[Text], along: str) -> float:
        sizes = [getattr(t.get_window_extent(renderer), along) for t in texts if t.get_text()]
        return max(sizes, default=0.0) / figure.dpi

    points = 1 / 72
    y_labels = axes.yaxis.get_majorticklabels()
    x_labels = axes.xaxis.get_majorticklabels()
    left = EDGE_INCHES + inches(y_labels, "width") + TICK_POINTS * points
    if axes.get_ylabel():
        left += inches([axes.yaxis.label], "width") + LABEL_PAD_POINTS * points
    bottom = EDGE_INCHES + inches(x_labels, "height") + TICK_POINTS * points
    bottom += inches([axes.xaxis.label], "height") + LABEL_PAD_POINTS * points
    top = EDGE_INCHES + inches([title], "height") + TITLE_PAD_POINTS * points
    # The last tick label is centred on the axis's end and runs half its width past it.
    right = EDGE_INCHES + inches(x_labels[-1:], "width") / 2
    figure.subplots_adjust(
        left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height
    )
