"""Turn an uploaded DOCX or a pasted text into lines, refusing files that could hurt the server.

A DOCX is a zip of XML parts. Before python-docx opens it, the zip itself is checked: not too many entries, not too
much uncompressed data, no entry that expands far more than text does (an archive bomb). XML parts that declare a
DOCTYPE or entities are refused outright; python-docx's own parser also leaves entities unexpanded
(lxml resolve_entities=False in docx.oxml.parser). Everything happens in memory: nothing is written to disk.
"""
from __future__ import annotations

import io
import re
import zipfile

from flask_babel import gettext as _

from app.services.answers import clean_text

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARS = 300_000
MAX_ENTRIES = 500
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
#: Word's XML compresses about 5 to 20 times; far more than this is a bomb, not a document
MAX_RATIO = 100
#: small parts may compress well without harm
RATIO_FLOOR_BYTES = 1024 * 1024
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class DocumentRefused(Exception):
    """The file cannot be read; the message says why, in Dutch, for the user."""


def lines_of_text(text: str) -> list[str]:
    """The non-empty lines of a pasted text, cleaned of control characters."""
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentRefused(_("De tekst is langer dan %(limit)s tekens.", limit=f"{MAX_TEXT_CHARS:,}".replace(",", ".")))
    return [line.strip() for line in clean_text(text).splitlines() if line.strip()]


def lines_of_docx(data: bytes) -> list[str]:
    """The paragraphs of a DOCX (tables included, in document order), after the safety checks."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise DocumentRefused(_("Het bestand is groter dan %(size)s MB.", size=MAX_UPLOAD_BYTES // (1024 * 1024)))
    _check_zip(data)
    import docx  # python-docx; imported here so a page without uploads never loads it
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from app.services.reader.numbering import Numbering
    try:
        document = docx.Document(io.BytesIO(data))
        numbering = Numbering(document)  # "Artikel 3" from Word's automatic numbering, not typed in the text

        def text(paragraph) -> str:
            return " ".join(part for part in (numbering.label(paragraph), paragraph.text) if part)

        lines: list[str] = []
        for child in document.element.body.iterchildren():
            if child.tag == qn("w:p"):
                lines.append(text(Paragraph(child, document)))
            elif child.tag == qn("w:tbl"):
                for row in Table(child, document).rows:
                    for cell in row.cells:
                        lines.extend(text(p) for p in cell.paragraphs)
    except DocumentRefused:
        raise
    except Exception as exc:  # python-docx raises many kinds on a broken package; none may become a 500
        raise DocumentRefused(_("Het bestand is geen leesbaar Word-document (.docx).")) from exc
    return [clean_text(line).strip() for line in lines if clean_text(line).strip()]


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DocumentRefused(_("Het bestand is geen Word-document (.docx). Sla het in Word op als .docx, of plak "
                                "de tekst hieronder."))
    if len(entries) > MAX_ENTRIES:
        raise DocumentRefused(_("Het bestand bevat te veel onderdelen (%(count)s) voor een Word-document; het is "
                                "niet geopend.", count=len(entries)))
    total = sum(e.file_size for e in entries)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise DocumentRefused(_("Het bestand pakt uit tot meer dan %(size)s MB; dat is geen gewoon Word-document "
                                "en het is niet geopend.", size=MAX_UNCOMPRESSED_BYTES // (1024 * 1024)))
    for entry in entries:
        if entry.file_size > RATIO_FLOOR_BYTES and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise DocumentRefused(_("Het bestand is verdacht sterk ingepakt (een zogeheten zip-bom) en is niet "
                                    "geopend."))
    names = {e.filename for e in entries}
    if "word/document.xml" not in names:
        raise DocumentRefused(_("Het bestand is geen Word-document (.docx): de tekst ontbreekt erin."))
    for entry in entries:
        if entry.filename.endswith((".xml", ".rels")):
            with archive.open(entry) as part:
                head = part.read(entry.file_size + 1)  # bounded by the total checked above
            if _DECLARATION.search(head):
                raise DocumentRefused(_("Het bestand bevat een XML-declaratie (DOCTYPE of ENTITY) die Word zelf nooit "
                                        "schrijft; het is niet geopend."))
