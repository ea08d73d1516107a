"""Turn an uploaded DOCX or a pasted text into lines, refusing files that could hurt the server.

A DOCX is a zip of XML parts. Before python-docx opens it, every part is unpacked in chunks with a running total,
so a part that claims to be small but unpacks to far more is stopped at the limit instead of being unpacked whole
(the sizes in the zip's directory are the sender's word). Each XML part is streamed through lxml's pull parser as it
is unpacked: whatever its encoding (UTF-8, -16 or -32, with or without a byte-order mark or an encoding
declaration) the parser reads it as python-docx would, and a part whose tree carries a document type declaration
(DOCTYPE, internal subset, entities) is refused. Which parts are XML is read from [Content_Types].xml, as python-docx
decides it, not from their names. Paragraphs and text are counted over all XML parts: more than an ordinance has is
refused before python-docx builds its objects for them, which is where the time and memory went.
A limit on the CPU time of the read covers the rest. Everything happens in memory and in this process: with the input bounded like
this the work is bounded too (well under a second on a full-size ordinance), so a child process with resource limits
would only add the cost of starting it to every upload.
"""
from __future__ import annotations

import io
import time
import zipfile
from typing import Callable

from lxml import etree

from app.services.core.text import _
from app.services.questions.answers import clean_text

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARS = 300_000
MAX_ENTRIES = 500
#: all parts together, unpacked; a long ordinance with pictures is a few MB
MAX_UNCOMPRESSED_BYTES = 25 * 1024 * 1024
#: Word's XML compresses about 5 to 20 times; far more than this is a bomb, not a document
MAX_RATIO = 100
#: small parts may compress well without harm
RATIO_FLOOR_BYTES = 1024 * 1024
#: paragraphs in all parts (table cells, headers, notes included); a long ordinance with its toelichting has a few
#: thousand
MAX_PARAGRAPHS = 20_000
#: the text of all parts, as for a pasted text
MAX_DOCUMENT_CHARS = MAX_TEXT_CHARS
#: CPU seconds for the whole read of one upload (this thread's own time: a busy machine does not make a normal
#: document run out of time, and a hostile one cannot use more)
MAX_SECONDS = 10.0
_CHUNK = 64 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocumentRefused(Exception):
    """The file cannot be read; the message says why, in Dutch, for the user."""


class _Deadline:
    def __init__(self, seconds: float, clock: Callable[[], float]):
        self._clock, self._end = clock, clock() + seconds

    def check(self) -> None:
        if self._clock() > self._end:
            raise DocumentRefused(_("Het lezen van het bestand duurde te lang; het is gestopt. Is dit een gewoon "
                                    "Word-document? Plak anders de tekst hieronder."))


def lines_of_text(text: str) -> list[str]:
    """The non-empty lines of a pasted text, cleaned of control characters."""
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentRefused(_("De tekst is langer dan %(limit)s tekens.",
                                limit=f"{MAX_TEXT_CHARS:,}".replace(",", ".")))
    return [line.strip() for line in clean_text(text).splitlines() if line.strip()]


