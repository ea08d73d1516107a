"""One DOCX writer for every document kind (see model.py), with tracked changes as one of its modes.

The writer owns how a document looks: the page set-up and the styles of each document kind (`Layout`, registered per
kind in LAYOUTS; every kind uses the house layout today), the header and footer, the core properties. A builder
supplies content only, a `model.Document`.

python-docx makes the package (styles, page set-up, header and footer, core properties, the comments part); the body
is written in one pass as an XML string and parsed once. Adding it paragraph by paragraph through python-docx's
proxies took most of the build time of a long document such as the ordinance (issue 11, "Performance").

Tracked mode (`render_docx(..., tracked=Tracked(author, when))`) writes a document whose paragraphs carry pieces
kept, inserted and deleted (`Paragraph.pieces`, `Heading.pieces`) as Word revisions (w:ins, w:del) by that author at
that time, so Word and LibreOffice show the changes and can accept or reject them one by one. The document's title
is then one of its blocks (it can change too), so the writer does not add it.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from xml.sax.saxutils import escape

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, Twips

from app.services.core.dates import format_date
from app.services.core.text import _  # outside an app context it returns the Dutch text itself
from app.services.documents.model import Document, Heading, ListBlock, PageBreak, Paragraph, Table, Timeline, segments

AUTHOR = "Participatie-assistent"
LANGUAGE = "nl-NL"
# Characters XML 1.0 cannot hold (lxml refuses them). Input is cleaned today, but text stored before that
# must not make every download of the plan fail.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


TIMELINE_FILL = "1F6FB2"
TIMELINE_LABEL_WIDTH = 2268  # 4 cm in twips
TIMELINE_HEADER_HEIGHT = 850  # 1.5 cm
CHAR_WIDTH = 115  # twips: an average letter of the body text, a little on the wide side
BOLD_CHAR_WIDTH = 135  # twips: the same in bold (header row, totals)
CELL_PADDING = 230  # twips: the left and right cell margins of a table, and a little air
#: Paragraph.style -> Word style name (unlabelled paragraphs)
STYLES = {"body": "Normal", "note": "Normal", "aanhef": "Aanhef", "signing": "Ondertekening",
          "article": "Artikeltekst", "title": "Title"}
#: (Paragraph.style, indent) -> Word style name for a labelled paragraph: "1." members and "a." parts
LABEL_STYLES = {("part", 1): "Onderdeel zonder lid", ("part", 2): "Onderdeel"}
INDENT_STYLES = {1: "Lid", 2: "Onderdeel"}
_ATTR = {'"': "&quot;"}


@dataclass(frozen=True)
class ParagraphStyle:
    """A paragraph style based on Normal: indents in cm, a hanging first line with a tab stop at the indent."""
    name: str
    left: float
    hanging: float = 0.0
    italic: bool = False


@dataclass(frozen=True)
class Layout:
    """The page set-up and the styles of a kind of document: what the empty package holds before the body."""
    font: str = "Calibri"
    size: int = 11  # pt, the Normal style
    space_after: int = 6  # pt after a paragraph
    margin: float = 2.5  # cm, all four sides
    page_width: int = 11906  # twips: A4 portrait (210 x 297 mm), the paper Dutch public bodies print on
    page_height: int = 16838
    heading_sizes: tuple[int, int, int] = (14, 12, 11)  # pt, Heading 1, 2 and 3
    styles: tuple[ParagraphStyle, ...] = ()


#: The styles of a regulation as a jurist expects them: article text, numbered members, lettered parts, aanhef and
#: ondertekening (the ordinance, the raadsbesluit, the publication and the changes document use them).
REGULATION_STYLES = (ParagraphStyle("Artikeltekst", 0), ParagraphStyle("Lid", 0.75, 0.75),
                     ParagraphStyle("Onderdeel", 1.5, 0.75), ParagraphStyle("Onderdeel zonder lid", 0.75, 0.75),
                     ParagraphStyle("Aanhef", 0), ParagraphStyle("Ondertekening", 0))
#: The house layout: A4 (not the page size of python-docx's template, US Letter) with 2.5 cm margins, Calibri 11, and
#: the regulation styles in every document, so an article pasted from the ordinance into another one keeps its layout.
HOUSE = Layout(styles=REGULATION_STYLES)
#: Document kind (`Document.kind`) -> its layout, for a kind that differs from the house layout (none does yet).
LAYOUTS: dict[str, Layout] = {}


def register_layout(kind: str, layout: Layout) -> Layout:
    LAYOUTS[kind] = layout
    return layout


def layout_for(kind: str) -> Layout:
    return LAYOUTS.get(kind, HOUSE)


@dataclass(frozen=True)
class Tracked:
    """Tracked mode: the revisions' author (the user who asked for the document) and time."""
    author: str
    when: datetime


