"""Build the ordinance model from a plan's answers: select clauses, number them, resolve references."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.services.core import body_types
from app.services.ordinance.check import run_checks
from app.services.ordinance.consistency import dated_findings
from app.services.ordinance.finaltext import recheck
from app.services.ordinance.library import ArticleDef, ClauseLibrary, Text
from app.services.ordinance.model import (Article, Chapter, ChoiceNote, Finding, Member, OpenPoint, Ordinance, Part,
                                          Section, open_marker)
from app.services.ordinance.wording import (BODY_WORDING, capfirst, dutch_date, enumerate_nl, for_body, lowerfirst,
                                            verb_for_college, verb_for_raad)
from app.services.questions.answers import clean_text, is_empty, other_key
from app.services.questions.handreiking import Handreiking

#: the names the closing report may have (question verslag_naam); the defined term follows the choice
REPORT_NAMES = ("participatieverslag", "afrondingsverslag", "eindverslag")
DEFAULT_CHOSEN = "niet beantwoord; de tekst volgt de standaardregeling die de assistent dan kiest"
_PREPOSITION_END = re.compile(r"\b(van|op|met|door|over|voor|bij|naar|tot|om|in)\s*:$")
#: words a user types around a list item that the sentence introducing it already says ("uitgezonderd zijn …",
#: "… blijven uitgezonderd"): without them the item fits the sentence ("kan geen betrekking hebben op: …")
_ITEM_FRAME_START = re.compile(r"^(uitgezonderd( zijn)?|zijn uitgezonderd|met uitzondering van|behalve)\b\s*:?\s*",
                               re.I)
_ITEM_FRAME_END = re.compile(r"[\s,]+(blijven|zijn|worden)( daarom| altijd)? uitgezonderd$", re.I)
_LAST_PART_END = re.compile(r"(;\s*(en|of)?|,)\s*$")


@dataclass
class PlanInput:
    """What the engine needs of a plan; built from the database or from an exported plan file."""
    organisation: str
    body_type: str
    answers: dict[str, Any]  # effective answers: hidden questions already left out
    #: the plan's timeline (app/services/adoption/timeline.py) whose dates are in `answers`; None from a file
    timeline: Any = None


class _Answers(dict):
    """Missing answers read as None inside templates, so conditions can test them plainly."""
    def __missing__(self, key: str) -> None:
        return None


@dataclass
class _State:
    handreiking: Handreiking
    answers: _Answers
    body_type: str = "gemeente"
    numbers: dict[str, int] = field(default_factory=dict)
    open_points: dict[str, OpenPoint] = field(default_factory=dict)
    used_terms: dict[str, set[str]] = field(default_factory=dict)
    broken_refs: list[tuple[str | None, str]] = field(default_factory=list)
    own_placed: set[str] = field(default_factory=set)
    current: str | None = None
    in_definitions: bool = False
    #: a defined term the plan gives another name ("participatieverslag" -> "afrondingsverslag", stap 5)
    renamed: dict[str, str] = field(default_factory=dict)

    def rename(self, text: str) -> str:
        for old, new in self.renamed.items():
            text = re.sub(rf"\b{old}", new, text)
            text = re.sub(rf"\b{capfirst(old)}", capfirst(new), text)
        return text

    # --- helpers offered to the clause templates --------------------------------------------
    def open(self, key: str) -> str:
        found = self.handreiking.find_question(key)
        label = for_body(found[1].label, self.body_type) if found else key
        step = found[0].number if found else 0
        point = self.open_points.setdefault(key, OpenPoint(key=key, label=label, step_number=step))
        if self.current and self.current not in point.articles:
            point.articles.append(self.current)
        return open_marker(key, f"[nog te bepalen: {label.rstrip('?')}]")

    def answer(self, key: str) -> str:
        value = self.answers.get(key)
        if is_empty(value):
            return self.open(key)
        if isinstance(value, bool):
            return "ja" if value else "nee"
        if isinstance(value, list):
            return enumerate_nl([str(v) for v in value])
        return str(value)

    def label(self, key: str) -> str:
        value = self.answers.get(key)
        found = self.handreiking.find_question(key)
        if is_empty(value) or not found:
            return self.open(key)
        question = found[1]
        if isinstance(value, list):
            return enumerate_nl([for_body(lowerfirst(question.option_label(v)), self.body_type) for v in value])
        return for_body(lowerfirst(question.option_label(value)), self.body_type)

    def eigen(self, key: str) -> str:
        """Free text as a paragraph of its own: capitalised, ending in a full stop. Never put it inside a sentence."""
        value = self.answers.get(key)
        if is_empty(value):
            return self.open(key)
        text = str(value).strip().rstrip(" ;,:")
        return capfirst(text) + ("" if text.endswith((".", "!", "?")) else ".")

    def item(self, key: str) -> str:
        """Free text as a list item of its own: lower-case start, ending in a semicolon."""
        value = self.answers.get(key)
        if is_empty(value):
            return self.open(key) + ";"
        text = _ITEM_FRAME_END.sub("", _ITEM_FRAME_START.sub("", str(value).strip().rstrip(" .;,:")))
        return lowerfirst(text.strip() or str(value).strip().rstrip(" .;,:")) + ";"

    def datum(self, key: str) -> str:
        value = self.answers.get(key)
        if is_empty(value):
            return self.open(key)
        try:
            return dutch_date(date.fromisoformat(str(value)))
        except ValueError:
            return self.open(key)

    def has(self, key: str, value: str) -> bool:
        current = self.answers.get(key)
        return isinstance(current, list) and value in current

    def ref(self, key: str) -> str:
        if key not in self.numbers:
            self.broken_refs.append((self.current, key))
            return f"[verwijzing naar ontbrekend artikel: {key}]"
        return f"artikel {self.numbers[key]}"

    def term(self, name: str) -> str:
        name = self.rename(name)
        if not self.in_definitions:
            self.used_terms.setdefault(name, set()).add(self.current or "")
        return name


def _citeertitel(plan: PlanInput) -> str:
    custom = plan.answers.get("citeertitel")
    return str(custom) if custom else f"Participatieverordening {plan.organisation}"


def build_ordinance(library: ClauseLibrary, handreiking: Handreiking, plan: PlanInput,
                    today: date | None = None) -> Ordinance:
    """The draft ordinance for the plan's answers. With `today` (the date of the concept; never read from the clock
    here), the check also compares the plan's dates with it."""
    answers = _Answers(_clean(plan.answers))
    state = _State(handreiking, answers, plan.body_type if plan.body_type in BODY_WORDING else "gemeente")
    if answers.get("verslag_naam") in REPORT_NAMES and answers.get("verslag_naam") != "participatieverslag":
        state.renamed["participatieverslag"] = answers["verslag_naam"]
    body = body_types.body(plan.body_type).wording
    citeertitel = _citeertitel(plan)
    context = {
        "a": answers, "naam": plan.organisation, "body": body, "citeertitel": citeertitel,
        "answer": state.answer, "label": state.label, "open": state.open, "datum": state.datum,
        "has": state.has, "ref": state.ref, "term": state.term, "ww": verb_for_raad(body),
        "wc": verb_for_college(body), "eigen": state.eigen, "item": state.item,
    }

    def holds(condition) -> bool:
        return condition is None or bool(condition(**context))

    def render(text: Text | Any) -> str:
        template = text.template if isinstance(text, Text) else text
        rendered = template.render(**context).strip()
        return state.rename(rendered) if state.renamed else rendered

    # First pass: which chapters and articles are in, and their numbers, so references resolve.
    selected: list[tuple[Any, list[ArticleDef]]] = []
    for chapter in library.chapters:
        if not holds(chapter.when):
            continue
        articles = [a for a in chapter.articles if holds(a.when)]
        if articles:
            selected.append((chapter, articles))
    number = 0
    for _, articles in selected:
        for a in articles:
            number += 1
            state.numbers[a.key] = number

    chapters = []
    for chapter_number, (chapter, articles) in enumerate(selected, 1):
        built = [_build_article(a, state, holds, render, handreiking) for a in articles]
        chapters.append(Chapter(chapter.key, chapter_number, chapter.title, built))

    state.current = None
    ordinance = Ordinance(
        title=render(library.title), citeertitel=citeertitel, organisation=plan.organisation,
        body_type=plan.body_type,
        aanhef=[render(line) for line in library.aanhef if holds(line.when)],
        chapters=chapters,
        signing=[render(line) for line in library.signing if holds(line.when)],
        general_explanation=[Section(s.title, _paragraphs(render(s.text)))
                             for s in library.general_explanation if holds(s.text.when)],
    )
    ordinance.open_points = list(state.open_points.values())
    ordinance.known_terms = frozenset(library.defined_terms())
    run_checks(ordinance, library, handreiking, answers, state.used_terms, state.broken_refs)
    ordinance.findings += _choices_for_another_body(plan.body_type, state) + _own_wording_findings(ordinance)
    ordinance.findings += dated_findings(ordinance, answers, today)
    recheck(ordinance)
    return ordinance


