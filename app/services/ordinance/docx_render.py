"""The ordinance model as a Word document a jurist recognises: real styles, numbered members, comments. The draft is
built on the document model (ordinance/document.py) and written by the one DOCX writer (documents/docx_writer.py,
which also sets up the styles and the page); the changes document with tracked changes is written here."""
from __future__ import annotations

import io
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from app.services.documents.docx_writer import AUTHOR, LANGUAGE, _setup_page, _setup_styles, render_docx, xml_safe
from app.services.ordinance.documents import ordinance_document
from app.services.ordinance.model import Ordinance

if TYPE_CHECKING:  # for type hints only: article_texts reads the database
    from app.services.ordinance.article_texts import OwnText
    from app.services.ordinance.changes import Block


def render_ordinance_docx(ordinance: Ordinance, today: date | None = None,
                          own_texts: "dict[str, OwnText] | None" = None) -> bytes:
    """The draft on the shared document model, written by the one DOCX writer."""
    return render_docx(ordinance_document(ordinance, own_texts), today)


def render_changes_docx(after: Ordinance, blocks: "list[Block]", *, author: str, old_name: str, new_name: str,
                        today: date | None = None, when: datetime | None = None) -> bytes:
    """The newer draft with everything that differs from the older one as Word revisions (w:ins and w:del), so
    Word and LibreOffice show the changes and can accept or reject them one by one."""
    today = today or date.today()
    when = (when or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    doc = Document()
    _setup_styles(doc)
    _setup_page(doc, today)
    props = doc.core_properties
    props.title, props.language, props.author = xml_safe(after.title), LANGUAGE, AUTHOR
    props.comments = xml_safe(f"Wijzigingen van “{old_name}” naar “{new_name}”.")
    w = _Writer(doc)
    intro = w.paragraph("Normal", f"Dit document toont de wijzigingen van “{old_name}” naar “{new_name}” als "
                                  f"bijgehouden wijzigingen. Neem ze in Word over of wijs ze af via Controleren.")
    intro.runs[0].italic = True
    revision = _RevisionIds(xml_safe(author) or AUTHOR, when)
    for block in blocks:
        if block.new == block.old:
            w.paragraph(block.style, block.new or "")
            continue
        paragraph = w.paragraph(block.style)
        for kind, chunk in block.words():
            if kind == "equal":
                paragraph.add_run(xml_safe(chunk))
            elif kind == "insert":
                revision.wrap(paragraph._p, "w:ins", paragraph.add_run(xml_safe(chunk))._r)
            else:
                revision.wrap(paragraph._p, "w:del", _deleted_run(xml_safe(chunk)))
        if block.old is None or block.new is None:
            # The paragraph mark itself is new or gone, so accepting the change joins or removes the paragraph.
            rpr = OxmlElement("w:rPr")
            rpr.append(revision.element("w:ins" if block.old is None else "w:del"))
            paragraph._p.get_or_add_pPr().append(rpr)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


class _RevisionIds:
    """Word revisions need an author, a date and an id unique within the document."""

    def __init__(self, author: str, when: str):
        self.author, self.when, self.next_id = author, when, 1

    def element(self, tag: str):
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(self.next_id))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.when)
        self.next_id += 1
        return element

    def wrap(self, p, tag: str, run) -> None:
        element = self.element(tag)
        p.append(element)
        element.append(run)  # moves the run into the revision


def _deleted_run(text: str):
    """A run of deleted text: Word keeps deleted text in w:delText, tabs as w:tab."""
    run = OxmlElement("w:r")
    for i, piece in enumerate(text.split("\t")):
        if i:
            run.append(OxmlElement("w:tab"))
        if piece:
            deleted = OxmlElement("w:delText")
            deleted.set(qn("xml:space"), "preserve")
            deleted.text = piece
            run.append(deleted)
    return run


class _Writer:
    """Adds paragraphs to one document (the tracked-changes document; every other document goes through
    documents.docx_writer). python-docx looks a style name up on every call, which dominated the
    build time, so each style id is resolved once and set directly."""

    def __init__(self, doc):
        self.doc = doc
        self.style_ids: dict[str, str] = {}

    def paragraph(self, style: str = "Normal", text: str = ""):
        paragraph = self.doc.add_paragraph(xml_safe(text))
        if style != "Normal":
            if style not in self.style_ids:
                self.style_ids[style] = self.doc.styles[style].style_id
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
