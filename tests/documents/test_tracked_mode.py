"""The one DOCX writer owns each document kind's page set-up and styles, and writes tracked changes as a mode: a
document on the shared model whose paragraphs carry pieces kept, inserted and deleted comes out as Word revisions by
one author at one time."""
import io
import zipfile
from datetime import date, datetime, timezone

import pytest
from docx import Document as WordDocument
from lxml import etree

from app.services.documents import docx_writer
from app.services.documents.docx_writer import HOUSE, Layout, ParagraphStyle, Tracked, render_docx
from app.services.documents.model import Document, Heading, Paragraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WHEN = datetime(2026, 11, 24, 10, 30, tzinfo=timezone.utc)


def changes() -> Document:
    doc = Document(kind="wijzigingen", title="Verordening", status="", description="Wijzigingen van A naar B.")
    doc.add(Heading(2, "Artikel 2. Termijn", pieces=[("equal", "Artikel 2. Termijn")]))
    doc.paragraph("1.\tIeder kan binnen 8 weken reageren.", indent=1,
                  pieces=[("equal", "1.\tIeder kan binnen "), ("delete", "4"), ("insert", "8"),
                          ("equal", " weken reageren.")])
    doc.paragraph("2.\tHet college maakt een verslag.", indent=1, revision="insert",
                  pieces=[("insert", "2.\tHet college maakt een verslag.")])
    doc.paragraph("Een oude zin.", revision="delete", pieces=[("delete", "Een oude zin.")])
    return doc


def body(data: bytes):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).find(f"{W}body")


def test_tracked_mode_writes_the_pieces_as_revisions_by_the_author():
    data = render_docx(changes(), date(2026, 11, 24), tracked=Tracked("Jan Jurist", WHEN))
    paragraphs = body(data).findall(f"{W}p")
    # The title is one of the blocks in tracked mode: the writer adds none of its own.
    assert [p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for p in paragraphs[:3]] == ["Heading2", "Lid", "Lid"]
    inserted = [("".join(e.itertext()), e.get(f"{W}author"), e.get(f"{W}date"))
                for e in body(data).iter(f"{W}ins") if len(e)]
    deleted = ["".join(t.text for t in e.iter(f"{W}delText")) for e in body(data).iter(f"{W}del") if len(e)]
    assert inserted == [("8", "Jan Jurist", "2026-11-24T10:30:00Z"), ("2.Het college maakt een verslag.",
                                                                      "Jan Jurist", "2026-11-24T10:30:00Z")]
    assert deleted == ["4", "Een oude zin."]
    # The paragraph marks of the new and the gone paragraph are revisions too, so accepting joins or removes them.
    assert paragraphs[2].find(f"{W}pPr/{W}rPr/{W}ins") is not None
    assert paragraphs[3].find(f"{W}pPr/{W}rPr/{W}del") is not None
    ids = [e.get(f"{W}id") for e in body(data).iter(f"{W}ins", f"{W}del")]
    assert len(ids) == len(set(ids)) == 6
    word = WordDocument(io.BytesIO(data))
    assert word.core_properties.comments == "Wijzigingen van A naar B." and word.core_properties.content_status == ""


def test_pieces_without_tracked_mode_are_refused():
    with pytest.raises(ValueError):
        render_docx(changes(), date(2026, 11, 24))


def test_a_kind_with_a_layout_of_its_own_gets_its_page_and_styles(monkeypatch):
    monkeypatch.setattr(docx_writer, "LAYOUTS", {})
    docx_writer.register_layout("brief", Layout(margin=3.0, styles=(ParagraphStyle("Adres", 0, italic=True),)))
    letter = WordDocument(io.BytesIO(render_docx(Document(kind="brief", title="Brief"), date(2026, 11, 24))))
    other = WordDocument(io.BytesIO(render_docx(Document(kind="verordening", title="V"), date(2026, 11, 24))))
    assert round(letter.sections[0].left_margin.cm, 2) == 3.0
    assert round(other.sections[0].left_margin.cm, 2) == HOUSE.margin == 2.5
    names = {s.name for s in letter.styles}
    assert "Adres" in names and "Lid" not in names
    assert {"Lid", "Onderdeel", "Artikeltekst"} <= {s.name for s in other.styles}