def lines_of_docx(data: bytes, *, seconds: float = MAX_SECONDS, clock: Callable[[], float] = time.thread_time
                  ) -> list[str]:
    """The paragraphs of a DOCX (tables included, in document order), after the safety checks."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise DocumentRefused(_("Het bestand is groter dan %(size)s MB.", size=MAX_UPLOAD_BYTES // (1024 * 1024)))
    deadline = _Deadline(seconds, clock)
    _check_zip(data, deadline)
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
            deadline.check()
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


def _too_big() -> DocumentRefused:
    return DocumentRefused(_("Het bestand pakt uit tot meer dan %(size)s MB; dat is geen gewoon Word-document en het "
                             "is niet geopend.", size=MAX_UNCOMPRESSED_BYTES // (1024 * 1024)))


def _check_zip(data: bytes, deadline: _Deadline) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DocumentRefused(_("Het bestand is geen Word-document (.docx). Sla het in Word op als .docx, of plak "
                                "de tekst hieronder."))
    if len(entries) > MAX_ENTRIES:
        raise DocumentRefused(_("Het bestand bevat te veel onderdelen (%(count)s) voor een Word-document; het is "
                                "niet geopend.", count=len(entries)))
    for entry in entries:
        if entry.file_size > RATIO_FLOOR_BYTES and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise DocumentRefused(_("Het bestand is verdacht sterk ingepakt (een zogeheten zip-bom) en is niet "
                                    "geopend."))
    if sum(e.file_size for e in entries) > MAX_UNCOMPRESSED_BYTES:
        raise _too_big()
    if "word/document.xml" not in {e.filename for e in entries}:
        raise DocumentRefused(_("Het bestand is geen Word-document (.docx): de tekst ontbreekt erin."))
    unpacked, counts, xml_types = 0, _Counts(), _ContentTypes()
    # [Content_Types].xml first: it says which parts are XML (python-docx parses a part by its content type, not its
    # name, so "word/tekst.bin" can be the document). Every XML part is checked and counted, whatever its name.
    for entry in sorted(entries, key=lambda e: e.filename != _ContentTypes.NAME):
        part = _XmlPart(counts) if xml_types.is_xml(entry.filename) else None
        try:
            with archive.open(entry) as stream:
                while chunk := stream.read(_CHUNK):
                    unpacked += len(chunk)
                    if unpacked > MAX_UNCOMPRESSED_BYTES:
                        raise _too_big()
                    if part:
                        part.feed(chunk)
                    deadline.check()
            if part:
                root = part.close()
                if entry.filename == _ContentTypes.NAME:
                    xml_types.read(root)
        except DocumentRefused:
            raise
        except (zipfile.BadZipFile, etree.XMLSyntaxError, ValueError, OSError, EOFError, NotImplementedError) as exc:
            raise DocumentRefused(_("Het bestand is geen leesbaar Word-document (.docx).")) from exc


class _ContentTypes:
    """Which parts are XML, from the package's [Content_Types].xml; by name (.xml, .rels) until it is read."""
    NAME = "[Content_Types].xml"
    _NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"

    def __init__(self):
        self._defaults: dict[str, str] = {"xml": "application/xml", "rels": "application/xml"}
        self._overrides: dict[str, str] = {}

    def read(self, root) -> None:
        for element in root:
            if element.tag == f"{self._NS}Default":
                self._defaults[(element.get("Extension") or "").lower()] = element.get("ContentType") or ""
            elif element.tag == f"{self._NS}Override":
                self._overrides[(element.get("PartName") or "").lstrip("/").lower()] = element.get("ContentType") or ""

    def is_xml(self, name: str) -> bool:
        extension = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
        kind = self._overrides.get(name.lower(), self._defaults.get(extension, "")).lower().split(";")[0].strip()
        return kind.endswith(("/xml", "+xml")) or name.lower().endswith((".xml", ".rels"))


class _Counts:
    """Paragraphs and characters of text over all parts of one document."""

    def __init__(self):
        self.paragraphs = self.chars = 0


class _XmlPart:
    """One XML part, parsed as it is unpacked: refused when it declares a DTD; its paragraphs and text counted."""

    def __init__(self, counts: _Counts):
        self._parser = etree.XMLPullParser(events=("start", "end"), resolve_entities=False, no_network=True,
                                           load_dtd=False, huge_tree=False)
        self._counts = counts
        self._checked = False

    def feed(self, chunk: bytes) -> None:
        self._parser.feed(chunk)
        self._read_events()

    def close(self):
        root = self._parser.close()
        self._read_events()
        self._check_declaration(root)
        return root

    def _read_events(self) -> None:
        for event, element in self._parser.read_events():
            if not self._checked:  # a DOCTYPE can only come before the root element, so the first start decides
                self._check_declaration(element)
            if event != "end":
                continue
            if element.tag == f"{_W}t" and element.text:
                self._counts.chars += len(element.text)
                if self._counts.chars > MAX_DOCUMENT_CHARS:
                    raise DocumentRefused(_("Het document bevat meer dan %(limit)s tekens tekst; dat is meer dan een "
                                            "verordening heeft en het is niet geopend.",
                                            limit=f"{MAX_DOCUMENT_CHARS:,}".replace(",", ".")))
            elif element.tag == f"{_W}p":
                self._counts.paragraphs += 1
                if self._counts.paragraphs > MAX_PARAGRAPHS:
                    raise DocumentRefused(_("Het document bevat meer dan %(limit)s alinea’s; dat is meer dan een "
                                            "verordening heeft en het is niet geopend.",
                                            limit=f"{MAX_PARAGRAPHS:,}".replace(",", ".")))
                element.clear(keep_tail=False)  # counted; the tree need not keep it

    def _check_declaration(self, element) -> None:
        self._checked = True
        info = element.getroottree().docinfo
        if info.internalDTD is not None or info.externalDTD is not None or info.doctype or info.system_url \
                or info.public_id:
            raise DocumentRefused(_("Het bestand bevat een XML-declaratie (DOCTYPE of ENTITY) die Word zelf nooit "
                                    "schrijft; het is niet geopend."))
