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


def numbered_docx() -> bytes:
    """An ordinance whose Hoofdstuk and Artikel numbers (and leden) come from Word's automatic numbering: the
    paragraphs hold only the titles. Articles 1 and 3 are numbered directly (w:numPr), article 2 through its style."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = {"90": [("Artikel %1", "decimal"), ("%2.", "decimal"), ("%3.", "lowerLetter")],
              "91": [("Hoofdstuk %1", "decimal")]}
    for abstract_id, lvls in levels.items():
        xml = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                      f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (text, fmt) in enumerate(lvls))
        numbering.append(parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{xml}'
                                   f'</w:abstractNum>'))
    for abstract_id in levels:
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{abstract_id}"><w:abstractNumId '
                                   f'w:val="{abstract_id}"/></w:num>'))
    style = document.styles.add_style("Artikelkop", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Heading 2"]
    style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/>'
                                                    f'<w:numId w:val="90"/></w:numPr>'))

    def numbered(text: str, num_id: str, level: int = 0, style_name: str | None = None):
        paragraph = document.add_paragraph(text, style=style_name)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))

    document.add_heading("Participatieverordening Genummerd 2024", level=0)
    document.add_paragraph("De raad van de gemeente Genummerd;")
    numbered("Algemene bepalingen", "91", style_name="Heading 1")
    numbered("Begripsbepalingen", "90", style_name="Heading 2")
    document.add_paragraph("In deze verordening wordt verstaan onder belanghebbende: een belanghebbende als bedoeld in "
                           "de Algemene wet bestuursrecht.")
    document.add_paragraph("Inspraak bij beleid", style="Artikelkop")  # numbered through its style
    numbered("Het bestuursorgaan betrekt ingezetenen bij de voorbereiding van beleid.", "90", level=1)
    numbered("Inspraak wordt verleend aan ingezetenen en belanghebbenden.", "90", level=1)
    numbered("Inspraakprocedure", "91", style_name="Heading 1")
    numbered("Uitzonderingen", "90", style_name="Heading 2")
    numbered("Er wordt geen inspraak verleend over:", "90", level=1)
    numbered("de begroting;", "90", level=2)
    numbered("spoedeisende besluiten.", "90", level=2)
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


def _document_xml(body: bytes) -> bytes:
    """The inspraakverordening's document.xml with its body replaced (namespaces and sectPr kept)."""
    xml = zipfile.ZipFile(io.BytesIO(inspraak_docx())).read("word/document.xml")
    start = xml.index(b"<w:body>") + len(b"<w:body>")
    return xml[:start] + body + xml[xml.index(b"<w:sectPr"):]


def flood_docx(paragraphs: int = 374_000, text: bool = True) -> bytes:
    """The probe of issue 19: about 1 MB that unpacks to a 44 MB document.xml of 374,000 paragraphs. It compresses
    about 40 to 1, under the archive-bomb ratio, so only its size and its paragraphs give it away. Without `text`
    each paragraph holds only its number."""
    line = b"Artikel %d. De raad besluit over de inspraak van belanghebbenden en ingezetenen." if text else b"%d"
    body = b"".join(b"<w:p><w:r><w:t>" + line % n + b"</w:t></w:r></w:p>" for n in range(paragraphs))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(inspraak_docx())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for item in src.infolist():
            content = _document_xml(body) if item.filename == "word/document.xml" else src.read(item.filename)
            dst.writestr(item.filename, content)
    return out.getvalue()


def long_text_docx(chars: int) -> bytes:
    """A small file (a few hundred paragraphs) with more text than a pasted text may have."""
    line = "De raad besluit over de inspraak van belanghebbenden. " * 20
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for _ in range(chars // len(line) + 1))
    return _rewrite(inspraak_docx(), "word/document.xml", _document_xml(body.encode()))


def encoded_entity_docx(encoding: str, declared: bool = True) -> bytes:
    """entity_docx with document.xml in another encoding (UTF-16, UTF-32, with or without a byte-order mark), which a
    search for the bytes "<!DOCTYPE" does not find."""
    xml = zipfile.ZipFile(io.BytesIO(entity_docx())).read("word/document.xml").decode("utf-8")
    head, body = xml.split("?>", 1)
    head = head.replace("encoding='UTF-8'", f"encoding='{encoding.upper()}'") if declared else ""
    return _rewrite(inspraak_docx(), "word/document.xml", ((head + "?>" if head else "") + body).encode(encoding))


def hidden_docx(document_xml: bytes | None = None) -> bytes:
    """The main document under another name (word/tekst.bin), declared as the document in [Content_Types].xml and
    _rels/.rels, with a harmless word/document.xml beside it. python-docx reads tekst.bin as the document."""
    src = zipfile.ZipFile(io.BytesIO(inspraak_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            name = item.filename
            if name == "word/document.xml":
                dst.writestr("word/document.xml", b'<?xml version="1.0"?><leeg/>')
                name, content = "word/tekst.bin", document_xml or content
            elif name == "word/_rels/document.xml.rels":
                name = "word/_rels/tekst.bin.rels"
            elif name in ("[Content_Types].xml", "_rels/.rels"):
                content = content.replace(b"/word/document.xml", b"/word/tekst.bin").replace(b"word/document.xml",
                                                                                             b"word/tekst.bin")
            dst.writestr(name, content)
    return out.getvalue()


def hidden_entity_docx() -> bytes:
    return hidden_docx(zipfile.ZipFile(io.BytesIO(entity_docx())).read("word/document.xml"))


def hidden_flood_docx() -> bytes:
    return hidden_docx(_document_xml(b"<w:p/>" * 25_000))
