"""A report as a Word document a committee clerk can send as it is: A4 with margins, the
organisation's name in the header, "Page N of M" in the footer, a contents list, numbered
headings, tables whose header row repeats on every page, and charts drawn by matplotlib with
alternative text. Officers can still edit it: it is an ordinary .docx."""

from __future__ import annotations

import copy
import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from redress.reporting.content import Chart, Report, Table

MARGIN = Cm(2.5)
SETTINGS_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)
LANGUAGE = "en-GB"


def report_docx(report: Report) -> bytes:
    document = Document()
    styles = _Styles(document)
    _page_setup(document, report.organisation)
    _language(document)
    document.core_properties.title = report.title
    document.core_properties.author = report.organisation
    document.core_properties.language = LANGUAGE
    styles.paragraph(report.title, "Title")
    document.add_paragraph(report.subtitle)
    headings = [numbered(n, s.heading) for n, s in enumerate(report.sections, start=1)]
    _contents(document, styles, headings)
    for heading, section in zip(headings, report.sections, strict=True):
        styles.paragraph(heading, "Heading 1")
        for text in section.paragraphs:
            document.add_paragraph(text)
        if section.chart is not None and section.chart.bars:
            _add_chart(document, styles, section.chart)
        for table in section.tables:
            _add_table(document, styles, table)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class _Styles:
    """The document's styles, each looked up by name once. python-docx looks a style up
    afresh every time one is named, searching the whole styles part, which made that lookup
    the dearest part of writing a report with a few dozen headings, captions and tables."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self._ids: dict[str, str | None] = {}

    def id_of(self, name: str) -> str | None:
        """The style's id, or None when the document has no style of that name."""
        if name not in self._ids:
            try:
                self._ids[name] = self.document.styles[name].style_id
            except KeyError:
                self._ids[name] = None
        return self._ids[name]

    def paragraph(self, text: str, style: str) -> Any:
        paragraph = self.document.add_paragraph(text)
        style_id = self.id_of(style)
        if style_id is not None:
            paragraph._p.style = style_id
        return paragraph


def numbered(number: int, heading: str) -> str:
    return f"{number}. {heading}"


def _page_setup(document: Any, organisation: str) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    section.header_distance = section.footer_distance = Cm(1.25)
    header = section.header.paragraphs[0]
    header.text = organisation
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")


def _language(document: Any) -> None:
    """British English for the spelling checker and for screen readers' pronunciation."""
    properties = document.styles["Normal"].element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LANGUAGE)
    properties.insert_element_before(language, "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES, TOC…) with ``shown`` as its text until Word updates it."""
    _field_char(paragraph.add_run(), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    _field_char(paragraph.add_run(), "separate")
    paragraph.add_run(shown)
    _field_char(paragraph.add_run(), "end")


def _field_char(run: Any, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


def _contents(document: Any, styles: _Styles, headings: list[str]) -> None:
    """A contents list as a TOC field. Its text until Word updates it (Word offers to when the
    document opens) is the list of headings, so it reads well even where it never is."""
    styles.paragraph("Contents", "TOC Heading")
    first = document.add_paragraph()
    _field_char(first.add_run(), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = ' TOC \\o "1-1" \\h \\z \\u '
    first.add_run()._r.append(code)
    _field_char(first.add_run(), "separate")
    first.add_run(headings[0] if headings else "")
    last = first
    for heading in headings[1:]:
        last = document.add_paragraph(heading)
    _field_char(last.add_run(), "end")
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    # Word reads the settings in the schema's order, so it goes before what follows it there.
    document.settings.element.insert_element_before(update, *SETTINGS_AFTER_UPDATE_FIELDS)


def _add_chart(document: Any, styles: _Styles, chart: Chart) -> None:
    # Imported here: matplotlib takes a while to load, and only documents need it, not every
    # process that loads the URLs (the worker, management commands, each web worker at start).
    from redress.reporting.plots import chart_png

    styles.paragraph(chart.title, "Caption")
    picture = document.add_picture(io.BytesIO(chart_png(chart)), width=Cm(16))
    # The picture's title and alternative text, read out by screen readers in Word.
    properties = picture._inline.docPr
    properties.set("descr", chart.alt_text)
    properties.set("title", chart.title)


def _add_table(document: Any, styles: _Styles, table: Table) -> None:
    styles.paragraph(table.caption, "Caption")
    if not table.rows:
        document.add_paragraph("None in this period.")
        return
    grid = document.add_table(rows=1, cols=len(table.header))
    grid_style = styles.id_of("Table Grid")
    if grid_style is not None:
        grid._tbl.tblStyle_val = grid_style
    header = grid.rows[0]
    _repeat_as_header(header)
    for cell, text in zip(header.cells, table.header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    # One row is built through python-docx and copied for the rest: adding each row and
    # cell through it redoes the same work per cell, which for the longer tables took most
    # of the time spent writing the document.
    model = grid.add_row()
    _keep_together(model)
    for cell in model.cells:
        cell.text = ""
        cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    template = model._tr
    grid._tbl.remove(template)
    for row in table.rows:
        added = copy.deepcopy(template)
        for tc, text in zip(added.tc_lst, row, strict=True):
            _set_text(tc.p_lst[0].r_lst[0], text)
        grid._tbl.append(added)


def _set_text(run: Any, text: str) -> None:
    """The run's text as python-docx writes it; plain text is written directly, anything
    with tabs or line breaks (which become Word's own elements) through python-docx."""
    if not text or any(c in text for c in "\t\n\r"):
        run.text = text
        return
    element = OxmlElement("w:t")
    element.text = text
    if text.strip() != text:
        element.set(qn("xml:space"), "preserve")
    run.append(element)


def _repeat_as_header(row: Any) -> None:
    """Marks the row as the table's header: Word repeats it at the top of every page the table
    runs onto, and screen readers announce it as the column headings."""
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)
    _keep_together(row)


def _keep_together(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:cantSplit")
    marker.set(qn("w:val"), "true")
    properties.append(marker)
