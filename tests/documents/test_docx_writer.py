"""The one DOCX writer writes the body as XML text: comments, styles, tabs and hostile text come out as Word and
LibreOffice read them."""
import io
import subprocess
import zipfile
from datetime import date

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn

from app.services.documents.docx_writer import render_docx
from app.services.documents.model import Document, Paragraph, Table
from app.services.ordinance.model import open_marker
from tests.conftest import require_tool

HOSTILE = 'Tom & Jerry <script>"\'\x01\x0b</script> ]]> €'


def sample() -> Document:
    doc = Document(kind="voorbeeld", title=f"Titel {HOSTILE}", subject="Gemeente Voorbeeldstad",
                   keywords="sleutel; woorden", category="Voorbeeldstad")
    doc.heading("Artikel 1. Begrippen", 2, comments=["Keuze uit stap 1\nTweede regel", f"Controle {HOSTILE}"])
    doc.paragraph("In deze verordening wordt verstaan onder:", style="article")
    doc.paragraph("belanghebbende: wie dat is;", style="part", label="a.", indent=1)
    doc.paragraph("Het college " + open_marker("termijn", "[termijn]") + " beslist.", label="1.", indent=1)
    doc.paragraph("het eerste onderdeel", style="part", label="a.", indent=2)
    doc.paragraph(f"Regel één\nRegel twee\twaarde {HOSTILE}", style="note")
    doc.add(Table(["Stap", "Datum"], [["Raad", "26 november 2026"]], caption="Planning"))
    return doc


def read(data: bytes):
    return WordDocument(io.BytesIO(data))


def test_two_comments_on_one_heading_are_two_word_comments():
    word = read(render_docx(sample(), date(2026, 11, 24)))
    heading = next(p for p in word.paragraphs if p.text == "Artikel 1. Begrippen")
    ids = [s.get(qn("w:id")) for s in heading._p.iter(qn("w:commentRangeStart"))]
    texts = {str(c.comment_id): c.text for c in word.comments}
    assert [texts[i] for i in ids] == ["Keuze uit stap 1\nTweede regel", 'Controle Tom & Jerry <script>"\'</script> ]]> €']
    assert all(c.author == "Participatie-assistent" and c.initials == "PA" for c in word.comments)
    assert len(list(heading._p.iter(qn("w:commentReference")))) == 2


def test_styles_labels_tabs_and_hostile_text():
    word = read(render_docx(sample(), date(2026, 11, 24)))
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    assert paragraphs[0] == ("Title", 'Titel Tom & Jerry <script>"\'</script> ]]> €')
    assert ("Artikeltekst", "In deze verordening wordt verstaan onder:") in paragraphs
    assert ("Onderdeel zonder lid", "a.\tbelanghebbende: wie dat is;") in paragraphs
    assert ("Lid", "1.\tHet college [termijn] beslist.") in paragraphs
    assert ("Onderdeel", "a.\thet eerste onderdeel") in paragraphs
    assert ("Normal", 'Regel één\nRegel twee\twaarde Tom & Jerry <script>"\'</script> ]]> €') in paragraphs
    highlighted = [r.text for p in word.paragraphs for r in p.runs if r.font.highlight_color]
    assert highlighted == ["[termijn]"]
    assert [c.text for c in word.tables[0].rows[1].cells] == ["Raad", "26 november 2026"]
    props = word.core_properties
    assert (props.keywords, props.category) == ("sleutel; woorden", "Voorbeeldstad")
    assert props.comments == "Concept, gemaakt op 24 november 2026 met de Participatie-assistent."
    assert "24 november 2026" in word.sections[0].header.paragraphs[0].text


def test_a_document_without_comments_has_no_comments_part():
    doc = Document(kind="voorbeeld", title="Zonder opmerkingen", blocks=[Paragraph("Tekst")])
    names = zipfile.ZipFile(io.BytesIO(render_docx(doc))).namelist()
    assert "word/comments.xml" not in names


@pytest.mark.tool
def test_libreoffice_reads_the_text_and_the_comments(tmp_path):
    require_tool("/usr/bin/soffice", "LibreOffice controleert dat Word-bestanden te openen zijn")
    source = tmp_path / "voorbeeld.docx"
    source.write_bytes(render_docx(sample()))
    result = subprocess.run(["/usr/bin/soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                             "--convert-to", "odt", "--outdir", str(tmp_path), str(source)],
                            capture_output=True, text=True, timeout=180)
    odt = tmp_path / "voorbeeld.odt"
    assert result.returncode == 0 and odt.exists(), result.stderr
    content = zipfile.ZipFile(odt).read("content.xml").decode()
    assert content.count("<office:annotation ") == 2
    assert "Keuze uit stap 1" in content and "Controle Tom &amp; Jerry" in content
    assert "Het college" in content and "26 november 2026" in content
