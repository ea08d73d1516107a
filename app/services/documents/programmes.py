"""The uitvoeringsprogramma (step 6) and the leerprogramma (step 7) as documents: an introduction from the plan, a
table of activities with their period, budget and ambition and a row of totals, per ambition of step 3 the activities
that serve it, and a Gantt chart over the programme's two years."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from app.services.core import months
from app.services.core.content import Content
from app.services.core.numbers import format_euros
from app.services.core.text import _, _l, ngettext
from app.services.documents.model import Document, ListBlock, Table, Timeline, TimelineRow
from app.services.documents.registry import DocumentKind, register
from app.services.ordinance.model import open_marker
from app.services.ordinance.wording import capfirst
from app.services.plans import plans
from app.services.questions.answers import effective_answers
from app.services.questions.handreiking import Handreiking, Question

TIMELINE_MONTHS = 24  # a programme runs about two years (handreiking, step 6)
AMBITIONS = "waarden"  # the step 3 question whose answers are the ambitions activities serve


@dataclass
class Activity:
    name: str
    owner: str
    start: str | None
    end: str | None
    budget: int | float | None
    ambition: str | None
    #: what was typed before periods and budgets had their own fields
    earlier_period: str = ""
    earlier_budget: str = ""

    @property
    def period(self) -> str:
        return months.period_label(self.start, self.end) or (
            _("eerder ingevuld: %(text)s", text=self.earlier_period) if self.earlier_period else "")


@dataclass(frozen=True)
class Programme:
    """What differs between the two programmes: where their activities are and how their fields are called."""
    kind: str
    title: str
    list_key: str
    name_field: str
    owner_field: str
    step: int
    intro: str


UITVOERING = Programme(
    "uitvoeringsprogramma", _("Uitvoeringsprogramma participatie"), "uitvoeringsactiviteiten", "activiteit",
    "eigenaar", 6,
    _("Dit uitvoeringsprogramma beschrijft hoe %(name)s de participatieverordening in de praktijk brengt: welke "
      "activiteiten daarvoor nodig zijn, wie ervoor verantwoordelijk is, wanneer zij plaatsvinden, welk budget ervoor "
      "beschikbaar is en aan welke ambitie elke activiteit bijdraagt."))
LEREN = Programme(
    "leerprogramma", _("Leerprogramma participatie"), "leeractiviteiten", "wat", "wie", 7,
    _("Dit leerprogramma beschrijft hoe bestuurders, medewerkers en inwoners van %(name)s leren van de participatie "
      "onder de nieuwe verordening: wie wat leert, op welke manier, wanneer, met welk budget en voor welke ambitie. "
      "De opbrengst komt terug in de evaluatie van de verordening."))


def build_uitvoeringsprogramma(plan, content: Content, today: date | None = None) -> Document:
    return _build(UITVOERING, plan, content.handreiking)  # the planning does not depend on the date of the concept


def build_leerprogramma(plan, content: Content, today: date | None = None) -> Document:
    return _build(LEREN, plan, content.handreiking)


def activities(programme: Programme, answers: dict[str, Any]) -> list[Activity]:
    result = []
    for row in answers.get(programme.list_key) or []:
        name = row.get(programme.name_field) or row.get("activiteit") or row.get("wie") or _("(zonder naam)")
        result.append(Activity(
            name=name,
            owner=row.get(programme.owner_field, "") if programme.owner_field != programme.name_field else "",
            start=row.get("start"), end=row.get("eind") or row.get("start"), budget=row.get("budget"),
            ambition=row.get("ambitie"), earlier_period=row.get("periode", ""), earlier_budget=row.get("middelen", "")))
    return result


def ambitions(handreiking: Handreiking, answers: dict[str, Any]) -> list[tuple[str, str]]:
    """(value, label) of every ambition the plan named in step 3: the ticked values, then its own wording."""
    _step, question = handreiking.find_question(AMBITIONS)
    chosen = [(o.value, o.label) for o in question.options if o.value in (answers.get(AMBITIONS) or [])]
    own = answers.get(question.other_key)
    return chosen + ([(own, own)] if own else [])


def _build(programme: Programme, plan, handreiking: Handreiking) -> Document:
    answers = effective_answers(handreiking, plans.answers_by_step(plan))
    name = plan.organisation.display_name
    doc = Document(kind=programme.kind, title=f"{programme.title} {plan.organisation.name}", subject=capfirst(name))
    items = activities(programme, answers)
    ambition_field = _field(handreiking, programme.list_key, "ambitie")

    doc.heading(_("Inleiding"))
    doc.paragraph(programme.intro % {"name": name})
    if programme is UITVOERING:
        period = answers.get("programma_periode")
        doc.paragraph(_("Het programma geldt voor de periode %(period)s.", period=period) if period else
                      _("Het programma geldt voor de periode %(period)s.",
                        period=open_marker("programma_periode", _("[periode van het programma]"))))
        if not period:
            doc.open_points.append(_("Vul de periode van het uitvoeringsprogramma in (stap 6)."))
    if answers.get("visie"):
        doc.paragraph(_("De activiteiten geven uitvoering aan de visie op participatie die de gemeente heeft "
                        "vastgelegd:"))
        doc.paragraph(answers["visie"], style="note")

    doc.heading(_("Activiteiten"))
    if not items:
        doc.paragraph(open_marker(programme.list_key, _("[nog geen activiteiten ingevuld]")))
        doc.open_points.append(_("Vul de activiteiten in (stap %(number)s).", number=programme.step))
    else:
        _table(doc, items, ambition_field)
        for a in items:
            if not a.start:
                doc.open_points.append(_("Kies de start- en eindmaand van “%(name)s” (stap %(number)s).",
                                         name=a.name, number=programme.step))
            if a.budget is None:
                doc.open_points.append(_("Vul het budget van “%(name)s” in (stap %(number)s).",
                                         name=a.name, number=programme.step))

    doc.heading(_("Ambities en activiteiten"))
    _by_ambition(doc, programme, items, ambitions(handreiking, answers), ambition_field)

    doc.heading(_("Planning"))
    _timeline(doc, programme, items)
    return doc


def _field(handreiking: Handreiking, list_key: str, key: str) -> Question | None:
    found = handreiking.find_question(list_key)
    return next((f for f in found[1].fields if f.key == key), None) if found else None


def _ambition_label(field: Question | None, value: str | None) -> str:
    return "" if not value else field.option_label(value) if field else value


def _table(doc: Document, items: list[Activity], ambition_field: Question | None) -> None:
    rows = [[a.name, a.owner or "—", a.period or "—",
             format_euros(a.budget) if a.budget is not None else (
                 _("eerder ingevuld: %(text)s", text=a.earlier_budget) if a.earlier_budget else "—"),
             _ambition_label(ambition_field, a.ambition) or "—"] for a in items]
    total = sum((Decimal(str(a.budget)) for a in items if a.budget is not None), Decimal(0))
    starts = [a.start for a in items if a.start]
    ends = [a.end for a in items if a.end]
    whole = months.period_label(min(starts), max(ends)) if starts and ends else ""
    unknown = sum(1 for a in items if a.budget is None)
    caption = _("Bedragen in euro.")
    if unknown:
        caption += " " + ngettext("Van %(num)s activiteit is het budget nog niet bekend; het totaal telt die niet mee.",
                                  "Van %(num)s activiteiten is het budget nog niet bekend; het totaal telt die niet "
                                  "mee.", unknown)
    doc.add(Table([_("Activiteit"), _("Eigenaar"), _("Periode"), _("Budget"), _("Ambitie")], rows,
                  footer=[ngettext("Totaal (%(num)s activiteit)", "Totaal (%(num)s activiteiten)", len(items)), "",
                          whole, format_euros(total), ""],
                  caption=caption))


def _by_ambition(doc: Document, programme: Programme, items: list[Activity], named: list[tuple[str, str]],
                 ambition_field: Question | None) -> None:
    if not named:
        doc.paragraph(_("De gemeente heeft in stap 3 nog geen waarden gekozen. %(marker)s",
                        marker=open_marker(AMBITIONS, _("[kies de waarden in stap 3]"))))
        doc.open_points.append(_("Kies de waarden die centraal staan (stap 3); zij zijn de ambities van het "
                                 "programma."))
    for value, label in named:
        serving = [a.name for a in items if a.ambition == value]
        doc.heading(label, level=2)
        if serving:
            doc.add(ListBlock(serving))
        else:
            doc.paragraph(open_marker(f"{programme.list_key}.ambitie",
                                      _("[nog geen activiteit dient deze ambitie]")))
            doc.open_points.append(_("Geen enkele activiteit dient de ambitie “%(label)s” (stap %(number)s).",
                                     label=label, number=programme.step))
    known = {value for value, _label in named}
    other = [a for a in items if a.ambition and a.ambition not in known]
    if other:
        doc.heading(_("Andere ambities"), level=2)
        doc.add(ListBlock([f"{a.name} — {_ambition_label(ambition_field, a.ambition)}" for a in other]))
    loose = [a.name for a in items if not a.ambition]
    if loose:
        doc.heading(_("Nog zonder ambitie"), level=2)
        doc.add(ListBlock(loose))


def timeline_months(items: list[Activity]) -> list[str]:
    """The programme's months: TIMELINE_MONTHS from the earliest start month ("2027-01" … "2028-12")."""
    starts = [a.start for a in items if a.start]
    if not starts:
        return []
    first = months.index(min(starts))
    return [months.from_index(first + i) for i in range(TIMELINE_MONTHS)]


