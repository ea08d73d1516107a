"""The ordinance on the shared document model (app/services/documents/model.py), so the one DOCX writer writes it.

Chapters are Heading 1, articles Heading 2 with the choice notes (and the jurist's own-text note) as a Word comment,
numbered members "1." at indent 1, lettered parts "a." at indent 2 (indent 1 in an article without numbered members).
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from app.services.core import audit
from app.services.core import body_types
from app.services.core.audit import AuditAction
from app.services.documents import model as documents
from app.services.documents.model import Document, PageBreak
from app.services.documents.registry import DocumentKind, register
from app.services.ordinance.check import check_status
from app.services.ordinance.model import Article, Ordinance
from app.services.ordinance.wording import dutch_date

if TYPE_CHECKING:  # for type hints only: article_texts reads the database
    from app.services.ordinance.article_texts import OwnText
    from app.services.ordinance.changes import Block
    from app.services.core.content import Content

KIND = "verordening"

OWN_TEXT_NOTE = "Eigen tekst van de jurist"
OUTDATED_NOTE = ("Let op: de antwoorden waarop deze tekst steunde, zijn gewijzigd. Vergelijk de eigen tekst met de "
                 "nieuwe gemaakte tekst in de Participatie-assistent.")


def own_text_note(own: "OwnText") -> str:
    """The comment at an article with the jurist's own text."""
    by = f" ({own.author}, {dutch_date(own.updated_at.date())})" if own.author else ""
    return (f"{OWN_TEXT_NOTE}{by}: deze tekst vervangt de gemaakte tekst."
            + (f" {OUTDATED_NOTE}" if own.outdated else ""))


CHECK_ANNEX = "Controle van dit concept (de jurist verwijdert deze bijlage voordat het voorstel naar {raad} gaat)"


def check_annex_title(body_type: str) -> str:
    """The annex heading, with the body that receives the proposal (provinciale staten, het algemeen bestuur)."""
    return CHECK_ANNEX.format(raad=body_types.body(body_type).wording["raad"])
LEVELS = {"fout": "Fout", "waarschuwing": "Waarschuwing"}
ORPHAN_NOTE = ("Deze eigen tekst van de jurist hoort bij een artikel dat na een wijziging van de antwoorden niet "
               "meer in de verordening staat. Hij staat daarom in geen artikel; hij is wel bewaard en komt terug als "
               "het artikel terugkomt. Neem hem zo nodig over in een ander artikel, of verwijder hem in de "
               "Participatie-assistent.")


def add_check(doc: documents.Document, ordinance: Ordinance,
              own_texts: "dict[str, OwnText] | None" = None) -> None:
    """The check in the document: a comment at each article a finding concerns, and an annex at the end with the
    status, the findings and the open points."""
    by_article: dict[str, list[str]] = {}
    for f in ordinance.findings:
        if f.article_key:
            by_article.setdefault(f.article_key, []).append(f"{LEVELS.get(f.level, f.level)}: {f.message}")
    headings = {a.heading: a.key for a in ordinance.articles()}
    for block in doc.blocks if by_article else []:
        key = headings.get(block.text) if isinstance(block, documents.Heading) and block.level == 2 else None
        if key in by_article:
            block.comments.append("Controle\n" + "\n".join(by_article[key]))

    def where(keys: list[str]) -> str:
        numbers = [f"artikel {a.number}" for a in map(ordinance.article, keys) if a]
        return f" — {', '.join(numbers)}" if numbers else ""

    status = check_status(ordinance)
    doc.add(documents.PageBreak())
    doc.heading(check_annex_title(ordinance.body_type), 1)
    doc.paragraph(f"Status: {status.label}. {status.explanation}")
    doc.heading(f"Bevindingen ({len(ordinance.findings)})", 2)
    doc.add(documents.ListBlock([f"{LEVELS.get(f.level, f.level)}: {f.message}"
                                 + where([f.article_key] if f.article_key else []) for f in ordinance.findings]))
    if not ordinance.findings:
        doc.paragraph("De controle heeft geen bevindingen.")
    doc.heading(f"Open punten in dit concept ({len(ordinance.open_points)})", 2)
    doc.add(documents.ListBlock([f"{point.label} (stap {point.step_number}){where(point.articles)}"
                                 for point in ordinance.open_points]))
    if not ordinance.open_points:
        doc.paragraph("Alle keuzes zijn gemaakt.")
    orphans = sorted((own for own in (own_texts or {}).values() if own.orphan), key=lambda own: own.key)
    if orphans:  # own texts of articles the answers no longer produce: kept, but in no article
        doc.heading(f"Eigen tekst bij een artikel dat niet meer voorkomt ({len(orphans)})", 2)
        doc.paragraph(ORPHAN_NOTE)
        for own in orphans:
            by = f" ({own.author}, {dutch_date(own.updated_at.date())})" if own.author else ""
            doc.add(documents.ListBlock([f"{own.label}{by}:"]))
            for line in own.body.split("\n"):
                doc.paragraph(line)


def ordinance_document(ordinance: Ordinance, own_texts: "dict[str, OwnText] | None" = None) -> Document:
    """The whole draft as a jurist receives it: text, signing, toelichting and the check annex."""
    organisation = ordinance.organisation
    doc = Document(kind=KIND, title=ordinance.title, subject=f"{ordinance.body_type.capitalize()} {organisation}",
                   keywords=f"participatieverordening; {organisation}", category=organisation)
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
            doc.paragraph(part.text, style="part", label=f"{part.letter}." if part.letter else "",
                          indent=2 if member.number else 1)


def ordinance_for_plan(plan, content: Content, today: date | None = None) -> Document:
    """The registered builder: the draft as the team sees it, with the jurist's own article texts; `today` is the
    date of the concept, which the check compares the plan's dates with."""
    from app.services.plans import exchange as plan_io
    from app.services.ordinance import article_texts, build_ordinance

    ordinance = build_ordinance(content.clause_library, content.handreiking, plan_io.plan_input(plan, content, today),
                                today=today)
    return ordinance_document(ordinance, article_texts.apply(ordinance, article_texts.texts_for(plan)))


register(DocumentKind(KIND, "Participatieverordening", "plan", ordinance_for_plan))

CHANGES_KIND = "wijzigingen"


def changes_document(after: Ordinance, blocks: "list[Block]", old_name: str, new_name: str) -> Document:
    """The newer draft with everything that differs from the older one (changes.compare) as tracked changes, for
    the DOCX writer's tracked mode: every paragraph as pieces kept, inserted and deleted."""
    doc = Document(kind=CHANGES_KIND, title=after.title, status="",
                   description=f"Wijzigingen van “{old_name}” naar “{new_name}”.")
    doc.paragraph(f"Dit document toont de wijzigingen van “{old_name}” naar “{new_name}” als bijgehouden "
                  f"wijzigingen. Neem ze in Word over of wijs ze af via Controleren.", style="note")
    for block in blocks:
        (style, indent), text = block.style, block.old if block.new is None else block.new
        pieces = [("equal", block.new or "")] if block.new == block.old else block.words()
        revision = "insert" if block.old is None else "delete" if block.new is None else ""
        if style == "heading":
            doc.add(documents.Heading(indent, text, pieces=pieces, revision=revision))
        else:
            doc.paragraph(text, style=style, indent=indent, pieces=pieces, revision=revision)
    return doc

def record_download(plan, file: str, *, by, **detail) -> None:
    """The draft ordinance (or its changes between two versions) left the assistant as a Word file."""
    audit.record_download(plan, AuditAction.ORDINANCE_DOWNLOAD, by=by, file=file, **detail)
