"""The draft raadsvoorstel and the raadsbesluit with the ordinance as its bijlage (issue 11, item 2).

Both are built from the plan's answers, the draft ordinance and, when the plan has one, its route to adoption. The
stable prose is in handreiking/documents/raadsvoorstel.yaml; the words of the body type come from
ordinance.wording, so a province gets a statenvoorstel and a statenbesluit and a water board a besluit of its
algemeen bestuur. What the plan does not answer yet becomes an open point, never a gap.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from app.services.adoption.planner import AdoptionContentError, Route
from app.services.adoption.timeline import DEADLINE, LAW_IN_FORCE, Timeline
from app.services.core import yaml_files
from app.services.core.content import Content
from app.services.core.numbers import format_euros
from app.services.documents.model import Document, ListBlock, PageBreak, Table
from app.services.documents.registry import DocumentKind, register
from app.services.ordinance.documents import add_articles
from app.services.ordinance.model import Ordinance, open_marker
from app.services.ordinance.wording import BODY_WORDING, capfirst, dutch_date, enumerate_nl, for_body, lowerfirst

TEXTS_FILE = Path("documents") / "raadsvoorstel.yaml"
_REQUIRED = ("names", "voorstel", "besluit", "open_points")


@dataclass
class AdoptionInput:
    """What the two documents are made of; built from the database by `input_for_plan`."""
    organisation: str
    body_type: str
    #: the plan's effective answers by question key
    answers: dict[str, Any]
    ordinance: Ordinance
    #: the planned route, when the plan has a schedule or dates of its own
    route: Route | None = None
    #: who is consulted on the draft: "adviesraad", "inwoners" or "beide"
    consultation_with: str | None = None
    #: the labels of the values chosen in step 3, in the words of the body type
    values: list[str] = field(default_factory=list)
    #: the plan's one timeline: every date these documents print comes from it
    timeline: Timeline | None = None

    def day(self, key: str) -> date | None:
        """The timeline's date of a route step (None while the plan has no dates: an open point)."""
        return self.timeline.date_of(key) if self.timeline is not None else _step_date(self.route, key)

    def in_force(self) -> date | None:
        """The date of entry into force the user chose (the timeline's), or the route's target."""
        if self.timeline is not None:
            return self.timeline.inwerkingtreding
        return self.route.target if self.route is not None else None


def _answer_text(doc: Document, lead: str, text: str) -> None:
    """An answer after its lead-in: lines that start with "-", "*" or "•" become a real list, not inline dashes."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    bullets = [line.lstrip("-*• ").strip() for line in lines if line[:1] in "-*•"]
    prose = " ".join(line for line in lines if line[:1] not in "-*•")
    doc.paragraph(f"{lead} {prose}".strip())
    if bullets:
        doc.add(ListBlock(bullets))


@lru_cache(maxsize=8)
def load_texts(path: str, required: tuple[str, ...] = _REQUIRED) -> dict:
    """The content file; a missing part (of `required`) stops with the file and the part it lacks."""
    try:
        data = yaml_files.load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise AdoptionContentError(f"{path}: {exc}") from exc
    missing = [key for key in required if not isinstance(data, dict) or key not in data]
    if missing:
        raise AdoptionContentError(f"{path}: ontbreekt: {', '.join(missing)}")
    return data


class _Words(dict):
    """The words of one body type for the content's {placeholders}."""

    def __init__(self, texts: dict, source: AdoptionInput):
        body_type = source.body_type if source.body_type in BODY_WORDING else "gemeente"
        body = BODY_WORDING[body_type]
        names = texts["names"][body_type]
        super().__init__(raad=body["raad"], Raad=capfirst(str(body["raad"])), college=body["college_voluit"],
                         College=capfirst(str(body["college_voluit"])), bestuur=body["bestuur"],
                         grondslag=body["grondslag"], wet=body["wet"], naam=source.organisation,
                         Raad_van=capfirst(str(body["raad_van"])), citeertitel=source.ordinance.citeertitel,
                         Voorstel=names["voorstel"], Besluit=names["besluit"], voorstel=names["voorstel"].lower(),
                         besluit=names["besluit"].lower())
        self.body = body

    def fill(self, text: str, **more: Any) -> str:
        return " ".join(str(text).split()).format_map({**self, **more})


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _step_date(route: Route | None, key: str) -> date | None:
    step = next((s for s in route.steps if s.key == key), None) if route else None
    return route.scheduled(step) if step else None


