"""The gap report as a document: the same findings as the page, on the shared document model, so the one DOCX writer
writes it and a jurist can keep it with the file of the old ordinance."""
from __future__ import annotations

from app.services.core.text import _, ngettext
from app.services.documents.model import Document, ListBlock, Table
from app.services.questions.answers import display_value
from app.services.reader.report import GapReport, Quote

KIND = "leesrapport"
STATUS = {"found": "Geregeld", "partial": "Deels geregeld", "missing": "Ontbreekt"}


def _quotes(quotes: list[Quote]) -> list[str]:
    return [q.article if q.text == q.article else f"{q.article}: “{q.text}”" for q in quotes]


def report_document(report: GapReport) -> Document:
    doc = Document(kind=KIND, title=_("Wat de verordening regelt"), subject=report.title,
                   keywords=_("participatieverordening; inlezen; %(title)s", title=report.title),
                   category=report.body_type, status=_("Overzicht"))
    doc.paragraph(report.title, style="note")
    found = ngettext("De assistent vond %(num)s artikel.", "De assistent vond %(num)s artikelen.", report.article_count)
    doc.paragraph(found + " " + _("Dit overzicht is een hulpmiddel, geen juridisch oordeel: de zinnen staan erbij, "
                                   "zodat u zelf kunt nagaan of de assistent ze goed heeft gelezen."))

    doc.heading(_("Wat de wet vraagt"), 1)
    rows = []
    for e in report.elements:
        said = [e.message] if e.message else []
        said += _quotes(e.quotes)
        if e.exclusions:
            said.append(_("Uitgesloten in de tekst:"))
            said += _quotes(e.exclusions)
        if e.check:
            said.append(_("Let op:") + " " + e.check)
        rows.append([f"{e.title} ({e.ground})", _(STATUS.get(e.status, e.status)), " ".join(said)])
    doc.add(Table([_("Onderdeel"), _("Status"), _("Wat de tekst zegt")], rows, caption=_("Verplichte onderdelen")))

    doc.heading(_("Wat verouderd lijkt"), 1)
    if report.outdated:
        for o in report.outdated:
            doc.paragraph(o.message)
            doc.add(ListBlock(_quotes(o.quotes)))
    else:
        doc.paragraph(_("De assistent zag geen tekenen van een verouderde tekst."))

    doc.heading(_("De beslispunten van de handreiking"), 1)
    doc.heading(ngettext("%(num)s beslispunt staat in de tekst", "%(num)s beslispunten staan in de tekst",
                         len(report.found_decisions)), 2)
    for d in report.found_decisions:
        doc.heading(_("Stap %(number)s", number=d.step) + " — " + d.question.label, 3)
        if d.value is not None:
            doc.paragraph(_("Voorgesteld antwoord:") + " " + display_value(d.question, d.value))
        else:
            doc.paragraph(_("Genoemd, maar de tekst geeft geen antwoord dat de assistent kan overnemen."))
        doc.add(ListBlock(_quotes(d.quotes)))
    doc.heading(ngettext("%(num)s beslispunt ontbreekt", "%(num)s beslispunten ontbreken",
                         len(report.missing_decisions)), 2)
    doc.add(ListBlock([_("Stap %(number)s", number=d.step) + " — " + d.question.label
                       for d in report.missing_decisions]))
    return doc