def _build_article(a: ArticleDef, state: _State, holds, render, handreiking: Handreiking) -> Article:
    state.current = a.key
    members: list[tuple[str, list[str]]] = []
    defined: list[str] = []
    if a.definitions:
        state.in_definitions = True
        terms = sorted(((state.rename(d.term), render(d.text)) for d in a.definitions if holds(d.text.when)),
                       key=lambda t: t[0].lower())
        defined = [t for t, _ in terms]
        members.append(("In deze verordening wordt verstaan onder:", [f"{t}: {text};" for t, text in terms], False))
    for m in a.members:
        if not holds(m.text.when):
            continue
        text = render(m.text)
        parts = [render(p.text) for p in m.parts if holds(p.text.when)]
        if m.parts and not parts:
            continue  # a member that introduces parts means nothing without them
        if text or parts:
            members.append((text, parts, False))
    for key in a.own_text:
        # An own wording next to (or instead of) the options changes the rule: it becomes a member of its own, and
        # the choice note asks for a legal review. Placed once, in the first article that takes it.
        if not is_empty(state.answers.get(other_key(key))) and key not in state.own_placed:
            state.own_placed.add(key)
            members.append((state.eigen(other_key(key)), [], True))
    state.in_definitions = False
    numbered = len(members) > 1
    built_members = []
    for i, (text, parts, own) in enumerate(members, 1):
        if parts:
            parts[-1] = _LAST_PART_END.sub(".", parts[-1])
        letters = "abcdefghijklmnopqrstuvwxyz"
        # A list of one is no list: its only item joins the sentence that introduces it, inside the numbered member
        # (no loose line outside the lid, no "a." without "b."). After a preposition the colon goes ("door middel
        # van een enquête"); elsewhere it stays ("wijzen in ieder geval de volgende taak aan: …").
        if len(parts) == 1 and text.endswith(":"):
            head = text[:-1] if _PREPOSITION_END.search(text) else text
            text, parts = f"{head} {parts[0]}", []
        labels = [letters[j % 26] * (1 + j // 26) for j in range(len(parts))] if len(parts) > 1 else [""] * len(parts)
        built_members.append(Member(i if numbered else None, text,
                                    [Part(label, p) for label, p in zip(labels, parts)], own=own))
    explanation = _paragraphs(render(a.explanation))
    state.current = None
    return Article(key=a.key, number=state.numbers[a.key], title=render(a.title), members=built_members,
                   explanation=explanation, covers=list(a.covers), choices=_choice_notes(a, state, handreiking),
                   defined_terms=defined)


def _own_wording_findings(ordinance: Ordinance) -> list[Finding]:
    """An own wording in the articles is law the assistant did not write: the annex cannot call the draft complete
    until a jurist has read it."""
    findings = []
    for article in ordinance.articles():
        for m in article.members:
            if m.own:
                where = f"lid {m.number}" if m.number else "de tekst"
                findings.append(Finding("waarschuwing", f"Artikel {article.number}, {where}, is een eigen formulering "
                                        "die is overgenomen zoals zij is ingevuld. Laat een jurist haar toetsen en "
                                        "zo nodig inpassen (verwijzingen, begrippen, uitzonderingen) voordat de "
                                        "verordening wordt vastgesteld.", article.key))
    return findings


_LEFT_EMPTY = re.compile(r"(?:Laat u dit leeg|Kiest u niets), dan ([^.]*\.)")


def _default_chosen(help_text: str, body_type: str) -> str:
    """What an unanswered question means for the text, as the question's help says it ("Laat u dit leeg, dan geldt
    acht weken.")."""
    found = _LEFT_EMPTY.search(help_text or "")
    if not found:
        return DEFAULT_CHOSEN
    return f"niet beantwoord; daarom {for_body(found.group(1).rstrip('.'), body_type)}"


def _choices_for_another_body(body_type: str, state: _State) -> list[Finding]:
    """Choices the law only allows a gemeente: they are left out of the articles, and the jurist hears why."""
    if body_type == "gemeente":
        return []
    findings = []
    if state.has("verplichte_gevallen", "omgevingswet"):
        findings.append(Finding("waarschuwing", "De grondslag voor verplichte participatie bij buitenplanse "
                                "omgevingsplanactiviteiten (Omgevingswet) geldt voor gemeenten: artikel 16.55, zevende "
                                "lid, van de Omgevingswet geeft die bevoegdheid aan de gemeenteraad. De keuze staat "
                                "daarom niet in de artikelen; laat een jurist dit bevestigen.",
                                "verplichte_participatie"))
    if state.answers.get("clientparticipatie"):
        findings.append(Finding("waarschuwing", "De grondslag voor cliëntparticipatie in het sociaal domein "
                                "(Participatiewet) geldt voor gemeenten, net als die in de Wmo 2015 en de Jeugdwet. De "
                                "keuze staat daarom niet in de artikelen; laat een jurist dit bevestigen."))
    return findings


def _choice_notes(a: ArticleDef, state: _State, handreiking: Handreiking) -> list[ChoiceNote]:
    notes = []
    for key in a.decided_by:
        found = handreiking.find_question(key)
        if not found:
            continue
        step, q = found
        if q.show_if is not None and not q.show_if.holds(state.answers):
            continue  # a question the plan does not ask (hidden by another answer) decides nothing here
        value = state.answers.get(key)
        body = state.body_type
        options = [(v, for_body(label, body)) for v, label in q.kind.choices(q)]
        picked = [] if is_empty(value) else q.kind.chosen(q, value)
        # a free answer (no options) is shown as typed
        point = state.open_points.get(key)
        still_open = point is not None and a.key in point.articles
        # An unanswered question the text does not leave blank has a default: the note says so, not "open".
        chosen = enumerate_nl([next((label for v, label in options if v == p), str(p)) for p in picked]) if picked \
            else "nog niet gekozen" if still_open else _default_chosen(q.help, body)
        alternatives = [label for v, label in options if v not in picked]
        own = state.answers.get(q.other_key) if q.allow_other else None
        notes.append(ChoiceNote(key, for_body(q.label, body), step.number, chosen, alternatives,
                                own_wording=own or None))
    return notes


def _clean(value: Any) -> Any:
    """Answers may come from an imported file: strip what a Word document cannot hold."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split("\n")).strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