def render_docx(document: Document, today: date | None = None, *, tracked: Tracked | None = None) -> bytes:
    """The document as a Word file. With `tracked`, its pieces are written as revisions (see the module's text)."""
    today = today or date.today()
    doc = WordDocument(io.BytesIO(_package(layout_for(document.kind), today, document.draft)))
    props = doc.core_properties
    props.title = xml_safe(document.title)
    props.subject = xml_safe(document.subject)
    props.keywords = xml_safe(document.keywords)
    props.category = xml_safe(document.category)
    props.language = LANGUAGE
    props.author = AUTHOR
    if document.status:
        props.content_status = document.status
    props.comments = xml_safe(document.description) or \
        f"{document.status}, gemaakt op {format_date(today)} met de Participatie-assistent."

    body = _Body(doc, tracked)
    if tracked is None:
        body.paragraph(document.title, "Title")
    for block in document.blocks:
        body.block(block)
    if document.open_points:
        body.paragraph(f"Open punten ({len(document.open_points)})", "Heading 2")
        for point in document.open_points:
            body.paragraph(point, "List Bullet")

    section = doc.element.body.find(qn("w:sectPr"))
    for child in parse_xml(f"<w:body {nsdecls('w')}>{''.join(body.parts)}</w:body>"):
        section.addprevious(child)
    if body.comments:
        comments = doc.comments._comments_elm  # creates the comments part
        for child in parse_xml(f"<w:comments {nsdecls('w')}>{''.join(body.comments)}</w:comments>"):
            comments.append(child)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@lru_cache(maxsize=8)
def _package(layout: Layout, today: date, draft: bool = True) -> bytes:
    """The empty document with the layout's styles and margins, the header (with the date) and footer. Adding the
    styles through python-docx takes as long as making the document itself, so it is done once per layout and day. A
    final document (`Document.draft` false, e.g. a decision letter that is sent) has no "CONCEPT" header."""
    doc = WordDocument()
    _setup_styles(doc, layout)
    _setup_page(doc, layout, today, draft)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()



