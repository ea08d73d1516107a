"""One DOCX writer for every document kind (see model.py).

This first version writes through python-docx block by block; the styles and page set-up are the ordinance's."""
from __future__ import annotations

import io
from datetime import date

from docx import Document as WordDocument
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_BREAK, WD_COLOR_INDEX
from docx.shared import Cm, Pt
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from app.services.documents.model import Document, Heading, ListBlock, PageBreak, Paragraph, Table, Timeline
from app.services.ordinance.docx_render import AUTHOR, LANGUAGE, _setup_page, _setup_styles, xml_safe
from app.services.ordinance.model import segments

TIMELINE_FILL = "1F6FB2"
TEXT_WIDTH = Cm(16)  # A4 less the margins of _setup_page
TIMELINE_LABEL_WIDTH = Cm(4)
STYLES = {"body": "Normal", "note": "Normal", "aanhef": "Aanhef", "signing": "Ondertekening"}
INDENT_STYLES = {1: "Lid", 2: "Onderdeel"}


def render_docx(document: Document, today: date | None = None) -> bytes:
    today = today or date.today()
    doc = WordDocument()
    _setup_styles(doc)
    _setup_page(doc, today)
    props = doc.core_properties
    props.title = xml_safe(document.title)
    props.subject = xml_safe(document.subject)
    props.language = LANGUAGE
    props.author = AUTHOR
    props.content_status = document.status
    doc.add_paragraph(xml_safe(document.title), style="Title")
    for block in document.blocks:
        _write(doc, block)
    if document.open_points:
        doc.add_paragraph(f"Open punten ({len(document.open_points)})", style="Heading 2")
        for point in document.open_points:
            doc.add_paragraph(xml_safe(point), style="List Bullet")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _write(doc, block) -> None:
    if isinstance(block, Heading):
        paragraph = doc.add_paragraph(xml_safe(block.text), style=f"Heading {min(max(block.level, 1), 3)}")
        _comment(doc, paragraph, block.comments)
    elif isinstance(block, Paragraph):
        style = INDENT_STYLES.get(block.indent, STYLES.get(block.style, "Normal")) if block.label else \
            STYLES.get(block.style, "Normal")
        paragraph = doc.add_paragraph(style=style)
        if block.label:
            paragraph.add_run(f"{xml_safe(block.label)}\t")
        _runs(paragraph, block.text, italic=block.style == "note")
        _comment(doc, paragraph, block.comments)
    elif isinstance(block, ListBlock):
        for item in block.items:
            _runs(doc.add_paragraph(style="List Number" if block.numbered else "List Bullet"), item)
    elif isinstance(block, Table):
        _table(doc, block)
    elif isinstance(block, Timeline):
        _timeline(doc, block)
    elif isinstance(block, PageBreak):
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    else:  # a new block type must get a rendering here and in the HTML macro
        raise TypeError(f"Onbekend blok: {type(block).__name__}")


def _runs(paragraph, text: str, italic: bool = False) -> None:
    for kind, chunk, _key in segments(xml_safe(text)):
        run = paragraph.add_run(chunk)
        run.italic = italic or None
        if kind == "open":
            run.bold = True
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _comment(doc, paragraph, comments: list[str]) -> None:
    if comments and paragraph.runs:
        doc.add_comment(paragraph.runs, text=xml_safe("\n".join(comments)), author=AUTHOR, initials="PA")


def _table(doc, block: Table) -> None:
    if block.caption:
        doc.add_paragraph(xml_safe(block.caption), style="Normal").runs[0].italic = True
    rows = block.rows + ([block.footer] if block.footer else [])
    table = doc.add_table(rows=1 + len(rows), cols=len(block.columns))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.columns):
        cell.paragraphs[0].add_run(xml_safe(text)).bold = True
    _repeat_header(table.rows[0])
    for i, row in enumerate(rows, start=1):
        bold = block.footer is not None and i == len(rows)
        for cell, text in zip(table.rows[i].cells, row):
            _runs(cell.paragraphs[0], text)
            if bold:
                for run in cell.paragraphs[0].runs:
                    run.bold = True


def _timeline(doc, block: Timeline) -> None:
    if block.caption:
        doc.add_paragraph(xml_safe(block.caption), style="Normal").runs[0].italic = True
    table = doc.add_table(rows=1 + len(block.rows), cols=1 + len(block.periods))
    table.style = "Table Grid"
    _timeline_layout(table, len(block.periods))
    header = table.rows[0].cells
    header[0].paragraphs[0].add_run("Activiteit").bold = True
    for cell, period in zip(header[1:], block.periods):
        run = cell.paragraphs[0].add_run(xml_safe(period))
        run.bold, run.font.size = True, Pt(7)
        direction = OxmlElement("w:textDirection")  # upwards, so 24 months fit beside the labels on a portrait page
        direction.set(qn("w:val"), "btLr")
        cell._tc.get_or_add_tcPr().append(direction)
    _repeat_header(table.rows[0])
    for i, row in enumerate(block.rows, start=1):
        cells = table.rows[i].cells
        label = row.label + (f" ({row.note})" if row.note else "")
        if row.start is None:
            label += " — periode onbekend"
        cells[0].paragraphs[0].add_run(xml_safe(label))
        if row.start is None:
            continue
        end = row.start if row.end is None else row.end
        for j in range(row.start, end + 1):
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:color"), "auto")
            shading.set(qn("w:fill"), TIMELINE_FILL)
            cells[1 + j]._tc.get_or_add_tcPr().append(shading)
            # a mark a screen reader and a black-and-white print can read too
            cells[1 + j].paragraphs[0].add_run("■")


def _timeline_layout(table, periods: int) -> None:
    """Fixed widths: a label column that reads, narrow period columns in the rest of the text width."""
    table.autofit = False
    label = TIMELINE_LABEL_WIDTH if periods else TEXT_WIDTH
    period = int((TEXT_WIDTH - label) / periods) if periods else 0
    # Straight on the XML: python-docx's column.cells walks the whole table for every column.
    for j, column in enumerate(table._tbl.tblGrid.gridCol_lst):
        column.w = label if j == 0 else period
    for tr in table._tbl.tr_lst:
        for j, tc in enumerate(tr.tc_lst):
            tc.width = label if j == 0 else period
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "28")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.find(qn("w:tblLook")).addprevious(margins)
    table.rows[0].height, table.rows[0].height_rule = Cm(1.5), WD_ROW_HEIGHT_RULE.AT_LEAST


def _repeat_header(row) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)
