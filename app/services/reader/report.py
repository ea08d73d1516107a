"""The gap report: what an existing ordinance says per legal element and per decision point, what it lacks, what
looks outdated, and the answers its text supports (the pre-fill)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.services.core.text import _
from app.services.questions.answers import check_value
from app.services.questions.handreiking import Handreiking, Question
from app.services.reader.articles import Ordinance
from app.services.reader.rules import Decision, Rules

QUOTE_LIMIT = 300
_WORD_NUMBERS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
                 "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
                 "zestien": 16, "twintig": 20}


@dataclass(frozen=True)
class Quote:
    article: str  # "Artikel 3 Inspraak", or "Titel en aanhef"
    text: str


@dataclass
class ElementResult:
    title: str
    ground: str
    status: str  # "found", "partial" or "missing"
    quotes: list[Quote]
    message: str = ""
    check: str = ""
    #: sentences that exclude a part of the element ("geen inspraak over de uitvoering"): shown, never counted
    exclusions: list[Quote] = field(default_factory=list)


@dataclass
class DecisionResult:
    step: int
    step_title: str
    question: Question
    quotes: list[Quote]
    value: Any = None  # the answer the text supports, or None


@dataclass
class OutdatedResult:
    message: str
    quotes: list[Quote]


@dataclass
class GapReport:
    title: str
    body_type: str
    article_count: int
    chapters: list[str]
    elements: list[ElementResult]
    outdated: list[OutdatedResult]
    decisions: list[DecisionResult]
    prefill: dict[int, dict[str, Any]] = field(default_factory=dict)

    @property
    def found_decisions(self) -> list[DecisionResult]:
        return [d for d in self.decisions if d.quotes]

    @property
    def missing_decisions(self) -> list[DecisionResult]:
        return [d for d in self.decisions if not d.quotes]


Line = tuple[str, str]  # (where, text)


def _article_lines(ordinance: Ordinance, within: tuple[re.Pattern, ...] = ()) -> list[Line]:
    lines: list[Line] = []
    for article in ordinance.articles:
        texts = [article.title, *article.lines] if article.title else list(article.lines)
        if within and not any(p.search(t) for p in within for t in texts):
            continue
        lines.extend((article.label, t) for t in article.lines)
        if article.title:  # a heading such as "Artikel 3 Uitdaagrecht" says what the article regulates
            lines.append((article.label, article.label))
    return lines


def _title_lines(ordinance: Ordinance) -> list[Line]:
    return [(_("Titel en aanhef"), t) for t in ordinance.preamble]


def _quote(where: str, text: str, match: re.Match) -> Quote:
    if len(text) <= QUOTE_LIMIT:
        return Quote(where, text)
    start = max(0, match.start() - 120)
    end = min(len(text), start + QUOTE_LIMIT)
    return Quote(where, ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else ""))


def _search(lines: list[Line], patterns: tuple[re.Pattern, ...]) -> list[tuple[Quote, re.Match]]:
    hits = []
    for where, text in lines:
        for pattern in patterns:
            if match := pattern.search(text):
                hits.append((_quote(where, text, match), match))
                break
    return hits


# A word that turns a sentence into an exclusion when it comes before the match in the same sentence ("Er wordt geen
# inspraak verleend met betrekking tot de uitvoering"), or a phrase that does so after it in the same clause
# ("Inspraak over de uitvoering van beleid wordt niet verleend").
_NEGATION_BEFORE = re.compile(r"\b(geen|niet|nooit|uitgezonderd|uitgesloten|behalve|met uitzondering van)\b", re.I)
_NEGATION_AFTER = re.compile(r"^[^,;.]*?\b((wordt|worden|is|zijn|geldt|gelden|vindt|vinden)\s+(niet|geen)\b|"
                             r"uitgesloten|uitgezonderd|niet\s+van\s+toepassing)", re.I)
_ITEM = re.compile(r"^\s*[a-z]{1,2}[.)]\s")


def _excluding(text: str, match: re.Match, intro: str = "") -> bool:
    """The match stands in a sentence that excludes it, or in a list item under an excluding intro ("Er wordt geen
    inspraak verleend:" followed by "b. over de uitvoering …")."""
    start = max(text.rfind(".", 0, match.start()), text.rfind(";", 0, match.start()), text.rfind(":", 0, match.start()))
    sentence_start = start + 1 if start > 2 else 0  # "1. " numbers a lid; it ends no sentence
    if _NEGATION_BEFORE.search(text[sentence_start:match.start()]):
        return True
    if _NEGATION_AFTER.search(text[match.end():]):
        return True
    return bool(intro and _ITEM.match(text) and _NEGATION_BEFORE.search(intro))


def _element_hits(ordinance: Ordinance, patterns: tuple[re.Pattern, ...]) -> tuple[list[Quote], list[Quote]]:
    """(covering quotes, excluding quotes) for one part of a legal element, read in the articles."""
    covering, excluding = [], []
    for article in ordinance.articles:
        intro = ""
        covers, excludes = [], []
        for text in article.lines:
            for pattern in patterns:
                if match := pattern.search(text):
                    quote = _quote(article.label, text, match)
                    (excludes if _excluding(text, match, intro) else covers).append(quote)
                    break
            if not _ITEM.match(text):
                intro = text if text.rstrip().endswith(":") else ""
        # A heading ("Artikel 3 Inspraak") says what the article regulates, unless its text only excludes it.
        if article.title and not (excludes and not covers) and any(p.search(article.label) for p in patterns):
            covers.append(Quote(article.label, article.label))
        covering += covers
        excluding += excludes
    return covering, excluding


def _unique(quotes: list[Quote]) -> list[Quote]:
    return list(dict.fromkeys(quotes))


def _number(raw: str) -> int | None:
    raw = raw.lower().replace(".", "")
    if raw.isdecimal():
        return int(raw)
    return _WORD_NUMBERS.get(raw)


def _decide(decision: Decision, lines: list[Line], question: Question) -> tuple[list[Quote], Any]:
    if decision.options:
        chosen, quotes = [], []
        for value, patterns in decision.options.items():
            if hits := _search(lines, patterns):
                chosen.append(value)
                quotes += [q for q, _m in hits[:2]]
        return _unique(quotes), (chosen or None)
    if decision.choose:
        for value, patterns in decision.choose:
            found = [_search(lines, (p,)) for p in patterns]
            if all(found):
                return _unique([hits[0][0] for hits in found]), value
        return [], None
    if decision.number:
        for quote, match in _search(lines, decision.number):
            groups = [g for g in match.groups() if g]
            value = next((n for n in map(_number, groups) if n is not None), None)
            if value is not None and check_value(question, value) is None:
                return [quote], value
        return [], None
    if decision.capture:
        for quote, match in _search(lines, decision.capture):
            value = match.group(1).strip()
            if value and check_value(question, value) is None:
                return [quote], value
        return [], None
    hits = _search(lines, decision.found)
    return _unique([q for q, _m in hits[:3]]), (decision.answer if hits else None)


def analyse(ordinance: Ordinance, rules: Rules, handreiking: Handreiking, body_type: str) -> GapReport:
    """Read the ordinance against the rules for the given body type (gemeente, provincie, waterschap)."""
    articles = _article_lines(ordinance)
    elements, missing_ids = [], set()
    for element in rules.elements:
        found_parts, missing_parts, excluded_parts, quotes, exclusions = [], [], [], [], []
        for part in element.parts:
            covering, excluding = _element_hits(ordinance, part.patterns)
            (found_parts if covering else missing_parts).append(part.label)
            if excluding and not covering:
                excluded_parts.append(part.label)
            quotes += covering[:2]
            exclusions += excluding[:2]
        if not missing_parts:
            status, message = "found", ""
        elif found_parts:
            status = "partial"
            message = element.partial % {"found": _join(found_parts), "missing": _join(missing_parts)}
        else:
            status, message = "missing", element.missing
        if excluded_parts:
            message += " " + _("De tekst sluit %(parts)s uitdrukkelijk uit; zo'n uitsluiting telt niet als regeling.",
                               parts=_join(excluded_parts))
        if status != "found":
            missing_ids.add(element.id)
        elements.append(ElementResult(element.title, element.grounds[body_type], status, _unique(quotes),
                                      message.strip(), element.check, _unique(exclusions)))
    outdated = []
    for signal in rules.outdated:
        if signal.when_missing and not set(signal.when_missing) <= missing_ids:
            continue
        lines = _title_lines(ordinance) if signal.where == "title" else articles
        if hits := _search(lines, signal.patterns):
            outdated.append(OutdatedResult(signal.message, _unique([q for q, _m in hits[:3]])))
    decisions, prefill = [], {}
    for decision in rules.decisions:
        step, question = handreiking.find_question(decision.key)
        lines = _title_lines(ordinance) if decision.where == "title" else _article_lines(ordinance, decision.within)
        quotes, value = _decide(decision, lines, question)
        decisions.append(DecisionResult(step.number, step.title, question, quotes, value))
        if value is not None:
            prefill.setdefault(step.number, {})[decision.key] = value
    return GapReport(title=ordinance.title, body_type=body_type, article_count=len(ordinance.articles),
                     chapters=ordinance.chapters, elements=elements, outdated=outdated,
                     decisions=sorted(decisions, key=lambda d: d.step), prefill=_shown_only(prefill, handreiking))


def _shown_only(prefill: dict[int, dict[str, Any]], handreiking: Handreiking) -> dict[int, dict[str, Any]]:
    """Drop answers to questions the step would hide given the other pre-filled answers (e.g. a period for an own
    procedure when the text chose afdeling 3.4 Awb)."""
    shown = {}
    for number, answers in prefill.items():
        step = handreiking.step(number)
        kept = {k: v for k, v in answers.items() if step.question(k).show_if is None
                or step.question(k).show_if.holds(answers)}
        if kept:
            shown[number] = kept
    return shown


def _join(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " " + _("en") + " " + labels[-1]
