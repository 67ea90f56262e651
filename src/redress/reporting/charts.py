"""Bar charts drawn on the server: SVG for pages, PNG for documents. No JavaScript, no
plotting library. Every chart is shown next to a table of the same figures, so the picture
is never the only way to read them."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from html import escape

BAR_COLOUR = (29, 112, 184)  # GOV.UK blue
AXIS_COLOUR = (11, 12, 12)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: no figure yet (nothing measurable), drawn as words, not as 0


NO_FIGURE = "no figure yet"


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
    """A bar's figure as text: "12", "86.1%", or "no figure yet"."""
    return NO_FIGURE if value is None else f"{_number(value)}{unit}"


def png_bar_chart(values: list[float], width: int = 600, height: int = 240) -> bytes:
    """Vertical bars on a white ground with a base line, as PNG bytes.

    Labels are not drawn: the document puts the figures in a table under the chart and the
    chart's alternative text names them, which is also what a screen reader needs.
    """
    pixels = [bytearray(b"\xff\xff\xff" * width) for _ in range(height)]
    margin, base = 20, height - 20
    peak = max(values, default=0) or 1
    slot = (width - 2 * margin) / max(len(values), 1)
    for i, value in enumerate(values):
        top = base - round((base - margin) * value / peak)
        left = round(margin + i * slot + slot * 0.15)
        right = round(margin + (i + 1) * slot - slot * 0.15)
        _fill(pixels, left, top, right, base, BAR_COLOUR)
    _fill(pixels, margin, base, width - margin, base + 2, AXIS_COLOUR)
    return _encode_png(pixels, width, height)


def _fill(
    pixels: list[bytearray], x0: int, y0: int, x1: int, y1: int, rgb: tuple[int, int, int]
) -> None:
    colour = bytes(rgb)
    for y in range(max(y0, 0), min(y1, len(pixels))):
        pixels[y][3 * x0 : 3 * x1] = colour * (x1 - x0)


def _encode_png(pixels: list[bytearray], width: int, height: int) -> bytes:
    raw = b"".join(b"\x00" + bytes(row) for row in pixels)

    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )
