"""The ordinance on the shared document model (app/services/documents/model.py), so the one DOCX writer writes it.

Chapters are Heading 1, articles Heading 2 with the choice notes (and the jurist's own-text note) as a Word comment,
numbered members "1." at indent 1, lettered parts "a." at indent 2 (indent 1 in an article without numbered members).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from app.services.documents.model import Document, PageBreak
from app.services.documents.registry import DocumentKind, register
from app.services.ordinance.docx_render import add_check, own_text_note
from app.services.ordinance.model import Article, Ordinance

if TYPE_CHECKING:  # for type hints only: article_texts reads the database
    from app.services.ordinance.article_texts import OwnText

KIND = "verordening"


def ordinance_document(ordinance: Ordinance, own_texts: "dict[str, OwnText] | None" = None) -> Document:
    """The whole draft as a jurist receives it: text, signing, toelichting and the check annex."""
    municipality = ordinance.municipality
    doc = Document(kind=KIND, title=ordinance.title, subject=f"{ordinance.body_type.capitalize()} {municipality}",
                   keywords=f"participatieverordening; {municipality}", category=municipality)
    for line in ordinance.aanhef:
        doc.paragraph(line, style="aanhef")
    add_articles(doc, ordinance, 1, own_texts, notes=True)
    doc.paragraph("")
    for line in ordinance.signing:
        doc.paragraph(line, style="signing")

    doc.add(PageBreak())
    doc.heading("Toelichting", 1)
    doc.heading("Algemeen", 2)
    for section in ordinance.general_explanation:
        doc.heading(section.title, 3)
        for paragraph in section.paragraphs:
            doc.paragraph(paragraph)
    doc.heading("Artikelsgewijs", 2)
    for article in ordinance.articles():
        doc.heading(article.heading, 3)
        for paragraph in article.explanation:
            doc.paragraph(paragraph)

    add_check(doc, ordinance, own_texts)
    return doc


def add_articles(doc: Document, ordinance: Ordinance, level: int = 1,
                 own_texts: "dict[str, OwnText] | None" = None, notes: bool = False) -> None:
    """The chapters and articles: in the ordinance itself (with the notes as comments) or as a bijlage."""
    for chapter in ordinance.chapters:
        doc.heading(chapter.heading, level)
        for article in chapter.articles:
            _article(doc, article, level + 1, (own_texts or {}).get(article.key), notes)


def _article(doc: Document, article: Article, level: int, own: "OwnText | None", with_notes: bool) -> None:
    notes = [n.sentence() for n in article.choices] if with_notes else []
    if own and with_notes:
        notes.insert(0, own_text_note(own))
    doc.heading(article.heading, level, comments=["\n".join(notes)] if notes else None)
    for member in article.members:
        if member.number:
            doc.paragraph(member.text, label=f"{member.number}.", indent=1)
        else:
            doc.paragraph(member.text, style="article")
        for part in member.parts:
            doc.paragraph(part.text, style="part", label=f"{part.letter}." if part.letter else "", indent=2 if member.number else 1)


def ordinance_for_plan(plan, handreiking) -> Document:
    """The registered builder: the draft as the team sees it, with the jurist's own article texts."""
    from app import content
    from app.services import plan_io
    from app.services.ordinance import article_texts, build_ordinance

    ordinance = build_ordinance(content.clause_library(), handreiking, plan_io.plan_input(plan, handreiking))
    return ordinance_document(ordinance, article_texts.apply(ordinance, article_texts.texts_for(plan)))


register(DocumentKind(KIND, "Participatieverordening", "plan", ordinance_for_plan))
