"""The ordinance model as a Word document a jurist recognises: real styles, numbered members, comments."""
from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from app.services.ordinance.model import Article, Ordinance, segments
from app.services.ordinance.wording import dutch_date

AUTHOR = "Participatie-assistent"
_STYLE_IDS: dict[int, dict[str, str]] = {}  # per document being written; cleared when it is saved
LANGUAGE = "nl-NL"


def render_ordinance_docx(ordinance: Ordinance, today: date | None = None) -> bytes:
    today = today or date.today()
    doc = Document()
    _setup_styles(doc)
    _setup_page(doc, today)
    props = doc.core_properties
    props.title = ordinance.title
    props.subject = f"{ordinance.body_type.capitalize()} {ordinance.municipality}"
    props.keywords = f"participatieverordening; {ordinance.municipality}"
    props.category = ordinance.municipality
    props.language = LANGUAGE
    props.author = AUTHOR
    props.content_status = "Concept"
    props.comments = f"Concept, gemaakt op {dutch_date(today)} met de Participatie-assistent."

    _paragraph(doc, "Title", ordinance.title)
    for line in ordinance.aanhef:
        _add_text(doc, line, style="Aanhef")

    for chapter in ordinance.chapters:
        _paragraph(doc, "Heading 1", chapter.heading)
        for article in chapter.articles:
            _add_article(doc, article)

    _paragraph(doc, "Normal", "")
    for line in ordinance.signing:
        _add_text(doc, line, style="Ondertekening")

    _page_break(doc)
    _paragraph(doc, "Heading 1", "Toelichting")
    _paragraph(doc, "Heading 2", "Algemeen")
    for section in ordinance.general_explanation:
        _paragraph(doc, "Heading 3", section.title)
        for paragraph in section.paragraphs:
            _add_text(doc, paragraph)
    _paragraph(doc, "Heading 2", "Artikelsgewijs")
    for article in ordinance.articles():
        _paragraph(doc, "Heading 3", article.heading)
        for paragraph in article.explanation:
            _add_text(doc, paragraph)

    if ordinance.open_points:
        _page_break(doc)
        _paragraph(doc, "Heading 1", "Open punten in dit concept")
        for point in ordinance.open_points:
            where = ", ".join(f"artikel {ordinance.article(k).number}" for k in point.articles if ordinance.article(k))
            text = f"{point.label} (stap {point.step_number})" + (f" — {where}" if where else "")
            _paragraph(doc, "List Bullet", text)

    _STYLE_IDS.pop(id(doc.styles.element), None)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _add_article(doc, article: Article) -> None:
    heading = _paragraph(doc, "Heading 2", article.heading)
    if article.choices:
        doc.add_comment(heading.runs, text="\n".join(n.sentence() for n in article.choices), author=AUTHOR,
                        initials="PA")
    for member in article.members:
        prefix = f"{member.number}.\t" if member.number else ""
        _add_text(doc, member.text, style="Lid" if member.number else "Artikeltekst", prefix=prefix)
        for part in member.parts:
            _add_text(doc, part.text, style="Onderdeel" if member.number else "Onderdeel zonder lid",
                      prefix=f"{part.letter}.\t")


def _paragraph(doc, style: str = "Normal", text: str = ""):
    """A new paragraph in a style. python-docx looks a style name up on every call, which dominated the build
    time, so the style ids are resolved once per document and set directly."""
    paragraph = doc.add_paragraph(text)
    if style != "Normal":
        paragraph._p.style = _style_id(doc, style)
    return paragraph


def _style_id(doc, name: str) -> str:
    cache = _STYLE_IDS.setdefault(id(doc.styles.element), {})
    if name not in cache:
        cache[name] = doc.styles[name].style_id
    return cache[name]


def _add_text(doc, text: str, style: str = "Normal", prefix: str = ""):
    paragraph = _paragraph(doc, style)
    if prefix:
        paragraph.add_run(prefix)
    for kind, chunk, _key in segments(text):
        run = paragraph.add_run(chunk)
        if kind == "open":
            run.bold = True
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return paragraph


def _page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


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
