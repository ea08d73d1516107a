"""The yearly benchmark report: the organisation's position per theme and its lowest success factors, as a
shared-model Document (the DOCX writer renders it). It names only the organisation itself, never another."""
from __future__ import annotations

from app.models import Organisation
from app.services.core.text import _
from app.services.documents.model import Document, Table
from app.services.zelfscan.benchmark import MIN_OTHERS, SIZE_LABELS, Comparison, position
from app.services.zelfscan.zelfscan import ZelfscanContent, lowest_success_factors, one_decimal

BAR_WIDTH = 10  # characters for a score of 5: half a point each


def bar(score: float | None) -> str:
    """A bar of block characters: Word has no inline SVG, and a table cell keeps the figure beside it."""
    if score is None:
        return ""
    filled = round(score / 5 * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def build_report(organisation: Organisation, comparison: Comparison, content: ZelfscanContent) -> Document:
    year = comparison.year
    doc = Document(kind="benchmarkrapport", title=_("Benchmarkrapport %(year)s", year=year),
                   subject=organisation.display_name[:1].upper() + organisation.display_name[1:],
                   status=_("Definitief"))
    doc.paragraph(_("Dit rapport zet de zelfscan %(year)s van %(name)s naast die van vergelijkbare organisaties: "
                    "dezelfde soort organisatie en grootteklasse, met een zelfscan over hetzelfde jaar, die ook "
                    "aan de benchmark deelnemen. Namen van andere organisaties staan er nooit in.",
                    year=year, name=organisation.display_name))
    klass = SIZE_LABELS.get(comparison.size_class or "", None)
    doc.paragraph(_("Vergelijkingsgroep: %(type)s, %(klass)s.", type=organisation.body_type,
                    klass=klass or _("grootteklasse onbekend (vul het aantal inwoners in)")))
    if not comparison.own:
        doc.paragraph(_("Uw organisatie heeft voor %(year)s geen zelfscan ingevuld.", year=year))
        return doc
    if not comparison.participating:
        doc.paragraph(_("Uw organisatie neemt niet deel aan de benchmark; dit rapport toont alleen uw eigen scores."))
    elif not comparison.verified:
        doc.paragraph(_("Uw organisatie is nog niet geverifieerd; pas daarna telt zij mee in de benchmark en ziet "
                        "zij de groep. Daarom staan hieronder alleen uw eigen scores."))
    elif not comparison.enough:
        doc.paragraph(_("Nog te weinig vergelijkbare deelnemers (minimaal %(min)s); daarom staan hieronder alleen "
                        "uw eigen scores.", min=MIN_OTHERS))
    doc.heading(_("Uw positie per thema"), level=1)
    doc.add(Table(columns=[_("Thema"), _("Uw score"), _("Grafiek (1–5)"), _("Positie in de groep")],
                  rows=[[t.title, one_decimal(comparison.own.get(t.key)), bar(comparison.own.get(t.key)),
                         position(comparison.own.get(t.key), comparison.distributions.get(t.key)) or "–"]
                        for t in content.themes],
                  caption=_("Gemiddelde score per thema, van 1 (helemaal oneens) tot 5 (helemaal eens)")))
    if comparison.participating:
        doc.heading(_("Verdeling in de groep"), level=1)
        rows = []
        for theme in content.themes:
            dist = comparison.distributions.get(theme.key)
            rows.append([theme.title, *([one_decimal(v) for v in (dist.minimum, dist.q1, dist.median, dist.q3,
                                                                  dist.maximum)] if dist
                                        else [_("te weinig deelnemers")] + [""] * 4)])
        doc.add(Table(columns=[_("Thema"), _("Laagste"), _("1e kwartiel"), _("Mediaan"), _("3e kwartiel"),
                               _("Hoogste")], rows=rows,
                      caption=_("Gemiddelde scores van de vergelijkbare deelnemers, zonder uw organisatie")))
    doc.heading(_("Succesfactoren met de laagste score"), level=1)
    lowest = lowest_success_factors(content, comparison.own)
    doc.add(Table(columns=[_("Succesfactor"), _("Uw score"), _("Mediaan van de groep")],
                  rows=[[t.title, one_decimal(comparison.own.get(t.key)),
                         one_decimal(comparison.distributions[t.key].median) if comparison.distributions.get(t.key)
                         else _("te weinig deelnemers")] for t in lowest],
                  caption=_("De succesfactoren waarop uw organisatie het laagst scoort")))
    doc.paragraph(_("Bespreek deze succesfactoren in het team en met het bestuur: wat is nodig om ze te versterken?"),
                  style="note")
    return doc
