"""The ordinance model as a Word document a jurist recognises: real styles, numbered members, comments."""
from __future__ import annotations

import io
import re
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from app.services.documents import model as documents
from app.services.ordinance.check import check_status
from app.services.ordinance.model import Ordinance
from app.services.ordinance.wording import dutch_date

if TYPE_CHECKING:  # for type hints only: article_texts reads the database
    from app.services.ordinance.article_texts import OwnText
    from app.services.ordinance.changes import Block

AUTHOR = "Participatie-assistent"
LANGUAGE = "nl-NL"
# Characters XML 1.0 cannot hold (lxml refuses them). Input is cleaned today, but text stored before that
# must not make every download of the plan fail.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


OWN_TEXT_NOTE = "Eigen tekst van de jurist"
OUTDATED_NOTE = ("Let op: de antwoorden waarop deze tekst steunde, zijn gewijzigd. Vergelijk de eigen tekst met de "
                 "nieuwe gemaakte tekst in de Participatie-assistent.")


def own_text_note(own: "OwnText") -> str:
    """The comment at an article with the jurist's own text."""
    by = f" ({own.author}, {dutch_date(own.updated_at.date())})" if own.author else ""
    return f"{OWN_TEXT_NOTE}{by}: deze tekst vervangt de gemaakte tekst." + (f" {OUTDATED_NOTE}" if own.outdated else "")


def render_ordinance_docx(ordinance: Ordinance, today: date | None = None,
                          own_texts: "dict[str, OwnText] | None" = None) -> bytes:
    """The draft on the shared document model, written by the one DOCX writer."""
    # Imported here: both modules build on the names above (xml_safe, the styles, add_check).
    from app.services.documents.docx_writer import render_docx
    from app.services.ordinance.document import ordinance_document

    return render_docx(ordinance_document(ordinance, own_texts), today)


CHECK_ANNEX = "Controle van dit concept (de jurist verwijdert deze bijlage voordat het voorstel naar {raad} gaat)"


def check_annex_title(body_type: str) -> str:
    """The annex heading, with the body that receives the proposal (provinciale staten, het algemeen bestuur)."""
    from app.services.ordinance.wording import BODY_WORDING
    return CHECK_ANNEX.format(raad=BODY_WORDING.get(body_type, BODY_WORDING["gemeente"])["raad"])
LEVELS = {"fout": "Fout", "waarschuwing": "Waarschuwing"}
ORPHAN_NOTE = ("Deze eigen tekst van de jurist hoort bij een artikel dat na een wijziging van de antwoorden niet meer in "
               "de verordening staat. Hij staat daarom in geen artikel; hij is wel bewaard en komt terug als het "
               "artikel terugkomt. Neem hem zo nodig over in een ander artikel, of verwijder hem in de "
               "Participatie-assistent.")


def add_check(doc: documents.Document, ordinance: Ordinance,
              own_texts: "dict[str, OwnText] | None" = None) -> None:
    """The check in the document: a comment at each article a finding concerns, and an annex at the end with the
    status, the findings and the open points."""
    by_article: dict[str, list[str]] = {}
    for f in ordinance.findings:
        if f.article_key:
            by_article.setdefault(f.article_key, []).append(f"{LEVELS.get(f.level, f.level)}: {f.message}")
    headings = {a.heading: a.key for a in ordinance.articles()}
    for block in doc.blocks if by_article else []:
        key = headings.get(block.text) if isinstance(block, documents.Heading) and block.level == 2 else None
        if key in by_article:
            block.comments.append("Controle\n" + "\n".join(by_article[key]))

    def where(keys: list[str]) -> str:
        numbers = [f"artikel {a.number}" for a in map(ordinance.article, keys) if a]
        return f" — {', '.join(numbers)}" if numbers else ""

    status = check_status(ordinance)
    doc.add(documents.PageBreak())
    doc.heading(check_annex_title(ordinance.body_type), 1)
    doc.paragraph(f"Status: {status.label}. {status.explanation}")
    doc.heading(f"Bevindingen ({len(ordinance.findings)})", 2)
    doc.add(documents.ListBlock([f"{LEVELS.get(f.level, f.level)}: {f.message}"
                                 + where([f.article_key] if f.article_key else []) for f in ordinance.findings]))
    if not ordinance.findings:
        doc.paragraph("De controle heeft geen bevindingen.")
    doc.heading(f"Open punten in dit concept ({len(ordinance.open_points)})", 2)
    doc.add(documents.ListBlock([f"{point.label} (stap {point.step_number}){where(point.articles)}"
                                 for point in ordinance.open_points]))
    if not ordinance.open_points:
        doc.paragraph("Alle keuzes zijn gemaakt.")
    orphans = sorted((own for own in (own_texts or {}).values() if own.orphan), key=lambda own: own.key)
    if orphans:  # own texts of articles the answers no longer produce: kept, but in no article
        doc.heading(f"Eigen tekst bij een artikel dat niet meer voorkomt ({len(orphans)})", 2)
        doc.paragraph(ORPHAN_NOTE)
        for own in orphans:
            by = f" ({own.author}, {dutch_date(own.updated_at.date())})" if own.author else ""
            doc.add(documents.ListBlock([f"{own.label}{by}:"]))
            for line in own.body.split("\n"):
                doc.paragraph(line)


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


def _setup_styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    # Language of the whole document, so Word checks the spelling in Dutch.
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")

    def paragraph_style(name: str, left: float, hanging: float = 0.0, italic: bool = False):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        fmt = style.paragraph_format
        fmt.left_indent = Cm(left)
        fmt.first_line_indent = Cm(-hanging) if hanging else None
        if hanging:
            fmt.tab_stops.add_tab_stop(Cm(left))
        style.font.italic = italic
        return style

    paragraph_style("Artikeltekst", 0)
    paragraph_style("Lid", 0.75, 0.75)
    paragraph_style("Onderdeel", 1.5, 0.75)
    paragraph_style("Onderdeel zonder lid", 0.75, 0.75)
    paragraph_style("Aanhef", 0)
    paragraph_style("Ondertekening", 0)
    for name, size in (("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        styles[name].font.size = Pt(size)
        styles[name].paragraph_format.keep_with_next = True


def _setup_page(doc, today: date, draft: bool = True) -> None:
    """Margins, the "CONCEPT — date" header (only on a draft: a letter that is sent is no concept) and the page
    numbers in the footer."""
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.5)
    if draft:
        header = section.header.paragraphs[0]
        marker = header.add_run("CONCEPT")
        marker.bold = True
        header.add_run(f" — {dutch_date(today)}")
    footer = section.footer.paragraphs[0]
    footer.add_run("Pagina ")
    _add_field(footer, "PAGE")
    footer.add_run(" van ")
    _add_field(footer, "NUMPAGES")


def _add_field(paragraph, instruction: str) -> None:
    """A Word field (page number); Word and LibreOffice fill it in when the page is laid out."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, placeholder, end):
        run._r.append(element)
