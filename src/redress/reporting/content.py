"""A report as plain content (headings, paragraphs, tables, charts), rendered to HTML or DOCX.

Nothing here names a person: every figure is a count or a share.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from redress.reporting.charts import Bar, shown


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Chart:
    title: str
    bars: list[Bar]
    unit: str = ""
    value_label: str = "Cases"  # the axis along the bars
    category_label: str = ""  # the axis naming the bars

    @property
    def alt_text(self) -> str:
        figures = "; ".join(f"{b.label}: {shown(b.value, self.unit)}" for b in self.bars)
        return f"Bar chart: {self.title}. {figures}."


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    chart: Chart | None = None
    tables: list[Table] = field(default_factory=list)


@dataclass
class Report:
    title: str
    subtitle: str
    sections: list[Section]
    organisation: str = ""
    # What is not yet written, said on the report page before download; never printed.
    missing: list[str] = field(default_factory=list)


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:g}%"


def organisation_name() -> str:
    """The name every report's header and subtitle give."""
    return str(settings.REDRESS.get("ORGANISATION_NAME", ""))
