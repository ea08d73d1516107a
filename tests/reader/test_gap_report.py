"""Reading an existing ordinance: the articles it is split into and the gap report a user sees."""
import io

import pytest

from app.services.reader.articles import split_articles
from app.services.reader.source import lines_of_docx
from tests import helpers
from tests.helpers import text_of
from tests.reader.documents import PARTICIPATIE, inspraak_docx, numbered_docx


def read(client, **data):
    data.setdefault("body_type", "gemeente")
    if "file" in data:
        data["file"] = (io.BytesIO(data["file"]), "verordening.docx")
    return helpers.post_form(client, "/verordening-inlezen", data, content_type="multipart/form-data")


def section(page: str, start: str, end: str) -> str:
    return page[page.index(start):page.index(end, page.index(start))]


def test_real_world_numbering_is_split_into_articles():
    ordinance = split_articles([
        "Verordening", "De raad;", "Hoofdstuk II. Inspraak", "Artikel 1 Begripsbepalingen", "tekst",
        "Artikel 2.", "Artikel 3 is niet van toepassing op spoedeisende besluiten.", "Art. 3 - Termijn",
        "Paragraaf 2.1 Uitdaagrecht", "Artikel 2.3a: Verzoek", "ARTIKEL 4", "Toelichting", "Artikel 1", "uitleg"])
    assert [(a.number, a.title, a.chapter) for a in ordinance.articles] == [
        ("1", "Begripsbepalingen", "Hoofdstuk II Inspraak"), ("2", "", "Hoofdstuk II Inspraak"),
        ("3", "Termijn", "Hoofdstuk II Inspraak"), ("2.3a", "Verzoek", "Paragraaf 2.1 Uitdaagrecht"),
        ("4", "", "Paragraaf 2.1 Uitdaagrecht")]
    # a sentence that starts with "Artikel 3" is text of article 2, not a heading; the toelichting is set aside
    assert ordinance.articles[1].lines == ["Artikel 3 is niet van toepassing op spoedeisende besluiten."]
    assert ordinance.toelichting == ["Toelichting", "Artikel 1", "uitleg"]


def test_word_numbered_headings_are_articles():
    """The article numbers come from Word's numbering part, not from the text; the leden keep their numbers."""
    lines = lines_of_docx(numbered_docx())
    ordinance = split_articles(lines)
    assert [(a.number, a.title, a.chapter) for a in ordinance.articles] == [
        ("1", "Begripsbepalingen", "Hoofdstuk 1 Algemene bepalingen"),
        ("2", "Inspraak bij beleid", "Hoofdstuk 1 Algemene bepalingen"),
        ("3", "Uitzonderingen", "Hoofdstuk 2 Inspraakprocedure")]
    assert ordinance.articles[1].lines == ["1. Het bestuursorgaan betrekt ingezetenen bij de voorbereiding van beleid.",
                                           "2. Inspraak wordt verleend aan ingezetenen en belanghebbenden."]
    # a new article restarts its leden; a new lid restarts its onderdelen
    assert ordinance.articles[2].lines == ["1. Er wordt geen inspraak verleend over:", "a. de begroting;",
                                           "b. spoedeisende besluiten."]


def test_word_numbered_ordinance_gives_the_gap_report(editor):
    page = text_of(read(editor.client, file=numbered_docx()))
    assert "Er zijn geen artikelen gevonden" not in page
    assert "De assistent vond 3 artikelen in 2 hoofdstukken" in page


