"""Reading a generated DOCX the way a jurist would look at it: headings, numbered members, comments."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

from docx import Document
from docx.oxml.ns import qn


@dataclass
class ReadDocx:
    doc: object
    paragraphs: list[tuple[str, str]]  # (style name, text)
    comments: dict[str, str]            # heading text -> comment text

    def headings(self, level: int) -> list[str]:
        return [t for s, t in self.paragraphs if s == f"Heading {level}"]

    def text(self) -> str:
        return "\n".join(t for _, t in self.paragraphs)

    def article_block(self, heading_start: str) -> list[str]:
        """The paragraphs of one article in the ordinance text (before the toelichting)."""
        out, inside = [], False
        for style, text in self.paragraphs:
            if style == "Heading 2" and text.startswith(heading_start):
                inside = True
                continue
            if inside and (style.startswith("Heading") or text == "Toelichting"):
                break
            if inside:
                out.append(text)
        return out

    def article_number(self, title: str) -> int:
        for heading in self.headings(2):
            m = re.match(r"Artikel (\d+)\. (.+)$", heading)
            if m and m.group(2) == title:
                return int(m.group(1))
        raise AssertionError(f"geen artikel met titel {title!r}: {self.headings(2)}")


def read_docx(data: bytes) -> ReadDocx:
    doc = Document(io.BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    comment_texts = {str(c.comment_id): c.text for c in doc.comments}
    anchored = {}
    for p in doc.paragraphs:
        for start in p._p.iter(qn("w:commentRangeStart")):
            # an article can carry two comments (the choice notes, the check): read them as one
            comment = comment_texts.get(start.get(qn("w:id")), "")
            anchored[p.text] = f"{anchored[p.text]}\n{comment}" if p.text in anchored else comment
    return ReadDocx(doc, paragraphs, anchored)
