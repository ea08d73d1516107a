"""The shared document model: the HTML macro and the DOCX writer render every block a builder can make."""
import io

from docx import Document as WordDocument
from flask import render_template_string

from app.services.documents.docx_writer import render_docx
from app.services.documents.model import (Document, ListBlock, PageBreak, Table, Timeline, TimelineRow)
from app.services.ordinance.model import open_marker


def sample() -> Document:
    doc = Document(kind="voorbeeld", title="Uitvoeringsprogramma Voorbeeldstad", subject="Gemeente Voorbeeldstad")
    doc.heading("Activiteiten", comments=["Controleer de begroting"])
    doc.paragraph("De gemeente start in " + open_marker("start", "[startmaand]") + ".")
    doc.paragraph("Het college stelt regels.", label="1.", indent=1)
    doc.add(ListBlock(["Wijkavonden", "Enquête"]))
    doc.add(Table(["Activiteit", "Budget"], [["Wijkavonden", "€ 5.000"]], footer=["Totaal", "€ 5.000"]))
    doc.add(PageBreak())
    doc.add(Timeline(["jan 2027", "feb 2027", "mrt 2027"], [TimelineRow("Wijkavonden", 1, 2),
                                                            TimelineRow("Evaluatie", None, None)]))
    doc.open_points.append("Kies de startmaand (stap 6)")
    return doc


def docx_text(data: bytes) -> tuple[str, list]:
    word = WordDocument(io.BytesIO(data))
    body = [p.text for p in word.paragraphs]
    for table in word.tables:
        body.extend(" | ".join(c.text for c in row.cells) for row in table.rows)
    return "\n".join(body), word


def test_the_docx_holds_every_block(app):
    text, word = docx_text(render_docx(sample()))
    assert word.core_properties.title == "Uitvoeringsprogramma Voorbeeldstad"
    for expected in ("Activiteiten", "De gemeente start in [startmaand].", "1.\tHet college stelt regels.",
                     "Wijkavonden", "Enquête", "Totaal | € 5.000", "Evaluatie — periode onbekend",
                     "Open punten (1)", "Kies de startmaand (stap 6)"):
        assert expected in text
    timeline = word.tables[1]
    assert [c.text for c in timeline.rows[1].cells] == ["Wijkavonden", "", "■", "■"]
    assert [c.text for c in timeline.rows[2].cells] == ["Evaluatie — periode onbekend", "", "", ""]
    assert any(c.text == "Controleer de begroting" for c in word.comments)


def test_the_html_holds_every_block(app):
    with app.test_request_context():
        html = render_template_string('{% from "documents/_document.html" import render_document %}'
                                      '{{ render_document(doc) }}', doc=sample())
    assert '<mark class="open-point">[startmaand]</mark>' in html
    assert "Controleer de begroting" in html
    assert html.count("timeline__cell--on") == 2
    assert "actief in feb 2027" in html and "actief in jan 2027" not in html
    assert "Open punten (1)" in html


def test_plain_text_lists_what_a_reader_sees():
    text = sample().plain_text()
    assert "1. Het college stelt regels." in text and "Totaal | € 5.000" in text