def column_widths(block: Table, width: int) -> list[int]:
    """Widths in twips for a table's columns, together the text width: each column at least as wide as its longest
    word (so "participatieplan" is not broken into "participatiepla" and "n"), the rest shared by the amount of text.
    When the longest words do not fit side by side, the widths follow the longest words."""
    bold = [block.columns, *([block.footer] if block.footer else [])]  # the header and the totals: wider letters
    count = len(block.columns)

    def longest(rows: list[list[str]], i: int) -> int:
        return max((len(word) for row in rows if i < len(row) for word in str(row[i]).split()), default=1)

    least = [max(longest(block.rows, i) * CHAR_WIDTH, longest(bold, i) * BOLD_CHAR_WIDTH) + CELL_PADDING
             for i in range(count)]
    texts = [[str(row[i]) if i < len(row) else "" for row in [*block.rows, *bold]] for i in range(count)]
    amount = [max(sum(len(text) for text in column), 1) for column in texts]
    if sum(least) >= width:
        widths = [width * w // sum(least) for w in least]
    else:
        rest = width - sum(least)
        widths = [w + rest * a // sum(amount) for w, a in zip(least, amount)]
    widths[-1] += width - sum(widths)
    return widths


def _run(text: str, properties: str = "") -> str:
    """A run like python-docx's add_run: tabs become w:tab, line ends w:br."""
    out = ["<w:r>"]
    if properties:
        out.append(f"<w:rPr>{properties}</w:rPr>")
    for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    out.append("</w:r>")
    return "".join(out)


class _Body:
    """Collects the w:body children of a document as XML text."""

    def __init__(self, doc, tracked: Tracked | None = None):
        self.doc = doc
        self.parts: list[str] = []
        #: w:comment elements as XML text; the paragraphs refer to them by id
        self.comments: list[str] = []
        self.when = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.style_ids: dict[str, str] = {}
        section = doc.sections[0]
        self.width = (section.page_width - section.left_margin - section.right_margin) // 635  # EMU to twips
        self.tracked = tracked
        #: Word revisions need an id unique within the document
        self.revision_id = 0

    def style_id(self, name: str) -> str:
        if name not in self.style_ids:
            self.style_ids[name] = self.doc.styles[name].style_id
        return self.style_ids[name]

    def block(self, block) -> None:
        if isinstance(block, Heading):
            self.paragraph(block.text, f"Heading {min(max(block.level, 1), 3)}", comments=block.comments,
                           pieces=block.pieces, revision=block.revision)
        elif isinstance(block, Paragraph):
            # A labelled paragraph ("1.", "a.") takes its style from its indent; so does a paragraph of a tracked
            # document, which keeps its label in its pieces (a renumbered member shows as a revision).
            if block.label or block.pieces is not None:
                style = LABEL_STYLES.get((block.style, block.indent)) or INDENT_STYLES.get(block.indent) \
                    or STYLES.get(block.style, "Normal")
            else:
                style = STYLES.get(block.style, "Normal")
            prefix = f"{block.label}\t" if block.label and block.pieces is None else ""
            self.paragraph(block.text, style, prefix=prefix, italic=block.style == "note", comments=block.comments,
                           pieces=block.pieces, revision=block.revision)
        elif isinstance(block, ListBlock):
            for item in block.items:
                self.paragraph(item, "List Number" if block.numbered else "List Bullet")
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Timeline):
            self.timeline(block)
        elif isinstance(block, PageBreak):
            self.parts.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        else:  # a new block type must get a rendering here and in the HTML macro
            raise TypeError(f"Onbekend blok: {type(block).__name__}")

    def paragraph(self, text: str, style: str = "Normal", *, prefix: str = "", italic: bool = False,
                  bold: bool = False, comments: list[str] | None = None, pieces: list[tuple[str, str]] | None = None,
                  revision: str = "") -> None:
        if (pieces is not None or revision) and self.tracked is None:
            raise ValueError("Bijgehouden wijzigingen schrijft render_docx alleen met tracked=Tracked(...)")
        out = self.parts
        out.append("<w:p>")
        properties = len(out)  # w:pPr goes here: a revision of the paragraph mark is numbered after those of its text
        ids = [self.comment(c) for c in comments or ()]
        out.extend(f'<w:commentRangeStart w:id="{i}"/>' for i in ids)
        if pieces is None:
            self.runs(prefix, text, italic=italic, bold=bold)
        else:
            self.revised(pieces)
        for i in ids:
            out.append(f'<w:commentRangeEnd w:id="{i}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                       f'<w:commentReference w:id="{i}"/></w:r>')
        # The paragraph mark itself is new or gone, so accepting the change adds or removes the paragraph.
        mark = f"<w:rPr>{self.revision(revision)}</w:rPr>" if revision else ""
        if style != "Normal" or mark:
            pstyle = f'<w:pStyle w:val="{escape(self.style_id(style), _ATTR)}"/>' if style != "Normal" else ""
            out.insert(properties, f"<w:pPr>{pstyle}{mark}</w:pPr>")
        out.append("</w:p>")

    def revision(self, kind: str, content: str | None = None) -> str:
        """A w:ins or w:del ("insert", "delete") by the tracked mode's author at its time, around `content` (a run)
        or empty (in the properties of a paragraph mark)."""
        tag = {"insert": "w:ins", "delete": "w:del"}[kind]
        self.revision_id += 1
        author = xml_safe(self.tracked.author) or AUTHOR
        head = (f'{tag} w:id="{self.revision_id}" w:author="{escape(author, _ATTR)}" '
                f'w:date="{self.tracked.when.strftime("%Y-%m-%dT%H:%M:%SZ")}"')
        return f"<{head}/>" if content is None else f"<{head}>{content}</{tag}>"

    def revised(self, pieces: list[tuple[str, str]]) -> None:
        """Text kept, inserted and deleted, in reading order; Word keeps deleted text in w:delText."""
        for kind, chunk in pieces:
            chunk = xml_safe(chunk)
            if kind == "equal":
                self.run(chunk)
            elif kind == "insert":
                self.parts.append(self.revision("insert", _run(chunk)))
            else:
                deleted = "<w:tab/>".join(f'<w:delText xml:space="preserve">{escape(piece)}</w:delText>' if piece
                                          else "" for piece in chunk.split("\t"))
                self.parts.append(self.revision("delete", f"<w:r>{deleted}</w:r>"))

    def runs(self, prefix: str, text: str, *, italic: bool = False, bold: bool = False) -> None:
        if prefix:
            self.run(prefix)
        for kind, chunk, _key in segments(xml_safe(text)):
            if kind == "open":
                self.run(chunk, "<w:b/>" + ("<w:i/>" if italic else "") + '<w:highlight w:val="yellow"/>')
            else:
                self.run(chunk, ("<w:b/>" if bold else "") + ("<w:i/>" if italic else ""))

    def run(self, text: str, properties: str = "") -> None:
        if text:
            self.parts.append(_run(text, properties))

    def comment(self, text: str) -> int:
        """A Word comment for the comments part, as python-docx's add_comment writes it (one paragraph per line);
        the paragraph it belongs to anchors it by its id."""
        number = len(self.comments)
        paragraphs = "".join(
            '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
            + ('<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>' if i == 0 else "")
            + (f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else "") + "</w:p>"
            for i, line in enumerate(xml_safe(text).split("\n")))
        self.comments.append(f'<w:comment w:id="{number}" w:author="{escape(AUTHOR, _ATTR)}" w:initials="PA" '
                             f'w:date="{self.when}">{paragraphs}</w:comment>')
        return number

    def caption(self, text: str) -> None:
        if text:
            self.paragraph(text, italic=True)

    def table_start(self, widths: list[int], margins: str = "") -> None:
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
        self.parts.append(f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.style_id("Table Grid")}"/>'
                          f'<w:tblW w:type="auto" w:w="0"/>{margins}<w:tblLook w:firstColumn="1" w:firstRow="1" '
                          'w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>'
                          f"<w:tblGrid>{grid}</w:tblGrid>")
        self.cell_widths = widths

    def row(self, cells: list[str], *, header: bool = False, bold: bool = False,
            filled: set[int] = frozenset(), upright: bool = False, height: int = 0) -> None:
        """A table row. upright: the header cells after the first read bottom to top in a small font (the months
        of a timeline); height: a minimum row height in twips."""
        out = self.parts
        row_properties = ('<w:tblHeader w:val="true"/>' if header else "") + \
            (f'<w:trHeight w:val="{height}" w:hRule="atLeast"/>' if height else "")
        out.append(f"<w:tr><w:trPr>{row_properties}</w:trPr>" if row_properties else "<w:tr>")
        for i, text in enumerate(cells):
            shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{TIMELINE_FILL}"/>' if i in filled else ""
            turned = upright and i > 0
            direction = '<w:textDirection w:val="btLr"/>' if turned else ""
            out.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{self.cell_widths[i]}"/>{shading}{direction}'
                       "</w:tcPr><w:p>")
            if turned:
                self.run(text, '<w:b/><w:sz w:val="14"/>')
            else:
                self.runs("", text, bold=bold or header)
            out.append("</w:p></w:tc>")
        out.append("</w:tr>")

    def table(self, block: Table) -> None:
        self.caption(block.caption)
        self.table_start(column_widths(block, self.width))
        self.row(block.columns, header=True)
        for row in block.rows:
            self.row(row)
        if block.footer:
            self.row(block.footer, bold=True)
        self.parts.append("</w:tbl>")

    def timeline(self, block: Timeline) -> None:
        self.caption(block.caption)
        # Fixed widths: a label column that reads, narrow period columns in the rest of the text width.
        periods = len(block.periods)
        label = TIMELINE_LABEL_WIDTH if periods else self.width
        period = (self.width - label) // periods if periods else 0
        self.table_start([label] + [period] * periods,
                         margins='<w:tblCellMar><w:left w:w="28" w:type="dxa"/><w:right w:w="28" w:type="dxa"/>'
                                 "</w:tblCellMar>")
        # the months upright, so 24 of them fit beside the labels on a portrait page
        self.row([_("Activiteit"), *block.periods], header=True, upright=True, height=TIMELINE_HEADER_HEIGHT)
        for row in block.rows:
            label = row.label + (f" ({row.note})" if row.note else "")
            if row.start is None:
                self.row([label + " — " + _("periode onbekend")] + [""] * len(block.periods))
                continue
            end = row.start if row.end is None else row.end
            on = set(range(1 + row.start, 2 + end))
            # a mark a screen reader and a black-and-white print can read too
            self.row([label] + ["■" if i in on else "" for i in range(1, 1 + len(block.periods))], filled=on)
        self.parts.append("</w:tbl>")


