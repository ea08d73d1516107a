"""The ordinance model as a Word document a jurist recognises: real styles, numbered members, comments."""
from __future__ import annotations

import io
import re
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from app.services.ordinance.check import check_status
from app.services.ordinance.model import Article, Ordinance, segments
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
    today = today or date.today()
    doc = Document()
    _setup_styles(doc)
    _setup_page(doc, today)
    props = doc.core_properties
    municipality = xml_safe(ordinance.municipality)
    props.title = xml_safe(ordinance.title)
    props.subject = f"{ordinance.body_type.capitalize()} {municipality}"
    props.keywords = f"participatieverordening; {municipality}"
    props.category = municipality
    props.language = LANGUAGE
    props.author = AUTHOR
    props.content_status = "Concept"
    props.comments = f"Concept, gemaakt op {dutch_date(today)} met de Participatie-assistent."

    w = _Writer(doc, own_texts or {})
    w.paragraph("Title", ordinance.title)
    for line in ordinance.aanhef:
        w.text(line, style="Aanhef")

    for chapter in ordinance.chapters:
        w.paragraph("Heading 1", chapter.heading)
        for article in chapter.articles:
            w.article(article)

    w.paragraph()
    for line in ordinance.signing:
        w.text(line, style="Ondertekening")

    w.page_break()
    w.paragraph("Heading 1", "Toelichting")
    w.paragraph("Heading 2", "Algemeen")
    for section in ordinance.general_explanation:
        w.paragraph("Heading 3", section.title)
        for paragraph in section.paragraphs:
            w.text(paragraph)
    w.paragraph("Heading 2", "Artikelsgewijs")
    for article in ordinance.articles():
        w.paragraph("Heading 3", article.heading)
        for paragraph in article.explanation:
            w.text(paragraph)

    add_check(w, ordinance)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


CHECK_ANNEX = "Controle van dit concept (de jurist verwijdert deze bijlage voordat het voorstel naar de raad gaat)"
LEVELS = {"fout": "Fout", "waarschuwing": "Waarschuwing"}
ORPHAN_NOTE = ("Deze eigen tekst van de jurist hoort bij een artikel dat na een wijziging van de antwoorden niet meer in "
               "de verordening staat. Hij staat daarom in geen artikel; hij is wel bewaard en komt terug als het "
               "artikel terugkomt. Neem hem zo nodig over in een ander artikel, of verwijder hem in de "
               "Participatie-assistent.")


def add_check(w: "_Writer", ordinance: Ordinance) -> None:
    """The check in the document: a comment at each article a finding concerns, and an annex at the end with the
    status, the findings and the open points."""
    by_article: dict[str, list[str]] = {}
    for f in ordinance.findings:
        if f.article_key:
            by_article.setdefault(f.article_key, []).append(f"{LEVELS.get(f.level, f.level)}: {f.message}")
    headings = {a.heading: a.key for a in ordinance.articles()}
    heading_style = w.doc.styles["Heading 2"].style_id
    for paragraph in w.doc.paragraphs if by_article else []:
        key = headings.get(paragraph.text) if paragraph._p.style == heading_style else None
        if key in by_article:
            w.doc.add_comment(paragraph.runs, text=xml_safe("Controle\n" + "\n".join(by_article[key])),
                              author=AUTHOR, initials="PA")

    def where(keys: list[str]) -> str:
        numbers = [f"artikel {a.number}" for a in map(ordinance.article, keys) if a]
        return f" — {', '.join(numbers)}" if numbers else ""

    status = check_status(ordinance)
    w.page_break()
    w.paragraph("Heading 1", CHECK_ANNEX)
    w.paragraph("Normal", f"Status: {status.label}. {status.explanation}")
    w.paragraph("Heading 2", f"Bevindingen ({len(ordinance.findings)})")
    for f in ordinance.findings:
        w.paragraph("List Bullet", f"{LEVELS.get(f.level, f.level)}: {f.message}"
                    + where([f.article_key] if f.article_key else []))
    if not ordinance.findings:
        w.paragraph("Normal", "De controle heeft geen bevindingen.")
    w.paragraph("Heading 2", f"Open punten in dit concept ({len(ordinance.open_points)})")
    for point in ordinance.open_points:
        w.paragraph("List Bullet", f"{point.label} (stap {point.step_number}){where(point.articles)}")
    if not ordinance.open_points:
        w.paragraph("Normal", "Alle keuzes zijn gemaakt.")
    orphans = sorted((own for own in w.own_texts.values() if own.orphan), key=lambda own: own.key)
    if orphans:  # own texts of articles the answers no longer produce: kept, but in no article
        w.paragraph("Heading 2", f"Eigen tekst bij een artikel dat niet meer voorkomt ({len(orphans)})")
        w.paragraph("Normal", ORPHAN_NOTE)
        for own in orphans:
            by = f" ({own.author}, {dutch_date(own.updated_at.date())})" if own.author else ""
            w.paragraph("List Bullet", f"{own.label}{by}:")
            for line in own.body.split("\n"):
                w.paragraph("Normal", line)


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
    w = _Writer(doc, {})
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
    """Adds paragraphs to one document. python-docx looks a style name up on every call, which dominated the
    build time, so each style id is resolved once and set directly."""

    def __init__(self, doc, own_texts: "dict[str, OwnText]"):
        self.doc = doc
        self.style_ids: dict[str, str] = {}
        self.own_texts = own_texts

    def paragraph(self, style: str = "Normal", text: str = ""):
        paragraph = self.doc.add_paragraph(xml_safe(text))
        if style != "Normal":
            if style not in self.style_ids:
                self.style_ids[style] = self.doc.styles[style].style_id
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def text(self, text: str, style: str = "Normal", prefix: str = ""):
        """A paragraph of model text: open points become bold, highlighted runs."""
        paragraph = self.paragraph(style)
        if prefix:
            paragraph.add_run(prefix)
        for kind, chunk, _key in segments(xml_safe(text)):
            run = paragraph.add_run(chunk)
            if kind == "open":
                run.bold = True
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        return paragraph

    def article(self, article: Article) -> None:
        heading = self.paragraph("Heading 2", article.heading)
        notes = [n.sentence() for n in article.choices]
        own = self.own_texts.get(article.key)
        if own:
            notes.insert(0, own_text_note(own))
        if notes:
            self.doc.add_comment(heading.runs, text=xml_safe("\n".join(notes)), author=AUTHOR, initials="PA")
        for member in article.members:
            prefix = f"{member.number}.\t" if member.number else ""
            self.text(member.text, style="Lid" if member.number else "Artikeltekst", prefix=prefix)
            for part in member.parts:
                self.text(part.text, style="Onderdeel" if member.number else "Onderdeel zonder lid",
                          prefix=f"{part.letter}.\t")

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


def _setup_page(doc, today: date) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.5)
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
