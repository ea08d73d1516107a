"""The publication version of the adoption decision, for the Gemeenteblad (Provinciaal blad, Waterschapsblad)
through KOOP's DROP: the besluit, the regeling and the toelichting as separate parts, after one page with the
metadata a jurist types into DROP's form (citeertitel, grondslag, dates, the regulation it repeals).

The besluit is the raadsbesluit of documents.py itself (its opening, decisions and signing), so the two never
differ, and every date is read the way the raadsbesluit reads it (the plan's one timeline:
`AdoptionInput.day` and `in_force`): one date, one place. What DROP's Word import expects and what could not be confirmed is in
docs/publicatie.md. The stable prose is in handreiking/documents/publicatie.yaml.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from app.services.adoption import documents
from app.services.adoption.documents import (AdoptionInput, _old_ordinance, _open, _texts,
                                             _Words, build_raadsbesluit, input_for_plan)
from app.services.core import body_types
from app.services.core.content import Content
from app.services.core.text import _l
from app.services.documents.model import Document, PageBreak, Paragraph, Table
from app.services.documents.registry import DocumentKind, register
from app.services.ordinance.documents import add_articles
from app.services.ordinance.wording import capfirst, dutch_date

TEXTS_FILE = Path("documents") / "publicatie.yaml"
_REQUIRED = ("title", "gegevens", "regeling", "vaststellen", "toelichting", "open_points")


def load_texts(path: str) -> dict:
    """The publication's content file, read (and kept) as the other adoption documents' texts are."""
    return documents.load_texts(path, _REQUIRED)


def entry_into_force(doc: Document, source: AdoptionInput, texts: dict, blad: str) -> str:
    """When the ordinance takes effect, as the plan says it: a fixed date, or the day after publication (with the
    date the route expects), or an open point."""
    answers, g = source.answers, texts["gegevens"]
    planned = source.in_force()  # the timeline's date, the one every other document prints
    if answers.get("inwerkingtreding") == "vaste_datum":
        if planned:
            return dutch_date(planned)
    elif answers.get("inwerkingtreding") == "dag_na_bekendmaking":
        text = g["dag_na_bekendmaking"].format(blad=blad)
        return f"{text} ({g['verwacht'].format(datum=dutch_date(planned))})" if planned else text
    elif planned:
        return dutch_date(planned)
    return _open(doc, "inwerkingtreding", texts["open_points"]["inwerkingtreding"])


def build_publication(source: AdoptionInput, besluit_texts: dict, texts: dict) -> Document:
    words = _Words(besluit_texts, source)
    route = body_types.body(source.body_type).route
    blad = route["blad"]
    ordinance = source.ordinance
    doc = Document(kind="publicatie", title=words.fill(texts["title"]),
                   subject=f"{capfirst(str(words.body['soort']))} {source.organisation}",
                   keywords=f"{words['besluit']}; participatieverordening; DROP; {source.organisation}",
                   category=source.organisation)

    # Page 1: what the jurist types into DROP.
    g = texts["gegevens"]
    doc.heading(g["heading"], 1)
    doc.paragraph(words.fill(g["intro"]), style="note")
    adopted = source.day("raad")
    old = _old_ordinance(doc, source.answers)
    rows = [[g["citeertitel"], ordinance.citeertitel],
            [g["soort"], g["soort_waarde"]],
            [g["orgaan"], capfirst(route["raad"])],
            [g["grondslag"], capfirst(str(words.body["grondslag"]))],
            [g["vaststelling"], dutch_date(adopted) if adopted else _open(
                doc, "vaststelling_datum", words.fill(besluit_texts["open_points"]["vaststelling_datum"]))],
            [g["inwerkingtreding"], entry_into_force(doc, source, texts, blad)],
            [g["intrekking"], old or g["geen_intrekking"]],
            [g["blad"], capfirst(blad.removeprefix("het "))]]
    doc.add(Table(list(g["columns"]), rows))
    doc.add(PageBreak())

    # The besluit: the raadsbesluit itself, up to its bijlage; its signing moves below the regeling.
    besluit = build_raadsbesluit(source, besluit_texts)
    for point in besluit.open_points:
        if point not in doc.open_points:
            doc.open_points.append(point)
    cut = next(i for i, block in enumerate(besluit.blocks) if isinstance(block, PageBreak))
    decision = [b for b in besluit.blocks[:cut] if not (isinstance(b, Paragraph) and b.style == "signing")]
    signing = [b for b in besluit.blocks[:cut] if isinstance(b, Paragraph) and b.style == "signing"]
    doc.paragraph(besluit.title, style="title")  # the opschrift
    adopt = words.fill(besluit_texts["besluit"]["vaststellen"])
    for block in decision:
        if isinstance(block, Paragraph) and block.text == adopt:  # the regeling follows here, not as a bijlage
            block = replace(block, text=words.fill(texts["vaststellen"]))
        if not (isinstance(block, Paragraph) and not block.text):
            doc.add(block)

    # The regeling: chapters as Heading 1, articles as Heading 2, members and parts as in the ordinance.
    doc.paragraph(words.fill(texts["regeling"]["heading"]), style="title")
    add_articles(doc, ordinance, level=1)
    doc.paragraph("")
    for block in signing:
        doc.add(block)

    # The toelichting: its own part.
    t = texts["toelichting"]
    doc.add(PageBreak())
    doc.heading(t["heading"], 1)
    doc.heading(t["algemeen"], 2)
    for section in ordinance.general_explanation:
        doc.heading(section.title, 3)
        for paragraph in section.paragraphs:
            doc.paragraph(paragraph)
    doc.heading(t["artikelsgewijs"], 2)
    for article in ordinance.articles():
        doc.heading(article.heading, 3)
        for paragraph in article.explanation:
            doc.paragraph(paragraph)
    return doc


def _publication_texts(content: Content) -> dict:
    return load_texts(str(content.folder / TEXTS_FILE))


def publication_for_plan(plan, content: Content, today: date | None = None) -> Document:
    return build_publication(input_for_plan(plan, content, today), _texts(content), _publication_texts(content))


register(DocumentKind("publicatie", "Publicatieversie voor DROP", "plan", publication_for_plan,
                      summary=_l("Het besluit, de regeling en de toelichting als aparte delen, zoals DROP ze inleest, "
                                 "met de gegevens voor het invoerscherm; ook als PDF/A."), pdf=True))
