"""The shared document model: what the HTML preview and the DOCX writer both render.

Text may carry open points (`open_marker`, a decision not yet made): they show highlighted in both renderings.
A builder makes a Document from answers; it never reads the request or the database session itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

# Open points travel inside the text as  \ue000key\ue002placeholder\ue001 ; user input can never contain these.
OPEN_START, OPEN_SEP, OPEN_END = "\ue000", "\ue002", "\ue001"
_OPEN_RE = re.compile("\ue000([^\ue002]*)\ue002([^\ue001]*)\ue001")


def open_marker(key: str, placeholder: str) -> str:
    return f"{OPEN_START}{key}{OPEN_SEP}{placeholder}{OPEN_END}"


def segments(text: str) -> list[tuple[str, str, str | None]]:
    """Split text into (kind, text, question key) with kind 'text' or 'open'."""
    parts: list[tuple[str, str, str | None]] = []
    pos = 0
    for m in _OPEN_RE.finditer(text):
        if m.start() > pos:
            parts.append(("text", text[pos:m.start()], None))
        parts.append(("open", m.group(2), m.group(1)))
        pos = m.end()
    if pos < len(text):
        parts.append(("text", text[pos:], None))
    return parts


def plain(text: str) -> str:
    if OPEN_START not in text:
        return text
    return "".join(t for _, t, _ in segments(text))


#: A piece of text in a document with tracked changes: ("equal", "insert" or "delete", text), in reading order.
Piece = tuple[str, str]


@dataclass
class Heading:
    level: int  # 1, 2 or 3
    text: str
    #: Word comments at the heading, one Word comment per item (lines split by "\n"), and a note beside it in the
    #: preview
    comments: list[str] = field(default_factory=list)
    #: tracked changes (the DOCX writer's tracked mode): the text as pieces kept, inserted and deleted
    pieces: list[Piece] | None = None
    #: tracked changes: "insert" or "delete" when the paragraph itself is new or gone
    revision: str = ""


@dataclass
class Paragraph:
    text: str
    #: "body", "note" (italic), "aanhef", "signing", "title" (an opschrift, Word's Title style); in a regulation also
    #: "article" (the text of an article without numbered members) and "part" (a lettered part "a.": indent 2 under a
    #: member, 1 in an article without members)
    style: str = "body"
    #: a label before the text, e.g. "1." for a numbered member or "a." for a part
    label: str = ""
    #: indentation level: 0 = flush, 1 = a member, 2 = a part of a member
    indent: int = 0
    comments: list[str] = field(default_factory=list)
    #: tracked changes, as at Heading; the pieces hold the label too (a renumbered member shows as a revision)
    pieces: list[Piece] | None = None
    revision: str = ""


@dataclass
class ListBlock:
    items: list[str]
    numbered: bool = False


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    #: a closing row in bold, e.g. totals
    footer: list[str] | None = None
    caption: str = ""


@dataclass
class TimelineRow:
    label: str
    #: indexes into Timeline.periods, inclusive; None when the period is not known (shown as "periode onbekend")
    start: int | None
    end: int | None
    note: str = ""


@dataclass
class Timeline:
    """A Gantt chart: one row per activity, one column per period (month or quarter)."""
    periods: list[str]
    rows: list[TimelineRow]
    caption: str = ""


@dataclass
class PageBreak:
    pass


Block = Union[Heading, Paragraph, ListBlock, Table, Timeline, PageBreak]


@dataclass
class Document:
    kind: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    #: e.g. "Gemeente Voorbeeldstad"; becomes the DOCX subject
    subject: str = ""
    status: str = "Concept"
    #: the DOCX comments property; when empty: "<status>, gemaakt op <date> met de Participatie-assistent."
    description: str = ""
    #: a draft carries "CONCEPT — date" in its header; a final document (a decision letter that is sent) does not
    draft: bool = True
    #: DOCX core properties a search in a document system uses (e.g. "participatieverordening; Voorbeeldstad")
    keywords: str = ""
    category: str = ""
    #: decisions not yet made, shown as a list at the end of the preview and the document
    open_points: list[str] = field(default_factory=list)

    # Builders read best as a sequence of statements: doc.heading(...); doc.paragraph(...).
    def heading(self, text: str, level: int = 1, comments: list[str] | None = None) -> Heading:
        block = Heading(level, text, comments or [])
        self.blocks.append(block)
        return block

    def paragraph(self, text: str, **kwargs) -> Paragraph:
        block = Paragraph(text, **kwargs)
        self.blocks.append(block)
        return block

    def add(self, block: Block) -> Block:
        self.blocks.append(block)
        return block

    def plain_text(self) -> str:
        """Everything a reader sees, one block a line: for tests and search."""
        lines = [self.title]
        for b in self.blocks:
            if isinstance(b, Heading):
                lines.append(plain(b.text))
            elif isinstance(b, Paragraph):
                lines.append(" ".join(x for x in (b.label, plain(b.text)) if x))
            elif isinstance(b, ListBlock):
                lines.extend(plain(i) for i in b.items)
            elif isinstance(b, Table):
                lines.append(" | ".join(b.columns))
                lines.extend(" | ".join(plain(c) for c in r) for r in b.rows + ([b.footer] if b.footer else []))
            elif isinstance(b, Timeline):
                lines.extend(r.label for r in b.rows)
        lines.extend(self.open_points)
        return "\n".join(lines)
