"""Ordinances written for the tests: a real-shaped inspraakverordening as DOCX, a modern participatieverordening as
text, and hostile DOCX files (an archive bomb, entity declarations)."""
from __future__ import annotations

import io
import zipfile

import docx

INSPRAAK = [
    ("title", "Inspraakverordening Voorbeeld 2005"),
    ("p", "De raad van de gemeente Voorbeeld;"),
    ("p", "gelezen het voorstel van burgemeester en wethouders van 1 maart 2005;"),
    ("p", "gelet op artikel 150 van de Gemeentewet;"),
    ("p", "besluit vast te stellen de volgende verordening:"),
    ("h1", "Hoofdstuk 1 Algemene bepalingen"),
    ("h2", "Artikel 1 Begripsbepalingen"),
    ("p", "In deze verordening wordt verstaan onder bestuursorgaan: de raad, het college of de burgemeester."),
    ("h2", "Artikel 2. Inspraak bij beleid"),
    ("p", "1. Het bestuursorgaan bepaalt per beleidsvoornemen of inspraak wordt verleend."),
    ("p", "2. Inspraak wordt verleend bij de voorbereiding van gemeentelijk beleid."),
    ("h1", "Hoofdstuk 2 Procedure"),
    ("h2", "Artikel 3 Inspraakgerechtigden"),
    ("p", "Inspraak wordt verleend aan ingezetenen van de gemeente en aan belanghebbenden."),
    ("h2", "Art. 4 Inspraakprocedure"),
    ("p", "1. Zienswijzen kunnen binnen zes weken mondeling of schriftelijk naar voren worden gebracht."),
    ("p", "2. Het bestuursorgaan kan een hoorzitting houden."),
    ("h2", "Artikel 4a Uitzonderingen"),
    ("p", "Er wordt geen inspraak verleend:"),
    ("p", "a. over de vaststelling en wijziging van de begroting en van belastingen;"),
    ("p", "b. over de uitvoering van hogere regelgeving waarbij geen beleidsruimte is;"),
    ("p", "c. indien de spoedeisendheid van de zaak geen uitstel duldt."),
    ("h2", "Artikel 5 Bekendmaking"),
    ("p", "Het voornemen wordt bekendgemaakt in het huis-aan-huisblad."),
    ("h2", "Artikel 5.1 Verslag en terugkoppeling"),
    ("p", "De insprekers worden binnen vier weken na het besluit schriftelijk geïnformeerd over wat met hun "
          "zienswijze is gedaan."),
    ("h1", "Hoofdstuk 3 Slotbepalingen"),
    ("h2", "Artikel 6 Inwerkingtreding en citeertitel"),
    ("p", "1. Deze verordening treedt in werking op de dag na die van bekendmaking."),
    ("p", "2. Deze verordening wordt aangehaald als: Inspraakverordening Voorbeeld 2005."),
    ("p", "Aldus vastgesteld in de openbare vergadering van 12 mei 2005."),
    ("p", "De griffier, De voorzitter,"),
    ("h1", "Toelichting"),
    ("h2", "Artikel 1"),
    ("p", "Een uitdaagrecht kent deze verordening niet; dat staat hier alleen in de toelichting."),
]


def inspraak_docx() -> bytes:
    """The inspraakverordening as Word writes it: a title, the aanhef, Hoofdstuk and Artikel headings, leden."""
    document = docx.Document()
    for kind, text in INSPRAAK:
        if kind == "title":
            document.add_heading(text, level=0)
        elif kind in ("h1", "h2"):
            document.add_heading(text, level=int(kind[1]))
        else:
            document.add_paragraph(text)
    table = document.add_table(rows=1, cols=1)  # a table after the articles: read, but inside the toelichting
    table.cell(0, 0).text = "Overzicht van wijzigingen"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PARTICIPATIE = """Participatieverordening Nieuwdorp 2026

De raad van de gemeente Nieuwdorp;
gelet op artikel 150 van de Gemeentewet;

Hoofdstuk 1 Algemeen
Artikel 1 Onderwerp
Deze verordening regelt hoe inwoners en belanghebbenden worden betrokken bij de voorbereiding, uitvoering en evaluatie van gemeentelijk beleid.
Artikel 2 Inspraak
Op de inspraak is afdeling 3.4 van de Algemene wet bestuursrecht van toepassing.
Paragraaf 1.2 Uitdaagrecht
Artikel 3 Uitdaagrecht
1. Ingezetenen en maatschappelijke organisaties kunnen het college verzoeken de uitvoering van een taak over te nemen.
2. Het college toetst het verzoek aan de kwaliteit, de kosten en het draagvlak in de buurt.
3. Het college beslist binnen acht weken op het verzoek.
Artikel 4 Evaluatie
Het college evalueert deze verordening elke vier jaar en betrekt daarbij inwoners.
"""


def _rewrite(data: bytes, name: str, content: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, content if item.filename == name else src.read(item.filename))
    return out.getvalue()


def entity_docx() -> bytes:
    """The inspraakverordening with an entity declared in document.xml and used in its text."""
    data = inspraak_docx()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    head, body = xml.split(b"?>", 1)
    declared = head + b'?><!DOCTYPE w:document [<!ENTITY geheim "UITGEBREIDE TEKST">]>' + body
    declared = declared.replace(b"Begripsbepalingen", b"Begripsbepalingen &geheim;", 1)
    return _rewrite(data, "word/document.xml", declared)


def bomb_docx() -> bytes:
    """A DOCX whose document.xml unpacks from about 40 kB to 40 MB."""
    data = inspraak_docx()
    return _rewrite(data, "word/document.xml", b"<w:document>" + b" " * 40_000_000 + b"</w:document>")


def crowded_docx(entries: int = 2000) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for n in range(entries):
            archive.writestr(f"word/media/{n}.xml", "")
    return out.getvalue()
