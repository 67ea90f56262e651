"""Bar charts drawn on the server as SVG for the pages: no JavaScript. Documents draw theirs
with matplotlib (``plots``). Every chart is shown next to a table of the same figures, so the
picture is never the only way to read them."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: nothing to measure, drawn as words, not as 0


NO_FIGURE = "nothing to measure"


def svg_bar_chart(title: str, bars: list[Bar], chart_id: str, unit: str = "") -> str:
    """A horizontal bar chart; its accessible name is the title, its description the figures."""
    row, label_width, width = 28, 220, 640
    plot = width - label_width - 70
    peak = max((b.value or 0 for b in bars), default=0) or 1
    height = row * len(bars) + 10
    description = "; ".join(f"{b.label}: {shown(b.value, unit)}" for b in bars) or "No data"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="redress-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    for i, bar in enumerate(bars):
        y = i * row + 5
        value = bar.value or 0
        length = max(round(plot * value / peak), 1 if value else 0)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" font-size="14" '
            f'fill="#0b0c0c">{escape(_clip(bar.label))}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{length}" height="{row - 10}" '
            f'fill="#1d70b8"></rect>'
            f'<text x="{label_width + length + 6}" y="{y + 17}" font-size="14" '
            f'fill="#0b0c0c">{escape(shown(bar.value, unit))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _clip(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def shown(value: float | None, unit: str = "") -> str:
    """A bar's figure as text: "12", "86.1%", or "nothing to measure"."""
    return NO_FIGURE if value is None else f"{_number(value)}{unit}"
