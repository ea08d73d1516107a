"""The ordinance as a document model: what the DOCX and the HTML preview both render."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

# Open points travel inside the text; the markers belong to every document (app/services/documents/model.py).
from app.services.documents.model import OPEN_END, OPEN_SEP, OPEN_START, open_marker, plain, segments  # noqa: F401


@dataclass
class Part:
    letter: str
    text: str


@dataclass
class Member:
    number: int | None
    text: str
    parts: list[Part] = field(default_factory=list)
    #: typed by the user (an own wording) or the jurist (an own article text), not made from the clause library
    own: bool = False


@dataclass
class ChoiceNote:
    """Why an article reads as it does: the choice made and the alternatives there were."""
    question_key: str
    question_label: str
    step_number: int
    chosen: str
    alternatives: list[str]
    #: the municipality's own wording next to the options; the jurist weaves it into the text
    own_wording: str | None = None

    def sentence(self) -> str:
        text = (f"Deze tekst volgt uit de keuze bij “{self.question_label}” (stap {self.step_number}): "
                f"{self.chosen}.")
        if self.alternatives:
            text += " Andere mogelijkheden: " + "; ".join(self.alternatives) + "."
        if self.own_wording:
            text += (f" Eigen formulering: “{self.own_wording}”. Juridische toets nodig: deze eigen formulering is "
                     "in de tekst overgenomen zoals zij is ingevuld; laat een jurist haar toetsen voordat de "
                     "verordening wordt vastgesteld.")
        return text


@dataclass
class Article:
    key: str
    number: int
    title: str
    members: list[Member]
    explanation: list[str]
    covers: list[str] = field(default_factory=list)
    choices: list[ChoiceNote] = field(default_factory=list)
    #: the terms this article defines (only the definitions article has any)
    defined_terms: list[str] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"Artikel {self.number}. {self.title}"

    def full_text(self) -> str:
        lines = []
        for m in self.members:
            lines.append(plain(m.text))
            lines.extend(plain(p.text) for p in m.parts)
        return "\n".join(lines)


@dataclass
class Chapter:
    key: str
    number: int
    title: str
    articles: list[Article]

    @property
    def heading(self) -> str:
        return f"Hoofdstuk {self.number}. {self.title}"


@dataclass
class Section:
    title: str
    paragraphs: list[str]


@dataclass
class OpenPoint:
    """A decision the plan has not made yet, with the question that settles it."""
    key: str
    label: str
    step_number: int
    articles: list[str] = field(default_factory=list)


@dataclass
class Finding:
    level: str  # "fout" or "waarschuwing"
    message: str
    article_key: str | None = None
    #: "tekst" for a finding of the check on the final text (finaltext.py), made again after own texts are applied
    kind: str = ""


@dataclass
class Ordinance:
    title: str
    citeertitel: str
    organisation: str
    body_type: str
    aanhef: list[str]
    chapters: list[Chapter]
    signing: list[str]
    general_explanation: list[Section]
    open_points: list[OpenPoint] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: the terms of art the clause library can define: the final-text check wants each one defined where it is used
    known_terms: frozenset[str] = frozenset()

    def articles(self) -> Iterator[Article]:
        for c in self.chapters:
            yield from c.articles

    def article(self, key: str) -> Article | None:
        return next((a for a in self.articles() if a.key == key), None)