def test_inspraakverordening_docx_gives_the_gap_report(editor):
    response = read(editor.client, file=inspraak_docx())
    assert response.status_code == 200
    page = text_of(response)
    assert "Inspraakverordening Voorbeeld 2005" in page and "De assistent vond 8 artikelen in 3 hoofdstukken" in page
    law = section(page, "Wat de wet vraagt", "Wat verouderd lijkt")
    # found, with the article and the sentence
    assert "Inspraak - hoe inwoners en belanghebbenden hun mening over voorgenomen beleid geven artikel 150, " \
           "tweede lid, Gemeentewet Geregeld" in law
    assert "Artikel 3 Inspraakgerechtigden : Inspraak wordt verleend aan ingezetenen van de gemeente en aan " \
           "belanghebbenden." in law
    # only the preparation: partial, with what is missing
    assert "Deels geregeld De tekst regelt de betrokkenheid bij de voorbereiding van beleid, maar niet bij de " \
           "uitvoering en de evaluatie." in law
    assert "Artikel 2 Inspraak bij beleid : 2. Inspraak wordt verleend bij de voorbereiding van gemeentelijk " \
           "beleid." in law
    # missing: the uitdaagrecht, although the toelichting mentions it (the toelichting is not the rule)
    assert "Het uitdaagrecht - een taak van het bestuur overnemen artikel 150 Gemeentewet Ontbreekt De tekst " \
           "regelt geen uitdaagrecht" in law
    outdated = section(page, "Wat verouderd lijkt", "De beslispunten van de handreiking")
    assert "Dit is een inspraakverordening zonder uitdaagrecht." in outdated
    assert "De tekst regelt inspraak, maar niet de betrokkenheid bij elke fase van beleid." in outdated
    assert "Artikel 5 Bekendmaking : Het voornemen wordt bekendgemaakt in het huis-aan-huisblad." in outdated
    decisions = section(page, "De beslispunten van de handreiking", "Start een plan met deze antwoorden")
    assert "Welke procedure geldt voor inspraak? Voorgesteld antwoord: Een eigen, lichtere procedure Art" \
           "ikel 4 Inspraakprocedure : 1. Zienswijzen kunnen binnen zes weken mondeling of schriftelijk naar " \
           "voren worden gebracht." in decisions
    assert "Voorgesteld antwoord: De begroting, tarieven en belastingen, Uitvoering van hogere regelgeving zonder " \
           "eigen beleidsruimte, Spoedeisende besluiten Artikel 4a Uitzonderingen" in decisions
    assert "Wat is de citeertitel van de huidige inspraakverordening? Voorgesteld antwoord: Inspraakverordening " \
           "Voorbeeld 2005" in decisions
    missing = section(page, "beslispunten ontbreken", "Start een plan met deze antwoorden")
    assert "Stap 5 — Neemt u het uitdaagrecht op in de verordening?" in missing
    assert "Stap 7 — Om de hoeveel jaar evalueert het college de verordening?" in missing


def test_pasted_participatieverordening_meets_the_law(editor):
    response = read(editor.client, text=PARTICIPATIE)
    assert response.status_code == 200
    law = section(text_of(response), "Wat de wet vraagt", "Wat verouderd lijkt")
    assert law.count("Geregeld") == 4 and "Ontbreekt" not in law and "Deels geregeld" not in law
    assert "Artikel 3 Uitdaagrecht : 1. Ingezetenen en maatschappelijke organisaties kunnen het college " \
           "verzoeken de uitvoering van een taak over te nemen." in law
    page = text_of(response)
    assert "De assistent zag geen tekenen van een verouderde tekst." in page
    assert "Binnen hoeveel weken beslist het college op een uitdaging? Voorgesteld antwoord: 8" in page


@pytest.mark.parametrize("body_type, ground", [("provincie", "artikel 147, eerste lid, Provinciewet"),
                                               ("waterschap", "artikel 79, eerste lid, Waterschapswet")])
def test_other_bodies_are_measured_against_their_own_law(editor, body_type, ground):
    page = text_of(read(editor.client, text=PARTICIPATIE, body_type=body_type))
    assert ground in page and "Gemeentewet Geregeld" not in page


def test_text_without_articles_is_refused_and_kept(editor):
    response = read(editor.client, text="Een brief over inspraak, zonder artikelen.")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Er zijn geen artikelen gevonden" in page and "Een brief over inspraak, zonder artikelen." in page


def test_nothing_chosen_asks_for_a_file_or_text(editor):
    response = read(editor.client, text="")
    assert response.status_code == 422
    assert "Kies een Word-bestand of plak de tekst hieronder." in text_of(response)


def test_reading_stores_nothing(app, editor):
    from tests.test_fuzz import dump
    before = dump()
    assert read(editor.client, file=inspraak_docx()).status_code == 200
    assert dump() == before


