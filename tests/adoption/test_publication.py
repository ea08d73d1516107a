"""The publication version for DROP: the metadata page, then the besluit, the regeling and the toelichting as separate
parts; its dates read from the plan and its route; and the PDF/A that LibreOffice makes of it."""
from __future__ import annotations

import dataclasses
import io
import re
import subprocess
from datetime import date

import pytest
from docx import Document as WordDocument

from app.services.adoption import timeline
from app.services.adoption.documents import build_raadsbesluit
from app.services.adoption.planner import load_route_folder
from app.services.adoption.publication import build_publication, load_texts
from app.services.documents import kinds  # noqa: F401  registers every kind
from app.services.documents.docx_writer import render_docx
from app.services.documents.pdf import PdfFailed, PdfUnavailable, docx_to_pdfa
from app.services.documents.registry import KINDS
from tests import helpers
from tests.adoption.test_documents import DEMO, MEETINGS, ROOT, TEXTS, TODAY
from tests.adoption.test_documents import source as plain_source
from tests.adoption.test_documents import handreiking, library  # noqa: F401  fixtures
from tests.conftest import require_tool

PUBLICATION_TEXTS = load_texts(str(ROOT / "handreiking" / "documents" / "publicatie.yaml"))
FIXED = {**DEMO["steps"]["8"], "inwerkingtreding": "vaste_datum", "inwerkingtreding_datum": "2027-03-01",
         "vaststelling_datum": "2027-02-11"}


def source(library, handreiking, steps=None, route=True):
    """The plan's input as the app builds it: with its one timeline, which reads step 8's dates."""
    plain = plain_source(library, handreiking, steps=steps, route=route)
    if not route:
        return plain
    line = timeline.build(load_route_folder(ROOT / "handreiking" / "route"), {}, None, plain.answers, MEETINGS, TODAY,
                          "gemeente", True)
    return dataclasses.replace(plain, timeline=line, route=line.route)


def _word(document):
    return WordDocument(io.BytesIO(render_docx(document, TODAY)))


def _metadata(word) -> dict[str, str]:
    return {row.cells[0].text: row.cells[1].text for row in word.tables[0].rows[1:]}


def test_metadata_for_drop_come_from_the_plan(library, handreiking):
    steps = {**DEMO["steps"], "8": FIXED}
    word = _word(build_publication(source(library, handreiking, steps=steps), TEXTS, PUBLICATION_TEXTS))
    assert _metadata(word) == {
        "Citeertitel": "Participatieverordening Voorbeeldstad", "Soort regeling": "Verordening",
        "Vastgesteld door": "De gemeenteraad", "Wettelijke grondslag": "Artikel 150 van de Gemeentewet",
        "Datum van vaststelling": "11 februari 2027", "Datum van inwerkingtreding": "1 maart 2027",
        "Trekt in": "Inspraakverordening Voorbeeldstad 2005", "Publicatieblad": "Gemeenteblad"}


def test_the_date_of_entry_into_force_follows_the_route_when_the_plan_names_none(library, handreiking):
    """"De dag na bekendmaking": the date the route to adoption expects (worked back from 1 January 2027)."""
    steps = {**DEMO["steps"], "8": {**DEMO["steps"]["8"], "inwerkingtreding": "dag_na_bekendmaking"}}
    word = _word(build_publication(source(library, handreiking, steps=steps), TEXTS, PUBLICATION_TEXTS))
    meta = _metadata(word)
    assert meta["Datum van inwerkingtreding"] == "de dag na bekendmaking in het Gemeenteblad (verwacht: 1 januari 2027)"
    assert meta["Datum van vaststelling"] == "26 november 2026"  # the council meeting of the route
    without_route = _word(build_publication(source(library, handreiking, steps=steps, route=False), TEXTS,
                                            PUBLICATION_TEXTS))
    assert _metadata(without_route)["Datum van inwerkingtreding"] == "de dag na bekendmaking in het Gemeenteblad"
    assert "[nog te bepalen" in _metadata(without_route)["Datum van vaststelling"]


def test_besluit_regeling_and_toelichting_are_separate_parts_in_that_order(library, handreiking):
    steps = {**DEMO["steps"], "8": FIXED}
    plan = source(library, handreiking, steps=steps)
    word = _word(build_publication(plan, TEXTS, PUBLICATION_TEXTS))
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs if p.text.strip()]
    titles = [text for style, text in paragraphs if style == "Title"]
    # the document's own title above the DROP page, then the opschrift of the besluit and the title of the regeling
    assert titles == ["Publicatieversie: Participatieverordening Voorbeeldstad",
                      "Raadsbesluit tot vaststelling van de Participatieverordening Voorbeeldstad",
                      "Participatieverordening Voorbeeldstad"]
    texts = [text for _style, text in paragraphs]
    besluit, regeling = texts.index(titles[1]), texts.index(titles[2])
    first_chapter = next(i for i, (style, _t) in enumerate(paragraphs) if style == "Heading 1" and i > regeling)
    signing = next(i for i, (_s, text) in enumerate(paragraphs) if text.startswith("Aldus besloten"))
    toelichting = texts.index("Toelichting")
    assert besluit < texts.index("besluit:") < regeling < first_chapter < signing < toelichting
    assert paragraphs[first_chapter][1].startswith("Hoofdstuk 1.")
    assert paragraphs[first_chapter + 1][0] == "Heading 2" and paragraphs[first_chapter + 1][1].startswith("Artikel 1.")
    assert paragraphs[toelichting][0] == "Heading 1"
    assert ("Heading 2", "Artikelsgewijs") in paragraphs[toelichting:]
    assert "11 februari 2027" in paragraphs[signing][1]
    # The besluit is the raadsbesluit's own text (the same dates, the same decisions), except that the regeling
    # follows it instead of being its bijlage.
    raadsbesluit = _word(build_raadsbesluit(plan, TEXTS))
    decisions = [p.text for p in raadsbesluit.paragraphs if p.style.name in ("Aanhef", "Lid") and p.text.strip()]
    decisions = decisions[:decisions.index("besluit:") + 3]  # its bijlage has members ("Lid") too
    published = texts[besluit + 1:regeling]
    assert published[-2] == "1.\tvast te stellen de volgende regeling: Participatieverordening Voorbeeldstad."
    assert published[:-2] + published[-1:] == decisions[:-2] + decisions[-1:]
    assert "bijlage" not in " ".join(published)


