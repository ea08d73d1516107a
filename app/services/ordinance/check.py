"""The legal check of a built ordinance: what a jurist would look for first."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

from app.services.core.text import _, ngettext  # outside an app context they return the Dutch text itself
from app.services.ordinance.consistency import consistency_findings
from app.services.ordinance.model import Finding, OpenPoint, Ordinance
from app.services.ordinance.wording import BODY_WORDING
from app.services.questions.answers import missing_required

if TYPE_CHECKING:
    from app.services.questions.handreiking import Handreiking
    from app.services.ordinance.library import ClauseLibrary

MANDATORY = {
    "voorbereiding": "betrokkenheid bij de voorbereiding van beleid",
    "uitvoering": "betrokkenheid bij de uitvoering van beleid",
    "evaluatie": "betrokkenheid bij de evaluatie van beleid",
    "inspraak": "inspraak",
    "uitdaagrecht": "het uitdaagrecht",
}


def run_checks(ordinance: Ordinance, library: "ClauseLibrary", handreiking: "Handreiking", answers: Mapping[str, Any],
               used_terms: dict[str, set[str]], broken_refs: list[tuple[str | None, str]]) -> None:
    """Complete the open points with the unanswered required questions and add every finding to the ordinance."""
    ordinance.open_points = sorted(ordinance.open_points + unanswered_questions(ordinance, handreiking, answers),
                                   key=lambda p: (p.step_number, p.label))
    ordinance.findings = (check_ordinance(ordinance, library, used_terms, broken_refs)
                          + consistency_findings(ordinance, answers))


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


def unanswered_questions(ordinance: Ordinance, handreiking: "Handreiking",
                         answers: Mapping[str, Any]) -> list[OpenPoint]:
    """Required questions still open in unfinished steps that the text itself does not mark: a step that is not
    finished leaves the plan incomplete even where the ordinance has no blank for it."""
    known = {p.key for p in ordinance.open_points}
    return [OpenPoint(key=q.key, label=q.label, step_number=step.number)
            for step in handreiking.steps for q in missing_required(step, answers) if q.key not in known]


COMPLETE, COMPLETE_WITH_FINDINGS, INCOMPLETE = "compleet", "compleet_met_bevindingen", "onvolledig"
#: every choice is made, but a finding of level "fout" is open: never "compleet"
FAULTY = "fouten"


@dataclass(frozen=True)
class CheckStatus:
    """The one verdict shown in the preview, on the step overview and in the DOCX annex."""
    state: str
    open_points: int
    findings: int
    faults: int = 0

    @property
    def label(self) -> str:
        if self.state == INCOMPLETE:
            return ngettext("onvolledig: %(num)s open punt", "onvolledig: %(num)s open punten", self.open_points)
        if self.state == FAULTY:
            return ngettext("niet gereed: %(num)s fout", "niet gereed: %(num)s fouten", self.faults)
        if self.state == COMPLETE_WITH_FINDINGS:
            return _("compleet met bevindingen")
        return _("compleet")

    @property
    def explanation(self) -> str:
        if self.state == INCOMPLETE:
            return _("Er zijn nog keuzes of verplichte vragen open. Beantwoord de open punten voordat een jurist het "
                     "concept beoordeelt.")
        if self.state == FAULTY:
            return ngettext("Alle keuzes zijn gemaakt, maar de controle vond %(num)s fout in de tekst. Herstel die "
                            "voordat een jurist het concept beoordeelt.", "Alle keuzes zijn gemaakt, maar de controle "
                            "vond %(num)s fouten in de tekst. Herstel die voordat een jurist het concept beoordeelt.",
                            self.faults)
        if self.state == COMPLETE_WITH_FINDINGS:
            return ngettext("Alle keuzes zijn gemaakt; de controle heeft %(num)s bevinding die een jurist moet "
                            "bekijken.", "Alle keuzes zijn gemaakt; de controle heeft %(num)s bevindingen die een "
                            "jurist moet bekijken.", self.findings)
        return _("Alle keuzes zijn gemaakt en de controle vond geen gebrek van de soorten die zij kent: verplichte "
                 "onderdelen, begrippen, verwijzingen, opsommingen, woorden van een ander soort bestuur, "
                 "tegenstrijdige antwoorden en aantekeningen in de tekst. Dat is geen juridisch oordeel; een "
                 "juridische toets blijft nodig.")


def check_status(ordinance: Ordinance) -> CheckStatus:
    faults = sum(1 for f in ordinance.findings if f.level == "fout")
    if ordinance.open_points:
        state = INCOMPLETE
    elif faults:
        state = FAULTY
    else:
        state = COMPLETE_WITH_FINDINGS if ordinance.findings else COMPLETE
    return CheckStatus(state, len(ordinance.open_points), len(ordinance.findings), faults)
