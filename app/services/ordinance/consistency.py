"""Answers in different steps that contradict each other. Each rule is data: the article the finding belongs to
(the first of `articles` in the ordinance, else the first article the rule's questions decide), when it fires,
and what the jurist reads."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Mapping

from app.services.core import body_types
from app.services.ordinance.model import Finding, Ordinance
from app.services.ordinance.wording import dutch_date
from app.services.plans.deadline import DEADLINE as LEGAL_DEADLINE
from app.services.questions.answers import is_empty, other_key

Answers = Mapping[str, Any]


def _chosen(answers: Answers, key: str) -> list:
    value = answers.get(key)
    return value if isinstance(value, list) else []


def _answered_without(answers: Answers, key: str, option: str) -> bool:
    """The question is answered, and `option` is not among the ticked options (unanswered is an open point)."""
    return bool(_chosen(answers, key)) and option not in _chosen(answers, key)


def _date(answers: Answers, key: str) -> date | None:
    try:
        return date.fromisoformat(str(answers.get(key)))
    except ValueError:
        return None


def _after(answers: Answers, earlier: str, later: str, same_day_too: bool = False) -> bool:
    """`later` is not after `earlier` although it must be."""
    first, second = _date(answers, earlier), _date(answers, later)
    if first is None or second is None:
        return False
    return second < first or (same_day_too and second == first)


@dataclass(frozen=True)
class Rule:
    name: str
    #: the articles the finding belongs to, in order of preference
    articles: tuple[str, ...]
    #: the questions involved; without one of `articles`, the first article one of them decides
    keys: tuple[str, ...]
    fires: Callable[[Answers], bool]
    level: str
    #: with {raad}, {college} and {bestuur}, filled in for the body type
    message: str

    def text(self, body_type: str) -> str:
        return self.message.format_map(body_types.body(body_type).wording)


RULES: tuple[Rule, ...] = (
    Rule("uitdaagrecht_niet_als_vorm", ("uitdaagrecht",), ("uitdaagrecht_opnemen", "participatie_vormen"),
         lambda a: (_answered_without(a, "participatie_vormen", "uitdaagrecht")
                    and a.get("uitdaagrecht_opnemen") is not False),
         "fout",
         "In stap 1 is het uitdaagrecht niet gekozen als vorm van participatie, maar in stap 5 staat het uitdaagrecht "
         "wel in de verordening. Maak de antwoorden in stap 1 en stap 5 gelijk."),
    Rule("uitdaagrecht_gekozen_niet_opgenomen", ("reikwijdte",), ("participatie_vormen", "uitdaagrecht_opnemen"),
         lambda a: "uitdaagrecht" in _chosen(a, "participatie_vormen") and a.get("uitdaagrecht_opnemen") is False,
         "fout",
         "In stap 1 is het uitdaagrecht gekozen als vorm van participatie, maar in stap 5 is gekozen het uitdaagrecht "
         "niet in de verordening op te nemen. Maak de antwoorden in stap 1 en stap 5 gelijk."),
    Rule("overheidsparticipatie_niet_als_vorm", ("ondersteuning_initiatieven", "rol_bij_initiatieven"),
         ("overheidsparticipatie_steun", "participatie_vormen"),
         lambda a: _answered_without(a, "participatie_vormen", "overheidsparticipatie")
         and not (is_empty(a.get("overheidsparticipatie_steun")) and is_empty(a.get("overheidsparticipatie_rol"))),
         "fout",
         "In stap 1 is overheidsparticipatie niet gekozen als vorm van participatie, maar in stap 5 is beschreven hoe "
         "{bestuur} initiatieven van inwoners ondersteunt. Kies overheidsparticipatie in stap 1, of laat de vragen "
         "over de ondersteuning van initiatieven in stap 5 leeg."),
    Rule("inwonersparticipatie_niet_als_vorm", ("verplichte_participatie", "besluit_over_participatie"),
         ("participatie_vormen", "verplichte_gevallen"),
         lambda a: _answered_without(a, "participatie_vormen", "inwonersparticipatie")
         and not (is_empty(a.get("wie_beslist")) and is_empty(a.get("verplichte_gevallen"))),
         "waarschuwing",
         "In stap 1 is inwonersparticipatie niet gekozen als vorm van participatie, maar in stap 4 zijn regels gekozen "
         "voor participatie bij beleid. De wet schrijft die regels voor, dus de verordening bevat ze; kies "
         "inwonersparticipatie in stap 1."),
    Rule("burgerinitiatief_zonder_initiatief_inwoners", ("burgerinitiatief",), ("burgerinitiatief", "initiatief"),
         lambda a: a.get("burgerinitiatief") is True and _answered_without(a, "initiatief", "inwoners"),
         "waarschuwing",
         "In stap 5 mogen inwoners met een burgerinitiatief een voorstel aan {raad} doen, maar in "
         "stap 4 is niet gekozen dat inwoners het initiatief tot participatie kunnen nemen. Controleer of die "
         "antwoorden samengaan."),
    Rule("participatieparagraaf_zonder_terugkoppeling_raad", ("participatieparagraaf", "terugkoppeling"),
         ("projectdocumenten", "terugkoppeling_aan"),
         lambda a: (a.get("projectdocumenten") in ("paragraaf", "beide")
                    and _answered_without(a, "terugkoppeling_aan", "raad")),
         "waarschuwing",
         "In stap 5 staat in elk voorstel aan {raad} een participatieparagraaf, maar de terugkoppeling gaat niet "
         "naar {raad}. Die paragraaf vertelt {raad} wat met de inbreng is gedaan; kies {raad} ook bij de "
         "terugkoppeling."),
    Rule("regel_zonder_uitzondering", ("besluit_over_participatie",), ("wie_beslist", "uitzonderingen"),
         lambda a: a.get("wie_beslist") == "standaard_tenzij" and is_empty(a.get("uitzonderingen"))
         and is_empty(a.get(other_key("uitzonderingen"))),
         "waarschuwing",
         "In stap 4 is participatie de regel, maar er is geen uitzondering gekozen. Dan geldt de plicht zonder "
         "uitzondering voor elk bestuursorgaan en in elke fase, ook bij spoedeisende besluiten en bij de begroting. "
         "Kies in stap 4 de uitzonderingen die u wilt, of laat een jurist bevestigen dat dit de bedoeling is."),
    Rule("uitdaagrecht_zonder_ingezetenen", ("uitdaagrecht",), ("uitdaagrecht_wie",),
         lambda a: (a.get("uitdaagrecht_opnemen") is not False
                    and _answered_without(a, "uitdaagrecht_wie", "ingezetenen")),
         "waarschuwing",
         "In stap 5 kunnen ingezetenen geen uitdaging indienen. De wet noemt het uitdaagrecht een recht van "
         "ingezetenen en maatschappelijke partijen ({grondslag}). Laat een jurist toetsen of ingezetenen mogen worden "
         "uitgesloten, of kies ingezetenen in stap 5."),
    Rule("geen_inspraakverordening", ("overgangsrecht",), ("inspraakverordening_intrekken",),
         lambda a: a.get("inspraakverordening_intrekken") is False,
         "waarschuwing",
         "In stap 8 staat dat er geen inspraakverordening is om in te trekken. Tot 1 januari 2025 moest {bestuur} een "
         "inspraakverordening hebben. Bestaat die nog, vul dan haar naam in, zodat deze verordening haar intrekt; "
         "anders gelden twee regelingen naast elkaar."),
    Rule("geen_gegarandeerde_participatie", ("besluit_over_participatie",), ("wie_beslist", "verplichte_gevallen"),
         lambda a: a.get("wie_beslist") == "eigen_bevoegdheid" and _answered_without(a, "verplichte_gevallen",
                                                                                     "grote_impact"),
         "waarschuwing",
         "In stap 4 beslist elk bestuursorgaan zelf of het participatie organiseert, en is geen beleid met grote "
         "maatschappelijke impact aangewezen waarbij participatie altijd plaatsvindt. Buiten de wettelijke gevallen "
         "garandeert de verordening dan geen participatie. Laat een jurist toetsen of dat voldoet aan {grondslag}, "
         "of kies in stap 4 gevallen waarin participatie verplicht is."),
    Rule("voorstel_na_vaststelling", (), ("vaststelling_datum", "voorstel_datum"),
         lambda a: _after(a, "voorstel_datum", "vaststelling_datum"),
         "fout",
         "In stap 8 ligt de datum van het voorstel van {college} aan {raad} na de datum waarop de verordening wordt "
         "vastgesteld. Controleer beide datums."),
    Rule("inwerkingtreding_voor_vaststelling", ("inwerkingtreding",),
         ("inwerkingtreding", "inwerkingtreding_datum", "vaststelling_datum"),
         lambda a: _after(a, "vaststelling_datum", "inwerkingtreding_datum", same_day_too=True),
         "fout",
         "De datum van inwerkingtreding in stap 8 ligt niet na de datum waarop de verordening wordt vastgesteld. "
         "Een verordening treedt pas in werking na haar bekendmaking; kies een latere datum."),
)


def consistency_findings(ordinance: Ordinance, answers: Answers, rules: tuple[Rule, ...] = RULES) -> list[Finding]:
    findings = []
    for rule in rules:
        if rule.fires(answers):
            findings.append(Finding(rule.level, rule.text(ordinance.body_type), _article_for(ordinance, rule)))
    return findings


def _article_for(ordinance: Ordinance, rule: Rule) -> str | None:
    for key in rule.articles:
        if ordinance.article(key):
            return key
    for key in rule.keys:
        for article in ordinance.articles():
            if any(note.question_key == key for note in article.choices):
                return article.key
    return None


def dated_findings(ordinance: Ordinance, answers: Answers, today: date | None) -> list[Finding]:
    """The plan's dates compared with the date of the concept (`today`, passed in): a concept cannot have been
    adopted already, and before the legal deadline a missing or late date of vaststelling is worth a warning."""
    adopted = _date(answers, "vaststelling_datum")
    words = body_types.body(ordinance.body_type).wording
    article = "inwerkingtreding" if ordinance.article("inwerkingtreding") else None
    findings = []
    if today is not None and today < LEGAL_DEADLINE and (adopted is None or adopted >= LEGAL_DEADLINE):
        findings.append(Finding("waarschuwing", "De wet vraagt dat de participatieverordening uiterlijk op "
                                f"{dutch_date(LEGAL_DEADLINE)} in werking is getreden. "
                                + ("Er is nog geen datum van vaststelling gekozen"
                                   if adopted is None else f"De datum van vaststelling ({dutch_date(adopted)}) ligt "
                                                           "niet vóór die dag")
                                + f"; plan de vergadering van {words['raad']} zo dat de verordening op tijd kan "
                                  "worden bekendgemaakt.", article))
    if today is None or adopted is None or adopted >= today:
        return findings
    return findings + [Finding("waarschuwing",
                               f"De datum van vaststelling in stap 8 ({dutch_date(adopted)}) ligt vóór de datum "
                               f"van dit concept ({dutch_date(today)}). Kies de datum van de vergadering waarin "
                               f"{words['raad']} de verordening nog "
                               f"{'vaststellen' if words['raad'] == 'provinciale staten' else 'vaststelt'}.",
                               article)]