def _money(value: Any) -> str:
    """A typed budget (a number) in euros, "€ 12.500,50", as other documents write it; an older free text as is."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_euros(value)
    return str(value or "")


def _open(doc: Document, key: str, label: str) -> str:
    """An open point: listed at the end of the document and highlighted where the text needs it."""
    if label not in doc.open_points:
        doc.open_points.append(label)
    return open_marker(key, f"[nog te bepalen: {label}]")


def _old_ordinance(doc: Document, answers: dict) -> str | None:
    if not answers.get("inspraakverordening_intrekken"):
        return None
    return str(answers.get("inspraakverordening_naam") or "") or _open(
        doc, "inspraakverordening_naam", "De citeertitel van de huidige inspraakverordening (stap 8)")


def build_raadsvoorstel(source: AdoptionInput, texts: dict) -> Document:
    words = _Words(texts, source)
    t = texts["voorstel"]
    answers, route = source.answers, source.route
    doc = Document(kind="raadsvoorstel", title=f"{words['Voorstel']}: {source.ordinance.citeertitel}",
                   subject=f"{capfirst(str(words.body['soort']))} {source.organisation}",
                   keywords=f"{words['voorstel']}; participatieverordening; {source.organisation}",
                   category=source.organisation)
    doc.paragraph(words.fill(t["intro"]), style="note")
    header, opens = t["header"], texts["open_points"]
    proposed, adopted, in_force = source.day("collegebesluit"), source.day("raad"), source.in_force()
    doc.add(Table([header["onderwerp"], words.fill(header["onderwerp_tekst"])], [
        [header["portefeuillehouder"], str(answers.get("portefeuillehouder") or "") or _open(
            doc, "portefeuillehouder", words.fill(opens["portefeuillehouder"]))],
        [header["agendapunt"], str(answers.get("agendapunt") or "") or _open(
            doc, "agendapunt", words.fill(opens["agendapunt"]))],
        [header["datum"], dutch_date(proposed) if proposed else _open(
            doc, "voorstel_datum", words.fill(opens["voorstel_datum"]))],
        [words.fill(header["raad"]), dutch_date(adopted) if adopted else _open(
            doc, "vaststelling_datum", words.fill(opens["vaststelling_datum"]))],
    ]))
    sections = t["sections"]

    doc.heading(sections["beslispunten"], 1)
    points = [words.fill(t["beslispunt_vaststellen"])]
    old = _old_ordinance(doc, answers)
    if old:
        points.append(words.fill(t["beslispunt_intrekken"], oude=old))
    doc.add(ListBlock(points, numbered=True))

    doc.heading(sections["aanleiding"], 1)
    before = adopted is not None and adopted < LAW_IN_FORCE
    late = adopted is not None and adopted >= DEADLINE
    doc.paragraph(words.fill(t["aanleiding"], wet_sinds=t["wet_sinds_voor" if before else "wet_sinds_na"],
                             termijn=words.fill(t["termijn_na" if late else "termijn_voor"])))
    if answers.get("huidige_praktijk"):
        _answer_text(doc, words.fill(t["aanleiding_praktijk"]), str(answers["huidige_praktijk"]))

    doc.heading(sections["beoogd_effect"], 1)
    doc.paragraph(words.fill(t["beoogd_effect"]))
    for key, template in (("ambitie", "beoogd_effect_ambitie"), ("doelen", "beoogd_effect_doelen")):
        if answers.get(key):
            _answer_text(doc, words.fill(t[template]), str(answers[key]))
        else:
            doc.paragraph(f"{words.fill(t[template])} {_open(doc, key, words.fill(texts['open_points'][key]))}")

    doc.heading(sections["argumenten"], 1)
    for n, argument in enumerate(t["argumenten"], 1):
        doc.heading(f"{n}. {words.fill(argument['title'])}", 2)
        doc.paragraph(words.fill(argument["text"]))
        if n == 1 and answers.get("uitdaagrecht_opnemen") is not False:
            doc.paragraph(words.fill(t["argument_uitdaagrecht"]))
        if n == 2:
            if source.values:
                doc.paragraph(words.fill(t["argument_waarden"], tekst=enumerate_nl(source.values)))
            if answers.get("burgerinitiatief"):
                doc.paragraph(words.fill(t["argument_burgerinitiatief"]))

    doc.heading(sections["kanttekeningen"], 1)
    doc.paragraph(words.fill(t["kanttekeningen"]))
    if source.ordinance.open_points:
        doc.paragraph(words.fill(t["kanttekening_open"], aantal=len(source.ordinance.open_points)))
    if source.ordinance.findings:  # their texts are for the jurist, in the annex of the draft ordinance
        doc.paragraph(words.fill(t["kanttekening_bevindingen"], aantal=len(source.ordinance.findings)))
    if route is not None and not route.feasible and in_force is not None:
        doc.paragraph(words.fill(t["kanttekening_niet_haalbaar"], streefdatum=dutch_date(in_force),
                                 vroegst=dutch_date(route.earliest_entry)))

    doc.heading(sections["financien"], 1)
    doc.paragraph(words.fill(t["financien"]))
    period = answers.get("programma_periode")
    activities = [a for a in answers.get("uitvoeringsactiviteiten") or [] if isinstance(a, dict)]
    # the budget in euros; a plan saved before budgets had their own field keeps its free text
    budgets = [(a, a["budget"] if a.get("budget") not in (None, "") else a.get("middelen")) for a in activities]
    costs = [[str(a.get("activiteit") or ""), _money(budget)] for a, budget in budgets if budget]
    total = sum(a["budget"] for a in activities if isinstance(a.get("budget"), (int, float)))
    if period:
        doc.paragraph(words.fill(t["financien_periode"], tekst=period))
    if costs:
        doc.add(Table(list(t["financien_kolommen"]), costs,
                      footer=[t["financien_totaal"], format_euros(total)] if total else None))
    if not period and not costs:
        doc.paragraph(_open(doc, "uitvoeringsprogramma", texts["open_points"]["programma"]))

    doc.heading(sections["participatie"], 1)
    doc.paragraph(words.fill(t["participatie"]))
    consultation = next((s for s in route.steps if s.key == "consultatie"), None) if route else None
    if consultation is not None:
        with_whom = t["participatie_met"].get(source.consultation_with or "adviesraad", "")
        day = source.day("consultatie")
        doc.paragraph(words.fill(t["participatie_consultatie"], met=with_whom, weken=consultation.weeks,
                                 datum=dutch_date(day) if day else t["afgerond"]))
    elif route is not None:
        doc.paragraph(words.fill(t["participatie_geen_consultatie"]))
    else:
        doc.paragraph(_open(doc, "route", texts["open_points"]["route"]))

    doc.heading(sections["vervolg"], 1)
    doc.paragraph(words.fill(t["vervolg"]))
    doc.paragraph(words.fill(t["vervolg_inwerkingtreding"], datum=dutch_date(in_force) if in_force else _open(
        doc, "inwerkingtreding", words.fill(opens["inwerkingtreding"]))))
    if route is not None:
        doc.paragraph(words.fill(t["vervolg_planning"]))
        rows, estimated = [], False
        for step in route.steps:
            day = source.day(step.key)
            guess = day is not None and not step.fixed and step.meeting is not None and (
                step.latest_estimated if route.feasible else step.earliest_estimated)
            estimated = estimated or guess
            rows.append([step.label, (dutch_date(day) if day else t["afgerond"]) + (
                f" {t['estimated']}" if guess else "")])
        doc.add(Table([t["table"]["stap"], t["table"]["datum"]], rows))
        if estimated:
            doc.paragraph(words.fill(t["vervolg_schatting"]), style="note")
    else:
        doc.paragraph(_open(doc, "route", texts["open_points"]["route"]))
    return doc


def build_raadsbesluit(source: AdoptionInput, texts: dict) -> Document:
    words = _Words(texts, source)
    t = texts["besluit"]
    answers, route = source.answers, source.route
    doc = Document(kind="raadsbesluit", title=words.fill(t["title"]),
                   subject=f"{capfirst(str(words.body['soort']))} {source.organisation}",
                   keywords=f"{words['besluit']}; participatieverordening; {source.organisation}",
                   category=source.organisation)
    proposed, adopted = source.day("collegebesluit"), source.day("raad")
    doc.paragraph(words.fill(t["opening"]), style="aanhef")
    doc.paragraph(words.fill(t["gelezen"], datum=dutch_date(proposed) if proposed else _open(
        doc, "voorstel_datum", words.fill(texts["open_points"]["voorstel_datum"]))), style="aanhef")
    doc.paragraph(words.fill(t["gelet"]), style="aanhef")
    doc.paragraph(words.fill(t["besluit"]), style="aanhef")
    decisions = [words.fill(t["vaststellen"])]
    old = _old_ordinance(doc, answers)
    if old:
        decisions.append(words.fill(t["intrekken"], oude=old))
    for n, decision in enumerate(decisions, 1):
        doc.paragraph(decision, label=f"{n}." if len(decisions) > 1 else "", indent=1 if len(decisions) > 1 else 0,
                      style="aanhef")
    doc.paragraph("")
    doc.paragraph(words.fill(t["ondertekening"], datum=dutch_date(adopted) if adopted else _open(
        doc, "vaststelling_datum", words.fill(texts["open_points"]["vaststelling_datum"]))), style="signing")
    doc.paragraph(f"{capfirst(str(words.body['voorzitter']))},", style="signing")
    doc.paragraph(f"{capfirst(str(words.body['griffier']))},", style="signing")

    doc.add(PageBreak())
    doc.heading(words.fill(t["bijlage"]), 1)
    add_articles(doc, source.ordinance, level=2)
    return doc


# --- from the database: the registered builders ----------------------------------------------------------------

def now() -> datetime:
    """The current moment; tests replace it to fix 'today' for the route."""
    from app.services.adoption import timeline
    return timeline.now()


def input_for_plan(plan, content: Content, today: date | None = None) -> AdoptionInput:
    """The plan's answers, its draft ordinance with the jurist's own texts, and its route when it has a schedule.
    `today` is the date of the concept: the route starts there and the ordinance's check compares the plan's dates
    with it, so the raadsvoorstel counts the findings the annex of the draft ordinance lists."""
    from app.services.plans import exchange as plan_io
    from app.services.adoption import schedules
    from app.services.adoption.planner import today_in_amsterdam
    from app.services.ordinance import article_texts, build_ordinance

    handreiking = content.handreiking
    plan_input = plan_io.plan_input(plan, content, today=today or today_in_amsterdam(now()))
    ordinance = build_ordinance(content.clause_library, handreiking, plan_input, today=today)
    article_texts.apply(ordinance, article_texts.texts_for(plan))
    schedule = schedules.schedule_of(plan)
    timeline = plan_input.timeline
    route = timeline.route if timeline is not None and timeline.planned else None
    found = handreiking.find_question("waarden")
    values = [lowerfirst(for_body(found[1].option_label(v), plan_input.body_type))
              for v in plan_input.answers.get("waarden") or []] if found else []
    return AdoptionInput(plan_input.organisation, plan_input.body_type, plan_input.answers, ordinance, route,
                         schedule.consultation_with if schedule is not None else None, values, timeline)


def _texts(content: Content) -> dict:
    return load_texts(str(content.folder / TEXTS_FILE))


def raadsvoorstel_for_plan(plan, content: Content, today: date | None = None) -> Document:
    return build_raadsvoorstel(input_for_plan(plan, content, today), _texts(content))


def raadsbesluit_for_plan(plan, content: Content, today: date | None = None) -> Document:
    return build_raadsbesluit(input_for_plan(plan, content, today), _texts(content))


register(DocumentKind("raadsvoorstel", "Raadsvoorstel", "plan", raadsvoorstel_for_plan))
register(DocumentKind("raadsbesluit", "Raadsbesluit", "plan", raadsbesluit_for_plan))
