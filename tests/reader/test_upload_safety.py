"""Uploads are read in memory and refused with a message next to the field when they are too big, an archive bomb,
or declare XML entities; nothing is written."""
import pytest
from docx.oxml.parser import parse_xml

from app.services.reader import source
from tests.helpers import text_of
from tests.reader.documents import (bomb_docx, crowded_docx, encoded_entity_docx, entity_docx, flood_docx,
                                    hidden_docx, hidden_entity_docx, hidden_flood_docx, inspraak_docx, long_text_docx)
from tests.reader.test_gap_report import read
from tests.test_fuzz import dump


def refused_next_to_the_file_field(response, message: str) -> None:
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    error = html[html.index('id="file-error"'):]
    assert message in error[:error.index("</div>")]


@pytest.mark.parametrize("document, message", [
    (bomb_docx, "zip-bom"),
    (crowded_docx, "te veel onderdelen"),
    (entity_docx, "DOCTYPE of ENTITY"),
    (lambda: b"%PDF-1.7 not a zip", "geen Word-document"),
    (flood_docx, "pakt uit tot meer dan 25 MB"),
    (lambda: flood_docx(25_000, text=False), "meer dan 20.000 alinea’s"),
    (lambda: long_text_docx(source.MAX_TEXT_CHARS + 1000), "meer dan 300.000 tekens tekst"),
    (lambda: encoded_entity_docx("utf-16"), "DOCTYPE of ENTITY"),
    (lambda: encoded_entity_docx("utf-16-le"), "DOCTYPE of ENTITY"),
    (lambda: encoded_entity_docx("utf-16-be", declared=False), "niet gelezen"),
    (lambda: encoded_entity_docx("utf-32-be"), "DOCTYPE of ENTITY"),
    (lambda: encoded_entity_docx("utf-32-be", declared=False), "DOCTYPE of ENTITY"),
    (lambda: encoded_entity_docx("utf-32"), "niet gelezen"),
    (hidden_entity_docx, "DOCTYPE of ENTITY"),
    (hidden_flood_docx, "meer dan 20.000 alinea’s"),
], ids=["bomb", "2000 entries", "entity", "pdf", "48 MB document.xml", "25,000 paragraphs", "long text",
        "utf-16 entity", "utf-16-le entity", "utf-16-be undeclared entity", "utf-32-be entity",
        "utf-32-be undeclared entity", "utf-32 with bom", "entity in a part not named .xml",
        "paragraphs in a part not named .xml"])
def test_hostile_docx_is_refused_next_to_the_field_and_nothing_is_written(app, editor, document, message):
    before = dump()
    refused_next_to_the_file_field(read(editor.client, file=document()), message)
    assert dump() == before


def test_a_read_that_takes_too_long_is_stopped(app):
    ticks = iter(range(1000))
    with app.test_request_context(), pytest.raises(source.DocumentRefused, match="duurde te lang"):
        source.lines_of_docx(inspraak_docx(), seconds=3, clock=lambda: next(ticks))


def test_python_docx_reads_a_document_under_another_name(app):
    """Why parts are judged by their content type: this is the document python-docx reads, though not named .xml."""
    with app.test_request_context():
        assert "Artikel 3 Inspraakgerechtigden" in source.lines_of_docx(hidden_docx())


def test_a_full_size_ordinance_is_still_read(app):
    with app.test_request_context():
        lines = source.lines_of_docx(flood_docx(source.MAX_PARAGRAPHS - 100, text=False))
    assert len(lines) == source.MAX_PARAGRAPHS - 100


def test_too_large_upload_gets_a_message_next_to_the_field(editor):
    big = inspraak_docx() + b"\0" * (source.MAX_UPLOAD_BYTES + 1 - len(inspraak_docx()))
    refused_next_to_the_file_field(read(editor.client, file=big), "groter dan 5 MB")


def test_far_too_large_upload_gets_the_413_page(editor):
    response = read(editor.client, file=b"x" * (2 * source.MAX_UPLOAD_BYTES + 1))
    assert response.status_code == 413 and "Te veel gegevens" in text_of(response)


def test_too_long_text_is_refused_and_kept_on_the_page(editor):
    text = "Artikel 1 Begrippen\n" + "inspraak " * (source.MAX_TEXT_CHARS // 9)
    response = read(editor.client, text=text)
    assert response.status_code == 422
    assert "Plak ten hoogste" in text_of(response) and "inspraak inspraak inspraak" in response.get_data(as_text=True)


def test_python_docx_leaves_entities_unexpanded():
    """Second line of defence behind the DOCTYPE check: python-docx's parser has resolve_entities off."""
    element = parse_xml(b'<!DOCTYPE r [<!ENTITY e "UITGEBREID">]>'
                        b'<w:t xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">a&e;b</w:t>')
    assert "UITGEBREID" not in "".join(element.itertext())