def _timeline(doc: Document, programme: Programme, items: list[Activity]) -> None:
    window = timeline_months(items)
    if not window:
        doc.paragraph(_("Er is nog geen activiteit met een start- en eindmaand; de planning volgt zodra die zijn "
                        "ingevuld."))
        return
    first, last = months.index(window[0]), months.index(window[-1])
    rows = []
    for a in items:
        if not a.start:
            rows.append(TimelineRow(a.name, None, None, note=a.earlier_period))
            continue
        start, end = months.index(a.start) - first, months.index(a.end or a.start) - first
        note = ""
        if end > last - first:
            note = _("loopt door na %(month)s", month=months.label(window[-1], short=True))
            end = last - first
        if start > last - first:
            rows.append(TimelineRow(a.name, None, None, note=_("begint na %(month)s",
                                                               month=months.label(window[-1], short=True))))
            continue
        rows.append(TimelineRow(a.name, start, end, note=note))
    doc.add(Timeline([months.label(m, short=True) for m in window], rows,
                     caption=_("Planning per maand, %(start)s tot en met %(end)s", start=months.label(window[0]),
                               end=months.label(window[-1]))))


register(DocumentKind("uitvoeringsprogramma", _l("Uitvoeringsprogramma"), "plan", build_uitvoeringsprogramma,
                      summary=_l("De activiteiten van stap 6 voor de komende twee jaar: wie, wanneer, met welk budget "
                                 "en voor welke ambitie, met een planning per maand.")))
register(DocumentKind("leerprogramma", _l("Leerprogramma"), "plan", build_leerprogramma,
                      summary=_l("Wie wat leert van de participatiepraktijk (stap 7), wanneer en met welk budget, "
                                 "met een planning per maand.")))