def test_the_publication_kind_is_registered_with_a_pdf():
    assert KINDS["publicatie"].source == "plan" and KINDS["publicatie"].pdf


# ---- PDF/A through LibreOffice ---------------------------------------------------------------------------------------

def _folded(text: str) -> str:
    return " ".join(text.split())


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_words(data: bytes) -> list[str]:
    """The words of the body of a Word document, paragraphs and table cells in document order."""
    body = WordDocument(io.BytesIO(data)).element.body
    words: list[str] = []
    for child in body.iterchildren():
        if child.tag.endswith("}p") or child.tag.endswith("}tbl"):
            for paragraph in child.iter(f"{W}p"):
                pieces = paragraph.iter(f"{W}t", f"{W}tab", f"{W}br")
                words += "".join(p.text or "" if p.tag == f"{W}t" else " " for p in pieces).split()
    return words


@pytest.mark.tool
def test_the_pdf_declares_pdfa_and_holds_the_text_of_the_docx(editor, tmp_path):
    require_tool("/usr/bin/soffice", "LibreOffice maakt de PDF/A")
    require_tool("/usr/bin/pdftotext", "pdftotext leest de tekst van de PDF")
    helpers.save_step(editor.client, editor.plan.id, 8, FIXED)
    docx = editor.client.get(f"/plannen/{editor.plan.id}/documenten/publicatie.docx")
    response = editor.client.get(f"/plannen/{editor.plan.id}/documenten/publicatie.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "publicatie-voorbeeld.pdf" in response.headers["Content-Disposition"]
    pdf = response.data
    assert pdf.startswith(b"%PDF")
    xmp = re.search(rb"<x:xmpmeta.*?</x:xmpmeta>", pdf, re.S).group(0)
    assert re.search(rb"<pdfaid:part>2</pdfaid:part>", xmp), "de PDF verklaart geen PDF/A-2"
    assert re.search(rb"<pdfaid:conformance>[AB]</pdfaid:conformance>", xmp)
    (tmp_path / "out.pdf").write_bytes(pdf)
    pdf_text = _folded(subprocess.run(["/usr/bin/pdftotext", str(tmp_path / "out.pdf"), "-"], capture_output=True,
                                      text=True, check=True).stdout)
    # Every word of the DOCX, in the order of its body (paragraphs and table cells), is in the PDF in that order; the
    # PDF may have more (the "CONCEPT" header and the page numbers of every page).
    words = _docx_words(docx.data)
    pdf_words = pdf_text.split()
    position = 0
    for n, wanted in enumerate(words):
        try:
            position = pdf_words.index(wanted, position) + 1
        except ValueError:
            pytest.fail(f"woord {n} van het Word-document ontbreekt in de PDF (of staat verderop): "
                        f"{' '.join(words[max(0, n - 8):n + 3])!r}")
    assert len(words) > 1500
    # in the same order: the parts follow each other in the PDF as in the DOCX
    order = [pdf_text.index(part) for part in ("Gegevens voor het invoerscherm van DROP", "besluit:",
                                               "Hoofdstuk 1.", "Aldus besloten", "Artikelsgewijs")]
    assert order == sorted(order)


def test_without_libreoffice_the_page_says_so(editor):
    editor.client.application.config["SOFFICE_PATH"] = "/nergens/soffice"
    response = editor.client.get(f"/plannen/{editor.plan.id}/documenten/publicatie.pdf")
    assert response.status_code == 200 and response.mimetype == "text/html"
    text = helpers.text_of(response)
    assert "op de server is LibreOffice niet geïnstalleerd" in text
    assert "Downloaden (Word)" in text


def test_a_conversion_that_hangs_is_stopped_by_the_timeout(tmp_path):
    slow = tmp_path / "soffice"
    slow.write_text("#!/bin/sh\nexec sleep 30\n")
    slow.chmod(0o755)
    with pytest.raises(PdfFailed):
        docx_to_pdfa(b"PK", soffice=str(slow), timeout=1)
    with pytest.raises(PdfUnavailable):
        docx_to_pdfa(b"PK", soffice=str(tmp_path / "ontbreekt"), timeout=1)


def test_only_kinds_with_a_pdf_offer_one(editor):
    assert editor.client.get(f"/plannen/{editor.plan.id}/documenten/uitvoeringsprogramma.pdf").status_code == 404
    page = editor.client.get(f"/plannen/{editor.plan.id}/documenten/publicatie").get_data(as_text=True)
    assert f"/plannen/{editor.plan.id}/documenten/publicatie.pdf" in page