def _setup_styles(doc, layout: Layout) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = layout.font
    normal.font.size = Pt(layout.size)
    normal.paragraph_format.space_after = Pt(layout.space_after)
    # Language of the whole document, so Word checks the spelling in Dutch.
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")

    for spec in layout.styles:
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        fmt = style.paragraph_format
        fmt.left_indent = Cm(spec.left)
        fmt.first_line_indent = Cm(-spec.hanging) if spec.hanging else None
        if spec.hanging:
            fmt.tab_stops.add_tab_stop(Cm(spec.left))
        style.font.italic = spec.italic
    for name, size in zip(("Heading 1", "Heading 2", "Heading 3"), layout.heading_sizes):
        styles[name].font.size = Pt(size)
        styles[name].paragraph_format.keep_with_next = True


def _setup_page(doc, layout: Layout, today: date, draft: bool = True) -> None:
    """A4 and margins, the "CONCEPT — date" header (only on a draft: a letter that is sent is no concept) and the page
    numbers in the footer."""
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Twips(layout.page_width), Twips(layout.page_height)
    section.top_margin = section.bottom_margin = Cm(layout.margin)
    section.left_margin = section.right_margin = Cm(layout.margin)
    if draft:
        header = section.header.paragraphs[0]
        marker = header.add_run("CONCEPT")
        marker.bold = True
        header.add_run(f" — {format_date(today)}")
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
