"""The legal check of a built ordinance: what a jurist would look for first."""
from __future__ import annotations

from typing import TYPE_CHECKING

from app.services.ordinance.model import Finding, Ordinance
from app.services.ordinance.wording import BODY_WORDING

if TYPE_CHECKING:
    from app.services.ordinance.library import ClauseLibrary

MANDATORY = {
    "voorbereiding": "betrokkenheid bij de voorbereiding van beleid",
    "uitvoering": "betrokkenheid bij de uitvoering van beleid",
    "evaluatie": "betrokkenheid bij de evaluatie van beleid",
    "inspraak": "inspraak",
    "uitdaagrecht": "het uitdaagrecht",
}


def check_ordinance(ordinance: Ordinance, library: "ClauseLibrary", used_terms: dict[str, set[str]],
                    broken_refs: list[tuple[str | None, str]]) -> list[Finding]:
    findings: list[Finding] = []
    covered = {c for a in ordinance.articles() for c in a.covers}
    for element, description in MANDATORY.items():
        if element in covered:
            continue
        if element == "uitdaagrecht":
            ground = ("artikel 150 Gemeentewet" if ordinance.body_type == "gemeente"
                      else BODY_WORDING.get(ordinance.body_type, {}).get("grondslag", "de wettelijke grondslag"))
            findings.append(Finding("waarschuwing", "De verordening regelt het uitdaagrecht niet. Bronnen verschillen "
                                    "over de vraag of dit verplicht is: laat een jurist dit toetsen aan de wettekst "
                                    f"({ground})."))
        else:
            findings.append(Finding("fout", f"Verplicht onderdeel ontbreekt: {description}."))

    defined = _defined_terms(ordinance)
    for term in sorted(defined - set(used_terms)):
        findings.append(Finding("fout", f"Het begrip “{term}” is gedefinieerd maar wordt nergens gebruikt."))
    for term in sorted(set(used_terms) - defined):
        where = ", ".join(sorted(k for k in used_terms[term] if k))
        findings.append(Finding("fout", f"Het begrip “{term}” wordt gebruikt ({where}) maar is niet gedefinieerd."))

    for source, target in broken_refs:
        findings.append(Finding("fout", f"Een verwijzing naar “{target}” wijst naar een artikel dat niet in deze "
                                "verordening staat.", source))

    expected = 1
    for article in ordinance.articles():
        if article.number != expected:
            findings.append(Finding("fout", f"De nummering springt van artikel {expected - 1} naar {article.number}.",
                                    article.key))
        expected = article.number + 1
        if not article.members or not any(m.text or m.parts for m in article.members):
            findings.append(Finding("fout", f"{article.heading} is leeg.", article.key))
    if ordinance.body_type != "gemeente":
        # The verbs follow the number of body.raad (ww() in the clause texts); grounds and names still need a jurist.
        findings.append(Finding("waarschuwing", "De teksten zijn geschreven voor gemeenten. Controleer voor een "
                                f"{ordinance.body_type} de wettelijke grondslag en de namen van de organen."))
        grounds = " ".join(ordinance.aanhef)
        for law, topic in (("Omgevingswet", "verplichte participatie bij buitenplanse omgevingsplanactiviteiten"),
                           ("Participatiewet", "cliëntparticipatie in het sociaal domein")):
            if law in grounds:
                findings.append(Finding("waarschuwing", f"De grondslag voor {topic} ({law}) geldt voor gemeenten. "
                                        f"Laat een jurist nagaan of een {ordinance.body_type} deze regels kan "
                                        "stellen, of laat dit onderdeel weg."))
    return findings


def _defined_terms(ordinance: Ordinance) -> set[str]:
    return {t for a in ordinance.articles() for t in a.defined_terms}