def test_an_exclusion_of_participation_regulated_elsewhere_is_proposed(editor):
    """A choice found in real ordinances (a water board's): participation another regulation already governs is left
    to that regulation. The reader proposes the matching option."""
    text = ("Inspraak- en participatieverordening Voorbeeld\nArtikel 1 Reikwijdte\n"
            "Deze verordening is niet van toepassing op participatie van ingezetenen die op een andere wijze in "
            "regelgeving is geregeld.\nArtikel 2 Inspraak\nIngezetenen en belanghebbenden kunnen hun zienswijze geven.")
    page = text_of(read(editor.client, text=text, body_type="waterschap"))
    assert "Voorgesteld antwoord: Participatie die een andere wettelijke regeling al regelt - daar gelden die regels " \
           "Artikel 1 Reikwijdte" in page


EXCLUDING = """Inspraakverordening Uitdorp
De raad van de gemeente Uitdorp;
Artikel 1 Inspraak
1. Ingezetenen en belanghebbenden worden betrokken bij de voorbereiding van gemeentelijk beleid.
2. Er wordt geen inspraak verleend met betrekking tot de uitvoering van beleid.
3. Inspraak over de evaluatie van beleid wordt niet verleend.
Artikel 2 Uitzonderingen
Er wordt geen inspraak verleend:
a. over de uitvoering van gemeentelijk beleid;
b. over de begroting.
"""


def test_an_exclusion_is_read_as_an_exclusion_not_as_coverage(editor):
    """Issue 22: "geen inspraak … met betrekking tot de uitvoering" excludes the phase; the report says so once and
    does not call the phase regulated anywhere."""
    page = text_of(read(editor.client, text=EXCLUDING))
    law = section(page, "Wat de wet vraagt", "Wat verouderd lijkt")
    fasen = section(law, "Betrokkenheid bij de voorbereiding", "Wie worden betrokken")
    assert "Deels geregeld" in fasen and "Geregeld De" not in fasen
    assert "maar niet bij de uitvoering en de evaluatie" in fasen
    assert "De tekst sluit de uitvoering en de evaluatie uitdrukkelijk uit" in fasen
    assert "Uitgesloten in de tekst: Artikel 1 Inspraak : 2. Er wordt geen inspraak verleend met betrekking tot de " \
           "uitvoering van beleid." in fasen
    assert "Artikel 2 Uitzonderingen : a. over de uitvoering van gemeentelijk beleid;" in fasen.split("Uitgesloten")[1]
    # a heading does not make up for a text that only excludes: inspraak is missing, not regulated
    inspraak = section(law, "Inspraak - hoe inwoners", "Het uitdaagrecht")
    assert "Ontbreekt" in inspraak and "Geregeld" not in inspraak
    assert "De tekst sluit inspraak uitdrukkelijk uit" in inspraak
    # what the report calls regulated is only what the text grants
    regulated = fasen.split("Uitgesloten")[0]
    assert "geen inspraak" not in regulated and "niet verleend" not in regulated


def test_the_report_as_a_word_document_says_what_the_page_says(editor):
    """Issue 22: the gap report as a document on the shared model; the exclusion is an exclusion there too."""
    from tests.ordinance.docx_reading import read_docx

    response = read(editor.client, text=EXCLUDING, uitvoer="docx")
    assert response.status_code == 200 and response.mimetype.endswith("wordprocessingml.document")
    assert "overzicht-verordening.docx" in response.headers["Content-Disposition"]
    docx = read_docx(response.data)
    text = docx.text()
    assert "Wat de wet vraagt" in docx.headings(1) and "Wat verouderd lijkt" in docx.headings(1)
    table = "\n".join(cell.text for row in docx.doc.tables[0].rows for cell in row.cells)
    assert "Deels geregeld" in table and "De tekst sluit de uitvoering en de evaluatie uitdrukkelijk uit" in table
    assert "Uitgesloten in de tekst: Artikel 1 Inspraak: “2. Er wordt geen inspraak verleend" in table
    assert "De tekst regelt inspraak, maar niet de betrokkenheid bij elke fase van beleid." in text
